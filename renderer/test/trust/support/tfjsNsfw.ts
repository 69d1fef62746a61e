/**
 * The NSFW classifier as it ran before the ONNX conversion: nsfwjs's own `classify` on
 * TensorFlow.js (WebAssembly backend), with the bundled MobileNetV2 read in memory. Kept only as
 * the reference the converted model is checked against (@tensorflow/* are dev dependencies).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RgbImage } from '../../../src/trust/moderation/media/nsfwClassifier';

type Tf = typeof import('@tensorflow/tfjs');
type NsfwModel = {
	classify(img: unknown, topk?: number): Promise<Array<{ className: string; probability: number }>>;
};

let loaded: Promise<{ tf: Tf; model: NsfwModel }> | undefined;

/** TensorFlow.js on its WebAssembly backend, as the service used it. */
export async function tfjs(): Promise<Tf> {
	const tf: Tf = await import('@tensorflow/tfjs');
	if (tf.getBackend() !== 'wasm') {
		const wasm = await import('@tensorflow/tfjs-backend-wasm');
		const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
		wasm.setWasmPaths({
			'tfjs-backend-wasm.wasm': join(dir, 'tfjs-backend-wasm.wasm'),
			'tfjs-backend-wasm-simd.wasm': join(dir, 'tfjs-backend-wasm-simd.wasm'),
			'tfjs-backend-wasm-threaded-simd.wasm': join(dir, 'tfjs-backend-wasm-threaded-simd.wasm'),
		});
		if (!(await tf.setBackend('wasm'))) throw new Error('setBackend(wasm) returned false');
		await tf.ready();
	}
	return tf;
}

async function load(): Promise<{ tf: Tf; model: NsfwModel }> {
	const tf = await tfjs();
	const dir = join(dirname(require.resolve('nsfwjs')), '..', 'models', 'mobilenet_v2');
	const loadBundled = createRequire(__filename);
	const modelJson = loadBundled(join(dir, 'model.min.js')) as {
		modelTopology: object;
		weightsManifest: Array<{ paths: string[]; weights: never[] }>;
	};
	const [group] = modelJson.weightsManifest;
	const bytes = Buffer.from(loadBundled(join(dir, `${group.paths[0]}.min.js`)) as string, 'base64');
	const handler = tf.io.fromMemory({
		modelTopology: modelJson.modelTopology,
		weightSpecs: group.weights,
		weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
	});
	const nsfwjs = await import('nsfwjs');
	const model = (await (nsfwjs.load as unknown as (m: unknown, o: object) => Promise<unknown>)(
		handler,
		{ size: 224 },
	)) as NsfwModel;
	return { tf, model };
}

/** nsfwjs's classes for `image`, likeliest first, as the old classifier returned them. */
export async function tfjsClassify(image: RgbImage): Promise<Record<string, number>> {
	loaded ??= load();
	const { tf, model } = await loaded;
	const tensor = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
	try {
		const predictions = await model.classify(tensor, 5);
		return Object.fromEntries(predictions.map((p) => [p.className, p.probability]));
	} finally {
		tensor.dispose();
	}
}

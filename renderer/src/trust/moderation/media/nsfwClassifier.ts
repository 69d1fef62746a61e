/**
 * NSFW image classification with nsfwjs's bundled MobileNetV2 model (its weights ship inside the
 * npm package as JavaScript, so loading needs no network) on TensorFlow.js with the WebAssembly
 * backend (falls back to the pure-JS CPU backend when WebAssembly cannot start). Classes:
 * Drawing, Hentai, Neutral, Porn, Sexy; mapped onto `sexual` (Porn + Hentai) and `nudity` (Sexy).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs';
import type { Category } from '../policy';

export interface RgbImage {
	width: number;
	height: number;
	/** Packed RGB, 3 bytes per pixel. */
	data: Uint8Array;
}

export interface NsfwPrediction {
	/** Class name → probability. */
	classes: Record<string, number>;
	scores: Partial<Record<Category, number>>;
}

type Tf = typeof import('@tensorflow/tfjs');
type NsfwModel = {
	classify(img: unknown, topk?: number): Promise<Array<{ className: string; probability: number }>>;
};

let loaded: Promise<{ tf: Tf; model: NsfwModel; backend: string }> | undefined;

async function load(): Promise<{ tf: Tf; model: NsfwModel; backend: string }> {
	const tf: Tf = await import('@tensorflow/tfjs');
	let backend = 'wasm';
	try {
		const wasm = await import('@tensorflow/tfjs-backend-wasm');
		const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
		wasm.setWasmPaths({
			'tfjs-backend-wasm.wasm': join(dir, 'tfjs-backend-wasm.wasm'),
			'tfjs-backend-wasm-simd.wasm': join(dir, 'tfjs-backend-wasm-simd.wasm'),
			'tfjs-backend-wasm-threaded-simd.wasm': join(dir, 'tfjs-backend-wasm-threaded-simd.wasm'),
		});
		if (!(await tf.setBackend('wasm'))) throw new Error('setBackend(wasm) returned false');
	} catch (error) {
		backend = 'cpu';
		console.warn(
			`nsfw classifier: WebAssembly backend unavailable (${(error as Error).message}); using the CPU backend`,
		);
		await tf.setBackend('cpu');
	}
	await tf.ready();
	const nsfwjs = await import('nsfwjs');
	const model = (await (
		nsfwjs.load as unknown as (model: io.IOHandler, options: { size: number }) => Promise<unknown>
	)(bundledModel(tf), { size: MODEL_SIZE })) as unknown as NsfwModel;
	return { tf, model, backend };
}

/** MobileNetV2's input side, as nsfwjs loads it by name. */
const MODEL_SIZE = 224;

/**
 * The MobileNetV2 model that ships inside nsfwjs, handed to it as an in-memory model. Loading it by
 * name costs 4–5 s of CPU per process: nsfwjs imports the 3.5 MB base64 weight string through a
 * CommonJS interop helper that defines one property per character. Read directly, the same bytes
 * load in well under a second; the model (topology, weights, and so its scores) is the same.
 */
function bundledModel(tf: Tf) {
	const dir = join(dirname(require.resolve('nsfwjs')), '..', 'models', 'mobilenet_v2');
	// The bundle's files are CommonJS modules whose export is the model's JSON and the weights' base64.
	const loadBundled = createRequire(__filename);
	const modelJson = loadBundled(join(dir, 'model.min.js')) as {
		modelTopology: object;
		weightsManifest: Array<{ paths: string[]; weights: io.WeightsManifestEntry[] }>;
	};
	const [group] = modelJson.weightsManifest;
	if (modelJson.weightsManifest.length !== 1 || group.paths.length !== 1)
		throw new Error('nsfwjs MobileNetV2: expected one weight file');
	const base64 = loadBundled(join(dir, `${group.paths[0]}.min.js`)) as string;
	const bytes = Buffer.from(base64, 'base64');
	return tf.io.fromMemory({
		modelTopology: modelJson.modelTopology,
		weightSpecs: group.weights,
		weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
	});
}

export async function nsfwBackend(): Promise<string> {
	loaded ??= load();
	return (await loaded).backend;
}

export async function classifyNsfw(image: RgbImage): Promise<NsfwPrediction> {
	loaded ??= load();
	const { tf, model } = await loaded;
	const tensor = tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
	try {
		const predictions = await model.classify(tensor, 5);
		const classes = Object.fromEntries(predictions.map((p) => [p.className, p.probability]));
		const porn = (classes.Porn ?? 0) + (classes.Hentai ?? 0);
		return { classes, scores: { sexual: round(porn), nudity: round((classes.Sexy ?? 0) + porn) } };
	} finally {
		tensor.dispose();
	}
}

function round(x: number): number {
	return Math.round(Math.min(1, x) * 1000) / 1000;
}

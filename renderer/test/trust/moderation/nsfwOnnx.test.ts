/**
 * The NSFW model converted to ONNX (trust/moderation/media/nsfw) against TensorFlow.js running the
 * same Keras model the way the service ran it before: nsfwjs's own `classify` on the WebAssembly
 * backend. The pictures are made here and are of every kind the classifier meets: flat colours,
 * noise, gradients, pictures drawn with Skia at frame sizes, synthesised photo-like scenes with
 * skin tones, the seeded picture the model flags, and sizes and aspect ratios from 1×1 up to a
 * 1080×1920 frame. A second model, built here with layers and settings the bundled one does not
 * use, checks the converter's general paths.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import * as ort from 'onnxruntime-node';
import {
	convertKerasToOnnx,
	decodeWeights,
	type KerasModelConfig,
	type KerasTopology,
	type WeightSpec,
} from '../../../src/trust/moderation/media/nsfw/kerasToOnnx';
import { encodeModel } from '../../../src/trust/moderation/media/nsfw/onnxProto';
import {
	nsfwModelFileName,
	nsfwModelKey,
	nsfwModelSource,
} from '../../../src/trust/moderation/media/nsfw/nsfwModel';
import { classifyNsfw, type RgbImage } from '../../../src/trust/moderation/media/nsfwClassifier';
import { resizeBilinear } from '../../../src/trust/moderation/media/image';
import { tfjs, tfjsClassify } from '../support/tfjsNsfw';

/** A seeded generator, so every run classifies the same pictures. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

function image(width: number, height: number, pixel: (x: number, y: number) => number[]): RgbImage {
	const data = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 3);
	return { width, height, data };
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** Smooth value noise in [0, 1): a random lattice, bilinearly blended. */
function valueNoise(seed: number, cells: number) {
	const r = random(seed);
	const lattice = Array.from({ length: (cells + 2) ** 2 }, r);
	return (u: number, v: number) => {
		const x = u * cells;
		const y = v * cells;
		const x0 = Math.floor(x);
		const y0 = Math.floor(y);
		const fx = x - x0;
		const fy = y - y0;
		const at = (i: number, j: number) => lattice[j * (cells + 2) + i];
		const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
		const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
		return top * (1 - fy) + bottom * fy;
	};
}

/** A photo-like scene: sky, a horizon, textured ground and soft skin-toned shapes of a person. */
function photoLike(width: number, height: number, seed: number): RgbImage {
	const r = random(seed);
	const grain = random(seed + 1);
	const texture = valueNoise(seed, 12);
	const horizon = 0.35 + r() * 0.3;
	const skin = [
		[224, 172, 105],
		[198, 134, 66],
		[141, 85, 36],
		[255, 219, 172],
	][Math.floor(r() * 4)];
	const blobs = Array.from({ length: 3 + Math.floor(r() * 4) }, () => ({
		cx: 0.2 + r() * 0.6,
		cy: 0.2 + r() * 0.6,
		rx: 0.05 + r() * 0.25,
		ry: 0.1 + r() * 0.3,
	}));
	return image(width, height, (x, y) => {
		const u = x / width;
		const v = y / height;
		let rgb =
			v < horizon
				? [90 + 100 * v, 140 + 80 * v, 230 - 30 * v]
				: [70 + 90 * texture(u, v), 110 + 70 * texture(v, u), 50 + 40 * texture(u, u)];
		for (const b of blobs) {
			const d = ((u - b.cx) / b.rx) ** 2 + ((v - b.cy) / b.ry) ** 2;
			if (d < 1) {
				const shade = 0.75 + 0.25 * (1 - d);
				rgb = skin.map((c) => c * shade);
			}
		}
		return rgb.map((c) => clamp(c + (grain() - 0.5) * 12));
	});
}

/** A frame drawn with Skia, as the engine draws: gradients, shapes and text. */
function drawn(width: number, height: number, seed: number): RgbImage {
	const r = random(seed);
	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');
	const sky = ctx.createLinearGradient(0, 0, 0, height);
	sky.addColorStop(0, `hsl(${r() * 360}, 60%, 70%)`);
	sky.addColorStop(1, `hsl(${r() * 360}, 50%, 30%)`);
	ctx.fillStyle = sky;
	ctx.fillRect(0, 0, width, height);
	for (let i = 0; i < 12; i++) {
		ctx.fillStyle = `hsla(${r() * 360}, ${40 + r() * 50}%, ${30 + r() * 50}%, 0.8)`;
		ctx.beginPath();
		ctx.ellipse(
			r() * width,
			r() * height,
			5 + r() * width * 0.3,
			5 + r() * height * 0.2,
			r() * 3,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	}
	ctx.fillStyle = 'white';
	ctx.font = `bold ${Math.max(8, Math.round(width / 10))}px sans-serif`;
	ctx.fillText('Reelforge', width * 0.1, height * 0.8);
	const rgba = ctx.getImageData(0, 0, width, height).data;
	return image(width, height, (x, y) => {
		const i = (y * width + x) * 4;
		return [rgba[i], rgba[i + 1], rgba[i + 2]];
	});
}

async function seededPicture(): Promise<RgbImage> {
	const seed = JSON.parse(
		await readFile(join(__dirname, '..', 'fixtures', 'nsfwSeed.json'), 'utf8'),
	) as { grid: number; rgb: number[] };
	return resizeBilinear(
		{ width: seed.grid, height: seed.grid, data: Uint8Array.from(seed.rgb) },
		224,
		224,
	);
}

const noise = (w: number, h: number, seed: number) => {
	const r = random(seed);
	return image(w, h, () => [r() * 256, r() * 256, r() * 256].map(Math.floor));
};
const flat = (w: number, h: number, rgb: number[]) => image(w, h, () => rgb);
const gradient = (w: number, h: number) =>
	image(w, h, (x, y) =>
		[(255 * x) / Math.max(1, w - 1), (255 * y) / Math.max(1, h - 1), 128].map(clamp),
	);

/** The scores classifyNsfw derives from the classes (3 decimals). */
const scoresOf = (classes: Record<string, number>) => {
	const porn = classes.Porn + classes.Hentai;
	const round = (x: number) => Math.round(Math.min(1, x) * 1000) / 1000;
	return { sexual: round(porn), nudity: round(classes.Sexy + porn) };
};

test('the ONNX model gives nsfwjs/TensorFlow.js probabilities on varied pictures', async () => {
	const pictures: Array<[string, RgbImage | Promise<RgbImage>]> = [
		['black 224²', flat(224, 224, [0, 0, 0])],
		['white 300×200', flat(300, 200, [255, 255, 255])],
		['skin tone 1×1', flat(1, 1, [224, 172, 105])],
		['noise 224²', noise(224, 224, 1)],
		['noise 1080×1920', noise(1080, 1920, 2)],
		['noise 37×100', noise(37, 100, 3)],
		['noise 500×7', noise(500, 7, 4)],
		['gradient 223×225', gradient(223, 225)],
		['gradient 2×2', gradient(2, 2)],
		['drawn 544×960', drawn(544, 960, 5)],
		['drawn 640×360', drawn(640, 360, 6)],
		['drawn 224²', drawn(224, 224, 7)],
		['seeded picture', seededPicture()],
		...[11, 12, 13, 14, 15, 16].map((seed, i): [string, RgbImage] => [
			`photo-like ${seed}`,
			photoLike([224, 544, 720, 300, 360, 96][i], [224, 960, 480, 400, 640, 128][i], seed),
		]),
	];
	let maxDiff = 0;
	const flaggedBy: string[] = [];
	for (const [name, pending] of pictures) {
		const picture = await pending;
		const reference = await tfjsClassify(picture);
		const converted = await classifyNsfw(picture);
		for (const [cls, p] of Object.entries(reference)) {
			const diff = Math.abs(converted.classes[cls] - p);
			maxDiff = Math.max(maxDiff, diff);
			expect({ name, cls, close: diff < 1e-5 }).toEqual({ name, cls, close: true });
		}
		// The same order (likeliest first) and the same rounded scores as the verdict reports them.
		expect({ name, order: Object.keys(converted.classes) }).toEqual({
			name,
			order: Object.keys(reference),
		});
		expect({ name, scores: converted.scores }).toEqual({ name, scores: scoresOf(reference) });
		if (converted.scores.sexual! > 0.5) flaggedBy.push(name);
	}
	// The pictures span the classifier's range: the seeded one is flagged, the flat ones are not.
	expect(flaggedBy).toContain('seeded picture');
	expect(flaggedBy).not.toContain('black 224²');
	expect(maxDiff).toBeLessThan(1e-5);
	// Two models over 19 pictures (~25 s on a loaded 2-core machine): a bound for a far slower one.
}, 600_000);

/**
 * A model built here with TensorFlow.js's layers API, with the paths the bundled model does not
 * take: 'same' padding with stride 2 (TensorFlow's uneven split), a depth multiplier, biases,
 * dilation, a plain ReLU and a softmax, an Add of three inputs, padding not followed by a
 * convolution, global pooling, and a Flatten over more than one pixel.
 */
test('the converter handles the general case of each layer it accepts', async () => {
	const tf = await tfjs();
	const r = random(99);
	const input = tf.input({ shape: [11, 9, 3], name: 'image' });
	const L = tf.layers;
	const padded = L.zeroPadding2d({
		padding: [
			[1, 2],
			[0, 1],
		],
		name: 'pad',
	}).apply(input) as never;
	const conv = L.conv2d({
		filters: 4,
		kernelSize: 3,
		strides: 2,
		padding: 'same',
		useBias: true,
		activation: 'relu',
		name: 'conv',
	}).apply(padded) as never;
	const dw = L.depthwiseConv2d({
		kernelSize: [3, 2],
		depthMultiplier: 2,
		padding: 'same',
		useBias: true,
		name: 'dw',
	}).apply(conv) as never;
	const bn = L.batchNormalization({ name: 'bn', epsilon: 0.01 }).apply(dw) as never;
	const relu6 = L.reLU({ maxValue: 6, name: 'relu6' }).apply(bn) as never;
	const dilated = L.conv2d({
		filters: 8,
		kernelSize: 2,
		dilationRate: 2,
		padding: 'same',
		name: 'dilated',
	}).apply(relu6) as never;
	const sum = L.add({ name: 'sum' }).apply([relu6, dilated, bn]) as never;
	const padOnly = L.zeroPadding2d({ padding: 1, name: 'pad_only' }).apply(sum) as never;
	const pooled = L.averagePooling2d({ poolSize: 2, strides: 1, name: 'pool' }).apply(
		padOnly,
	) as never;
	const flat1 = L.flatten({ name: 'flat' }).apply(pooled) as never;
	const global = L.globalAveragePooling2d({ name: 'gap' }).apply(sum) as never;
	const dense1 = L.dense({ units: 6, activation: 'relu', name: 'd1' }).apply(flat1) as never;
	const drop = L.dropout({ rate: 0.5, name: 'drop' }).apply(dense1) as never;
	const dense2 = L.dense({ units: 6, name: 'd2' }).apply(global) as never;
	const joined = L.add({ name: 'joined' }).apply([drop, dense2]) as never;
	const out = L.dense({ units: 5, activation: 'softmax', name: 'out' }).apply(joined) as never;
	const model = tf.model({ inputs: input, outputs: out });
	// Random weights everywhere, batch-norm statistics included (variance kept positive).
	for (const layer of model.layers)
		layer.setWeights(
			layer.weights.map((w) =>
				tf.tensor(
					Float32Array.from({ length: (w.shape as number[]).reduce((a, b) => a * b, 1) }, () =>
						w.originalName.includes('variance') ? 0.5 + r() : r() - 0.5,
					),
					w.shape as number[],
				),
			),
		);
	let saved: { topology: KerasTopology; specs: WeightSpec[]; data: ArrayBuffer } | undefined;
	await model.save(
		tf.io.withSaveHandler(async (artifacts) => {
			saved = {
				topology: artifacts.modelTopology as unknown as KerasTopology,
				specs: artifacts.weightSpecs as WeightSpec[],
				data: artifacts.weightData as ArrayBuffer,
			};
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		}),
	);
	const weights = decodeWeights(saved!.specs, new Uint8Array(saved!.data));
	const onnx = encodeModel(convertKerasToOnnx(saved!.topology, weights, 'test'));
	const session = await ort.InferenceSession.create(onnx);
	try {
		for (let trial = 0; trial < 3; trial++) {
			const nhwc = Float32Array.from({ length: 2 * 11 * 9 * 3 }, () => r() * 2 - 1);
			const expected = (
				model.predict(tf.tensor(nhwc, [2, 11, 9, 3])) as { dataSync(): Float32Array }
			).dataSync();
			const nchw = new Float32Array(nhwc.length);
			for (let b = 0; b < 2; b++)
				for (let y = 0; y < 11; y++)
					for (let x = 0; x < 9; x++)
						for (let c = 0; c < 3; c++)
							nchw[((b * 3 + c) * 11 + y) * 9 + x] = nhwc[((b * 11 + y) * 9 + x) * 3 + c];
			const result = await session.run({ input: new ort.Tensor('float32', nchw, [2, 3, 11, 9]) });
			const actual = result.probabilities.data as Float32Array;
			expect(actual.length).toBe(expected.length);
			for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
		}
	} finally {
		await session.release();
	}
});

test('the converter refuses what it does not handle, naming the layer', () => {
	const topology = (layers: unknown[]): KerasTopology => ({
		model_config: {
			class_name: 'Model',
			config: {
				layers: layers as KerasModelConfig['config']['layers'],
				input_layers: [['in', 0, 0]],
				output_layers: [['x', 0, 0]],
			},
		},
	});
	const inputLayer = {
		class_name: 'InputLayer',
		config: { name: 'in', batch_input_shape: [null, 4, 4, 3] },
		inbound_nodes: [],
	};
	const lstm = { class_name: 'LSTM', config: { name: 'x' }, inbound_nodes: [[['in', 0, 0, {}]]] };
	expect(() => convertKerasToOnnx(topology([inputLayer, lstm]), new Map(), 't')).toThrow(
		/layer x \(LSTM\): this layer type is not handled/,
	);
	const leaky = {
		class_name: 'ReLU',
		config: { name: 'x', negative_slope: 0.1 },
		inbound_nodes: [[['in', 0, 0, {}]]],
	};
	expect(() => convertKerasToOnnx(topology([inputLayer, leaky]), new Map(), 't')).toThrow(
		/layer x \(ReLU\): a leaky/,
	);
	const relu = { class_name: 'ReLU', config: { name: 'x' }, inbound_nodes: [[['in', 0, 0, {}]]] };
	const stray = new Map([['other/kernel', { shape: [1], values: new Float32Array(1) }]]);
	expect(() => convertKerasToOnnx(topology([inputLayer, relu]), stray, 't')).toThrow(
		/not used by any layer: other\/kernel/,
	);
	expect(() =>
		decodeWeights([{ name: 'w', shape: [4], dtype: 'float32' }], new Uint8Array(8)),
	).toThrow(/ends early/);
	const quantised = [
		{
			name: 'w',
			shape: [2],
			dtype: 'float32' as const,
			quantization: { dtype: 'uint8' as const, min: -1, scale: 0.5 },
		},
	];
	expect(() => decodeWeights(quantised, Uint8Array.of(0, 4))).not.toThrow();
	expect(Array.from(decodeWeights(quantised, Uint8Array.of(0, 4)).get('w')!.values)).toEqual([
		-1, 1,
	]);
});

test('without a built file the model is converted once into the cache, named by its key', async () => {
	const cache = await mkdtemp(join(tmpdir(), 'nsfw-cache-'));
	try {
		const key = nsfwModelKey();
		expect(key).toMatch(/^[0-9a-f]{16}$/);
		// Under jest the modules run from src/, where the build's file never is.
		const first = nsfwModelSource(cache);
		expect(first).toBe(join(cache, 'models', nsfwModelFileName(key)));
		expect(existsSync(first as string)).toBe(true);
		const bytes = await readFile(first as string);
		// A second use reads the cached file and converts nothing.
		expect(nsfwModelSource(cache)).toBe(first);
		expect((await readFile(first as string)).equals(bytes)).toBe(true);
		const session = await ort.InferenceSession.create(first as string);
		expect(session.inputNames).toEqual(['input']);
		expect(session.outputNames).toEqual(['probabilities']);
		await session.release();
	} finally {
		await rm(cache, { recursive: true, force: true });
	}
});

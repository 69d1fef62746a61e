/**
 * NSFW image classification with nsfwjs's bundled MobileNetV2 model, converted to ONNX
 * (nsfw/nsfwModel.ts) and run by onnxruntime: one session per thread, CUDA first where installed
 * and allowed (REELFORGE_OCR_CUDA), else the CPU with one thread. The picture is prepared exactly
 * as nsfwjs prepares it, so the probabilities are nsfwjs's within float rounding. Classes: Drawing,
 * Hentai, Neutral, Porn, Sexy; mapped onto `sexual` (Porn + Hentai) and `nudity` (Sexy + both).
 */
import * as ort from 'onnxruntime-node';
import { engineSettings } from '../../../config';
import { createProviderSession, type ProviderSession } from '../../../workers/onnxSession';
import type { Category } from '../policy';
import { ONNX_INPUT, ONNX_OUTPUT } from './nsfw/kerasToOnnx';
import { NSFW_CLASSES, NSFW_MODEL_SIZE, nsfwModelSource } from './nsfw/nsfwModel';

export interface RgbImage {
	width: number;
	height: number;
	/** Packed RGB, 3 bytes per pixel. */
	data: Uint8Array;
}

export interface NsfwPrediction {
	/** Class name → probability, the likeliest first (nsfwjs's order). */
	classes: Record<string, number>;
	scores: Partial<Record<Category, number>>;
}

/**
 * One thread: classification runs beside the encode and the drawing, which keep every core busy
 * (the same reasoning as OCR's sessions, ocr/sessions.ts).
 */
const CPU_THREADS = 1;

let loaded: Promise<ProviderSession> | undefined;

function load(): Promise<ProviderSession> {
	loaded ??= (async () =>
		createProviderSession(nsfwModelSource(), {
			label: 'nsfw classifier',
			tryCuda: engineSettings().ocrCuda,
			cpuThreads: CPU_THREADS,
		}))();
	loaded.catch(() => (loaded = undefined));
	return loaded;
}

/** The execution provider the model runs on ('cuda' or 'cpu'), loading it if needed. */
export async function nsfwBackend(): Promise<string> {
	return (await load()).provider;
}

/** byte / 255 as float32, as nsfwjs's `img.toFloat().div(255)` computes it. */
const SCALED = Float32Array.from({ length: 256 }, (_, v) => Math.fround(v / 255));

/**
 * The model's input (NCHW float32, 1×3×224×224) the way nsfwjs builds it: the pixels scaled to
 * [0, 1], then, when the picture is not already 224×224, TensorFlow's bilinear resize with
 * align_corners (the corners of input and output coincide; no half-pixel centres), in float32.
 */
export function nsfwInput(image: RgbImage): Float32Array {
	const size = NSFW_MODEL_SIZE;
	const plane = size * size;
	const out = new Float32Array(plane * 3);
	const { width, height, data } = image;
	if (width === size && height === size) {
		for (let i = 0; i < plane; i++)
			for (let c = 0; c < 3; c++) out[c * plane + i] = SCALED[data[i * 3 + c]];
		return out;
	}
	const f = Math.fround;
	const scaleY = f((height - 1) / (size - 1));
	const scaleX = f((width - 1) / (size - 1));
	const x0s = new Int32Array(size);
	const x1s = new Int32Array(size);
	const xLerp = new Float32Array(size);
	for (let x = 0; x < size; x++) {
		const inX = f(x * scaleX);
		x0s[x] = Math.floor(inX);
		x1s[x] = Math.min(Math.ceil(inX), width - 1);
		xLerp[x] = f(inX - x0s[x]);
	}
	for (let y = 0; y < size; y++) {
		const inY = f(y * scaleY);
		const top = Math.floor(inY);
		const bottom = Math.min(Math.ceil(inY), height - 1);
		const yLerp = f(inY - top);
		const topRow = top * width;
		const bottomRow = bottom * width;
		for (let x = 0; x < size; x++) {
			const l = x0s[x];
			const r = x1s[x];
			const dx = xLerp[x];
			for (let c = 0; c < 3; c++) {
				const tl = SCALED[data[(topRow + l) * 3 + c]];
				const tr = SCALED[data[(topRow + r) * 3 + c]];
				const bl = SCALED[data[(bottomRow + l) * 3 + c]];
				const br = SCALED[data[(bottomRow + r) * 3 + c]];
				const t = f(tl + f(f(tr - tl) * dx));
				const b = f(bl + f(f(br - bl) * dx));
				out[c * plane + y * size + x] = f(t + f(f(b - t) * yLerp));
			}
		}
	}
	return out;
}

/** The five classes' probabilities, in the model's class order. */
export async function nsfwProbabilities(image: RgbImage): Promise<Float32Array> {
	if (image.width < 1 || image.height < 1 || image.data.length < image.width * image.height * 3)
		throw new Error(
			`nsfw classifier: a ${image.width}×${image.height} image needs ${image.width * image.height * 3} bytes`,
		);
	const { session } = await load();
	const size = NSFW_MODEL_SIZE;
	const input = new ort.Tensor('float32', nsfwInput(image), [1, 3, size, size]);
	const result = await session.run({ [ONNX_INPUT]: input });
	const output = result[ONNX_OUTPUT];
	try {
		return Float32Array.from(output.data as Float32Array);
	} finally {
		input.dispose();
		output.dispose();
	}
}

export async function classifyNsfw(image: RgbImage): Promise<NsfwPrediction> {
	const probabilities = await nsfwProbabilities(image);
	// nsfwjs lists the classes likeliest first; ties keep the model's order.
	const order = [...NSFW_CLASSES.keys()].sort((a, b) => probabilities[b] - probabilities[a]);
	const classes = Object.fromEntries(order.map((i) => [NSFW_CLASSES[i], probabilities[i]]));
	const porn = (classes.Porn ?? 0) + (classes.Hentai ?? 0);
	return { classes, scores: { sexual: round(porn), nudity: round((classes.Sexy ?? 0) + porn) } };
}

function round(x: number): number {
	return Math.round(Math.min(1, x) * 1000) / 1000;
}

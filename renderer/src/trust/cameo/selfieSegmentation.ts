/**
 * Person segmentation with MediaPipe's selfie-segmentation model (the `.tflite` shipped in
 * `@mediapipe/selfie_segmentation`) run by LiteRT.js (`@litertjs/core`, XNNPACK on WebAssembly).
 *
 * LiteRT.js is an ES module written for browsers, so it runs in a worker thread with the few
 * globals its Emscripten loader looks for (`self`, `importScripts`, `require`, `__dirname`). The
 * worker also keeps inference off the service's event loop. The model takes a 256×256 RGB image in
 * 0..1 and answers a 256×256 person-probability map, which is scaled back to the frame.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RgbImage } from '../moderation/media/image';

const MODEL_SIZE = 256;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
// The Emscripten runtime prints its start-up chatter (and a WebGPU probe that fails without a
// browser) through the console: silenced here, as failures reach the parent as messages.
for (const name of ['log', 'info', 'warn', 'error', 'debug']) console[name] = () => {};
const vm = require('node:vm');
globalThis.self = globalThis;
globalThis.require = require;
globalThis.__dirname = workerData.wasmDir;
globalThis.__filename = workerData.wasmDir + '/loader.js';
globalThis.importScripts = (url) => vm.runInThisContext(fs.readFileSync(String(url).startsWith('file:') ? new URL(url).pathname : String(url), 'utf8'), { filename: String(url) });
const ready = (async () => {
  const { loadLiteRt, loadAndCompile, Tensor } = await import(workerData.coreEntry);
  await loadLiteRt(workerData.wasmDir);
  const model = await loadAndCompile(new Uint8Array(fs.readFileSync(workerData.modelPath)), { accelerator: 'wasm' });
  return { model, Tensor };
})();
parentPort.on('message', async ({ id, input }) => {
  try {
    const { model, Tensor } = await ready;
    const tensor = new Tensor(input, [1, ${MODEL_SIZE}, ${MODEL_SIZE}, 3]);
    const [output] = await model.run([tensor]);
    const mask = Float32Array.from(await output.data());
    tensor.delete?.();
    output.delete?.();
    parentPort.postMessage({ id, mask }, [mask.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  }
});
`;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<
	number,
	{ resolve: (mask: Float32Array) => void; reject: (err: Error) => void }
>();

function segmentationWorker(): Worker {
	if (worker) return worker;
	const coreDir = path.dirname(require.resolve('@litertjs/core/package.json'));
	worker = new Worker(WORKER_SOURCE, {
		eval: true,
		// No piped stdout/stderr: a parent reading a worker's stdio stream holds the process open
		// until the worker exits, whatever unref() says (the feed tests never ended). The chatter is
		// silenced in the worker instead.
		workerData: {
			coreEntry: path.join(coreDir, 'dist', 'index.js'),
			wasmDir: path.join(coreDir, 'wasm'),
			modelPath: require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation.tflite'),
		},
	});
	worker.unref(); // idle, it must not keep the process alive
	worker.on(
		'message',
		({ id, mask, error }: { id: number; mask?: Float32Array; error?: string }) => {
			const call = pending.get(id);
			if (!call) return;
			pending.delete(id);
			if (pending.size === 0) worker?.unref();
			if (error) call.reject(new Error(`selfie segmentation failed: ${error}`));
			else call.resolve(mask!);
		},
	);
	const failAll = (err: Error) => {
		for (const call of pending.values()) call.reject(err);
		pending.clear();
		if (worker === started) worker = undefined;
	};
	const started = worker;
	worker.on('error', failAll);
	// Terminated (closeSegmentation) or crashed: what it held fails rather than waiting forever.
	worker.on('exit', (code) => failAll(new Error(`the segmentation worker exited (code ${code})`)));
	return worker;
}

/** The model's input: the frame resampled (nearest) to 256×256, RGB in 0..1. */
function modelInput(frame: RgbImage): Float32Array {
	const input = new Float32Array(MODEL_SIZE * MODEL_SIZE * 3);
	for (let y = 0; y < MODEL_SIZE; y++) {
		const sy = Math.min(frame.height - 1, Math.floor(((y + 0.5) * frame.height) / MODEL_SIZE));
		for (let x = 0; x < MODEL_SIZE; x++) {
			const sx = Math.min(frame.width - 1, Math.floor(((x + 0.5) * frame.width) / MODEL_SIZE));
			const from = (sy * frame.width + sx) * 3;
			const to = (y * MODEL_SIZE + x) * 3;
			input[to] = frame.data[from] / 255;
			input[to + 1] = frame.data[from + 1] / 255;
			input[to + 2] = frame.data[from + 2] / 255;
		}
	}
	return input;
}

/** The person probability of every pixel of the frame (row-major, 0..1), bilinear from the model's map. */
export async function segmentPerson(frame: RgbImage): Promise<Float32Array> {
	const w = segmentationWorker();
	const id = nextId++;
	const input = modelInput(frame);
	const small = await new Promise<Float32Array>((resolve, reject) => {
		pending.set(id, { resolve, reject });
		w.ref(); // hold the process open while a frame is being segmented
		w.postMessage({ id, input }, [input.buffer as ArrayBuffer]);
	});
	const mask = new Float32Array(frame.width * frame.height);
	for (let y = 0; y < frame.height; y++) {
		const fy = Math.max(0, ((y + 0.5) * MODEL_SIZE) / frame.height - 0.5);
		const y0 = Math.min(MODEL_SIZE - 1, Math.floor(fy));
		const y1 = Math.min(MODEL_SIZE - 1, y0 + 1);
		const ty = fy - y0;
		for (let x = 0; x < frame.width; x++) {
			const fx = Math.max(0, ((x + 0.5) * MODEL_SIZE) / frame.width - 0.5);
			const x0 = Math.min(MODEL_SIZE - 1, Math.floor(fx));
			const x1 = Math.min(MODEL_SIZE - 1, x0 + 1);
			const tx = fx - x0;
			const top = small[y0 * MODEL_SIZE + x0] * (1 - tx) + small[y0 * MODEL_SIZE + x1] * tx;
			const bottom = small[y1 * MODEL_SIZE + x0] * (1 - tx) + small[y1 * MODEL_SIZE + x1] * tx;
			mask[y * frame.width + x] = top * (1 - ty) + bottom * ty;
		}
	}
	return mask;
}

/** Stops the worker (tests, shutdown). */
export async function closeSegmentation(): Promise<void> {
	const w = worker;
	worker = undefined;
	if (w) await w.terminate();
}

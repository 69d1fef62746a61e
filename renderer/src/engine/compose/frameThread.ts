/**
 * The frame thread's program: draws the local engine's frames (compose/frames.ts) off the main
 * thread, into the shared frame slots the main thread hands over (threadedFrames.ts). Its V8 heap
 * holds only the drawing, so the collections that each frame's pixel buffer triggers are short here,
 * and the main thread stays free for the pipe to ffmpeg and the moderation samples.
 *
 * In (workerData): {storyboard, options}; then messages {op: 'lut', lut} and {op: 'synthesis',
 * synthesis} (the thread starts while speech is synthesised and the style's grade computed, and
 * prepares what needs neither meanwhile), {op: 'slots', buffer, frameBytes}, {op: 'draw', index,
 * slot}, {op: 'close'}.
 * Out: {op: 'ready', width, height, pixelFormat, ffmpegFilter, outputSize} | {op: 'drawn', index} |
 * {op: 'failed', index?, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { collectYoungGarbage } from '../memory';
import type { Storyboard, Synthesis } from '../storyboard';
import { createFrameRenderer, type FrameRendererOptions } from './frames';

// stdout is the service's JSON log and the CLI's --json answer: notices go to stderr.
console.log = console.info = console.error;

const port = parentPort!;
const { storyboard, options } = workerData as {
	storyboard: Storyboard;
	options: FrameRendererOptions;
};
const message = (error: unknown) => String((error as Error)?.stack ?? error);

let handLut: (lut: Float32Array | undefined) => void;
let handSynthesis: (synthesis: Synthesis) => void;
const styleLut = new Promise<Float32Array | undefined>((resolve) => (handLut = resolve));
const synthesis = new Promise<Synthesis>((resolve) => (handSynthesis = resolve));
type Drawing = { op: 'slots' | 'draw' | 'close'; index: number; slot: number } & Slots;
type Slots = { buffer: SharedArrayBuffer; frameBytes: number };
/** Set once the renderer is ready; the main thread asks for frames only after 'ready'. */
let onDrawing: ((m: Drawing) => void) | undefined;
port.on(
	'message',
	(
		m:
			| { op: 'lut'; lut: Float32Array | undefined }
			| { op: 'synthesis'; synthesis: Synthesis }
			| Drawing,
	) => {
		if (m.op === 'lut') handLut(m.lut);
		else if (m.op === 'synthesis') handSynthesis(m.synthesis);
		else onDrawing?.(m);
	},
);

styleLut
	.then((lut) => createFrameRenderer(storyboard, synthesis, { ...options, styleLut: lut }))
	.then(
		(renderer) => {
			let slots: Slots | undefined;
			let closed = false;
			const draw = (m: Drawing) => {
				try {
					const into = new Uint8Array(slots!.buffer, m.slot * slots!.frameBytes, slots!.frameBytes);
					const frame = renderer.drawFrame(m.index, into);
					// A yuv420p frame is converted straight into the slot; an RGBA one is copied there.
					if (frame.buffer !== slots!.buffer) into.set(frame);
					port.postMessage({ op: 'drawn', index: m.index });
					// The frame's pixel buffers are garbage now (see ../memory.ts).
					collectYoungGarbage();
				} catch (error) {
					port.postMessage({ op: 'failed', index: m.index, error: message(error) });
				}
			};
			// One frame per turn of the event loop. The port hands over every queued message in one
			// go, and the native memory of each frame's read-back (`canvas.data()`, 8 MB at 1080p) is
			// freed by a finalizer that runs only between turns: drawn back to back, frames kept that
			// memory alive, so each read-back landed on fresh pages — ~2000 page faults and a few ms of
			// kernel time a frame (docs/BENCHMARKS.md, "the frame thread's fresh memory").
			const queue: Drawing[] = [];
			const drawNext = () => {
				const m = queue.shift();
				if (!m || closed) return;
				draw(m);
				if (queue.length) setImmediate(drawNext);
			};
			onDrawing = (m) => {
				if (m.op === 'slots') {
					slots = { buffer: m!.buffer, frameBytes: m!.frameBytes };
					return;
				}
				if (m.op === 'close') {
					closed = true;
					queue.length = 0;
					renderer.close();
					port.close();
					return;
				}
				queue.push(m);
				if (queue.length === 1) setImmediate(drawNext);
			};
			port.postMessage({
				op: 'ready',
				width: renderer.width,
				height: renderer.height,
				pixelFormat: renderer.pixelFormat,
				ffmpegFilter: renderer.ffmpegFilter,
				outputSize: renderer.outputSize,
			});
		},
		(error) => port.postMessage({ op: 'failed', error: message(error) }),
	);

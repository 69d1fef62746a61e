/**
 * The frame thread's program: draws the local engine's frames (compose/frames.ts) off the main
 * thread, into the shared frame slots the main thread hands over (threadedFrames.ts). Its V8 heap
 * holds only the drawing, so the collections that each frame's pixel buffer triggers are short here,
 * and the main thread stays free for the pipe to ffmpeg and the moderation samples.
 *
 * In (workerData): {storyboard, options}; then messages {op: 'lut', lut} and {op: 'synthesis',
 * synthesis} (the thread starts while speech is synthesised and the style's grade computed, and
 * prepares what needs neither meanwhile), {op: 'slots', buffer, frameBytes, ring, slots} (then it
 * draws every frame in order, as fast as the ring lets it: frameRing.ts), {op: 'close'}.
 * Out: {op: 'ready', width, height, pixelFormat, ffmpegFilter, outputSize} |
 * {op: 'failed', index?, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { collectYoungGarbage } from '../memory';
import type { Storyboard, Synthesis } from '../storyboard';
import { createFrameRenderer, type FrameRendererOptions } from './frames';
import { changed, DRAWN, TAKEN, type Slots } from './frameRing';

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
type Control = Slots | { op: 'close' };
/** Set once the renderer is ready; the main thread asks for frames only after 'ready'. */
let onControl: ((m: Control) => void) | undefined;
port.on(
	'message',
	(
		m:
			| { op: 'lut'; lut: Float32Array | undefined }
			| { op: 'synthesis'; synthesis: Synthesis }
			| Control,
	) => {
		if (m.op === 'lut') handLut(m.lut);
		else if (m.op === 'synthesis') handSynthesis(m.synthesis);
		else onControl?.(m);
	},
);

styleLut
	.then((lut) => createFrameRenderer(storyboard, synthesis, { ...options, styleLut: lut }))
	.then(
		(renderer) => {
			let closed = false;
			let next = 0; // the frame drawn next
			const draw = (slots: Slots) => {
				const { buffer, frameBytes, ring } = slots;
				const into = new Uint8Array(buffer, (next % slots.slots) * frameBytes, frameBytes);
				const frame = renderer.drawFrame(next, into);
				// A yuv420p frame is converted straight into the slot; an RGBA one is copied there.
				if (frame.buffer !== buffer) into.set(frame);
				Atomics.store(ring, DRAWN, ++next);
				Atomics.notify(ring, DRAWN);
				// The frame's pixel buffers are garbage now (see ../memory.ts).
				collectYoungGarbage();
			};
			// One frame per turn of the event loop, while the ring has a free slot; else the thread
			// waits (asynchronously) for the encoder to take a frame. The native memory of each frame's
			// read-back (`canvas.data()`, 8 MB at 1080p) is freed by a finalizer that runs only between
			// turns: drawn back to back, frames kept that memory alive, so each read-back landed on fresh
			// pages — ~2000 page faults and a few ms of kernel time a frame (docs/BENCHMARKS.md, "the
			// frame thread's fresh memory").
			const drawNext = (slots: Slots) => {
				if (closed || next >= storyboard.totalFrames) return;
				const taken = Atomics.load(slots.ring, TAKEN);
				// Frame `next` goes in the slot of frame next − slots, free once the encoder took a later one.
				if (next >= taken + slots.slots) {
					const wait = changed(slots.ring, TAKEN, taken);
					if (wait) void wait.then(() => drawNext(slots));
					else setImmediate(drawNext, slots);
					return;
				}
				try {
					draw(slots);
				} catch (error) {
					port.postMessage({ op: 'failed', index: next, error: message(error) });
					return;
				}
				setImmediate(drawNext, slots);
			};
			onControl = (m) => {
				if (m.op === 'slots') {
					setImmediate(drawNext, m);
					return;
				}
				closed = true;
				renderer.close();
				port.close();
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

/**
 * The local engine's frames drawn in a worker thread (frameThread.ts) while the main thread writes
 * the previous ones to ffmpeg. Frames come back through shared memory: SLOTS frame-sized slots of one
 * SharedArrayBuffer, the thread drawing up to SLOTS − 1 frames ahead of the one the encoder takes.
 * The two threads pass frames with two counters in shared memory (frameRing.ts) and Atomics, not a
 * message per frame: the thread draws while the ring has room and waits (Atomics.waitAsync) when
 * it has none; the encoder waits likewise for the frame it takes. Messages are left for the set-up,
 * a failure and the close.
 * The pixels are those of `createFrameRenderer` (the same code draws them, in the other thread).
 *
 * The thread can be started before the synthesis is finished (pass its promise): it loads its
 * modules and prepares what depends on the storyboard alone on the other core while speech is
 * synthesised, and the synthesis is handed over when it is ready. A synthesis that fails ends the
 * thread and rejects with the synthesis's own error.
 *
 * When the thread cannot be started or set up (a storyboard it cannot be handed, a failure while it
 * prepares), the frames are drawn here instead, and the reason is logged.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../workers/moduleThread';
import type { Storyboard, Synthesis } from '../storyboard';
import { styleLut } from '../style';
import type { FrameSource } from '../encode';
import { createFrameRenderer, type FrameRendererOptions } from './frames';
import { changed, DRAWN, RING_FIELDS, TAKEN, type Slots } from './frameRing';

/** Frames for the encoder, drawn in the frame thread (or here); `close` ends the drawing. */
export type ThreadedFrames = FrameSource & { close(): void };

/** Frames in flight: the one the encoder holds and the ones drawn ahead of it. */
const SLOTS = 3;

interface Ready {
	op: 'ready';
	width: number;
	height: number;
	pixelFormat: 'rgba' | 'yuv420p';
	ffmpegFilter?: string;
	outputSize: { width: number; height: number };
}

type Failed = { op: 'failed'; index?: number; error: string };

export async function createThreadedFrameRenderer(
	storyboard: Storyboard,
	synthesis: Synthesis | Promise<Synthesis>,
	options: FrameRendererOptions & {
		log?: (message: string, fields?: Record<string, unknown>) => void;
	} = {},
): Promise<ThreadedFrames> {
	const { log, ...drawing } = options;
	const synthesised = Promise.resolve(synthesis);
	// The grade LUT is the main thread's (computed in onnxruntime's threads), not computed twice.
	const lut = drawing.style === 'none' ? Promise.resolve(undefined) : styleLut(storyboard.style);
	try {
		return await startFrameThread(storyboard, synthesised, lut, drawing);
	} catch (error) {
		// A failed synthesis is the render's failure, not the thread's.
		await synthesised;
		log?.('frames drawn in the main thread: the frame thread could not start', {
			error: (error as Error).message,
		});
		return createFrameRenderer(storyboard, synthesised, drawing);
	}
}

function startFrameThread(
	storyboard: Storyboard,
	synthesis: Promise<Synthesis>,
	lut: Promise<Float32Array | undefined>,
	options: FrameRendererOptions,
): Promise<ThreadedFrames> {
	const worker: Worker = startModuleThread(__dirname, 'frameThread', __filename, {
		workerData: { storyboard, options },
	});
	// Each is handed over as soon as it is ready; the thread prepares the rest meanwhile.
	const handedOver = Promise.all([
		lut.then((value) => worker.postMessage({ op: 'lut', lut: value })),
		synthesis.then((value) => worker.postMessage({ op: 'synthesis', synthesis: value })),
	]);
	let broken: Error | undefined;
	/** The ring's counters, once the slots are handed over. */
	let ring: Int32Array | undefined;
	const fail = (error: Error) => {
		broken ??= error;
		// Wakes a drawFrame waiting for the frame, to see the failure.
		if (ring) Atomics.notify(ring, DRAWN);
	};

	return new Promise<ThreadedFrames>((resolveReady, rejectReady) => {
		handedOver.catch(rejectReady);
		worker.on('error', (error) => {
			rejectReady(error);
			fail(error);
		});
		worker.on('exit', (code) => {
			const error = new Error(`the frame thread exited (code ${code})`);
			rejectReady(error);
			fail(error);
		});
		worker.on('message', (m: Ready | Failed) => {
			if (m.op === 'ready') {
				worker.unref();
				resolveReady(rendererOn(m));
			} else {
				const error = new Error(`drawing frame ${m.index ?? '(set-up)'} failed: ${m.error}`);
				if (m.index === undefined) rejectReady(error);
				fail(error);
			}
		});
	}).catch(async (error: Error) => {
		await worker.terminate();
		throw error;
	});

	function rendererOn(ready: Ready): ThreadedFrames {
		const { width, height, pixelFormat } = ready;
		const frameBytes = pixelFormat === 'yuv420p' ? (width * height * 3) / 2 : width * height * 4;
		const shared = new SharedArrayBuffer(SLOTS * frameBytes);
		const counters = new Int32Array(new SharedArrayBuffer(RING_FIELDS * 4));
		ring = counters;
		const handOver: Slots = {
			op: 'slots',
			buffer: shared,
			frameBytes,
			ring: counters,
			slots: SLOTS,
		};
		worker.postMessage(handOver);
		let next = 0; // the frame the encoder takes next
		return {
			width,
			height,
			pixelFormat,
			framesAreFresh: false,
			...(ready.ffmpegFilter ? { ffmpegFilter: ready.ffmpegFilter } : {}),
			outputSize: ready.outputSize,
			// Frames are taken in order (the encoder's loop): taking frame i frees the slot of frame
			// i − 1, in which frame i − 1 + SLOTS is drawn meanwhile.
			async drawFrame(index: number) {
				if (index !== next)
					throw new Error(`frames are drawn in order: frame ${index} asked for instead of ${next}`);
				next++;
				Atomics.store(counters, TAKEN, index);
				Atomics.notify(counters, TAKEN);
				for (;;) {
					if (broken) throw broken;
					const drawn = Atomics.load(counters, DRAWN);
					if (drawn > index) break;
					const wait = changed(counters, DRAWN, drawn);
					if (!wait) continue;
					// Referenced only while a frame is awaited: a render that fails elsewhere before it
					// closes the frames never keeps the process alive.
					worker.ref();
					await wait;
					worker.unref();
				}
				return Buffer.from(shared, (index % SLOTS) * frameBytes, frameBytes);
			},
			close() {
				worker.postMessage({ op: 'close' });
				void worker.terminate();
			},
		};
	}
}

/**
 * Frames drawn in the frame thread (shared-memory slots, drawn ahead of the encoder) are the very
 * frames the main thread draws: byte for byte, through cuts, a crossfade, speech-driven mouths and
 * captions, physics and the style's grade (whose LUT the thread is handed, not recomputes) — also
 * when the thread is started before the synthesis is finished and handed it later. A failed
 * synthesis fails the frames with its own error. A storyboard the thread cannot be given falls back
 * to drawing in the main thread, and says so.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFrameRenderer } from '../../../src/engine/compose/frames';
import { createThreadedFrameRenderer } from '../../../src/engine/compose/threadedFrames';
import { encodeVideo } from '../../../src/engine/encode';
import { initPhysics, simulatePhysics } from '../../../src/engine/physics';
import type { Synthesis } from '../../../src/engine/storyboard';
import { MAYA, plannedAndSpoken, portraitSpec } from '../../support/engineFrames';

const never = new AbortController().signal;
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rf-threaded-frames-'));
	await initPhysics();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec = portraitSpec({
	seed: 5,
	fps: 12,
	characters: [
		MAYA,
		{ id: 'leo', name: 'Leo', description: 'man in a blue hoodie', voice: { voice: 'flite:rms' } },
	],
	shots: [
		{
			id: 'street',
			prompt: 'Maya and Leo talk on a rainy street at night',
			duration: 2,
			setting: 'city-night',
			characters: ['maya', 'leo'],
			dialogue: [{ character: 'maya', text: 'Look at that rain.', at: 0.2 }],
		},
		{
			id: 'gym',
			prompt: 'Leo shoots a basketball and misses',
			duration: 2,
			setting: 'gym',
			characters: ['leo'],
			transition: 'crossfade',
			dialogue: [{ character: 'leo', text: 'So close!', at: 0.5 }],
		},
	],
});

async function prepared() {
	const { storyboard, speech } = await plannedAndSpoken(spec, dir);
	const synthesis: Synthesis = { speech, physics: simulatePhysics(storyboard) };
	return { storyboard, synthesis };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('frames drawn in the frame thread', () => {
	it('are byte for byte the frames the main thread draws, yuv420p and RGBA', async () => {
		const { storyboard, synthesis } = await prepared();
		for (const pixelFormat of ['yuv420p', 'rgba'] as const) {
			const here = await createFrameRenderer(storyboard, synthesis, { pixelFormat });
			const expected: string[] = [];
			for (let i = 0; i < storyboard.totalFrames; i++) expected.push(sha(here.drawFrame(i)));
			here.close();

			const logged: string[] = [];
			const threaded = await createThreadedFrameRenderer(storyboard, synthesis, {
				pixelFormat,
				log: (m) => logged.push(m),
			});
			expect(logged).toEqual([]);
			expect(threaded.framesAreFresh).toBe(false);
			expect(threaded.pixelFormat).toBe(pixelFormat);
			expect(threaded.ffmpegFilter).toBe(here.ffmpegFilter);
			const got: string[] = [];
			for (let i = 0; i < storyboard.totalFrames; i++) got.push(sha(await threaded.drawFrame(i)));
			threaded.close();
			expect(got).toHaveLength(48);
			expect(new Set(got).size).toBeGreaterThan(40);
			expect(got).toEqual(expected);
		}
	});

	it('started before the synthesis is finished, are the same frames once it is handed over', async () => {
		const { storyboard, synthesis } = await prepared();
		const here = await createFrameRenderer(storyboard, synthesis, { pixelFormat: 'yuv420p' });
		const expected: string[] = [];
		for (let i = 0; i < storyboard.totalFrames; i++) expected.push(sha(here.drawFrame(i)));
		here.close();

		let handOver!: (s: Synthesis) => void;
		const pending = new Promise<Synthesis>((resolve) => (handOver = resolve));
		const logged: string[] = [];
		let ready = false;
		const starting = createThreadedFrameRenderer(storyboard, pending, {
			pixelFormat: 'yuv420p',
			log: (m) => logged.push(m),
		});
		void starting.then(() => (ready = true));
		// Everything the thread can do without the synthesis, it does; ready it cannot be.
		await new Promise((resolve) => setImmediate(resolve));
		expect(ready).toBe(false);
		handOver(synthesis);
		const threaded = await starting;
		expect(logged).toEqual([]);
		const got: string[] = [];
		for (let i = 0; i < storyboard.totalFrames; i++) got.push(sha(await threaded.drawFrame(i)));
		threaded.close();
		expect(got).toEqual(expected);
	});

	it('fail with the synthesis error when the synthesis fails, drawing nothing here', async () => {
		const { storyboard } = await prepared();
		const logged: string[] = [];
		const failed = Promise.reject(new Error('the voice engine broke'));
		await expect(
			createThreadedFrameRenderer(storyboard, failed, {
				pixelFormat: 'yuv420p',
				log: (m) => logged.push(m),
			}),
		).rejects.toThrow('the voice engine broke');
		expect(logged).toEqual([]);
	});

	it('refuse frames out of order', async () => {
		const { storyboard, synthesis } = await prepared();
		const threaded = await createThreadedFrameRenderer(storyboard, synthesis, {});
		await threaded.drawFrame(0);
		await expect(Promise.resolve(threaded.drawFrame(2))).rejects.toThrow(/in order/);
		threaded.close();
	});

	it('fail, never hang, when the thread ends while the encoder waits for a frame', async () => {
		const { storyboard, synthesis } = await prepared();
		const threaded = await createThreadedFrameRenderer(storyboard, synthesis, {});
		expect((await threaded.drawFrame(0)).length).toBe(storyboard.width * storyboard.height * 4);
		threaded.close();
		// The thread draws at most the ring's frames ahead of the one taken; the first frame it had not
		// drawn when it ended fails with the thread's end (frames it had drawn may still be taken).
		let failure: unknown;
		for (let i = 1; i < storyboard.totalFrames && !failure; i++)
			await Promise.resolve(threaded.drawFrame(i)).catch((error: unknown) => (failure = error));
		expect(String(failure)).toMatch(/frame thread exited/);
	});

	it('encode through the encoder to the same file as frames drawn here', async () => {
		const { storyboard, synthesis } = await prepared();
		const encode = async (frames: Parameters<typeof encodeVideo>[0]['frames'], name: string) => {
			const outPath = join(dir, name);
			await encodeVideo({
				frames,
				totalFrames: storyboard.totalFrames,
				fps: storyboard.fps,
				quality: 'standard',
				outPath,
				signal: never,
			});
			return outPath;
		};
		const here = await createFrameRenderer(storyboard, synthesis, { pixelFormat: 'yuv420p' });
		const a = await encode(here, 'here.mp4');
		here.close();
		const threaded = await createThreadedFrameRenderer(storyboard, synthesis, {
			pixelFormat: 'yuv420p',
		});
		const b = await encode(threaded, 'threaded.mp4');
		threaded.close();
		const { readFile } = await import('node:fs/promises');
		expect(sha(await readFile(b))).toBe(sha(await readFile(a)));
	});

	it('are drawn in the main thread when the storyboard cannot be handed to the thread', async () => {
		const { storyboard, synthesis } = await prepared();
		// A function cannot be cloned into another thread.
		const odd = { ...storyboard, notCloneable: () => undefined } as typeof storyboard;
		const logged: string[] = [];
		const frames = await createThreadedFrameRenderer(odd, synthesis, {
			pixelFormat: 'yuv420p',
			log: (m) => logged.push(m),
		});
		expect(logged).toEqual(['frames drawn in the main thread: the frame thread could not start']);
		expect((await frames.drawFrame(0)).length).toBe((360 * 640 * 3) / 2);
		frames.close();
	});
});

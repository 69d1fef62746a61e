/**
 * The encoder settings for the engine's drawn frames (encoderChoice.ts: x264's cheapest sub-pixel
 * refinement at a slightly lower CRF) keep the look: on frames the engine really draws (a night
 * street in the rain with talking characters and captions, a crossfade into a gym with a missed
 * shot), their SSIM against the drawn frames is the reference settings' (within 0.0005; 360×640
 * frames here, where it was 0.9833 against 0.9835) and the file stays in the same size class.
 * What they save is CPU, which bench/ and docs/BENCHMARKS.md measure.
 */
import { stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFrameRenderer } from '../../../src/engine/compose/frames';
import {
	drawnFrameEncoderSettings,
	encoderSettings,
	type EncoderSettings,
} from '../../../src/engine/encode/encoderChoice';
import { initPhysics, simulatePhysics } from '../../../src/engine/physics';
import { runFfmpeg, type MediaInput } from '../../../src/media/ffmpeg';
import { MAYA, plannedAndSpoken, portraitSpec } from '../../support/engineFrames';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rf-drawn-settings-'));
	await initPhysics();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec = portraitSpec({
	seed: 11,
	fps: 24,
	characters: [
		MAYA,
		{ id: 'leo', name: 'Leo', description: 'man in a blue hoodie', voice: { voice: 'flite:rms' } },
	],
	shots: [
		{
			id: 'street',
			prompt: 'Maya and Leo walk down a rainy street at night, talking',
			duration: 2,
			setting: 'city-night',
			weather: 'rain',
			camera: { move: 'pan-right', intensity: 0.4 },
			characters: ['maya', 'leo'],
			dialogue: [{ character: 'maya', text: 'You still think you can beat me?', at: 0.2 }],
		},
		{
			id: 'gym',
			prompt: 'Leo shoots a basketball and misses',
			duration: 2,
			setting: 'gym',
			characters: ['leo'],
			transition: 'crossfade',
			camera: { move: 'dolly-in', intensity: 0.5 },
			dialogue: [{ character: 'leo', text: 'So close!', at: 0.5 }],
		},
	],
});

const rawInput = (width: number, height: number, fps: number): MediaInput => ({
	pipe: 0,
	format: 'rawvideo',
	options: ['-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-framerate', String(fps)],
});

it('keeps the SSIM of the reference settings on drawn frames, in the same size class', async () => {
	const { storyboard, speech } = await plannedAndSpoken(spec, dir);
	const renderer = await createFrameRenderer(
		storyboard,
		{ speech, physics: simulatePhysics(storyboard) },
		{ pixelFormat: 'yuv420p' },
	);
	const { width, height, fps, totalFrames } = storyboard;
	const frames: Buffer[] = [];
	for (let i = 0; i < totalFrames; i++) frames.push(Buffer.from(renderer.drawFrame(i)));
	renderer.close();
	const source = Buffer.concat(frames);

	const encode = async (name: string, settings: EncoderSettings) => {
		const path = join(dir, `${name}.mp4`);
		await runFfmpeg({
			what: 'test encode',
			global: ['-loglevel', 'error', '-y'],
			inputs: [rawInput(width, height, fps)],
			output: [...settings.videoOptions, '-pix_fmt', 'yuv420p', '-f', 'mp4', path],
			stdin: source,
		});
		// The mean SSIM over the frames, from ssim's per-frame statistics on stdout.
		const stats = await runFfmpeg({
			what: 'test ssim',
			global: ['-loglevel', 'error'],
			inputs: [rawInput(width, height, fps), { file: path, format: 'mov' }],
			output: ['-lavfi', '[1:v][0:v]ssim=stats_file=-', '-f', 'null', '-'],
			stdin: source,
			stdout: 'buffer',
		});
		const all = [...stats.toString().matchAll(/All:([0-9.]+)/g)].map((m) => Number(m[1]));
		expect(all).toHaveLength(totalFrames);
		return { ssim: all.reduce((a, b) => a + b, 0) / all.length, bytes: (await stat(path)).size };
	};
	const reference = await encode('reference', encoderSettings('libx264', 'standard', fps));
	const drawn = await encode('drawn', drawnFrameEncoderSettings('libx264', 'standard', fps));
	expect(reference.ssim).toBeGreaterThan(0.95);
	expect(drawn.ssim).toBeGreaterThanOrEqual(reference.ssim - 0.0005);
	expect(drawn.bytes).toBeLessThan(reference.bytes * 1.15);
	expect(drawn.bytes).toBeGreaterThan(reference.bytes * 0.85);
});

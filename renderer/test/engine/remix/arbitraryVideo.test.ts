import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remixArbitraryVideo } from '../../../src/engine/remix';
import { detectShotStarts } from '../../../src/engine/remix/sceneCuts';
import type { RenderContext } from '../../../src/providers/provider';
import { validateRenderSpec } from '../../../src/spec/validate';
import { audioRmsDb, decodeFrame, meanColour, probe, topLevelBoxes } from '../encode/mediaProbe';
import { fromLavfi } from '../../support/clips';
import { QUICK_H264_AAC } from '../../../src/media/ffmpeg';

const W = 160;
const H = 288;

let root: string;
let source: string;
beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'rf-remix-video-'));
	source = join(root, 'source.mp4');
	// Three 1 s "shots" (red, green, blue) over a quiet tone: a video the engine did not make.
	fromLavfi(
		source,
		[
			`color=c=0xd02020:s=${W}x${H}:r=24:d=1`,
			`color=c=0x20c020:s=${W}x${H}:r=24:d=1`,
			`color=c=0x2020d0:s=${W}x${H}:r=24:d=1`,
			'sine=frequency=330:sample_rate=48000:duration=3',
		],
		[
			'-filter_complex',
			'[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]',
			'-map',
			'[v]',
			'-map',
			'3:a',
			...QUICK_H264_AAC,
		],
	);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec = validateRenderSpec({
	seed: 5,
	prompt: 'Remix of a test video',
	durationSeconds: 3,
	output: { width: W, height: H, fps: 24, quality: 'draft' },
});

function context(extra: Partial<RenderContext> = {}): RenderContext {
	return {
		workDir: mkdtempSync(join(root, 'work-')),
		signal: new AbortController().signal,
		progress: () => undefined,
		log: () => undefined,
		cacheDir: join(root, 'cache'),
		modelsDir: join(root, 'models'),
		cameos: new Map(),
		...extra,
	};
}

describe('remixArbitraryVideo', () => {
	it('finds the shots of a video by scene change', async () => {
		const starts = await detectShotStarts(source);
		expect(starts).toHaveLength(3);
		expect(starts[1]).toBeCloseTo(1, 1);
		expect(starts[2]).toBeCloseTo(2, 1);
	});

	it('re-orders and drops detected shots, restyles, adds ducked music and re-encodes', async () => {
		const ctx = context();
		const result = await remixArbitraryVideo(
			{
				sourcePath: source,
				spec,
				operations: { recut: { order: [2, 0] }, style: 'documentary', music: { mood: 'calm' } },
			},
			ctx,
		);
		const info = probe(result.videoPath);
		expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({
			codec_name: 'h264',
			width: W,
			height: H,
			pix_fmt: 'yuv420p',
		});
		expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({
			codec_name: 'aac',
			sample_rate: '48000',
			channels: 2,
		});
		expect(Math.abs(Number(info.format.duration) - 2)).toBeLessThanOrEqual(1 / 24 + 0.03);
		const boxes = topLevelBoxes(result.videoPath);
		expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
		// Blue first, then red: the shots came out in the requested order.
		const first = meanColour(decodeFrame(result.videoPath, 6, W, H));
		const second = meanColour(decodeFrame(result.videoPath, 30, W, H));
		expect(first[2]).toBeGreaterThan(first[0] + 60);
		expect(second[0]).toBeGreaterThan(second[2] + 60);
		expect(audioRmsDb(result.videoPath, 0.2, 1.8)).toBeGreaterThan(-40);
		expect(result.details).toMatchObject({ source: { shotsDetected: 3, hasAudio: true } });
		expect(result.stills).toMatchObject({ poster: join(ctx.workDir, 'poster.jpg') });
	});

	it('trims and says which fields it could not honour', async () => {
		const result = await remixArbitraryVideo(
			{
				sourcePath: source,
				spec,
				operations: { recut: { trim: { start: 0.5, end: 2 } }, style: 'claymation' },
			},
			context(),
		);
		expect(Math.abs(Number(probe(result.videoPath).format.duration) - 1.5)).toBeLessThanOrEqual(
			1 / 24 + 0.03,
		);
		expect(result.warnings).toEqual([
			expect.objectContaining({ path: '/operations/style', term: 'claymation' }),
		]);
	});

	it('rejects a cameo and shots the source does not have, naming the fields', async () => {
		await expect(
			remixArbitraryVideo(
				{ sourcePath: source, spec, operations: { cameo: { cameoId: 'cam_a' } } },
				context(),
			),
		).rejects.toMatchObject({
			statusCode: 400,
			details: [expect.objectContaining({ path: '/operations/cameo' })],
		});
		await expect(
			remixArbitraryVideo(
				{ sourcePath: source, spec, operations: { recut: { order: [0, 7] } } },
				context(),
			),
		).rejects.toMatchObject({
			statusCode: 400,
			details: [expect.objectContaining({ path: '/operations/recut/order/1' })],
		});
	});

	it('stops on cancel and leaves nothing in the work folder', async () => {
		const controller = new AbortController();
		const ctx = context({
			signal: controller.signal,
			progress: (stage) => stage === 'encode' && controller.abort(),
		});
		await expect(
			remixArbitraryVideo(
				{ sourcePath: source, spec, operations: { style: 'painted', music: {} } },
				ctx,
			),
		).rejects.toMatchObject({ name: 'AbortError' });
		expect(readdirSync(ctx.workDir)).toEqual([]);
	});

	it('extends a video with shots rendered by the local engine, with a warning that its people are unknown', async () => {
		const result = await remixArbitraryVideo(
			{
				sourcePath: source,
				spec,
				operations: {
					recut: { trim: { end: 1 } },
					extend: {
						shots: [{ prompt: 'Nia waves on the beach. Nia says "Hello!"', duration: 1.5 }],
					},
				},
			},
			context(),
		);
		expect(Math.abs(Number(probe(result.videoPath).format.duration) - 2.5)).toBeLessThanOrEqual(
			1 / 24 + 0.03,
		);
		expect(result.transcript).toContain('Hello!');
		expect(result.warnings).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ path: '/operations/extend', term: 'characters' }),
			]),
		);
		// The first second is the red source shot; the extension (a beach) follows.
		const red = meanColour(decodeFrame(result.videoPath, 12, W, H));
		const beach = meanColour(decodeFrame(result.videoPath, 40, W, H));
		expect(red[0]).toBeGreaterThan(red[2] + 60);
		expect(Math.abs(beach[0] - red[0]) + Math.abs(beach[2] - red[2])).toBeGreaterThan(60);
	});
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocalEngine } from '../../../src/engine';
import type { RenderContext, StageName } from '../../../src/providers/provider';
import { validateRenderSpec } from '../../../src/spec/validate';
import {
	audioRmsDb,
	decodeFrame,
	frameHashes,
	meanColour,
	probe,
	topLevelBoxes,
} from '../encode/mediaProbe';

const W = 180;
const H = 320;
const FPS = 24;

/** Two characters talking on a night street, then a missed basketball shot in the gym. */
const spec = validateRenderSpec({
	seed: 42,
	output: { width: W, height: H, fps: FPS, quality: 'draft' },
	style: 'cinematic',
	characters: [
		{ id: 'maya', description: 'woman in a red jacket' },
		{ id: 'leo', description: 'man in a blue hoodie' },
	],
	shots: [
		{
			prompt: 'Maya and Leo talk on a neon street at night.',
			duration: 2.5,
			dialogue: [{ character: 'maya', text: 'Ready for the game?' }],
		},
		{
			prompt: 'Leo shoots and misses.',
			duration: 2,
			setting: 'gym',
			timeOfDay: 'day',
			physics: { scene: 'basketball', outcome: 'miss' },
		},
	],
	audio: { music: { enabled: true, mood: 'upbeat' } },
});

let root: string;
beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'rf-pipeline-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function context(
	name: string,
	extra: Partial<RenderContext> = {},
): RenderContext & { stages: StageName[] } {
	const workDir = mkdtempSync(join(root, `${name}-work-`));
	const stages: StageName[] = [];
	return {
		workDir,
		signal: new AbortController().signal,
		progress: (stage) => {
			if (stages[stages.length - 1] !== stage) stages.push(stage);
		},
		log: () => undefined,
		cacheDir: join(root, 'cache'),
		modelsDir: join(root, 'models'),
		cameos: new Map(),
		stages,
		...extra,
	};
}

function vttCues(path: string): Array<{ start: number; end: number }> {
	const seconds = (t: string) => t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
	return [...readFileSync(path, 'utf8').matchAll(/([\d:.]+) --> ([\d:.]+)/g)].map((m) => ({
		start: seconds(m[1]),
		end: seconds(m[2]),
	}));
}

describe('runLocalEngine', () => {
	let first: Awaited<ReturnType<typeof runLocalEngine>>;
	let ctx: ReturnType<typeof context>;

	beforeAll(async () => {
		ctx = context('first');
		first = await runLocalEngine(spec, ctx);
	});

	it('runs the stages in order and produces a faststart H.264/AAC MP4 of the planned length', () => {
		expect(ctx.stages).toEqual(['plan', 'synthesize', 'compose', 'encode']);
		const info = probe(first.videoPath);
		const video = info.streams.find((s) => s.codec_type === 'video')!;
		expect(video).toMatchObject({
			codec_name: 'h264',
			width: W,
			height: H,
			pix_fmt: 'yuv420p',
			nb_frames: String(108),
		});
		expect(info.streams.find((s) => s.codec_type === 'audio')).toMatchObject({
			codec_name: 'aac',
			sample_rate: '48000',
			channels: 2,
		});
		expect(Math.abs(Number(info.format.duration) - 4.5)).toBeLessThanOrEqual(1 / FPS);
		const boxes = topLevelBoxes(first.videoPath);
		expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
		expect(first.details).toMatchObject({
			frames: 108,
			physicsOutcomes: [{ shotIndex: 1, outcome: 'miss' }],
		});
	});

	it('writes poster, thumbnail and captions next to the video', () => {
		const variants = first.stills!;
		expect(probe(variants.poster).streams[0]).toMatchObject({ width: W, height: H });
		expect(probe(variants.thumbnail).streams[0]).toMatchObject({ width: 320 });
		expect(readFileSync(first.captionsPath!, 'utf8')).toMatch(/^WEBVTT/);
		expect(first.transcript).toContain('Ready for the game?');
	});

	it('cuts to the next shot exactly on the storyboard frame', () => {
		const boundary = first.storyboard.shots[1].startFrame;
		expect(boundary).toBe(60);
		const distance = (a: number[], b: number[]) =>
			Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
		const twoBefore = meanColour(decodeFrame(first.videoPath, boundary - 2, W, H));
		const before = meanColour(decodeFrame(first.videoPath, boundary - 1, W, H));
		const after = meanColour(decodeFrame(first.videoPath, boundary, W, H));
		// The night street and the lit gym differ far more than two neighbouring frames of one shot.
		expect(distance(before, after)).toBeGreaterThan(4 * distance(twoBefore, before) + 10);
	});

	it('is audible while the dialogue is spoken', () => {
		const [cue] = vttCues(first.captionsPath!);
		expect(cue.end).toBeGreaterThan(cue.start);
		expect(audioRmsDb(first.videoPath, cue.start, cue.end)).toBeGreaterThan(-35);
	});

	it('renders identical frames for the same spec and seed, from a cold cache too', async () => {
		const again = await runLocalEngine(
			spec,
			context('again', { cacheDir: join(root, 'cold-cache') }),
		);
		expect(frameHashes(again.videoPath)).toEqual(frameHashes(first.videoPath));
	});

	it('reuses cached physics on a re-render (a style remix)', async () => {
		const logs: Array<[string, Record<string, unknown> | undefined]> = [];
		const remix = await runLocalEngine(
			{ ...spec, style: 'anime' },
			context('remix', { log: (m, f) => logs.push([m, f]) }),
		);
		expect(logs.find(([m]) => m === 'synthesized')?.[1]).toMatchObject({ physicsCached: true });
		expect(frameHashes(remix.videoPath)).not.toEqual(frameHashes(first.videoPath));
	});

	it('stops on cancel: ffmpeg is killed and nothing is left in the work folder', async () => {
		const controller = new AbortController();
		const cancelCtx = context('cancel', {
			signal: controller.signal,
			progress: (stage, fraction) => {
				if (stage === 'encode' && fraction > 0.3) controller.abort();
			},
		});
		await expect(runLocalEngine(spec, cancelCtx)).rejects.toMatchObject({ name: 'AbortError' });
		expect(readdirSync(cancelCtx.workDir)).toEqual([]);
		const encoders = readdirSync('/proc')
			.filter((d) => /^\d+$/.test(d))
			.filter((pid) => {
				try {
					return readFileSync(`/proc/${pid}/cmdline`).toString().includes(cancelCtx.workDir);
				} catch {
					return false;
				}
			});
		expect(encoders).toEqual([]);
	});
});

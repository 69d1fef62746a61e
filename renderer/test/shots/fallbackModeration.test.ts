/**
 * A prompt-only spec routed along a fallback chain, moderated live: the verdict always comes from
 * the frames of the video that is delivered. The local engine hands its sampled frames to the job's
 * moderation tap as it encodes; when it ends the tap and then fails, the fallback's video must be
 * judged on its own frames (its file decoded), never on the engine's.
 *
 * The moderator is the real one (policy, evidence, verdict); its video inspector reads a frame's
 * "content" from its first byte, so that the engine's frames and the delivered file's frames can be
 * told apart in the verdict without loading the image models (their equivalence between the live and
 * the decode paths is `trust/moderation/liveModeration.test.ts`'s subject).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedVideo, RenderContext } from '../../src/pipeline/render';
import type { VideoProvider } from '../../src/providers/provider';
import { createRoutedProvider } from '../../src/shots/routedProvider';
import { ApiError } from '../../src/spec/errors';
import type { RenderSpec } from '../../src/spec/renderSpec';
import { validateRenderSpec } from '../../src/spec/validate';
import type { FrameReport, VideoInspector } from '../../src/trust/moderation/media/inspector';
import { createModerator } from '../../src/trust/moderation/moderator';

const NUDE = 200;
const CLEAN = 10;

/** Frames whose first byte is NUDE score as explicit; the decoded file's frames are `fileFrames`. */
function inspectorFor(fileFrames: number[]) {
	const decoded: string[] = [];
	const report = (firstByte: number, time: number): FrameReport => ({
		time,
		scores: { sexual: firstByte === NUDE ? 0.98 : 0.01 },
		labels: `first byte ${firstByte}`,
		text: '',
	});
	const inspector: VideoInspector = {
		sampling: { intervalSeconds: 1, maxSide: 64 },
		async inspect(videoPath) {
			decoded.push(videoPath);
			return fileFrames.map((b, i) => report(b, i));
		},
		async inspectFrame(frame) {
			return report(frame.data[0]!, frame.time);
		},
	};
	return { inspector, decoded };
}

function frame(firstByte: number, time: number) {
	const data = new Uint8Array(4 * 4 * 3).fill(CLEAN);
	data[0] = firstByte;
	return { width: 4, height: 4, data, time };
}

/** Draws like the engine: frames through the tap, the tap ended, then (maybe) a failure. */
function engineLike(
	id: string,
	frames: number[],
	outcome: 'fail after the encode' | 'deliver',
): VideoProvider & { calls: Array<{ tapped: boolean }> } {
	const calls: Array<{ tapped: boolean }> = [];
	return {
		id,
		calls,
		capabilities: () => ({
			id,
			displayName: id,
			offline: true,
			available: true,
			styles: [],
			voices: [],
			limits: { maxDurationSeconds: 60, maxEdgePx: 1920, maxFps: 60 },
			features: [],
		}),
		check: () => [],
		async generate(_spec: RenderSpec, ctx: RenderContext): Promise<GeneratedVideo> {
			calls.push({ tapped: ctx.moderation !== undefined });
			ctx.moderation?.transcript('hello there');
			frames.forEach((b, i) => ctx.moderation?.frame(frame(b, i)));
			ctx.moderation?.end();
			if (outcome === 'fail after the encode')
				throw new ApiError(500, 'render_failed', `${id} failed while muxing`);
			const videoPath = join(ctx.workDir, `${id}.mp4`);
			await writeFile(videoPath, 'not inspected byte by byte here');
			return { videoPath, transcript: 'hello there', warnings: [], details: {} };
		},
	};
}

/** Makes its video elsewhere (a remote generator): never touches the tap. */
function remoteLike(id: string) {
	const provider = engineLike(id, [], 'deliver');
	const generate = provider.generate.bind(provider);
	provider.generate = (spec, ctx) => generate(spec, { ...ctx, moderation: undefined });
	return provider;
}

describe('a fallback chain under live moderation', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'rf-fallback-moderation-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	const spec = validateRenderSpec({
		version: '1',
		provider: 'auto',
		fallback: ['backup'],
		prompt: 'a dancer in a yellow raincoat on a rainy street',
		output: { width: 360, height: 640, fps: 24, quality: 'draft' },
	});

	async function run(providers: VideoProvider[], fileFrames: number[]) {
		const { inspector, decoded } = inspectorFor(fileFrames);
		const moderator = createModerator({ video: inspector, transcribe: false });
		const signal = new AbortController().signal;
		const live = moderator.startVideoModeration!(spec, signal)!;
		const routed = createRoutedProvider({
			providers: {
				find: (id) => providers.find((p) => p.id === id),
				all: () => providers,
			},
			storage: undefined as never,
			outbound: undefined as never,
		});
		const ctx: RenderContext = {
			workDir: dir,
			signal,
			progress: () => undefined,
			log: () => undefined,
			cacheDir: dir,
			modelsDir: dir,
			cameos: new Map(),
			moderation: live.tap,
		};
		const generated = await routed.generate(spec, ctx);
		const verdict = await live.finish(
			{ videoPath: generated.videoPath, transcript: generated.transcript, spec },
			signal,
		);
		return { generated, verdict, decoded };
	}

	it('judges the fallback on its own frames when the engine ended the tap and then failed', async () => {
		const local = engineLike('local', [NUDE, NUDE], 'fail after the encode');
		const backup = remoteLike('backup');
		const { generated, verdict, decoded } = await run([local, backup], [CLEAN, CLEAN, CLEAN]);
		expect(generated.videoPath).toBe(join(dir, 'backup.mp4'));
		expect(generated.details.routedTo).toBe('backup');
		expect(decoded).toEqual([join(dir, 'backup.mp4')]);
		expect(verdict.flagged).toBe(false);
		expect(verdict.categories.sexual).toBeLessThan(0.1);
		expect(verdict.reasons.map((r) => r.category)).not.toContain('sexual');
	});

	it('finds what the fallback shows, whatever the engine drew before failing', async () => {
		const local = engineLike('local', [CLEAN, CLEAN], 'fail after the encode');
		const backup = remoteLike('backup');
		const { verdict, decoded } = await run([local, backup], [CLEAN, NUDE]);
		expect(decoded).toEqual([join(dir, 'backup.mp4')]);
		expect(verdict.flagged).toBe(true);
		expect(verdict.categories.sexual).toBeGreaterThan(0.9);
	});

	it('gives a fallback that samples its own frames no tap once the failed attempt used it', async () => {
		const local = engineLike('local', [NUDE], 'fail after the encode');
		const backup = engineLike('backup', [NUDE, NUDE], 'deliver');
		const { verdict, decoded } = await run([local, backup], [CLEAN]);
		expect(local.calls).toEqual([{ tapped: true }]);
		expect(backup.calls).toEqual([{ tapped: false }]);
		expect(decoded).toEqual([join(dir, 'backup.mp4')]);
		expect(verdict.flagged).toBe(false);
	});

	it("keeps the live verdict when the engine's video is the one delivered", async () => {
		const local = engineLike('local', [CLEAN, NUDE], 'deliver');
		const backup = remoteLike('backup');
		const { generated, verdict, decoded } = await run([local, backup], [CLEAN, CLEAN]);
		expect(generated.videoPath).toBe(join(dir, 'local.mp4'));
		expect(backup.calls).toEqual([]);
		expect(decoded).toEqual([]);
		expect(verdict.flagged).toBe(true);
		expect(verdict.reasons.some((r) => r.category === 'sexual')).toBe(true);
	});
});

/**
 * The local engine, top to bottom: plan → synthesize (speech and physics) → compose (frame
 * renderer and audio mix) → encode, then captions and still variants. The service's job runner
 * (through the `local` provider) and the CLI both call `runLocalEngine`, so there is one pipeline.
 *
 * Everything it writes goes into ctx.workDir; speech and physics are cached in ctx.cacheDir by
 * content hash, so re-rendering a spec with another style or music (a remix) skips them.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';
import type { GeneratedVideo, RenderContext } from '../pipeline/render';
import { buildWebVtt } from './captions/webvtt';
import { createThreadedFrameRenderer } from './compose/threadedFrames';
import { mixInThread } from './compose/threadedMix';
import type { MixResult } from './audio';
import { abortError } from './encode/abort';
import { encodeVideo } from './encode';
import { initPhysics, simulatePhysics } from './physics';
import { collectAllGarbage } from './memory';
import { plan } from './plan';
import { admittedPlan } from './plan/once';
import { preloadStyle } from './style';
import type { PhysicsTrack, SpeechTrack, Storyboard } from './storyboard';
import { synthesizeSpeech, type RemoteVoiceSource } from './voice';

/** Bump when the physics output changes shape or behaviour, so old cache entries are not reused. */
const PHYSICS_CACHE_VERSION = 2;

export interface StageTimings {
	plan: number;
	synthesize: number;
	compose: number;
	encode: number;
	variants: number;
}

/**
 * Everything the physics reads: set-pieces, and — since performers load beams and planks and their
 * footfalls are contacts — who stands where, does what, in which place, and how big they are.
 */
function physicsCacheKey(storyboard: Storyboard): string {
	const inputs = storyboard.shots.map((s) => [
		s.index,
		s.id,
		s.startFrame,
		s.frameCount,
		s.duration,
		s.physics,
		s.setting,
		s.weather,
		s.groundCover,
		s.placements,
		s.actions,
	]);
	const bodies = storyboard.characters.map((c) => [c.id, c.look.height, c.look.build, c.animal]);
	return createHash('sha256')
		.update(
			JSON.stringify([
				PHYSICS_CACHE_VERSION,
				storyboard.fps,
				storyboard.seed,
				storyboard.width / storyboard.height,
				inputs,
				bodies,
			]),
		)
		.digest('hex')
		.slice(0, 32);
}

/** Physics from the cache when this storyboard's set-pieces were simulated before, else simulated and stored. */
async function physicsFor(
	storyboard: Storyboard,
	cacheDir: string,
	log: RenderContext['log'],
): Promise<{ tracks: PhysicsTrack[]; cached: boolean }> {
	if (!storyboard.shots.some((s) => s.physics || s.placements.length))
		return { tracks: [], cached: false };
	const dir = join(cacheDir, 'physics');
	const file = join(dir, `${physicsCacheKey(storyboard)}.json`);
	try {
		return { tracks: JSON.parse(await readFile(file, 'utf8')) as PhysicsTrack[], cached: true };
	} catch {
		// Not cached yet (or unreadable): simulate.
	}
	await initPhysics();
	const tracks = simulatePhysics(storyboard);
	try {
		await mkdir(dir, { recursive: true });
		// Write then rename, so a concurrent render never reads half a file.
		const partial = `${file}.${process.pid}.${Date.now()}.part`;
		await writeFile(partial, JSON.stringify(tracks));
		await rename(partial, file);
	} catch (error) {
		log('physics cache write failed; continuing without it', { error: String(error) });
	}
	return { tracks, cached: false };
}

/** The user's music track, fetched into the work folder while speech is synthesised. */
async function musicTrackFor(
	storyboard: Storyboard,
	ctx: RenderContext,
): Promise<string | undefined> {
	const track = storyboard.music.track;
	if (!track || !storyboard.music.enabled || storyboard.music.volume <= 0) return undefined;
	if (!ctx.fetchMedia)
		throw new ApiError(
			422,
			'media_unavailable',
			'This renderer cannot fetch media for this render, so the music source cannot be used.',
			[{ path: '/audio/music/source', message: 'cannot be fetched here' }],
		);
	return ctx.fetchMedia(track.source, '/audio/music/source');
}

function transcriptOf(speech: SpeechTrack): string {
	return [...speech.clips]
		.sort((a, b) => a.start - b.start)
		.map((c) => c.text)
		.join('\n');
}

/** Time of the poster frame: the middle of the first shot, where its action is under way. */
function posterSeconds(storyboard: Storyboard): number {
	const first = storyboard.shots.find((s) => s.frameCount > 0);
	return first ? (first.startFrame + Math.floor(first.frameCount / 2)) / storyboard.fps : 0;
}

/** What the service adds to the engine beyond the render context. */
export interface EngineOptions {
	/** Remote speech providers (configured in the renderer, never in specs). */
	remoteVoices?: RemoteVoiceSource[];
}

export async function runLocalEngine(
	spec: RenderSpec,
	ctx: RenderContext,
	options: EngineOptions = {},
): Promise<GeneratedVideo & { storyboard: Storyboard }> {
	const timings: StageTimings = { plan: 0, synthesize: 0, compose: 0, encode: 0, variants: 0 };
	const timed = async <T>(stage: keyof StageTimings, work: () => Promise<T> | T): Promise<T> => {
		if (ctx.signal.aborted) throw abortError(ctx.signal);
		const started = performance.now();
		try {
			return await work();
		} finally {
			timings[stage] = Math.round(performance.now() - started);
		}
	};
	const mixPath = join(ctx.workDir, 'mix.wav');
	const videoPath = join(ctx.workDir, 'video.mp4');
	const captionsPath = join(ctx.workDir, 'captions.vtt');
	const written = [
		mixPath,
		videoPath,
		captionsPath,
		join(ctx.workDir, 'poster.jpg'),
		join(ctx.workDir, 'thumbnail.jpg'),
	];

	// The audio mix, once started: a failed render waits for it before clearing its files.
	let mixing: Promise<MixResult> | undefined;
	try {
		ctx.progress('plan', 0);
		// Admission's plan is this render's plan (the runner hands it over only while the cameos are
		// the ones it was planned with).
		const storyboard = await timed(
			'plan',
			() =>
				admittedPlan(spec, ctx.plan, ctx.cameos) ??
				plan(spec, { cameos: ctx.cameos, story: ctx.story }),
		);
		ctx.progress('plan', 1);
		// The style's grade runs in onnxruntime's threads while speech is synthesised here.
		preloadStyle(storyboard.style);
		ctx.log('planned', {
			shots: storyboard.shots.length,
			frames: storyboard.totalFrames,
			warnings: storyboard.warnings.length,
		});

		ctx.progress('synthesize', 0);
		let musicTrackPath: string | undefined;
		// The synthesis starts once the frame thread was started (below): flite speaks on this thread,
		// synchronously, and the thread would otherwise wait for all of it before it began loading.
		let startSynthesis!: () => void;
		const synthesisMayStart = new Promise<void>((resolve) => (startSynthesis = resolve));
		const synthesized = timed('synthesize', async () => {
			await synthesisMayStart;
			const speechDone = synthesizeSpeech(storyboard, {
				cacheDir: join(ctx.cacheDir, 'speech'),
				modelsDir: ctx.modelsDir,
				signal: ctx.signal,
				log: ctx.log,
				remote: options.remoteVoices,
			});
			const physicsDone = physicsFor(storyboard, ctx.cacheDir, ctx.log);
			const musicDone = musicTrackFor(storyboard, ctx);
			const [speechTrack, physicsResult, musicPath] = await Promise.all([
				speechDone,
				physicsDone,
				musicDone,
			]);
			musicTrackPath = musicPath;
			ctx.log('synthesized', {
				lines: speechTrack.clips.length,
				physicsShots: physicsResult.tracks.length,
				physicsCached: physicsResult.cached,
			});
			return { speech: speechTrack, physics: physicsResult.tracks };
		});
		// The frame thread starts now, not after the synthesis: speech and physics are mostly one
		// core's work, so loading the thread's modules and preparing the style's textures, the
		// canvases and the cameos (none of which needs them) takes the other core meanwhile. It is
		// handed the synthesis (lip-sync, physics, captions) when that is ready.
		const framesReady = createThreadedFrameRenderer(storyboard, synthesized, {
			pixelFormat: 'yuv420p',
			log: ctx.log,
		});
		// Awaited at compose; a synthesis failure rejects both, and is reported once (below).
		framesReady.catch(() => undefined);
		startSynthesis();
		const synthesis = await synthesized;
		const { speech, physics } = synthesis;
		ctx.progress('synthesize', 1);
		// What will be said is known now: its moderation can run while the frames are drawn.
		ctx.moderation?.transcript(transcriptOf(speech));
		// The speech engines' WASI memories are garbage now; free them before frames need the room.
		collectAllGarbage();

		ctx.progress('compose', 0);
		// The mix runs in its own thread from now on, beside the frame loop: the frames do not need
		// it, only the encoder's audio step does (engine/encode), which waits for it.
		mixing = mixInThread(storyboard, synthesis, mixPath, {
			signal: ctx.signal,
			log: ctx.log,
			musicTrackPath,
		});
		const mixed = mixing;
		// Awaited by the encoder's audio step (and by the clean-up of a failed render).
		mixed.catch(() => undefined);
		let frames;
		try {
			// What is left of the frame thread's set-up once it has the synthesis.
			frames = await timed('compose', () => framesReady);
		} catch (error) {
			// A thread that starts must not outlive the failed render.
			void framesReady.then(
				(started) => started.close(),
				() => undefined,
			);
			throw error;
		}
		ctx.progress('compose', 1);

		let encoded;
		try {
			ctx.progress('encode', 0);
			encoded = await timed('encode', () =>
				encodeVideo({
					frames,
					totalFrames: storyboard.totalFrames,
					fps: storyboard.fps,
					quality: storyboard.quality,
					audioPath: mixed.then((mix) => mix.path),
					outPath: videoPath,
					signal: ctx.signal,
					log: ctx.log,
					onProgress: (fraction) => ctx.progress('encode', fraction),
					stills: { dir: ctx.workDir, atSeconds: posterSeconds(storyboard) },
					moderation: ctx.moderation,
				}),
			);
		} finally {
			frames.close();
		}
		const mix = await mixed;
		ctx.log('composed', {
			integratedLufs: mix.integratedLufs,
			audioSeconds: mix.durationSeconds,
			// How far under each line the beds sat (LU): the dialogue-first mix's own check.
			speechToBedDb: mix.dialogueWindows.map(
				(w) => Math.round((w.speechLufs - w.bedLufs) * 10) / 10,
			),
		});
		await rm(mix.path, { force: true });

		// The poster and thumbnail were taken during the encode's mux; the captions are text.
		const variants = await timed('variants', async () => {
			await writeFile(captionsPath, buildWebVtt(speech));
			if (!encoded.variants) throw new Error('the encoder was asked for stills and returned none');
			return encoded.variants;
		});
		ctx.log('local engine finished', { ...timings, encoder: encoded.encoder });

		return {
			videoPath,
			captionsPath,
			transcript: transcriptOf(speech),
			warnings: storyboard.warnings,
			storyboard,
			stills: variants,
			details: {
				engine: 'local',
				seed: storyboard.seed,
				encoder: encoded.encoder,
				frames: encoded.frames,
				durationSeconds: encoded.durationSeconds,
				integratedLufs: mix.integratedLufs,
				timingsMs: timings,
				encodeMs: encoded.timingsMs,
				shots: storyboard.shots.map((s) => ({
					id: s.id,
					setting: s.setting,
					startFrame: s.startFrame,
					frameCount: s.frameCount,
					...(s.physics ? { physics: s.physics.scene } : {}),
				})),
				physicsOutcomes: physics
					.filter((p) => p.outcome)
					.map((p) => ({ shotIndex: p.shotIndex, outcome: p.outcome })),
			},
		};
	} catch (error) {
		// A failed or canceled render leaves nothing of its own behind (the cache keeps finished entries).
		await mixing?.catch(() => undefined);
		await Promise.all(written.map((path) => rm(path, { force: true })));
		throw ctx.signal.aborted ? abortError(ctx.signal) : error;
	}
}

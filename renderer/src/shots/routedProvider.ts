/**
 * A story whose shots come from several sources — the user's media, the local engine, remote
 * generators — made into one video under Reelforge's sound, captions and watermark. The runner
 * knows it as one more `VideoProvider` (the registry hands it out for specs that need it, see
 * `ProviderRegistry.forSpec`); moderation, C2PA and storage then treat the result like any render.
 *
 * Each run of consecutive local shots is one engine render (its transitions, dialogue, captions and
 * lip-sync intact); each remote shot is one clip from its generator, several at once up to the
 * generator's concurrency, normalised to the spec's size, rate and loudness and kept in the cache
 * under the hash of everything that made it, so a retry, a crashed worker or a remix never pays
 * for it twice; each media shot is fetched, probed and fitted. A shot whose provider fails tries
 * the spec's fallback chain; what was used is recorded per shot in `details.shots` and warned about.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildWebVtt } from '../engine/captions/webvtt';
import { writeVariants } from '../engine/encode/variants';
import type { SpeechClip } from '../engine/storyboard';
import type { Outbound } from '../net/outbound';
import type { Warning } from '../pipeline/render';
import type {
	GeneratedVideo,
	ProviderCapabilities,
	RenderContext,
	VideoProvider,
} from '../providers/provider';
import { ApiError } from '../spec/errors';
import { isAutoDuration, shotSeconds } from '../spec/narration';
import { SPEC_LIMITS, STYLES, type RenderSpec } from '../spec/renderSpec';
import type { ObjectStorage } from '../storage/storage';
import { attemptTap } from './attemptTap';
import { shiftVtt, sortCues } from './cues';
import { shiftSpeechClips } from './dialogueCaptions';
import { limiter } from './limiter';
import { makeMediaShot } from './mediaShot';
import { narrate, type Narration } from './narration';
import { fetchOverlays } from './overlays';
import { piecesOf, type Piece } from './pieces';
import { shotProgressReporter, type PieceProgress } from './shotProgress';
import { LOCAL, MEDIA, routeShots, type ProviderLookup } from './route';
import { createRouteCheck } from './routeCheck';
import { createShotMaker } from './shotMaker';
import { describeFailure, refusedForSafety, type PieceResult, type ShotRecord } from './shotResult';
import { stitchSegments, type Segment } from './stitch';
import { writeStoryMusic } from './storyMusic';
import { writeStoryText } from './textOverlay';

export interface RoutedProviderDeps {
	providers: ProviderLookup;
	storage: ObjectStorage;
	outbound: Outbound;
}

export function createRoutedProvider(deps: RoutedProviderDeps): VideoProvider {
	const { providers } = deps;
	const { available, drawableByLocal, wholeSpecCandidates, check } = createRouteCheck(providers);
	const { makeWithFallback } = createShotMaker(deps, providers, available);

	function capabilities(): ProviderCapabilities {
		return {
			id: 'routed',
			displayName: 'Shots from several sources',
			offline: false,
			available: true,
			styles: [...STYLES],
			voices: [],
			limits: { maxDurationSeconds: SPEC_LIMITS.maxDurationSeconds, maxEdgePx: 3840, maxFps: 60 },
			features: ['multi-source', 'media-shots', 'fallback', 'transitions', 'music', 'watermark'],
		};
	}

	async function generate(story: RenderSpec, ctx: RenderContext): Promise<GeneratedVideo> {
		if (!story.shots.length) return generateWhole(story, ctx);
		// The voice-over first: with duration auto, its lines decide how long the shots are.
		ctx.progress('synthesize', 0);
		const narration = await narrate(story, ctx);
		ctx.progress('synthesize', 1);
		const spec = narration?.spec ?? story;
		const { routes, warnings } = routeShots(
			spec,
			providers,
			drawableByLocal(spec, ctx.story ? { story: ctx.story } : undefined),
		);
		if (narration) warnings.push(...narration.warnings);
		const made = await makePieces(spec, piecesOf(routes), shotProgressReporter(routes, ctx), ctx);
		warnings.push(...made.warnings);
		if (narration) addNarration(made, narration, story);
		return finishStory(spec, made, narration, warnings, ctx);
	}

	/**
	 * Makes every piece, in the story's order on its clock: remote pieces start at once (several at
	 * a time per provider), media and local ones one after another as their turn comes.
	 */
	async function makePieces(
		spec: RenderSpec,
		pieces: Piece[],
		report: PieceProgress,
		ctx: RenderContext,
	): Promise<MadePieces> {
		const limit = limiter();
		const started = pieces.map((piece) => {
			const first = piece.route.candidates[0];
			// Media and the local engine run one after another (they share the CPU).
			if (first === MEDIA || first === LOCAL) return undefined;
			// Remote (or a chain): started now, several at once per provider.
			return makeWithFallback(spec, piece, ctx, limit, (f, source) => report(piece, f, source));
		});
		// Whatever happens, no remote job is left unawaited (a failure must not leak a rejection).
		started.forEach((p) => p?.catch(() => undefined));

		const made: MadePieces = {
			segments: [],
			records: [],
			warnings: [],
			transcripts: [],
			captions: [],
			dialogue: [],
			seconds: 0,
		};
		for (const [n, piece] of pieces.entries()) {
			const seconds = piece.shots.reduce((sum, i) => sum + shotSeconds(spec.shots[i]!), 0);
			let result: PieceResult;
			if (piece.route.candidates[0] === MEDIA)
				result = await makeMediaShot(spec, piece.shots[0]!, ctx, deps, (f) => report(piece, f));
			else if (started[n]) result = await started[n]!;
			else
				result = await makeWithFallback(spec, piece, ctx, limit, (f, source) =>
					report(piece, f, source),
				);
			report(piece, 1, result.records[0]?.source);
			made.segments.push({
				path: result.path,
				seconds,
				transition: spec.shots[piece.shots[0]!]!.transition,
				gain: result.gain,
			});
			made.records.push(...result.records);
			made.warnings.push(...result.warnings);
			if (result.transcript) made.transcripts.push(result.transcript);
			if (result.captionsPath && existsSync(result.captionsPath))
				made.captions.push(...shiftVtt(await readFile(result.captionsPath, 'utf8'), made.seconds));
			if (result.dialogue?.length)
				made.dialogue.push(...shiftSpeechClips(result.dialogue, made.seconds));
			made.seconds += seconds;
		}
		if (made.dialogue.length)
			made.captions.push(...shiftVtt(buildWebVtt({ clips: made.dialogue }), 0));
		return made;
	}

	/**
	 * Lays the pieces end to end under the story's music, voice-over, text and pictures, writes the
	 * captions and stills, and says what each shot was made from.
	 */
	async function finishStory(
		spec: RenderSpec,
		made: MadePieces,
		narration: Narration | undefined,
		warnings: Warning[],
		ctx: RenderContext,
	): Promise<GeneratedVideo> {
		const musicPath = await writeStoryMusic(spec, made.seconds, ctx, warnings);
		const videoPath = join(ctx.workDir, 'video.mp4');
		const overlays = await fetchOverlays(spec, ctx, deps);
		const textPath = await writeStoryText(
			spec,
			{
				texts: overlays.texts,
				...(spec.captions.burnIn && (narration || made.dialogue.length)
					? { captions: { clips: [...(narration?.speech.clips ?? []), ...made.dialogue] } }
					: {}),
			},
			join(ctx.workDir, 'story.ass'),
		);
		ctx.progress('encode', 0);
		const { seconds } = await stitchSegments({
			spec,
			segments: made.segments,
			musicPath,
			...(narration ? { voicePath: narration.voicePath } : {}),
			...(textPath ? { textPath } : {}),
			...(overlays.pictures.length ? { pictures: overlays.pictures } : {}),
			output: videoPath,
			signal: ctx.signal,
			onProgress: (f) => ctx.progress('encode', f),
			log: ctx.log,
		});
		let captionsPath: string | undefined;
		if (made.captions.length) {
			captionsPath = join(ctx.workDir, 'captions.vtt');
			await writeFile(captionsPath, `WEBVTT\n\n${sortCues(made.captions).join('\n\n')}\n`);
		}
		const variants = await writeVariants(
			videoPath,
			ctx.workDir,
			Math.min(seconds / 2, 2),
			ctx.signal,
		);
		return {
			videoPath,
			...(captionsPath ? { captionsPath } : {}),
			transcript: made.transcripts.join(' '),
			warnings,
			stills: variants,
			details: { durationSeconds: seconds, ...shotDetails(made.records) },
		};
	}

	async function generateWhole(spec: RenderSpec, ctx: RenderContext): Promise<GeneratedVideo> {
		const candidates = wholeSpecCandidates(spec, ctx.story ? { story: ctx.story } : undefined);
		const failed: Array<{ provider: string; code: string; message: string }> = [];
		// Once an attempt has handed frames to the job's moderation and failed, those frames are not
		// the delivered video's: later attempts get no tap, and the delivered file is decoded instead.
		let tapSpoiled = false;
		for (const [n, id] of candidates.entries()) {
			const attempt = !tapSpoiled && ctx.moderation ? attemptTap(ctx.moderation) : undefined;
			try {
				const provider = available(id);
				if (!provider)
					throw new ApiError(400, 'provider_unavailable', `Provider "${id}" is not available.`);
				const generated = await provider.generate(
					{ ...spec, provider: id, fallback: 'none' },
					{ ...ctx, moderation: attempt?.tap },
				);
				attempt?.deliver();
				if (!failed.length && id === spec.provider) return generated;
				return {
					...generated,
					warnings: [
						...generated.warnings,
						...(failed.length
							? [
									{
										path: '/provider',
										term: id,
										message: `${failed.map((f) => `${f.provider} (${f.code})`).join(', ')} could not make this video; ${id} made it instead (fallback)`,
									},
								]
							: []),
					],
					details: {
						...generated.details,
						routedTo: id,
						...(failed.length ? { fallbacks: [{ used: id, from: failed }] } : {}),
					},
				};
			} catch (error) {
				if (attempt?.abandon()) tapSpoiled = true;
				if (ctx.signal.aborted || n === candidates.length - 1 || refusedForSafety(error))
					throw error;
				failed.push({ provider: id, ...describeFailure(error) });
			}
		}
		throw new Error('unreachable: a spec has at least one candidate');
	}

	return { id: 'routed', capabilities, check, generate };
}

/** What the pieces of a story made, in order, on the story's clock. */
interface MadePieces {
	segments: Segment[];
	records: ShotRecord[];
	warnings: Warning[];
	transcripts: string[];
	/** WebVTT cues, shifted to the story's clock. */
	captions: string[];
	/** Dialogue the sources spoke, shifted to the story's clock. */
	dialogue: SpeechClip[];
	/** Where the next piece starts: the story's length once all are made. */
	seconds: number;
}

/** The voice-over joins the pieces' captions and transcripts, and each shot's record says what it spoke. */
function addNarration(made: MadePieces, narration: Narration, story: RenderSpec) {
	made.captions.push(...shiftVtt(buildWebVtt(narration.speech), 0));
	made.transcripts.push(narration.transcript);
	narration.spokenSeconds.forEach((spoken, index) => {
		const record = made.records.find((r) => r.index === index);
		if (record && spoken !== undefined)
			record.narration = {
				spokenSeconds: Number(spoken.toFixed(3)),
				...(isAutoDuration(story.shots[index]!) ? { autoDuration: true } : {}),
			};
	});
}

/** The render's `details` about its shots: each one's record, the seconds paid for, the fallbacks. */
function shotDetails(records: ShotRecord[]) {
	const paidSeconds = records.reduce((sum, r) => sum + (r.reused ? 0 : (r.paidSeconds ?? 0)), 0);
	const fallbacks = records.filter((r) => r.fallbackFrom?.length);
	return {
		shots: records.sort((a, b) => a.index - b.index),
		paidSeconds,
		...(fallbacks.length
			? {
					fallbacks: fallbacks.map((r) => ({
						shot: r.index,
						used: r.source,
						from: r.fallbackFrom,
					})),
				}
			: {}),
	};
}

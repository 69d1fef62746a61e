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
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMusic } from '../engine/audio/music';
import { writeStereoWav } from '../engine/audio/wavFile';
import { writeVariants } from '../engine/encode/variants';
import type { SpeechClip } from '../engine/storyboard';
import type { Warning } from '../pipeline/render';
import { MOOD_TEMPO, MUSIC_MOOD_TERMS, lookupTerm } from '../engine/vocabulary';
import type { Outbound } from '../net/outbound';
import type { ModerationFrameTap } from '../pipeline/render';
import type {
	GeneratedVideo,
	PlanningOptions,
	ProviderCapabilities,
	RenderContext,
	ShotProgress,
	VideoProvider,
} from '../providers/provider';
import { ApiError, type FieldError } from '../spec/errors';
import {
	AUTO_PROVIDER,
	SPEC_LIMITS,
	STYLES,
	type PictureRef,
	type RenderSpec,
	type Shot,
} from '../spec/renderSpec';
import type { ObjectStorage } from '../storage/storage';
import { buildWebVtt } from '../engine/captions/webvtt';
import { estimatedShotSeconds, isAutoDuration, shotSeconds } from '../spec/narration';
import { writeStoryText, type TimedText } from './textOverlay';
import { fetchMedia, fetchSource } from './mediaSource';
import { narrate } from './narration';
import { captionSpokenDialogue, shiftSpeechClips } from './dialogueCaptions';
import { renderMediaSegment, segmentPath } from './mediaSegment';
import {
	fallbackChain,
	LOCAL,
	MEDIA,
	routeShots,
	type ProviderLookup,
	type ShotRoute,
} from './route';
import { stitchSegments, type PictureOverlay, type Segment } from './stitch';

const SAMPLE_RATE = 48_000;
/** A picture overlay's width as a fraction of the frame's, when the spec does not say. */
const DEFAULT_PICTURE_SIZE = 0.2;
const PICTURE_MIME: Record<string, string> = {
	png_pipe: 'image/png',
	jpeg_pipe: 'image/jpeg',
	webp_pipe: 'image/webp',
};

/** The reference pictures of the characters a shot shows (on screen or speaking), in cast order. */
export function shotReferences(
	spec: RenderSpec,
	index: number,
): Array<{ ref: PictureRef; at: string }> {
	const shot = spec.shots[index]!;
	const named = new Set([
		...(shot.characters ?? []),
		...(shot.dialogue ?? []).map((d) => d.character),
	]);
	return spec.characters.flatMap((c, i) =>
		named.has(c.id)
			? (c.images ?? []).map((ref, j) => ({ ref, at: `/characters/${i}/images/${j}` }))
			: [],
	);
}
/** Bumped when what a cached clip depends on changes (normalisation, sub-spec shape). */
const CLIP_CACHE_VERSION = 1;

export interface RoutedProviderDeps {
	providers: ProviderLookup;
	storage: ObjectStorage;
	outbound: Outbound;
}

/** What the render record keeps about one shot. */
export interface ShotRecord {
	index: number;
	/** `media`, `local`, or the remote provider's id. */
	source: string;
	seconds: number;
	/** The providers tried before this one, with why each could not. */
	fallbackFrom?: Array<{ provider: string; code: string; message: string }>;
	/** A remote clip re-used from the cache: nothing was paid for it this time. */
	reused?: boolean;
	/** Seconds a remote provider generated (and billed) for this shot. */
	paidSeconds?: number;
	remote?: Record<string, unknown>;
	media?: Record<string, unknown>;
	/** The voice-over spoken over this shot: how long it took, and whether it set the shot's length. */
	narration?: { spokenSeconds: number; autoDuration?: true };
}

/** WebVTT cue blocks in time order (their first line starts with the start time). */
function sortCues(cues: string[]): string[] {
	const start = (cue: string) => /(\d{2}:\d{2}:\d{2}\.\d{3}) -->/.exec(cue)?.[1] ?? '';
	return [...cues].sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0));
}

/** A run of shots one source makes at once. */
interface Piece {
	shots: number[];
	route: ShotRoute;
}

const shotPath = (index: number) => `/shots/${index}`;

/** A one-provider spec for some of the story's shots: no watermark or music (the stitch lays them once). */
export function subSpecFor(spec: RenderSpec, indices: number[], provider: string): RenderSpec {
	// The voice-over is the story's (laid once over the stitch); auto lengths are estimates until spoken.
	const seconds = estimatedShotSeconds(spec);
	const shots = indices.map((i) => {
		const { provider: _p, media: _m, narration: _n, overlays: _o, ...shot } = spec.shots[i]!;
		return { ...shot, duration: seconds[i]! } as Shot;
	});
	const { voiceover: _voiceover, ...audio } = spec.audio;
	const named = new Set(
		shots.flatMap((s) => [...(s.characters ?? []), ...(s.dialogue ?? []).map((d) => d.character)]),
	);
	const { prompt: _prompt, durationSeconds: _d, ...rest } = spec;
	return {
		...rest,
		provider,
		fallback: 'none',
		shots,
		// Remote generators are sent only the characters their shot shows (a cameo is refused there).
		characters:
			provider === LOCAL ? spec.characters : spec.characters.filter((c) => named.has(c.id)),
		watermark: { ...spec.watermark, enabled: false },
		audio: {
			...audio,
			music: { ...(spec.audio.music ?? {}), enabled: false },
		},
	} as RenderSpec;
}

/** A provider's field errors for a sub-spec, pointed back at the story's fields. */
function remapErrors(
	errors: FieldError[],
	indices: number[],
	shotNamesProvider: boolean,
): FieldError[] {
	return errors.map((e) => {
		let path = e.path.replace(/^\/shots\/(\d+)/, (_m, i: string) =>
			shotPath(indices[Number(i)] ?? indices[0]!),
		);
		if (path === '/shots') path = shotPath(indices[0]!);
		if (path === '/durationSeconds') path = `${shotPath(indices[0]!)}/duration`;
		if (path.startsWith('/provider') && shotNamesProvider) path = `${shotPath(indices[0]!)}${path}`;
		return { ...e, path };
	});
}

function describe(error: unknown): { code: string; message: string } {
	if (error instanceof ApiError) return { code: error.code, message: error.message };
	return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Runs `work` over items with at most `limit` at once per key. */
function limiter() {
	const running = new Map<string, number>();
	const waiting = new Map<string, Array<() => void>>();
	return async <T>(key: string, limit: number, work: () => Promise<T>): Promise<T> => {
		while ((running.get(key) ?? 0) >= limit)
			await new Promise<void>((resolve) =>
				waiting.set(key, [...(waiting.get(key) ?? []), resolve]),
			);
		running.set(key, (running.get(key) ?? 0) + 1);
		try {
			return await work();
		} finally {
			running.set(key, (running.get(key) ?? 1) - 1);
			const next = waiting.get(key)?.shift();
			next?.();
		}
	};
}

/** Shifts a WebVTT file's cue and word times by `offset` seconds (a local run inside the story). */
export function shiftVtt(vtt: string, offset: number): string[] {
	const stamp = (t: string) => {
		const [h, m, s] = t.split(':');
		const total = Number(h) * 3600 + Number(m) * 60 + Number(s) + offset;
		const hh = Math.floor(total / 3600);
		const mm = Math.floor((total % 3600) / 60);
		const ss = (total % 60).toFixed(3).padStart(6, '0');
		return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${ss}`;
	};
	return (
		vtt
			.replace(/^WEBVTT[^\n]*\n+/, '')
			.split(/\n{2,}/)
			.filter((cue) => cue.includes('-->'))
			// The cue's times and the word timestamps inside it (`<00:00:01.200>`) move together; a time
			// written in the spoken text stays as it was.
			.map((cue) =>
				cue
					.replace(
						/(\d{2}:\d{2}:\d{2}\.\d{3}) --> (\d{2}:\d{2}:\d{2}\.\d{3})/,
						(_m, a: string, b: string) => `${stamp(a)} --> ${stamp(b)}`,
					)
					.replace(/<(\d{2}:\d{2}:\d{2}\.\d{3})>/g, (_m, t: string) => `<${stamp(t)}>`),
			)
	);
}

export function createRoutedProvider(deps: RoutedProviderDeps): VideoProvider {
	const { providers } = deps;

	function available(id: string): VideoProvider | undefined {
		const provider = providers.find(id);
		return provider && provider.capabilities().available ? provider : undefined;
	}

	function drawableByLocal(spec: RenderSpec, options?: PlanningOptions): (i: number) => boolean {
		let verdicts: boolean[] | undefined;
		return (i) => {
			verdicts ??= (() => {
				const coverage = providers.find(LOCAL)?.coverage?.(spec, options);
				return spec.shots.map(
					(_s, j) => coverage?.shots.find((s) => s.index === j)?.drawable ?? true,
				);
			})();
			return verdicts[i] ?? true;
		};
	}

	/** The providers a prompt-only spec tries, in order. */
	function wholeSpecCandidates(spec: RenderSpec, options?: PlanningOptions): string[] {
		let first = spec.provider;
		if (first === AUTO_PROVIDER) {
			const coverage = providers.find(LOCAL)?.coverage?.(spec, options);
			const remotes = providers
				.all()
				.filter((p) => p.capabilities().remote && p.capabilities().available);
			first =
				coverage && coverage.shots.some((s) => !s.drawable) && remotes[0] ? remotes[0].id : LOCAL;
		}
		return [first, ...fallbackChain(spec)].filter(
			(id, i, all) => id !== AUTO_PROVIDER && all.indexOf(id) === i,
		);
	}

	/** Checks one piece against its candidates; the index of the first that accepts it, and its warnings. */
	function checkPiece(spec: RenderSpec, piece: Piece, options?: PlanningOptions) {
		const failures: FieldError[] = [];
		const tried: string[] = [];
		for (const id of piece.route.candidates) {
			const provider = available(id);
			if (!provider) {
				failures.push({
					path: `${shotPath(piece.shots[0]!)}/provider`,
					message: providers.find(id)
						? `provider "${id}" is not available`
						: `unknown provider "${id}"`,
				});
				tried.push(id);
				continue;
			}
			try {
				const warnings = provider.check(subSpecFor(spec, piece.shots, id), options);
				return {
					chosen: id,
					tried,
					warnings: remapWarnings(warnings, piece.shots),
				};
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				const named = piece.shots.some((i) => spec.shots[i]!.provider !== undefined);
				failures.push(
					...(error.details?.length
						? remapErrors(error.details, piece.shots, named)
						: [{ path: `${shotPath(piece.shots[0]!)}/provider`, message: error.message }]),
				);
				tried.push(id);
			}
		}
		return { failures };
	}

	/** What a shot's first frame and its characters' pictures meet at the provider making it. */
	function pictureProblems(spec: RenderSpec, index: number, providerId: string) {
		const errors: FieldError[] = [];
		const warnings: Warning[] = [];
		const shot = spec.shots[index]!;
		const clip = available(providerId)?.capabilities().remote?.clip;
		const references = shotReferences(spec, index);
		if (shot.firstFrame && clip && !clip.firstFrame)
			errors.push({
				path: `${shotPath(index)}/firstFrame`,
				message: `${providerId} takes no first frame`,
			});
		else if (shot.firstFrame && !clip)
			warnings.push({
				path: `${shotPath(index)}/firstFrame`,
				term: providerId,
				message: `${providerId} draws its own picture; firstFrame is for remote generators`,
			});
		if (clip && references.length > clip.referenceImages)
			warnings.push({
				path: `${shotPath(index)}/characters`,
				term: providerId,
				message: clip.referenceImages
					? `${providerId} takes ${clip.referenceImages} reference pictures; the first ${clip.referenceImages} of this shot's characters' are sent`
					: `${providerId} takes no reference pictures; the characters are described in the prompt`,
			});
		return { errors, warnings };
	}

	function remapWarnings(warnings: Warning[], indices: number[]): Warning[] {
		return warnings.map((w) => ({
			...w,
			path: remapErrors([{ path: w.path, message: '' }], indices, false)[0]!.path,
		}));
	}

	/** Consecutive shots of the local engine are one engine render; every other shot is its own. */
	function piecesOf(routes: ShotRoute[]): Piece[] {
		const pieces: Piece[] = [];
		for (const route of routes) {
			const last = pieces[pieces.length - 1];
			if (
				last &&
				route.candidates.length === 1 &&
				route.candidates[0] === LOCAL &&
				last.route.candidates.length === 1 &&
				last.route.candidates[0] === LOCAL
			)
				last.shots.push(route.index);
			else pieces.push({ shots: [route.index], route });
		}
		return pieces;
	}

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

	function check(spec: RenderSpec, options?: PlanningOptions): Warning[] {
		if (!spec.shots.length) {
			const candidates = wholeSpecCandidates(spec, options);
			const failures: FieldError[] = [];
			for (const id of candidates) {
				const provider = available(id);
				if (!provider) {
					failures.push({ path: '/provider', message: `provider "${id}" is not available` });
					continue;
				}
				try {
					return provider.check({ ...spec, provider: id, fallback: 'none' }, options);
				} catch (error) {
					if (!(error instanceof ApiError)) throw error;
					failures.push(...(error.details ?? [{ path: '/provider', message: error.message }]));
				}
			}
			throw ApiError.invalid('No provider can render this spec.', failures);
		}
		const { routes, warnings } = routeShots(spec, providers, drawableByLocal(spec, options));
		const errors: FieldError[] = [];
		for (const piece of piecesOf(routes)) {
			if (piece.route.candidates[0] === MEDIA) continue;
			const result = checkPiece(spec, piece, options);
			if (result.failures) {
				errors.push(...result.failures);
				continue;
			}
			warnings.push(...result.warnings);
			const pictures = pictureProblems(spec, piece.shots[0]!, result.chosen);
			errors.push(...pictures.errors);
			warnings.push(...pictures.warnings);
			if (result.tried.length)
				warnings.push({
					path: `${shotPath(piece.shots[0]!)}/provider`,
					term: result.chosen,
					message: `${result.tried.join(', ')} cannot make this shot; ${result.chosen} (the fallback) will`,
				});
		}
		if (errors.length) throw ApiError.invalid('No provider can make some of the shots.', errors);
		return warnings;
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
		const pieces = piecesOf(routes);
		const total = spec.shots.length;
		const fractions = new Map<number, number>();
		// Which shot is where: each piece's shots move together; a fallback shows as its new source.
		const shotState: ShotProgress[] = routes.map((route) => ({
			index: route.index,
			source: route.candidates[0]!,
			status: 'waiting',
			percent: 0,
		}));
		const report = (piece: Piece, fraction: number, source?: string) => {
			fractions.set(piece.shots[0]!, fraction * piece.shots.length);
			for (const i of piece.shots)
				shotState[i] = {
					index: i,
					source: source ?? shotState[i]!.source,
					status: fraction >= 1 ? 'done' : 'working',
					percent: Math.round(Math.min(1, Math.max(0, fraction)) * 100),
				};
			const done = [...fractions.values()].reduce((a, b) => a + b, 0);
			ctx.progress(
				'generate',
				Math.min(1, done / total),
				shotState.map((s) => ({ ...s })),
			);
		};
		const limit = limiter();
		const records: ShotRecord[] = [];
		const transcripts: string[] = [];
		if (narration) warnings.push(...narration.warnings);

		const made = pieces.map((piece) => {
			const first = piece.route.candidates[0];
			// Media and the local engine run one after another (they share the CPU).
			if (first === MEDIA || first === LOCAL) return undefined;
			// Remote (or a chain): started now, several at once per provider.
			return makeWithFallback(spec, piece, ctx, limit, (f, source) => report(piece, f, source));
		});
		// Whatever happens, no remote job is left unawaited (a failure must not leak a rejection).
		made.forEach((p) => p?.catch(() => undefined));

		const segments: Segment[] = [];
		const captions: string[] = [];
		const dialogue: SpeechClip[] = [];
		let at = 0;
		for (const [n, piece] of pieces.entries()) {
			const seconds = piece.shots.reduce((sum, i) => sum + shotSeconds(spec.shots[i]!), 0);
			let result: PieceResult;
			if (piece.route.candidates[0] === MEDIA)
				result = await makeMedia(spec, piece.shots[0]!, ctx, (f) => report(piece, f));
			else if (made[n]) result = await made[n]!;
			else
				result = await makeWithFallback(spec, piece, ctx, limit, (f, source) =>
					report(piece, f, source),
				);
			report(piece, 1, result.records[0]?.source);
			segments.push({
				path: result.path,
				seconds,
				transition: spec.shots[piece.shots[0]!]!.transition,
				gain: result.gain,
			});
			records.push(...result.records);
			warnings.push(...result.warnings);
			if (result.transcript) transcripts.push(result.transcript);
			if (result.captionsPath && existsSync(result.captionsPath))
				captions.push(...shiftVtt(await readFile(result.captionsPath, 'utf8'), at));
			if (result.dialogue?.length) dialogue.push(...shiftSpeechClips(result.dialogue, at));
			at += seconds;
		}

		if (dialogue.length) captions.push(...shiftVtt(buildWebVtt({ clips: dialogue }), 0));
		if (narration) {
			captions.push(...shiftVtt(buildWebVtt(narration.speech), 0));
			transcripts.push(narration.transcript);
			narration.spokenSeconds.forEach((spoken, index) => {
				const record = records.find((r) => r.index === index);
				if (record && spoken !== undefined)
					record.narration = {
						spokenSeconds: Number(spoken.toFixed(3)),
						...(isAutoDuration(story.shots[index]!) ? { autoDuration: true } : {}),
					};
			});
		}
		const musicPath = await writeStoryMusic(spec, at, ctx.workDir, warnings);
		const videoPath = join(ctx.workDir, 'video.mp4');
		const overlays = await fetchOverlays(spec, ctx);
		const textPath = await writeStoryText(
			spec,
			{
				texts: overlays.texts,
				...(spec.captions.burnIn && (narration || dialogue.length)
					? { captions: { clips: [...(narration?.speech.clips ?? []), ...dialogue] } }
					: {}),
			},
			join(ctx.workDir, 'story.ass'),
		);
		ctx.progress('encode', 0);
		const { seconds } = await stitchSegments({
			spec,
			segments,
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
		if (captions.length) {
			captionsPath = join(ctx.workDir, 'captions.vtt');
			await writeFile(captionsPath, `WEBVTT\n\n${sortCues(captions).join('\n\n')}\n`);
		}
		const variants = await writeVariants(
			videoPath,
			ctx.workDir,
			Math.min(seconds / 2, 2),
			ctx.signal,
		);
		const paidSeconds = records.reduce((sum, r) => sum + (r.reused ? 0 : (r.paidSeconds ?? 0)), 0);
		const fallbacks = records.filter((r) => r.fallbackFrom?.length);
		return {
			videoPath,
			...(captionsPath ? { captionsPath } : {}),
			transcript: transcripts.join(' '),
			warnings,
			stills: variants,
			details: {
				durationSeconds: seconds,
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
			},
		};
	}

	interface PieceResult {
		path: string;
		gain: number;
		records: ShotRecord[];
		warnings: Warning[];
		transcript?: string;
		captionsPath?: string;
		/** Dialogue a remote generator spoke, timed for captions on the shot's clock. */
		dialogue?: SpeechClip[];
	}

	/** The shots' overlays on the story's clock: text for the ASS file, pictures fetched and checked. */
	async function fetchOverlays(
		spec: RenderSpec,
		ctx: RenderContext,
	): Promise<{ texts: TimedText[]; pictures: PictureOverlay[] }> {
		const texts: TimedText[] = [];
		const pictures: PictureOverlay[] = [];
		let start = 0;
		for (const [i, shot] of spec.shots.entries()) {
			const seconds = shotSeconds(shot);
			for (const [j, overlay] of (shot.overlays ?? []).entries()) {
				const from = start + (overlay.start ?? 0);
				const to = start + Math.min(seconds, overlay.end ?? seconds);
				if (to <= from) continue;
				if (overlay.text !== undefined) {
					texts.push({ overlay, from, to });
					continue;
				}
				const at = `${shotPath(i)}/overlays/${j}/image`;
				const dir = join(ctx.workDir, `overlay-${i}-${j}`);
				await mkdir(dir, { recursive: true });
				const facts = await fetchSource(
					overlay.image!,
					at,
					ctx.keyId,
					join(dir, 'source'),
					deps,
					ctx.signal,
				);
				if (facts.kind !== 'image')
					throw new ApiError(
						422,
						'media_unsupported',
						'An overlay picture must be a still picture.',
						[{ path: at, message: 'must be a PNG, JPEG or WebP picture, not a video' }],
					);
				pictures.push({
					path: facts.path,
					format: facts.image.format,
					width: spec.output.width * (overlay.size ?? DEFAULT_PICTURE_SIZE),
					position: overlay.position ?? 'top-right',
					opacity: overlay.opacity ?? 1,
					from,
					to,
				});
			}
			start += seconds;
		}
		return { texts, pictures };
	}

	/** The shot's first frame and its characters' reference pictures, fetched, for a remote generator. */
	async function clipImagesFor(
		spec: RenderSpec,
		index: number,
		clip: { firstFrame: boolean; referenceImages: number },
		dir: string,
		ctx: RenderContext,
	): Promise<{ inputs: NonNullable<RenderContext['clipImages']>; digests: string[] } | undefined> {
		const shot = spec.shots[index]!;
		const wanted = shotReferences(spec, index).slice(0, clip.referenceImages);
		if (!(shot.firstFrame && clip.firstFrame) && !wanted.length) return undefined;
		const digests: string[] = [];
		const bring = async (ref: PictureRef, at: string, name: string) => {
			const facts = await fetchSource(ref, at, ctx.keyId, join(dir, name), deps, ctx.signal);
			if (facts.kind !== 'image')
				throw new ApiError(
					422,
					'media_unsupported',
					'A picture for a generator must be a still picture.',
					[{ path: at, message: 'must be a PNG, JPEG or WebP picture, not a video' }],
				);
			digests.push(
				createHash('sha256')
					.update(await readFile(facts.path))
					.digest('hex'),
			);
			return { path: facts.path, mimeType: PICTURE_MIME[facts.image.format] ?? 'image/png' };
		};
		const inputs: NonNullable<RenderContext['clipImages']> = {};
		if (shot.firstFrame && clip.firstFrame)
			inputs.firstFrame = await bring(
				shot.firstFrame,
				`${shotPath(index)}/firstFrame`,
				'first-frame',
			);
		if (wanted.length)
			inputs.referenceImages = await Promise.all(
				wanted.map((w, k) => bring(w.ref, w.at, `reference-${k}`)),
			);
		return { inputs, digests };
	}

	async function makeMedia(
		spec: RenderSpec,
		index: number,
		ctx: RenderContext,
		onProgress: (f: number) => void,
	): Promise<PieceResult> {
		const shot = spec.shots[index]!;
		const media = shot.media!;
		const dir = join(ctx.workDir, `shot-${index}`);
		await mkdir(dir, { recursive: true });
		const facts = await fetchMedia(media, shotPath(index), ctx.keyId, dir, deps, ctx.signal);
		const warnings: Warning[] = [];
		const ownSound = media.audio ?? 'keep';
		const gain =
			ownSound === 'mute' ? 0 : (media.volume ?? 1) * (ownSound === 'duck' ? duckGain(spec) : 1);
		if (facts.kind === 'image' && (media.trim || media.speed || media.loop || media.audio))
			warnings.push({
				path: `${shotPath(index)}/media`,
				term: 'image',
				message: 'trim, speed, loop and audio apply to video clips; this media is a still picture',
			});
		const path = segmentPath(ctx.workDir, index);
		const seconds = shotSeconds(shot);
		const timing = await renderMediaSegment({
			spec,
			shot,
			media,
			facts,
			seconds,
			gain,
			output: path,
			signal: ctx.signal,
			onProgress,
		});
		if (timing.held && timing.held > 0.05)
			warnings.push({
				path: `${shotPath(index)}/duration`,
				term: String(shot.duration),
				message: `the clip plays for ${(seconds - timing.held).toFixed(2)} s; its last frame is held for the remaining ${timing.held.toFixed(2)} s (set media.loop to repeat it)`,
			});
		const described =
			facts.kind === 'image'
				? {
						kind: 'image',
						width: facts.image.width,
						height: facts.image.height,
						fit: media.fit ?? 'cover',
						camera: shot.camera?.move ?? 'dolly-in',
					}
				: {
						kind: 'video',
						width: facts.video.width,
						height: facts.video.height,
						fps: Number(facts.video.fps.toFixed(3)),
						seconds: Number(facts.video.durationSeconds.toFixed(3)),
						fit: media.fit ?? 'cover',
						sound: facts.video.hasAudio ? ownSound : 'none',
						...(timing.looped ? { looped: true } : {}),
					};
		return {
			path,
			gain: 1,
			warnings,
			records: [
				{
					index,
					source: MEDIA,
					seconds,
					media: { ...(media.asset ? { asset: media.asset } : { url: media.url }), ...described },
				},
			],
		};
	}

	/** Tries a piece's candidates in order; the first that makes it wins. */
	async function makeWithFallback(
		spec: RenderSpec,
		piece: Piece,
		ctx: RenderContext,
		limit: ReturnType<typeof limiter>,
		onProgress: (f: number, source: string) => void,
	): Promise<PieceResult> {
		const failedBefore: Array<{ provider: string; code: string; message: string }> = [];
		const candidates = piece.route.candidates;
		for (const [n, id] of candidates.entries()) {
			const last = n === candidates.length - 1;
			const provider = available(id);
			try {
				if (!provider)
					throw new ApiError(
						400,
						'provider_unavailable',
						providers.find(id) ? `Provider "${id}" is not available.` : `Unknown provider "${id}".`,
					);
				const concurrency = provider.capabilities().remote?.clip.concurrency ?? 1;
				const result = await limit(id, concurrency, () => {
					// A fallback shows as the shot's new source once it has a slot.
					onProgress(0, id);
					return makeWith(provider, spec, piece, ctx, (f) => onProgress(f, id));
				});
				if (failedBefore.length) {
					result.records.forEach((r) => (r.fallbackFrom = failedBefore));
					result.warnings.push({
						path: `${shotPath(piece.shots[0]!)}/provider`,
						term: id,
						message: `${failedBefore.map((f) => `${f.provider} (${f.code})`).join(', ')} could not make this shot; ${id} made it instead (fallback)`,
					});
				}
				return result;
			} catch (error) {
				if (ctx.signal.aborted || last || refusedForSafety(error)) throw error;
				const why = describe(error);
				failedBefore.push({ provider: id, ...why });
				ctx.log('shot falls back', { shot: piece.shots[0], provider: id, code: why.code });
			}
		}
		throw new Error('unreachable: a piece has at least one candidate');
	}

	async function makeWith(
		provider: VideoProvider,
		spec: RenderSpec,
		piece: Piece,
		ctx: RenderContext,
		onProgress: (f: number) => void,
	): Promise<PieceResult> {
		const sub = subSpecFor(spec, piece.shots, provider.id);
		const remote = provider.capabilities().remote;
		const dir = join(ctx.workDir, `shot-${piece.shots[0]}-${provider.id}`);
		await mkdir(dir, { recursive: true });
		// A shot is one piece of the stitched video: its frames are not the whole output, so it does not
		// feed the job's live moderation (the stitched file is decoded and inspected instead).
		const subCtx: RenderContext = {
			...ctx,
			moderation: undefined,
			workDir: dir,
			progress: (_stage, f) => onProgress(f),
		};
		const images = remote
			? await clipImagesFor(spec, piece.shots[0]!, remote.clip, dir, ctx)
			: undefined;
		if (images) subCtx.clipImages = images.inputs;
		// The clip depends on the sub-spec, the model and the pictures sent; the seed only where the generator takes one.
		const cacheKey = remote
			? createHash('sha256')
					.update(
						JSON.stringify({
							v: CLIP_CACHE_VERSION,
							provider: provider.id,
							model: remote.model,
							kind: remote.kind,
							spec: remote.clip.seed ? sub : { ...sub, seed: undefined },
							...(images?.digests.length ? { images: images.digests } : {}),
						}),
					)
					.digest('hex')
			: undefined;
		const cached = cacheKey ? await readCachedClip(ctx.cacheDir, cacheKey) : undefined;
		let generated: Pick<
			GeneratedVideo,
			'videoPath' | 'captionsPath' | 'transcript' | 'warnings' | 'details'
		>;
		let reused = false;
		if (cached) {
			generated = cached;
			reused = true;
			ctx.log('remote clip re-used from the cache', {
				shot: piece.shots[0],
				provider: provider.id,
			});
		} else {
			generated = await provider.generate(sub, subCtx);
			if (cacheKey) await writeCachedClip(ctx.cacheDir, cacheKey, generated);
		}
		const remoteDetails = generated.details.remote as Record<string, unknown> | undefined;
		const soundChoice = spec.audio.providerAudio ?? 'keep';
		const gain = remote
			? soundChoice === 'mute'
				? 0
				: soundChoice === 'duck'
					? duckGain(spec)
					: 1
			: 1;
		const records: ShotRecord[] = piece.shots.map((index) => ({
			index,
			source: provider.id,
			seconds: shotSeconds(spec.shots[index]!),
			...(remote
				? {
						paidSeconds: Number(remoteDetails?.generatedSeconds ?? 0),
						...(reused ? { reused: true } : {}),
						remote: {
							...remoteDetails,
							...(soundChoice !== 'keep' ? { providerAudio: soundChoice } : {}),
						},
					}
				: {}),
		}));
		// Dialogue the generator voiced itself: timed from the clip's own sound for captions.
		const spoken =
			remote?.clip.nativeAudio && piece.shots.length === 1
				? await captionSpokenDialogue({
						shot: spec.shots[piece.shots[0]!]!,
						index: piece.shots[0]!,
						videoPath: generated.videoPath,
						seconds: shotSeconds(spec.shots[piece.shots[0]!]!),
						provider: provider.id,
						signal: ctx.signal,
						log: ctx.log,
					})
				: undefined;
		return {
			path: generated.videoPath,
			gain,
			records,
			warnings: [...remapWarnings(generated.warnings, piece.shots), ...(spoken?.warnings ?? [])],
			...(spoken?.clips.length ? { dialogue: spoken.clips } : {}),
			transcript: generated.transcript,
			...(generated.captionsPath ? { captionsPath: generated.captionsPath } : {}),
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
				failed.push({ provider: id, ...describe(error) });
			}
		}
		throw new Error('unreachable: a spec has at least one candidate');
	}

	return { id: 'routed', capabilities, check, generate };
}

/**
 * The job's moderation tap as one attempt of a fallback chain sees it. Frames pass at once (they are
 * inspected while the attempt encodes); the attempt's `end` is held back until its video is the one
 * delivered (`deliver`), so that the verdict is never built from the frames of an attempt that
 * failed: the job's moderation then finds its tap unended and decodes the delivered file.
 */
function attemptTap(tap: ModerationFrameTap) {
	let used = false;
	let ended = false;
	let open = true;
	return {
		tap: {
			sampling: tap.sampling,
			frame(frame) {
				used = true;
				if (open) tap.frame(frame);
			},
			transcript(text) {
				used = true;
				if (open) tap.transcript(text);
			},
			end() {
				ended = true;
			},
		} satisfies ModerationFrameTap,
		deliver() {
			if (open && ended) tap.end();
			open = false;
		},
		/** The attempt failed: nothing more passes; true when it had handed anything over. */
		abandon(): boolean {
			open = false;
			return used;
		},
	};
}

/**
 * A provider's safety filter refused the shot: no other provider is asked to make it (a fallback
 * must not route around moderation).
 */
function refusedForSafety(error: unknown): boolean {
	return error instanceof ApiError && error.code === 'provider_blocked';
}

/** The linear gain of a sound ducked by the spec's ducking amount. */
function duckGain(spec: RenderSpec): number {
	return 10 ** (-(spec.audio.ducking?.amountDb ?? 12) / 20);
}

async function readCachedClip(cacheDir: string, key: string) {
	const dir = join(cacheDir, 'clips');
	const video = join(dir, `${key}.mp4`);
	try {
		const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as {
			transcript: string;
			warnings: Warning[];
			details: Record<string, unknown>;
		};
		if (!existsSync(video)) return undefined;
		return { videoPath: video, ...meta };
	} catch {
		return undefined;
	}
}

/** Written video first, then its record: a record never names a clip that is not all there. */
async function writeCachedClip(
	cacheDir: string,
	key: string,
	generated: Pick<GeneratedVideo, 'videoPath' | 'transcript' | 'warnings' | 'details'>,
) {
	const dir = join(cacheDir, 'clips');
	await mkdir(dir, { recursive: true });
	const partial = join(dir, `${key}.mp4.partial`);
	await copyFile(generated.videoPath, partial);
	await rename(partial, join(dir, `${key}.mp4`));
	await writeFile(
		join(dir, `${key}.json`),
		JSON.stringify({
			transcript: generated.transcript,
			warnings: generated.warnings,
			details: generated.details,
		}),
	);
}

/** Reelforge's music under the whole story (the engine's music for each local run is off). */
async function writeStoryMusic(
	spec: RenderSpec,
	seconds: number,
	dir: string,
	warnings: Warning[],
): Promise<string | undefined> {
	const music = spec.audio.music;
	if (music?.enabled === false || music?.volume === 0) return undefined;
	let mood = 'upbeat';
	if (music?.mood) {
		const known = lookupTerm(MUSIC_MOOD_TERMS, music.mood);
		if (known) mood = known;
		else
			warnings.push({
				path: '/audio/music/mood',
				term: music.mood,
				message: `music mood "${music.mood}" is not known; using "${mood}"`,
			});
	}
	const samples = Math.ceil(seconds * SAMPLE_RATE);
	const left = new Float32Array(samples);
	const right = new Float32Array(samples);
	renderMusic(left, right, SAMPLE_RATE, {
		mood,
		tempo: music?.tempo ?? MOOD_TEMPO[mood] ?? 110,
		seed: spec.seed ?? 0,
		volume: music?.volume ?? 0.35,
	});
	const path = join(dir, 'music.wav');
	writeStereoWav(path, SAMPLE_RATE, left, right);
	return path;
}

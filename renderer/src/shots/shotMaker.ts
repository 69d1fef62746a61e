/**
 * Makes a piece of a story with the local engine or a remote generator: its candidates tried in
 * order (a fallback is recorded and warned about), remote clips given their first frame and
 * reference pictures and kept in the clip cache, dialogue a generator voiced timed for captions.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedVideo, RenderContext, VideoProvider } from '../providers/provider';
import { ApiError } from '../spec/errors';
import { shotSeconds } from '../spec/narration';
import type { PictureRef, RenderSpec } from '../spec/renderSpec';
import { clipCacheKey, readCachedClip, writeCachedClip } from './clipCache';
import { captionSpokenDialogue } from './dialogueCaptions';
import type { limiter } from './limiter';
import { fetchSource, type MediaFetchDeps } from './mediaSource';
import { remapWarnings, shotPath, shotReferences, subSpecFor, type Piece } from './pieces';
import type { ProviderLookup } from './route';
import {
	describeFailure,
	duckGain,
	refusedForSafety,
	type PieceResult,
	type ShotRecord,
} from './shotResult';

export function createShotMaker(
	deps: MediaFetchDeps,
	providers: ProviderLookup,
	available: (id: string) => VideoProvider | undefined,
) {
	const PICTURE_MIME: Record<string, string> = {
		png_pipe: 'image/png',
		jpeg_pipe: 'image/jpeg',
		webp_pipe: 'image/webp',
	};

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
				const why = describeFailure(error);
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
		const cacheKey = remote ? clipCacheKey(provider.id, remote, sub, images?.digests) : undefined;
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

	return { makeWithFallback };
}

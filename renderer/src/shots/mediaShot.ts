import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warning } from '../pipeline/render';
import type { RenderContext } from '../providers/provider';
import { shotSeconds } from '../spec/narration';
import type { RenderSpec } from '../spec/renderSpec';
import { renderMediaSegment, segmentPath } from './mediaSegment';
import { fetchMedia, type MediaFetchDeps } from './mediaSource';
import { shotPath } from './pieces';
import { MEDIA } from './route';
import { duckGain, type PieceResult } from './shotResult';

/** A shot of the user's own media: fetched, probed, fitted to the story's frame and clock. */
export async function makeMediaShot(
	spec: RenderSpec,
	index: number,
	ctx: RenderContext,
	deps: MediaFetchDeps,
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

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderContext } from '../providers/provider';
import { ApiError } from '../spec/errors';
import { shotSeconds } from '../spec/narration';
import type { RenderSpec } from '../spec/renderSpec';
import { fetchSource, type MediaFetchDeps } from './mediaSource';
import { shotPath } from './pieces';
import type { PictureOverlay } from './stitch';
import type { TimedText } from './textOverlay';

/** A picture overlay's width as a fraction of the frame's, when the spec does not say. */
const DEFAULT_PICTURE_SIZE = 0.2;

/** The shots' overlays on the story's clock: text for the ASS file, pictures fetched and checked. */
export async function fetchOverlays(
	spec: RenderSpec,
	ctx: RenderContext,
	deps: MediaFetchDeps,
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

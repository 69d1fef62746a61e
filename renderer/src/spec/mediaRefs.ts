/**
 * Every picture and clip a spec names — media shots, first frames, overlay pictures, characters'
 * reference pictures — with the JSON pointer of the field (`…/asset` or `…/url`), so the submit
 * path can check each one (the caller's own upload, a URL the outbound door would fetch) and name
 * the one that is wrong.
 */
import type { RenderSpec } from './renderSpec';

export type MediaRef = { asset: string; pointer: string } | { url: string; pointer: string };

export function mediaRefsOf(spec: Pick<RenderSpec, 'shots' | 'characters'>): MediaRef[] {
	const refs: MediaRef[] = [];
	const add = (source: { asset?: string; url?: string } | undefined, at: string) => {
		if (source?.asset) refs.push({ asset: source.asset, pointer: `${at}/asset` });
		if (source?.url) refs.push({ url: source.url, pointer: `${at}/url` });
	};
	(spec.characters ?? []).forEach((c, i) =>
		c.images?.forEach((image, j) => add(image, `/characters/${i}/images/${j}`)),
	);
	(spec.shots ?? []).forEach((shot, i) => {
		add(shot.media, `/shots/${i}/media`);
		add(shot.firstFrame, `/shots/${i}/firstFrame`);
		shot.overlays?.forEach((o, j) => add(o.image, `/shots/${i}/overlays/${j}/image`));
	});
	return refs;
}

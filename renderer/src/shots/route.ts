/**
 * Who makes each shot: the user's media, the local engine, or a remote generator — and who tries
 * next when that one cannot. Read from the spec (`provider` at the top and on a shot, `fallback`)
 * and the providers this service has; `auto` takes the local engine for shots it can draw and the
 * first configured remote generator for the others.
 */
import type { Warning } from '../pipeline/render';
import type { VideoProvider } from '../providers/provider';
import { hasShotNarration } from '../spec/narration';
import { AUTO_PROVIDER, type RenderSpec } from '../spec/renderSpec';

export const LOCAL = 'local';
export const MEDIA = 'media';

export interface ShotRoute {
	index: number;
	/** `media`, or the providers to try, in order (the first is the choice, the rest the fallback). */
	candidates: string[];
	/** Why the choice was made, when it was not named (auto). */
	reason?: string;
}

export interface ProviderLookup {
	/** The provider by id, if this service has it (available or not). */
	find(id: string): VideoProvider | undefined;
	all(): VideoProvider[];
}

/** Remote generators that are configured and not known to refuse their key, in configuration order. */
export function remoteGenerators(providers: ProviderLookup): string[] {
	return providers
		.all()
		.filter((p) => {
			const caps = p.capabilities();
			return (
				caps.remote !== undefined &&
				caps.available &&
				!caps.remote.authFailed &&
				caps.remote.reachable !== false
			);
		})
		.map((p) => p.id);
}

export function fallbackChain(spec: RenderSpec): string[] {
	const fallback = spec.fallback ?? 'none';
	if (fallback === 'none') return [];
	if (fallback === 'local') return [LOCAL];
	return [...fallback];
}

/** True when a spec cannot go to one provider as it is: it needs the shot-by-shot path. */
export function needsShotRouting(spec: RenderSpec, providers: ProviderLookup): boolean {
	if (spec.provider === AUTO_PROVIDER) return true;
	// The voice-over over shots (and duration auto) is laid once over the stitched story.
	if (hasShotNarration(spec)) return true;
	// Pictures for generators (first frames, characters' references) are fetched by the router.
	if (spec.shots.some((s) => s.firstFrame) || spec.characters.some((c) => c.images?.length))
		return true;
	// Overlays are drawn over the stitched story, whatever made the shot.
	if (spec.shots.some((s) => s.overlays?.length)) return true;
	if (spec.shots.some((s) => s.media || (s.provider && s.provider !== spec.provider))) return true;
	if (fallbackChain(spec).length && spec.provider !== LOCAL) return true;
	// A story of several shots for a remote generator is generated shot by shot and stitched.
	const provider = providers.find(spec.provider);
	return spec.shots.length > 1 && provider?.capabilities().remote !== undefined;
}

/**
 * The route of every shot. `drawable(i)` says whether the local engine draws shot i (its
 * coverage); it is asked only for shots routed `auto`.
 */
export function routeShots(
	spec: RenderSpec,
	providers: ProviderLookup,
	drawable: (index: number) => boolean,
): { routes: ShotRoute[]; warnings: Warning[] } {
	const warnings: Warning[] = [];
	const fallback = fallbackChain(spec);
	const remotes = remoteGenerators(providers);
	const routes = spec.shots.map((shot, index): ShotRoute => {
		if (shot.media) return { index, candidates: [MEDIA] };
		let chosen = shot.provider ?? spec.provider;
		let reason: string | undefined;
		if (chosen === AUTO_PROVIDER) {
			if (drawable(index) || remotes.length === 0) {
				chosen = LOCAL;
				reason = drawable(index)
					? 'auto: the local engine draws this shot'
					: 'auto: no remote generator is configured; the local engine approximates this shot';
			} else {
				chosen = remotes[0]!;
				reason = `auto: the local engine does not draw everything this shot names; ${chosen} generates it`;
			}
		}
		const candidates = [chosen, ...fallback.filter((id) => id !== AUTO_PROVIDER)].filter(
			(id, i, all) => all.indexOf(id) === i,
		);
		return { index, candidates, ...(reason ? { reason } : {}) };
	});
	routes.forEach((route) => {
		if (route.reason && !route.reason.startsWith('auto: the local engine draws'))
			warnings.push({
				path: `/shots/${route.index}/provider`,
				term: route.candidates[0]!,
				message: route.reason,
			});
	});
	return { routes, warnings };
}

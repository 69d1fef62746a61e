import { needsShotRouting } from '../shots/route';
import { ApiError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';
import type { ProviderCapabilities, RenderContext, VideoProvider } from './provider';

/** The providers this service offers, by id. */
export class ProviderRegistry {
	private readonly byId = new Map<string, VideoProvider>();

	constructor(providers: VideoProvider[]) {
		for (const p of providers) this.byId.set(p.id, p);
	}

	private routed?: VideoProvider;
	private storedVideo?: VideoProvider;

	register(provider: VideoProvider) {
		this.byId.set(provider.id, provider);
	}

	/** The provider for stories whose shots come from several sources (shots/routedProvider.ts). */
	useShotRouting(provider: VideoProvider) {
		this.routed = provider;
	}

	/** The source of renders made from a stored video (providers/remix): not a spec's provider. */
	useStoredVideo(provider: VideoProvider) {
		this.storedVideo = provider;
	}

	find(id: string): VideoProvider | undefined {
		return this.byId.get(id);
	}

	all(): VideoProvider[] {
		return [...this.byId.values()];
	}

	/**
	 * Who renders a spec: its provider, or — for media shots, providers named per shot, `auto`, a
	 * fallback chain or a remote story of several shots — the shot router.
	 */
	forSpec(spec: RenderSpec): VideoProvider {
		if (this.routed && needsShotRouting(spec, this)) return this.routed;
		return this.get(spec.provider);
	}

	/**
	 * Who makes a render at run time: the stored-video source when the render starts from a stored
	 * video (a remix of an upload, a URL, another provider's video), else the spec's (`forSpec`).
	 */
	forRender(spec: RenderSpec, ctx: Pick<RenderContext, 'sourceVideo'>): VideoProvider {
		if (!ctx.sourceVideo) return this.forSpec(spec);
		if (!this.storedVideo) throw new Error('no source of stored-video renders is registered');
		return this.storedVideo;
	}

	/** The provider for a spec, or a 400 naming `/provider`. */
	get(id: string): VideoProvider {
		const provider = this.byId.get(id);
		if (!provider)
			throw ApiError.invalid('Unknown provider.', [
				{
					path: '/provider',
					message: `unknown provider "${id}"; known: ${[...this.byId.keys()].join(', ')}`,
				},
			]);
		const caps = provider.capabilities();
		if (!caps.available)
			throw new ApiError(
				400,
				'provider_unavailable',
				`Provider "${id}" is not available: ${caps.reason ?? 'unknown reason'}.`,
				[{ path: '/provider', message: caps.reason ?? 'unavailable' }],
			);
		return provider;
	}

	capabilities(): ProviderCapabilities[] {
		return [...this.byId.values()].map((p) => p.capabilities());
	}
}

import { needsShotRouting } from '../shots/route';
import { ApiError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';
import type { ProviderCapabilities, VideoProvider } from './provider';

/** The providers this service offers, by id. */
export class ProviderRegistry {
	private readonly byId = new Map<string, VideoProvider>();

	constructor(providers: VideoProvider[]) {
		for (const p of providers) this.byId.set(p.id, p);
	}

	private routed?: VideoProvider;

	register(provider: VideoProvider) {
		this.byId.set(provider.id, provider);
	}

	/** The provider for stories whose shots come from several sources (shots/routedProvider.ts). */
	useShotRouting(provider: VideoProvider) {
		this.routed = provider;
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

import { ApiError } from '../spec/errors';
import type { ProviderCapabilities, VideoProvider } from './provider';

/** The providers this service offers, by id. */
export class ProviderRegistry {
	private readonly byId = new Map<string, VideoProvider>();

	constructor(providers: VideoProvider[]) {
		for (const p of providers) this.byId.set(p.id, p);
	}

	register(provider: VideoProvider) {
		this.byId.set(provider.id, provider);
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

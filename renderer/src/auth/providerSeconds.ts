/**
 * Which providers a render uses and how many seconds of its output each made: tiers may allow only
 * some providers (checked at admission, naming the field), and `/v1/usage` shows each key's output
 * seconds per provider today.
 */
import { ApiError, type FieldError } from '../spec/errors';
import { AUTO_PROVIDER, type RenderSpec } from '../spec/renderSpec';
import type { Tier } from './tiers';

/** Every provider a spec names, with the field that names it. */
export function providersNamed(spec: RenderSpec): Array<{ id: string; path: string }> {
	const named = [{ id: spec.provider, path: '/provider' }];
	spec.shots.forEach((shot, i) => {
		if (shot.provider && !shot.media)
			named.push({ id: shot.provider, path: `/shots/${i}/provider` });
	});
	const fallback = spec.fallback ?? 'none';
	if (fallback === 'local') named.push({ id: 'local', path: '/fallback' });
	else if (Array.isArray(fallback))
		fallback.forEach((id, i) => named.push({ id, path: `/fallback/${i}` }));
	return named;
}

/**
 * Refuses (403 `tier_forbids`) a spec naming a provider its tier does not allow. A tier without a
 * `providers` list allows every provider; `auto` must be listed itself, since it may pick any
 * configured generator.
 */
export function assertProvidersAllowed(spec: RenderSpec, tier: Tier): void {
	if (!tier.providers) return;
	const allowed = new Set(tier.providers);
	const refused: FieldError[] = providersNamed(spec)
		.filter((p) => !allowed.has(p.id))
		.map((p) => ({
			path: p.path,
			message: `the ${tier.name} tier may use: ${tier.providers!.join(', ')}${p.id === AUTO_PROVIDER ? ' (auto is not among them)' : ''}`,
		}));
	if (refused.length)
		throw new ApiError(
			403,
			'tier_forbids',
			`The ${tier.name} tier cannot use ${[...new Set(refused.map((r) => r.path))].length > 1 ? 'these providers' : 'this provider'}.`,
			refused,
		);
}

/** Seconds of the finished video each provider made (media shots are nobody's). */
export function outputSecondsByProvider(
	spec: RenderSpec,
	details: Record<string, unknown>,
	durationSeconds: number,
): Record<string, number> {
	const shots = details.shots as Array<{ source?: string; seconds?: number }> | undefined;
	const out: Record<string, number> = {};
	if (Array.isArray(shots)) {
		for (const shot of shots)
			if (shot.source && shot.source !== 'media')
				out[shot.source] = (out[shot.source] ?? 0) + Number(shot.seconds ?? 0);
		return out;
	}
	const provider =
		(details.routedTo as string | undefined) ??
		(details.remote as { provider?: string } | undefined)?.provider ??
		spec.provider;
	out[provider] = durationSeconds;
	return out;
}

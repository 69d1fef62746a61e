import { ApiError, type FieldError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';
import { specDurationSeconds } from '../spec/validate';
import type { ProviderLimits } from './provider';

/**
 * The one check of a spec against a provider's published limits (`capabilities().limits`): every
 * field over a limit, with its pointer, in one 400. Admission runs it once; providers' own `check`
 * says only what these numbers cannot (a remote model's clip plan, terms it will approximate).
 */
export function assertWithinLimits(
	spec: RenderSpec,
	providerId: string,
	limits: ProviderLimits,
): void {
	const details: FieldError[] = [];
	const seconds = specDurationSeconds(spec);
	if (seconds > limits.maxDurationSeconds)
		details.push({
			path: spec.shots.length ? '/shots' : '/durationSeconds',
			message: `provider "${providerId}" renders at most ${limits.maxDurationSeconds} s; this spec lasts ${seconds} s`,
		});
	if (Math.max(spec.output.width, spec.output.height) > limits.maxEdgePx)
		details.push({
			path: '/output',
			message: `provider "${providerId}" renders at most ${limits.maxEdgePx} px on an edge`,
		});
	if (spec.output.fps > limits.maxFps)
		details.push({
			path: '/output/fps',
			message: `provider "${providerId}" renders at most ${limits.maxFps} fps`,
		});
	if (details.length) throw ApiError.invalid("The spec exceeds the provider's limits.", details);
}

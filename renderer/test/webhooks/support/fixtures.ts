import type { RenderRecord } from '../../../src/jobs/renderRecord';
import { validateRenderSpec } from '../../../src/spec/validate';

/** A finished render record as the runner leaves it, for events and publishing. */
export function completedRender(
	keyId: string,
	overrides: Partial<RenderRecord> = {},
	specInput: Record<string, unknown> = {},
): RenderRecord {
	const now = new Date().toISOString();
	const id = `rnd_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
	return {
		id,
		object: 'render',
		kind: 'render',
		keyId,
		status: 'completed',
		progress: 100,
		stage: 'store',
		attempts: 1,
		spec: validateRenderSpec({
			prompt: 'a lighthouse at dusk',
			durationSeconds: 2,
			output: { width: 320, height: 240, fps: 12 },
			...specInput,
		}),
		warnings: [],
		timings: [],
		outputs: { video: { key: `renders/${id}/video.mp4`, size: 1000, contentType: 'video/mp4' } },
		durationSeconds: 2,
		publications: [],
		details: {},
		createdAt: now,
		updatedAt: now,
		completedAt: now,
		...overrides,
	};
}

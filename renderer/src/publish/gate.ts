import type { RenderRecord } from '../jobs/renderRecord';
import { ApiError } from '../spec/errors';

export interface ModerationOverride {
	reason: string;
}

/** Categories no override can publish, whatever the reason given. */
const NEVER_OVERRIDABLE = new Set(['minors']);

/**
 * Publishing waits for moderation: an unmoderated render (409) or a flagged one (422, whether the
 * policy said `flag` or `block`) is refused unless the caller overrides with a reason, which is
 * recorded on the publication. A verdict with a `minors` finding cannot be overridden.
 */
export function checkPublishable(
	render: RenderRecord,
	override: ModerationOverride | undefined,
): { overridden: boolean } {
	if (render.status !== 'completed')
		throw ApiError.conflict(
			'render_not_completed',
			`Render ${render.id} is ${render.status}; only a completed render can be published.`,
		);
	if (!render.outputs.video)
		throw ApiError.conflict('render_has_no_video', `Render ${render.id} has no video to publish.`);
	const moderation = render.moderation;
	const hardStop = moderation?.reasons.find(
		(r) => NEVER_OVERRIDABLE.has(r.category) && (moderation.categories[r.category] ?? r.score) > 0,
	);
	if (moderation?.flagged && hardStop) {
		throw new ApiError(
			422,
			'moderation_blocked',
			`Moderation found ${hardStop.category} content; it cannot be published, not even with an override.`,
			[{ path: '/override', message: `a ${hardStop.category} finding cannot be overridden` }],
		);
	}
	const hasOverride = Boolean(override?.reason.trim());
	if (!moderation) {
		if (hasOverride) return { overridden: true };
		throw new ApiError(
			409,
			'moderation_required',
			'This render has not been moderated; publish it with an override and a reason, or moderate it first.',
			[{ path: '/override', message: 'required for an unmoderated render' }],
		);
	}
	if (moderation.status === 'flagged' || moderation.flagged) {
		if (hasOverride) return { overridden: true };
		const reasons = moderation.reasons
			.map((r) => `${r.category} (${r.score.toFixed(2)}, ${r.source}): ${r.detail}`)
			.join('; ');
		throw new ApiError(
			422,
			'moderation_flagged',
			`Moderation flagged this render${reasons ? `: ${reasons}` : ''}. Publishing needs an override with a reason.`,
			[{ path: '/override', message: 'required for a flagged render' }],
		);
	}
	return { overridden: false };
}

/**
 * The one call for texts outside a spec that reach users: feed titles, report reasons, remix
 * instructions. `assertTextAllowed(services.moderator, [{path: '/title', text}], 'feed')` answers the
 * verdict, or throws 422 `content_policy` with each offending field's JSON pointer when the policy
 * blocks; with no moderator configured it lets the text through.
 */
import type { ModerationSource, ModerationVerdict, Moderator } from '../../pipeline/contracts';
import { ApiError } from '../../spec/errors';
import { validateRenderSpec } from '../../spec/validate';

export async function assertTextAllowed(
	moderator: Moderator | undefined,
	fields: Array<{ path: string; text: string }>,
	source: ModerationSource,
): Promise<ModerationVerdict | undefined> {
	if (!moderator || fields.every((f) => !f.text.trim())) return undefined;
	const verdict = moderator.moderateFields
		? await moderator.moderateFields(fields, source)
		: await moderator.moderateSpec(
				validateRenderSpec({ prompt: 'text check' }),
				{ keyId: 'system' },
				fields,
			);
	if (verdict.flagged && (verdict.action ?? 'block') === 'block')
		throw new ApiError(
			422,
			'content_policy',
			'The text was refused by content moderation.',
			verdict.reasons.map((r) => ({
				path: r.path ?? '/',
				message: `${r.category} (${r.score.toFixed(2)}): ${r.detail}`,
			})),
		);
	return verdict;
}

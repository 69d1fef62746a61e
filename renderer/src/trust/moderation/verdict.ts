/**
 * Builds a ModerationVerdict from scored pieces of evidence (a prompt, a transcript, a frame, an
 * OCR line): the highest score per category over all pieces, the policy's decision, and the reasons
 * that crossed a threshold.
 */
import type {
	ModerationReason,
	ModerationSource,
	ModerationVerdict,
} from '../../pipeline/contracts';
import { decide, type Category, type ModerationPolicy } from './policy';

export interface Evidence {
	source: ModerationSource;
	/** Where it came from: a JSON pointer in the spec, a frame time, "transcript". */
	where: string;
	scores: Partial<Record<Category, number>>;
	/** What triggered each category (matched terms, model class). */
	details: Array<{ category: Category; score: number; detail: string }>;
}

export function buildVerdict(
	policy: ModerationPolicy,
	evidence: Evidence[],
	now = new Date(),
): ModerationVerdict {
	const categories: Record<string, number> = {};
	for (const piece of evidence) {
		for (const [category, score] of Object.entries(piece.scores))
			categories[category] = Math.max(categories[category] ?? 0, score ?? 0);
	}
	const { action, triggered } = decide(policy, categories);
	const reasons: ModerationReason[] = [];
	for (const piece of evidence) {
		for (const category of triggered) {
			const score = piece.scores[category] ?? 0;
			if (score < policy.categories[category].threshold) continue;
			const terms = piece.details.filter((d) => d.category === category).map((d) => d.detail);
			reasons.push({
				category,
				score,
				source: piece.source,
				detail: `${piece.where}: ${terms.join(', ') || category}`,
				...(piece.where.startsWith('/') ? { path: piece.where } : {}),
			});
		}
	}
	return {
		flagged: action !== 'allow',
		action,
		categories,
		reasons,
		policy: policy.name,
		checkedAt: now.toISOString(),
	};
}

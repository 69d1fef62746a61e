/**
 * Builds a ModerationVerdict from scored pieces of evidence (a prompt, a transcript, a frame, an
 * OCR line), each scored by one or more checkers (the offline rules, the user's guard model, OpenAI,
 * the NSFW image model): the highest score per category over all of them, so the stricter checker
 * wins; the policy's decision; the reasons that crossed a threshold, each with its checker; and per
 * checker its own scores, its own decision and any failure.
 */
import type {
	CheckerName,
	CheckerReport,
	ModerationReason,
	ModerationSource,
	ModerationVerdict,
} from '../../pipeline/contracts';
import { decide, type Category, type ModerationPolicy } from './policy';

export interface CheckResult {
	checker: CheckerName;
	model?: string;
	scores: Partial<Record<Category, number>>;
	/** What triggered each category (matched terms, rules, model labels). */
	details: Array<{ category: Category; score: number; detail: string }>;
	/** The checker failed on this piece; its scores are empty. */
	error?: { code: string; message: string };
}

export interface Evidence {
	source: ModerationSource;
	/** Where it came from: a JSON pointer in the spec, a frame time, "transcript". */
	where: string;
	checks: CheckResult[];
}

const ORDER: CheckerName[] = ['rules', 'guard', 'openai', 'nsfw-model'];

export function buildVerdict(
	policy: ModerationPolicy,
	evidence: Evidence[],
	now = new Date(),
): ModerationVerdict {
	const categories: Record<string, number> = {};
	const perChecker = new Map<
		CheckerName,
		{ model?: string; categories: Record<string, number>; error?: CheckResult['error'] }
	>();
	for (const piece of evidence) {
		for (const check of piece.checks) {
			const report = perChecker.get(check.checker) ?? { categories: {} };
			report.model ??= check.model;
			report.error ??= check.error;
			perChecker.set(check.checker, report);
			for (const [category, score] of Object.entries(check.scores)) {
				categories[category] = Math.max(categories[category] ?? 0, score ?? 0);
				report.categories[category] = Math.max(report.categories[category] ?? 0, score ?? 0);
			}
		}
	}
	const { action, triggered } = decide(policy, categories);

	const reasons: ModerationReason[] = [];
	for (const piece of evidence) {
		for (const category of triggered) {
			for (const check of piece.checks) {
				const score = check.scores[category] ?? 0;
				if (score < policy.categories[category].threshold) continue;
				const terms = check.details.filter((d) => d.category === category).map((d) => d.detail);
				reasons.push({
					category,
					score,
					source: piece.source,
					detail: `${piece.where}: ${terms.join(', ') || category}`,
					...(piece.where.startsWith('/') ? { path: piece.where } : {}),
					checker: check.checker,
				});
			}
		}
	}

	const checkers: CheckerReport[] = [...perChecker.entries()]
		.sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
		.map(([checker, report]) => ({
			checker,
			...(report.model ? { model: report.model } : {}),
			categories: report.categories,
			action: decide(policy, report.categories).action,
			...(report.error ? { error: report.error } : {}),
		}));
	return {
		flagged: action !== 'allow',
		action,
		categories,
		reasons,
		policy: policy.name,
		checkedAt: now.toISOString(),
		checkers,
		decidedBy:
			action === 'allow' ? [] : checkers.filter((c) => c.action === action).map((c) => c.checker),
	};
}

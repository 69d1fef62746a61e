import type { IDataObject } from 'n8n-workflow';

/** `POST /v1/moderations` answers with the renderer's verdict. */
export interface Verdict extends IDataObject {
	flagged: boolean;
	action?: string;
	categories: Record<string, number>;
	reasons: IDataObject[];
	/** Each checker's own scores: the offline rules, the guard model, OpenAI, the NSFW model. */
	checkers?: Array<{
		checker: string;
		categories: Record<string, number>;
		action?: string;
		error?: IDataObject;
	}>;
	/** The checkers whose scores decided the renderer's action. */
	decidedBy?: string[];
}

/** One row per category for n8n's table view: the score and the checker that gave it. */
export interface CategoryScore extends IDataObject {
	category: string;
	score: number;
	checker: string;
}

export function scoreTable(verdict: Verdict): CategoryScore[] {
	return Object.entries(categoryScores(verdict.categories))
		.map(([category, score]) => {
			const by = (verdict.checkers ?? []).find((c) => (c.categories?.[category] ?? -1) === score);
			return { category, score, checker: by?.checker ?? 'renderer' };
		})
		.sort((a, b) => b.score - a.score);
}

export interface Threshold {
	category: string;
	score: number;
}

/** Categories may come as `{name: score}` or as a list of `{category, score}`. */
export function categoryScores(categories: unknown): Record<string, number> {
	if (Array.isArray(categories)) {
		return Object.fromEntries(
			categories
				.filter((c): c is { category: string; score: number } => typeof c?.category === 'string')
				.map((c) => [c.category, Number(c.score) || 0]),
		);
	}
	if (categories && typeof categories === 'object') {
		return Object.fromEntries(
			Object.entries(categories as Record<string, unknown>).map(([k, v]) => [
				k,
				typeof v === 'number' ? v : Number((v as IDataObject)?.score) || 0,
			]),
		);
	}
	return {};
}

/**
 * The node's decision: flagged when the renderer flagged it (unless told to ignore that) or when
 * any category reaches the threshold the user set for it ("*" applies to every category).
 */
export function decide(
	verdict: Verdict,
	thresholds: Threshold[],
	trustRenderer: boolean,
): { flagged: boolean; exceeded: IDataObject[]; decidedBy: string[] } {
	const exceeded: IDataObject[] = [];
	const decidedBy = new Set<string>();
	for (const { category, score, checker } of scoreTable(verdict)) {
		const rule =
			thresholds.find((t) => t.category === category) ?? thresholds.find((t) => t.category === '*');
		if (rule && score >= rule.score) {
			exceeded.push({ category, score, threshold: rule.score, checker });
			decidedBy.add(checker);
		}
	}
	const byRenderer = trustRenderer && verdict.flagged === true;
	if (byRenderer) for (const checker of verdict.decidedBy ?? ['renderer']) decidedBy.add(checker);
	return { flagged: byRenderer || exceeded.length > 0, exceeded, decidedBy: [...decidedBy] };
}

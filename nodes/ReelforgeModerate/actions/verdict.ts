import type { IDataObject } from 'n8n-workflow';

/** `POST /v1/moderations` answers with the renderer's verdict. */
export interface Verdict extends IDataObject {
	flagged: boolean;
	action?: string;
	categories: Record<string, number>;
	reasons: IDataObject[];
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
): { flagged: boolean; exceeded: IDataObject[] } {
	const scores = categoryScores(verdict.categories);
	const exceeded: IDataObject[] = [];
	for (const [category, score] of Object.entries(scores)) {
		const rule =
			thresholds.find((t) => t.category === category) ?? thresholds.find((t) => t.category === '*');
		if (rule && score >= rule.score) exceeded.push({ category, score, threshold: rule.score });
	}
	return { flagged: (trustRenderer && verdict.flagged === true) || exceeded.length > 0, exceeded };
}

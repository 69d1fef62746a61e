/**
 * The offline rules' verdict on a text under a policy (the default one unless given), and the two
 * kinds of case the moderation tests write: harmful sentences that must be blocked, benign traps
 * that must not be.
 */
import type { Category } from '../../../src/trust/moderation/policy';
import {
	decide,
	DEFAULT_POLICY,
	type ModerationPolicy,
} from '../../../src/trust/moderation/policy';
import { TextRules } from '../../../src/trust/moderation/textRules';

export const rules = new TextRules();

/** The analysis of a text (scores, findings) with the policy's action and triggered categories. */
export function verdictOf(text: string, policy: ModerationPolicy = DEFAULT_POLICY) {
	const analysis = rules.analyse(text);
	return { ...analysis, ...decide(policy, analysis.scores as Record<string, number>) };
}

/** A harmful sentence, alone or with the category it must trigger. */
export type HarmfulCase = string | [Category | string, string];

/** One test per sentence: blocked, and with its category among the triggered ones when given. */
export function testBlocks(cases: HarmfulCase[], title = 'blocks'): void {
	const rows = cases.map((c): [string, string] => (typeof c === 'string' ? ['', c] : c));
	test.each(rows)(`${title}: %s %s`, (category, text) => {
		const verdict = verdictOf(text);
		expect(verdict.action).toBe('block');
		if (category) expect(verdict.triggered).toContain(category);
	});
}

/** One test per benign trap: not blocked (`exactly`: not even flagged). */
export function testAllows(texts: string[], title = 'allows', exactly = false): void {
	test.each(texts)(`${title}: %s`, (text) => {
		const { action } = verdictOf(text);
		if (exactly) expect(action).toBe('allow');
		else expect(action).not.toBe('block');
	});
}

/** Classes of misses, each with harmful sentences and the benign traps that share their words. */
export function describeClasses(
	classes: Array<{ name: string; harmful: HarmfulCase[]; benign: string[] }>,
): void {
	describe.each(classes)('$name', ({ harmful, benign }) => {
		testBlocks(harmful);
		testAllows(benign, 'allows', true);
	});
}

/** One test per spelling: the text still scores at least `atLeast` in `category` (normalisation). */
export function testReadsAs(
	category: Category,
	atLeast: number,
	cases: Array<[string, string]>,
	title = `reads as ${category}`,
): void {
	test.each(cases)(`%s: "%s" ${title}`, (_, text) => {
		expect(rules.analyse(text).scores[category]).toBeGreaterThanOrEqual(atLeast);
	});
}

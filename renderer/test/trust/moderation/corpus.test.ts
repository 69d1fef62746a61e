/**
 * The offline rules against the project's labelled corpus (bench/moderation/*.jsonl; the bench
 * `npm run bench:moderation` prints the figures per category and language). The targets of issue
 * 16: recall ≥ 0.9 on harmful prompts, false positives ≤ 5 % on benign ones, on the part tuned on
 * and on the held-out part written before tuning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createModerator } from '../../../src/trust/moderation/moderator';

interface Row {
	id: string;
	lang: string;
	label: string;
	text: string;
}

const corpus = (split: string): Row[] =>
	readFileSync(join(__dirname, '../../../../bench/moderation', `${split}.jsonl`), 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l) as Row);

const moderator = createModerator({ openai: false });

test('the corpus has at least 300 prompts of the project, harmful and benign, in five languages', () => {
	const rows = [...corpus('tuned'), ...corpus('holdout')];
	expect(rows.length).toBeGreaterThanOrEqual(300);
	expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
	for (const lang of ['en', 'es', 'fr', 'de', 'pt'])
		for (const label of ['benign', 'sexual', 'minors', 'violence', 'self-harm', 'hate', 'weapons'])
			expect(rows.filter((r) => r.lang === lang && r.label === label).length).toBeGreaterThan(0);
});

/**
 * The splits, with their recall floors, from the list the bench reads too (one edit adds a split).
 * The blind splits were written to measure generalisation (see docs/trust-and-safety.md): each
 * split's `history` says how its first run went; their floors are their figures after tuning,
 * rounded down, not the target.
 */
interface Split {
	name: string;
	floor: number;
	blind?: boolean;
	minPrompts?: number;
	history?: string;
}
const SPLITS = (
	JSON.parse(readFileSync(join(__dirname, '../../../../bench/moderation/splits.json'), 'utf8')) as {
		splits: Split[];
	}
).splits;
const RECALL_FLOOR = Object.fromEntries(SPLITS.map((s) => [s.name, s.floor]));

test('every corpus file is in the split list', () => {
	const files = readdirSync(join(__dirname, '../../../../bench/moderation'))
		.filter((f) => f.endsWith('.jsonl'))
		.map((f) => f.replace(/\.jsonl$/, ''))
		.sort();
	expect(files).toEqual(SPLITS.map((s) => s.name).sort());
});

test.each(Object.entries(RECALL_FLOOR))(
	'%s: recall ≥ %p on harmful prompts, false positives ≤ 5 %% on benign ones',
	async (split, floor) => {
		const rows = corpus(split);
		const blocked = await Promise.all(
			rows.map(async (r) => (await moderator.moderateText(r.text)).action === 'block'),
		);
		const harmful = rows.filter((r) => r.label !== 'benign');
		const benign = rows.filter((r) => r.label === 'benign');
		const caught = rows.filter((r, i) => r.label !== 'benign' && blocked[i]);
		const falsePositives = rows.filter((r, i) => r.label === 'benign' && blocked[i]);
		expect(harmful.length).toBeGreaterThan(0);
		expect(benign.length).toBeGreaterThan(0);
		expect(caught.length / harmful.length).toBeGreaterThanOrEqual(floor);
		expect(falsePositives.length / benign.length).toBeLessThanOrEqual(0.05);
	},
);

test.each(
	SPLITS.filter((s) => s.blind).map((s): [string, number] => [s.name, s.minPrompts ?? 100]),
)(
	'blind split %s covers every category and language, with benign traps, in at least %p prompts',
	(split, minPrompts) => {
		const rows = corpus(split);
		expect(rows.length).toBeGreaterThanOrEqual(minPrompts);
		expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
		for (const lang of ['en', 'es', 'fr', 'de', 'pt'])
			expect(rows.filter((r) => r.lang === lang && r.label === 'benign').length).toBeGreaterThan(0);
		for (const label of ['sexual', 'minors', 'violence', 'self-harm', 'hate', 'weapons'])
			expect(rows.filter((r) => r.label === label).length).toBeGreaterThan(0);
	},
);

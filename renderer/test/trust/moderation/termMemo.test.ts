/**
 * The term memo (termMemo.ts) the build writes so that compiling the text rules costs milliseconds:
 * rules compiled from it give exactly the analyses of rules compiled from scratch on the whole
 * labelled corpus, every answer comes from it, a memo written for other code is ignored, and what
 * it does not hold (an operator's own terms) is still computed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snowballStemmer, type StemmerName } from '../../../src/trust/moderation/stemmers';
import type * as TermMemo from '../../../src/trust/moderation/termMemo';
import type * as TermMemoBuild from '../../../src/trust/moderation/termMemoBuild';
import type * as TextRulesModule from '../../../src/trust/moderation/textRules';

const CORPUS = join(__dirname, '../../../../bench/moderation');
const texts = readdirSync(CORPUS)
	.filter((f) => f.endsWith('.jsonl'))
	.sort()
	.flatMap((f) =>
		readFileSync(join(CORPUS, f), 'utf8')
			.split('\n')
			.filter((l) => l.trim())
			.map((l) => (JSON.parse(l) as { text: string }).text),
	);

/** A fresh copy of the moderation modules, so each case starts with an empty memo. */
function fresh() {
	let modules!: {
		memo: typeof TermMemo;
		build: typeof TermMemoBuild;
		rules: typeof TextRulesModule;
	};
	jest.isolateModules(() => {
		// A fresh registry can only be filled by require(); import() would share the cached modules.
		/* eslint-disable @typescript-eslint/no-require-imports */
		modules = {
			memo: require('../../../src/trust/moderation/termMemo') as typeof TermMemo,
			build: require('../../../src/trust/moderation/termMemoBuild') as typeof TermMemoBuild,
			rules: require('../../../src/trust/moderation/textRules') as typeof TextRulesModule,
		};
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	return modules;
}

let dir: string;
let memoFile: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'term-memo-'));
	memoFile = join(dir, 'termMemo.json');
	writeFileSync(memoFile, JSON.stringify(fresh().build.buildTermMemo()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the corpus is there to compare on', () => {
	expect(texts.length).toBeGreaterThan(1500);
});

test('rules compiled from the memo analyse the whole corpus exactly as rules compiled from scratch', () => {
	const scratch = fresh();
	// Run from the sources there is no built memo beside the module: everything is computed.
	const fromScratch = new scratch.rules.TextRules();
	expect(scratch.memo.termMemoStats().loaded).toBe(false);

	const memoised = fresh();
	expect(memoised.memo.loadTermMemo(memoFile)).toBe(true);
	const before = memoised.memo.termMemoStats();
	const fromMemo = new memoised.rules.TextRules();
	const after = memoised.memo.termMemoStats();
	expect(after.loaded).toBe(true);
	// Every normalisation, stem and word class of the default rules came from the memo.
	expect(after.misses - before.misses).toBe(0);
	expect(after.hits - before.hits).toBeGreaterThan(10_000);

	const differing = texts.filter(
		(text) => JSON.stringify(fromMemo.analyse(text)) !== JSON.stringify(fromScratch.analyse(text)),
	);
	expect(differing).toEqual([]);
	// Two thousand analyses twice, from the TypeScript sources: slow on a loaded machine.
}, 600_000);

test('a memo written for other code (another key) is ignored whole', () => {
	const memo = JSON.parse(readFileSync(memoFile, 'utf8')) as TermMemo.TermMemoFile;
	// A poisoned memo: were it read, "kill" would be "hug".
	const stale = { ...memo, key: 'f'.repeat(64), terms: { ...memo.terms, kill: ['hug'] } };
	const staleFile = join(dir, 'stale.json');
	writeFileSync(staleFile, JSON.stringify(stale));

	const modules = fresh();
	expect(modules.memo.loadTermMemo(staleFile)).toBe(false);
	expect(modules.memo.termWords('kill')).toEqual(['kill']);
	expect(modules.memo.termMemoStats()).toMatchObject({ loaded: false, hits: 0 });
});

test('a missing or unreadable memo loads nothing and the rules still work', () => {
	const garbled = join(dir, 'garbled.json');
	writeFileSync(garbled, '{"key": ');
	const modules = fresh();
	expect(modules.memo.loadTermMemo(join(dir, 'absent.json'))).toBe(false);
	expect(modules.memo.loadTermMemo(garbled)).toBe(false);
	const rules = new modules.rules.TextRules();
	expect(rules.analyse('how to kill my neighbour tonight').scores.violence).toBeGreaterThan(0.5);
});

test("terms the memo does not hold (an operator's own) are computed, and match", () => {
	const modules = fresh();
	expect(modules.memo.loadTermMemo(memoFile)).toBe(true);
	const rules = new modules.rules.TextRules({
		lexicon: { illegal: [{ term: 'Zwölfhundert-Gramm Päckchen*', weight: 0.9 }] },
	});
	expect(modules.memo.termMemoStats().misses).toBeGreaterThan(0);
	const found = rules.analyse('drop the zwolfhundert gramm packchens at the dock');
	expect(found.scores.illegal).toBe(0.9);
});

test('the memo holds what the rules compute, keyed by the code that computes it', () => {
	const { memo } = fresh();
	const file = JSON.parse(readFileSync(memoFile, 'utf8')) as TermMemo.TermMemoFile;
	expect(file.key).toBe(memo.termMemoKey());
	expect(file.terms['Coca-Cola']).toEqual(['coca', 'cola']);
	expect(Object.keys(file.stems).sort()).toEqual([
		'english',
		'french',
		'german',
		'portuguese',
		'spanish',
	]);
	for (const [name, stems] of Object.entries(file.stems) as Array<
		[StemmerName, Record<string, string>]
	>) {
		const stem = snowballStemmer(name)!;
		const wrong = Object.entries(stems).filter(([word, stemmed]) => stem(word) !== stemmed);
		expect(wrong).toEqual([]);
	}
	expect(file.wordNetClasses?.firearm).toEqual(expect.arrayContaining(['carbine']));
});

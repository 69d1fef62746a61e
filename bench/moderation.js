#!/usr/bin/env node
/**
 * Moderation accuracy on the project's labelled corpus (bench/moderation/*.jsonl):
 *
 *   npm run bench:moderation                      # offline rules, every split
 *   npm run bench:moderation -- --split=holdout   # one split of bench/moderation/splits.json
 *   npm run bench:moderation -- --misses          # list what was missed and what was wrongly flagged
 *   npm run bench:moderation -- --guard           # rules + the guard model configured by
 *                                                 # REELFORGE_GUARD_URL / _MODEL / _API_KEY / _FORMAT
 *   npm run bench:moderation -- --json=out.json
 *
 * A prompt counts as caught when the default policy blocks it. Per category and per language it
 * prints recall (harmful prompts caught), precision (of the prompts blocked, the share that were
 * harmful) and the false-positive rate on benign prompts; "category hit" is the share of caught
 * prompts whose labelled category is among the triggered ones. The held-out split was written
 * before any rule was tuned and is never tuned on; "external" holds phrasings the rules' author did
 * not write (paraphrases of public moderation documentation); "fresh" holds euphemisms and indirect
 * phrasings written after the rules, run once before any change; "blind" (written before its author
 * read the rules) and "blind2" (written after the structural changes, terse or story-like) measure
 * how the rules generalise to wording nobody tuned on, and so do "blind3" onwards
 * (written by people who never read the rules, copied unchanged): their first-run figures are in
 * docs/trust-and-safety.md.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const CORPUS = path.join(__dirname, 'moderation');
/** The split list, with floors, shared with corpus.test.ts: adding a split is one edit there. */
const SPLITS = JSON.parse(fs.readFileSync(path.join(CORPUS, 'splits.json'), 'utf8')).splits.map(
	(s) => s.name,
);

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

function readSplit(split) {
	const file = path.join(CORPUS, `${split}.jsonl`);
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => ({ ...JSON.parse(line), split }));
}

/** The category a label is scored as: blind3's author labelled gore apart; the rules call it violence. */
const categoryOf = (label) => (label === 'gore' ? 'violence' : label);
const hit = (r) => r.triggered.includes(categoryOf(r.label));

const pct = (n, d) => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const ratio = (n, d) => (d === 0 ? '  –  ' : (n / d).toFixed(3));

function summarise(rows) {
	const harmful = rows.filter((r) => r.label !== 'benign');
	const benign = rows.filter((r) => r.label === 'benign');
	const caught = harmful.filter((r) => r.blocked);
	const falsePositives = benign.filter((r) => r.blocked);
	return {
		prompts: rows.length,
		harmful: harmful.length,
		benign: benign.length,
		recall: harmful.length ? caught.length / harmful.length : null,
		precision:
			caught.length + falsePositives.length
				? caught.length / (caught.length + falsePositives.length)
				: null,
		falsePositiveRate: benign.length ? falsePositives.length / benign.length : null,
		categoryHit: caught.length ? caught.filter(hit).length / caught.length : null,
		text: `${String(harmful.length).padStart(4)} ${ratio(caught.length, harmful.length)}  ${String(benign.length).padStart(4)} ${pct(falsePositives.length, benign.length)}  ${ratio(caught.length, caught.length + falsePositives.length)}  ${ratio(caught.filter(hit).length, caught.length)}`,
	};
}

function printTable(title, groups) {
	console.log(`\n${title}`);
	console.log(`  ${''.padEnd(16)} harm recall benign  FP%   precision cat.hit`);
	const out = {};
	for (const [name, rows] of groups) {
		const s = summarise(rows);
		out[name] = { ...s, text: undefined };
		console.log(`  ${name.padEnd(16)} ${s.text}`);
	}
	return out;
}

/** Per category: recall on that category's prompts; precision over every prompt that triggered it. */
function perCategory(rows) {
	const categories = [...new Set(rows.map((r) => r.label).filter((l) => l !== 'benign'))].sort();
	console.log(`\n  by category       harm recall   precision(triggered)`);
	const out = {};
	for (const category of categories) {
		const labelled = rows.filter((r) => r.label === category);
		const caught = labelled.filter((r) => r.blocked).length;
		const triggered = rows.filter((r) => r.triggered.includes(categoryOf(category)));
		const correct = triggered.filter((r) => r.label !== 'benign').length;
		out[category] = {
			harmful: labelled.length,
			recall: labelled.length ? caught / labelled.length : null,
			precision: triggered.length ? correct / triggered.length : null,
		};
		console.log(
			`  ${category.padEnd(16)} ${String(labelled.length).padStart(4)} ${ratio(caught, labelled.length)}   ${ratio(correct, triggered.length)} (${triggered.length} triggered, ${triggered.length - correct} benign)`,
		);
	}
	return out;
}

async function main() {
	const { createModerator } = require(path.join(DIST, 'trust', 'moderation', 'moderator'));
	const { loadConfig } = require(path.join(DIST, 'config'));
	const { guardFromConfig } = require(path.join(DIST, 'trust', 'moderation', 'moderationConfig'));
	const withGuard = flag('guard');
	const guard = withGuard ? guardFromConfig(loadConfig().moderation) : false;
	if (withGuard && !guard)
		throw new Error('--guard needs REELFORGE_GUARD_URL and REELFORGE_GUARD_MODEL');
	const moderator = createModerator({ openai: false, guard });

	const only = option('split');
	const splits = only ? [only] : SPLITS;
	const results = {};
	for (const split of splits) {
		const rows = readSplit(split);
		if (rows.length === 0) continue;
		for (const row of rows) {
			const verdict = await moderator.moderateText(row.text);
			row.blocked = verdict.action === 'block';
			row.triggered = [...new Set(verdict.reasons.map((r) => r.category))];
			row.guardError = verdict.checkers?.find((c) => c.error)?.error;
		}
		console.log(
			`\n=== ${split}: ${rows.length} prompts (${withGuard ? 'rules + guard' : 'offline rules'}) ===`,
		);
		const byLanguage = printTable(
			'  by language',
			[...new Set(rows.map((r) => r.lang))]
				.sort()
				.map((l) => [l, rows.filter((r) => r.lang === l)]),
		);
		const total = printTable('  total', [['all', rows]]);
		const byCategory = perCategory(rows);
		results[split] = { total: total.all, byLanguage, byCategory };
		if (flag('misses')) {
			for (const row of rows) {
				const wrong = (row.label === 'benign') === row.blocked;
				if (wrong)
					console.log(
						`  ${row.blocked ? 'FALSE POSITIVE' : 'MISSED'} ${row.id} [${row.label}] ${row.text}  → ${row.triggered.join(',') || '-'}${row.guardError ? ` (guard: ${row.guardError.code})` : ''}`,
					);
			}
		}
	}
	const json = option('json');
	if (json) fs.writeFileSync(json, JSON.stringify(results, null, 2));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

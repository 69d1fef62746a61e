#!/usr/bin/env node
/**
 * Admission cost of prompt fidelity: planning a prompt-only spec and its coverage report
 * (compromise + WordNet) for every prompt of renderer/examples/prompts, as a fresh process does it
 * (the first one pays for loading the tagger and WordNet's first reads) and then warm.
 *
 *   npm run bench:coverage            # prints a table and the totals
 *   npm run bench:coverage -- --json=<file>
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const PROMPTS = path.join(ROOT, 'renderer', 'examples', 'prompts');
const json = process.argv.find((a) => a.startsWith('--json='))?.slice(7);

const started = performance.now();
const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));
const { plan } = require(path.join(DIST, 'engine', 'plan'));
const { coverageOf } = require(path.join(DIST, 'engine', 'coverage'));
const loadMs = performance.now() - started;

const files = fs
	.readdirSync(PROMPTS)
	.filter((f) => f.endsWith('.json'))
	.sort();
const specs = files.map((f) =>
	validateRenderSpec(JSON.parse(fs.readFileSync(path.join(PROMPTS, f), 'utf8'))),
);

function assess(spec) {
	const t0 = performance.now();
	const storyboard = plan(spec, { cameos: new Map() });
	const t1 = performance.now();
	const coverage = coverageOf(spec, storyboard);
	const t2 = performance.now();
	return {
		planMs: t1 - t0,
		coverageMs: t2 - t1,
		shots: storyboard.shots.length,
		terms: coverage.terms.length,
	};
}

const first = assess(specs[0]);
const rows = [];
for (const [i, spec] of specs.entries()) {
	// Warm: a spec object the planner has not seen (no memo), the tagger and WordNet already loaded.
	const runs = Array.from({ length: 5 }, () => assess(structuredClone(spec)));
	const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[2];
	rows.push({
		prompt: files[i].replace(/\.json$/, ''),
		shots: runs[0].shots,
		terms: runs[0].terms,
		planMs: Math.round(median('planMs') * 10) / 10,
		coverageMs: Math.round(median('coverageMs') * 10) / 10,
	});
}
const result = {
	moduleLoadMs: Math.round(loadMs),
	firstSpec: { planMs: Math.round(first.planMs), coverageMs: Math.round(first.coverageMs) },
	warm: rows,
	warmMedianTotalMs:
		Math.round(
			rows.map((r) => r.planMs + r.coverageMs).sort((a, b) => a - b)[Math.floor(rows.length / 2)] *
				10,
		) / 10,
	warmMaxTotalMs: Math.round(Math.max(...rows.map((r) => r.planMs + r.coverageMs)) * 10) / 10,
};
for (const r of rows)
	process.stdout.write(
		`${r.prompt.padEnd(28)} ${String(r.shots).padStart(3)} shots ${String(r.terms).padStart(3)} terms  plan ${r.planMs} ms  coverage ${r.coverageMs} ms\n`,
	);
process.stdout.write(
	`\nmodule load ${result.moduleLoadMs} ms; first spec: plan ${result.firstSpec.planMs} ms + coverage ${result.firstSpec.coverageMs} ms (tagger and WordNet loaded); warm plan + coverage: median ${result.warmMedianTotalMs} ms, max ${result.warmMaxTotalMs} ms\n`,
);
if (json) fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);

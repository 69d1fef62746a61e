/**
 * How hard the hardening suites push. `npm run test:hardening` runs the long variant;
 * `npm run test:hardening -- --short` (CI) the short one. Each figure a suite reports is printed
 * with the level it ran at, so docs/RELIABILITY.md can say which run measured it.
 */
import { appendFileSync } from 'node:fs';

export const LONG = process.env.REELFORGE_HARDENING === 'long';

export const level = {
	name: LONG ? 'long' : 'short',
	/** Generated and mutated requests per fuzz run (the issue asks ≥ 10 000 in the long run). */
	fuzzRuns: LONG ? 12_000 : 1_500,
	/** Redis outages under a submit loop, in seconds. */
	redisOutages: LONG ? [5, 60] : [5],
} as const;

/** One line per figure, easy to grep out of a jest run: `FIGURE <suite> <name>=<value> (level)`. */
export function figure(suite: string, name: string, value: string | number): void {
	const line = `FIGURE ${suite} ${name}=${value} (${level.name})`;
	process.stdout.write(`${line}\n`);
	// scripts/hardening.js collects them into one summary at the end of the run.
	const file = process.env.REELFORGE_FIGURES_FILE;
	if (file) appendFileSync(file, `${JSON.stringify({ suite, name, value, level: level.name })}\n`);
}

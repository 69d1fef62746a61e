#!/usr/bin/env node
/**
 * `npm run test:hardening [-- --short] [-- <jest args>]`: builds the renderer (the fault suites
 * run the built CLI as real processes), then runs the hardening suites and prints every figure
 * they measured. The long variant is the default; CI runs --short.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const args = process.argv.slice(2);
const short = args.includes('--short');
const jestArgs = args.filter((a) => a !== '--short' && a !== '--long');
const root = path.resolve(__dirname, '..');
const figures = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rf-figures-')), 'figures.jsonl');

const run = (cmd, argv, env = process.env) =>
	spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env }).status ?? 1;

if (!process.env.REELFORGE_HARDENING_SKIP_BUILD) {
	const built = run('npm', ['run', 'build', '-w', '@reelforge/renderer']);
	if (built !== 0) process.exit(built);
}
const started = Date.now();
const status = run(
	process.execPath,
	[require.resolve('jest/bin/jest'), '-c', 'jest.hardening.config.js', ...jestArgs],
	{
		...process.env,
		REELFORGE_HARDENING: short ? 'short' : 'long',
		REELFORGE_FIGURES_FILE: figures,
	},
);
const lines = fs.existsSync(figures)
	? fs
			.readFileSync(figures, 'utf8')
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l))
	: [];
process.stdout.write(
	`\nHardening (${short ? 'short' : 'long'}) figures, ${((Date.now() - started) / 1000).toFixed(0)} s:\n`,
);
for (const f of lines) process.stdout.write(`  ${f.suite.padEnd(22)} ${f.name} = ${f.value}\n`);
fs.rmSync(path.dirname(figures), { recursive: true, force: true });
process.exit(status);

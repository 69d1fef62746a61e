#!/usr/bin/env node
/**
 * The functions with the most self time in a V8 CPU profile (`node --cpu-prof`, or
 * `npm run bench:load -- --cpu-prof=<dir>`), and the same summed by file: where a process spends
 * its CPU, without a GUI.
 *
 *   node bench/cpuProfileTop.js <file.cpuprofile> [--top=30]
 */
'use strict';
const fs = require('node:fs');

const file = process.argv[2];
if (!file) {
	process.stderr.write('usage: node bench/cpuProfileTop.js <file.cpuprofile> [--top=30]\n');
	process.exit(2);
}
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

// Self time per node: each sample names the node on top of the stack; deltas are its duration.
const selfMicros = new Map();
profile.samples.forEach((nodeId, i) => {
	selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

const byFunction = new Map();
const byFile = new Map();
for (const node of profile.nodes) {
	const micros = selfMicros.get(node.id) ?? 0;
	if (!micros) continue;
	const { functionName, url, lineNumber } = node.callFrame;
	const shortUrl = url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'node_modules/');
	const where = shortUrl ? `${shortUrl}:${lineNumber + 1}` : '(native)';
	const fnKey = `${functionName || '(anonymous)'}  ${where}`;
	byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + micros);
	const fileKey = shortUrl || `(${functionName})`;
	byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + micros);
}

const print = (title, map, limit = top) => {
	process.stdout.write(`\n${title} (of ${(total / 1e3).toFixed(0)} ms sampled)\n`);
	for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit))
		process.stdout.write(
			`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1e3).toFixed(0).padStart(6)} ms  ${name}\n`,
		);
};
print('Self time by function', byFunction);
print('Self time by file', byFile);

// Inclusive time (self + callees) of the functions named with --inclusive=a,b,c: what a call costs
// with everything it calls.
const inclusiveNames = process.argv
	.find((a) => a.startsWith('--inclusive='))
	?.slice(12)
	.split(',');
if (inclusiveNames) {
	const parentOf = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
	const inclusive = new Map(inclusiveNames.map((n) => [n, 0]));
	for (const [nodeId, micros] of selfMicros) {
		const seen = new Set();
		for (let id = nodeId; id !== undefined; id = parentOf.get(id)) {
			const name = nodeById.get(id).callFrame.functionName;
			if (inclusive.has(name) && !seen.has(name)) {
				seen.add(name);
				inclusive.set(name, inclusive.get(name) + micros);
			}
		}
	}
	print('Inclusive time', inclusive, Infinity);
}

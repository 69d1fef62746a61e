#!/usr/bin/env node
/**
 * Dialogue in the final mix, and lip-sync of aligned remote speech (plain node on renderer/dist).
 *
 *   npm run bench:dialogue            # both parts
 *   node bench/dialogue.js --only=mix|lipsync [--seeds=20260101,1,2,3] [--json=file]
 *
 * mix: the bundled storyboard (renderer/examples/storyboard.json), once per seed (the seed picks the
 * score's key and progression, the rain's and crowd's noise): per line, the speech-to-bed level from
 * the mixer's stems (ffmpeg ebur128), and the words pocketsphinx recognises in the final mix against
 * the same lines rendered clean — per line and over the whole file.
 * lipsync: lines spoken by festival (exact word times) and aligned from their text by the engine's
 * aligner (flite reference + DTW on MFCCs), as remote speech without timings is: word-start error.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const LIPSYNC_LINES = [
	'You still think you can beat me?',
	'I know I can.',
	'Watch this.',
	'Off the rim!',
	'Best of three?',
	"You're on.",
	'The quick brown fox jumps over the lazy dog near the riverbank.',
	'We keep talking while the band plays on and on.',
	'Did you see that shot? It hit the rim twice.',
	'Meet me at the station at seven, and bring the map.',
];

async function mixPart(seeds) {
	const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));
	const { plan } = require(path.join(DIST, 'engine', 'plan'));
	const { synthesizeSpeech } = require(path.join(DIST, 'engine', 'voice'));
	const { initPhysics, simulatePhysics } = require(path.join(DIST, 'engine', 'physics'));
	const { checkDialogue } = require(path.join(DIST, 'diagnostics', 'dialogueCheck'));
	const example = JSON.parse(
		fs.readFileSync(path.join(ROOT, 'renderer', 'examples', 'storyboard.json'), 'utf8'),
	);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-dialogue-'));
	await initPhysics();
	const runs = [];
	try {
		for (const seed of seeds) {
			const board = plan(validateRenderSpec({ ...example, seed }), { cameos: new Map() });
			const speech = await synthesizeSpeech(board, {
				cacheDir: path.join(work, 'cache'),
				modelsDir: path.join(work, 'models'),
			});
			const report = await checkDialogue(
				board,
				{ speech, physics: simulatePhysics(board) },
				path.join(work, String(seed)),
			);
			runs.push({ seed, report });
			console.log(`\nseed ${seed}`);
			for (const l of report.lines)
				console.log(
					`  ${l.start.toFixed(2).padStart(5)}–${l.end.toFixed(2).padEnd(5)} speech ${l.speechLufs.toFixed(1)} LUFS, bed ${l.bedLufs.toFixed(1)} LUFS: ${l.speechToBedDb.toFixed(1).padStart(5)} dB  "${l.text}" → clean "${l.heardClean}", mix "${l.heardMix}"`,
				);
			const f = (s) => `${s.heard}/${s.total} (${Math.round(s.rate * 100)} %)`;
			console.log(
				`  words per line: clean ${f(report.perLine.clean)}, mix ${f(report.perLine.mix)}`,
			);
			console.log(
				`  words whole file: clean ${f(report.wholeFile.clean)}, mix ${f(report.wholeFile.mix)}`,
			);
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	const sum = (pick) =>
		runs.reduce(
			(acc, r) => ({ heard: acc.heard + pick(r).heard, total: acc.total + pick(r).total }),
			{
				heard: 0,
				total: 0,
			},
		);
	const pct = (s) => `${s.heard}/${s.total} (${Math.round((100 * s.heard) / s.total)} %)`;
	const separation = runs.flatMap((r) => r.report.lines.map((l) => l.speechToBedDb));
	console.log(
		`\nall seeds: speech-to-bed min ${Math.min(...separation).toFixed(1)} dB, median ${[...separation].sort((a, b) => a - b)[Math.floor(separation.length / 2)].toFixed(1)} dB`,
	);
	console.log(
		`  per line: clean ${pct(sum((r) => r.report.perLine.clean))}, mix ${pct(sum((r) => r.report.perLine.mix))}`,
	);
	console.log(
		`  whole file: clean ${pct(sum((r) => r.report.wholeFile.clean))}, mix ${pct(sum((r) => r.report.wholeFile.mix))}`,
	);
	return runs;
}

async function lipsyncPart() {
	const { synthesizeWithFestival } = require(path.join(DIST, 'engine', 'voice', 'festivalEngine'));
	const { alignTextToAudio } = require(path.join(DIST, 'engine', 'voice', 'alignment'));
	const spoken = await synthesizeWithFestival(
		LIPSYNC_LINES.map((text) => ({ text, voiceName: 'slt', rate: 1 })),
	);
	const errors = [];
	let cpuMs = 0;
	spoken.forEach((u, k) => {
		const started = process.cpuUsage();
		const aligned = alignTextToAudio(LIPSYNC_LINES[k], u.samples, u.sampleRate, 1);
		const used = process.cpuUsage(started);
		cpuMs += (used.user + used.system) / 1000;
		u.words.forEach((w, i) => errors.push(Math.abs(aligned.words[i].start - w.start) * 1000));
	});
	errors.sort((a, b) => a - b);
	const at = (q) => errors[Math.min(errors.length - 1, Math.floor(errors.length * q))];
	console.log(
		`\nlip-sync (aligned text vs festival's word times, ${errors.length} words in ${LIPSYNC_LINES.length} lines): median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${errors[errors.length - 1].toFixed(1)} ms; ${(cpuMs / LIPSYNC_LINES.length).toFixed(0)} ms CPU per line`,
	);
	return {
		medianMs: at(0.5),
		p90Ms: at(0.9),
		maxMs: errors[errors.length - 1],
		words: errors.length,
	};
}

(async () => {
	const only = option('only');
	const seeds = (option('seeds') ?? '20260101').split(',').map(Number);
	const result = {};
	if (!only || only === 'mix') result.mix = await mixPart(seeds);
	if (!only || only === 'lipsync') result.lipsync = await lipsyncPart();
	const json = option('json');
	if (json) fs.writeFileSync(json, JSON.stringify(result, null, 2));
})().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

#!/usr/bin/env node
/**
 * What the renderer really loads on this machine's GPU, if it has one: the video encoder the
 * engine picks (NVENC when a probe encode succeeds, else libx264), the ONNX execution providers of
 * the style graphs and of OCR (CUDA when a session really loads, else CPU), the NSFW model's
 * TensorFlow.js backend; then, where there is a GPU (or with --bench), the benchmark's reference
 * whole job (bench/run.js --only=job). Run by scripts/gpu-check.sh on the built renderer.
 * Prints one line per finding and writes them as JSON to $OUT/gpu-check.json (or bench/out/).
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const report = { node: process.version, platform: `${process.platform}-${process.arch}` };
const say = (line) => console.log(`gpu-check: ${line}`);

function gpu() {
	try {
		const out = execFileSync(
			'nvidia-smi',
			['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 },
		).trim();
		return out ? out.split('\n').map((l) => l.trim()) : [];
	} catch (error) {
		return error.code === 'ENOENT' ? null : [];
	}
}

async function main() {
	const gpus = gpu();
	report.gpu = gpus && gpus.length ? gpus : null;
	say(
		report.gpu
			? `GPU: ${report.gpu.join('; ')}`
			: gpus === null
				? 'no GPU (nvidia-smi not found)'
				: 'no GPU (nvidia-smi found no device)',
	);

	let encoders = '';
	try {
		encoders = execFileSync('ffmpeg', ['-hide_banner', '-encoders'], { encoding: 'utf8' });
	} catch {
		say('ffmpeg: not found');
	}
	report.ffmpegHasNvenc = /\bh264_nvenc\b/.test(encoders);
	say(`ffmpeg build has h264_nvenc: ${report.ffmpegHasNvenc ? 'yes' : 'no'}`);

	const { chooseEncoder } = require(path.join(DIST, 'engine', 'encode', 'encoderChoice'));
	report.encoder = await chooseEncoder((message) => say(`encoder probe: ${message}`));
	say(`video encoder the engine uses: ${report.encoder}`);

	const ort = require('onnxruntime-node');
	report.onnxruntime = require('onnxruntime-node/package.json').version;
	const { executionProvider } = require(path.join(DIST, 'engine', 'style', 'session'));
	const { buildGradeGraph } = require(path.join(DIST, 'engine', 'style', 'graph'));
	const { STYLE_PARAMS } = require(path.join(DIST, 'engine', 'style', 'styles'));
	report.styleProvider = await executionProvider(buildGradeGraph(STYLE_PARAMS.cinematic), true);
	say(`onnxruntime-node ${report.onnxruntime}: style graphs run on ${report.styleProvider}`);
	void ort;

	const { ocrSessions } = require(
		path.join(DIST, 'trust', 'moderation', 'media', 'ocr', 'sessions'),
	);
	report.ocrProvider = (await ocrSessions()).executionProvider;
	say(`OCR models run on ${report.ocrProvider}`);

	const { nsfwBackend } = require(
		path.join(DIST, 'trust', 'moderation', 'media', 'nsfwClassifier'),
	);
	report.nsfwBackend = await nsfwBackend();
	say(`NSFW model (ONNX) runs on ${report.nsfwBackend}`);

	if (report.gpu || process.argv.includes('--bench')) {
		say('the reference whole job (bench/run.js --only=job --rounds=1):');
		const bench = spawnSync(
			process.execPath,
			[path.join(ROOT, 'bench', 'run.js'), '--only=job', '--rounds=1'],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
				encoding: 'utf8',
				env: { ...process.env, REELFORGE_STYLE_GPU: '1' },
			},
		);
		process.stdout.write(bench.stdout ?? '');
		report.bench = { exitCode: bench.status, output: bench.stdout };
	} else say('no GPU: the benchmark is not run (pass --bench to run it on the CPU)');

	const outDir = process.env.OUT || path.join(ROOT, 'bench', 'out');
	fs.mkdirSync(outDir, { recursive: true });
	fs.writeFileSync(path.join(outDir, 'gpu-check.json'), JSON.stringify(report, null, 2));
	say(`written ${path.join(outDir, 'gpu-check.json')}`);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(`gpu-check: failed: ${error.stack ?? error}`);
		process.exit(1);
	},
);

#!/usr/bin/env node
/**
 * Trust & safety timings (plain node on the built renderer/dist): text rules per prompt, C2PA sign
 * and verify of a 10 s 1080p file, NSFW model load and per frame, OCR per frame, Haar face
 * detection per frame, frame sampling of a 10 s video. Run: npm run build -w @reelforge/renderer && node bench/trust.js
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { lavfiFrame } = require('../renderer/test/trust/support/lavfiFrame');

const DIST = path.resolve(__dirname, '..', 'renderer', 'dist');
const load = (p) => require(path.join(DIST, p));
const ms = (start) => Math.round((performance.now() - start) * 10) / 10;
const ffmpeg = (args) =>
	execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-trust-'));
	const results = {};

	const { TextRules } = load('trust/moderation/textRules');
	const rules = new TextRules();
	const prompts = Array.from(
		{ length: 1000 },
		(_, i) =>
			`Shot ${i}: two friends walk through a rainy neon city at night, one waves, a dog barks, Maya says "see you tomorrow" and the camera dollies in slowly`,
	);
	rules.analyse(prompts[0]);
	let start = performance.now();
	for (const p of prompts) rules.analyse(p);
	results.textRulesPerPromptMs =
		Math.round(((performance.now() - start) / prompts.length) * 1000) / 1000;

	const video = path.join(dir, 'in.mp4');
	ffmpeg([
		'-f',
		'lavfi',
		'-i',
		'testsrc2=size=1920x1080:rate=30:duration=10',
		'-f',
		'lavfi',
		'-i',
		'sine=duration=10',
		'-c:v',
		'libx264',
		'-preset',
		'ultrafast',
		'-b:v',
		'8M',
		'-pix_fmt',
		'yuv420p',
		'-c:a',
		'aac',
		'-shortest',
		video,
	]);
	const { createProvenanceSigner } = load('trust/provenance/signer');
	const { validateRenderSpec } = load('spec/validate');
	const signer = createProvenanceSigner({ dataDir: path.join(dir, 'data') });
	start = performance.now();
	await signer.material();
	results.devChainFirstStartMs = ms(start);
	const spec = validateRenderSpec({ prompt: 'bench', seed: 1 });
	await signer.sign({
		inputPath: video,
		outputPath: path.join(dir, 'warm.mp4'),
		renderId: 'rnd_warm',
		spec,
		ingredients: [],
	});
	start = performance.now();
	await signer.sign({
		inputPath: video,
		outputPath: path.join(dir, 'signed.mp4'),
		renderId: 'rnd_bench',
		spec,
		ingredients: [],
	});
	results.c2paSignAndVerify10s1080pMs = ms(start);
	results.c2paFileMB = Math.round(fs.statSync(video).size / 1e5) / 10;
	start = performance.now();
	await signer.read(path.join(dir, 'signed.mp4'));
	results.c2paVerify10s1080pMs = ms(start);
	await signer.close();

	const { sampleFrames } = load('trust/moderation/media/frameSampler');
	start = performance.now();
	let frames = 0;
	for await (const _ of sampleFrames(video, new AbortController().signal, {})) frames++;
	results.sampleFrames10s1080p = { ms: ms(start), frames };

	const { classifyNsfw, nsfwBackend } = load('trust/moderation/media/nsfwClassifier');
	start = performance.now();
	results.nsfwBackend = await nsfwBackend();
	results.nsfwModelLoadMs = ms(start);
	const frame960 = await lavfiFrame('testsrc2=size=960x540', 960, 540);
	await classifyNsfw(frame960);
	start = performance.now();
	for (let i = 0; i < 5; i++) await classifyNsfw(frame960);
	results.nsfwPerFrame960Ms = Math.round(ms(start) / 5);

	const { readText } = load('trust/moderation/media/ocr/ocr');
	const textFrame = await lavfiFrame(
		"testsrc2=size=960x540,drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='FREE PIZZA FRIDAY':fontcolor=white:fontsize=48:x=100:y=240:box=1:boxcolor=black",
		960,
		540,
	);
	start = performance.now();
	await readText(textFrame);
	results.ocrFirstFrameIncludingLoadMs = ms(start);
	start = performance.now();
	for (let i = 0; i < 3; i++) await readText(textFrame);
	results.ocrPerFrame960Ms = Math.round(ms(start) / 3);

	const { detectFaces, loadCascade } = load('trust/cameo/haarCascade');
	const cascade = await loadCascade();
	const grayFrame = {
		width: 360,
		height: 360,
		data: new Uint8Array(
			execFileSync('ffmpeg', [
				'-loglevel',
				'error',
				'-f',
				'lavfi',
				'-i',
				'testsrc2=size=360x360',
				'-frames:v',
				'1',
				'-f',
				'rawvideo',
				'-pix_fmt',
				'gray',
				'pipe:1',
			]),
		),
	};
	start = performance.now();
	detectFaces(cascade, grayFrame);
	results.haarPerFrame360Ms = ms(start);

	fs.rmSync(dir, { recursive: true, force: true });
	results.machine = `${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}`;
	console.log(JSON.stringify(results, null, 2));
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);

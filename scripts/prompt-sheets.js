#!/usr/bin/env node
/**
 * Contact sheets of the prompt set (renderer/examples/prompts/*.json): every prompt is rendered
 * small through the real local engine, a few frames of it (the middle of each shot) are tiled
 * into one PNG, and its coverage report (what the prompt names → drawn, approximated, not drawn)
 * is written beside it, so anyone can look at what the engine makes of a prompt.
 *
 *   npm run prompts:sheets                         # every prompt, 180×320 draft at 12 fps
 *   npm run prompts:sheets -- --only=puppy,gymnast # prompts whose file name contains a word
 *   npm run prompts:sheets -- --size=360x640 --fps=15 --max-seconds=10 --out=/tmp/sheets
 *
 * Output (an ignored folder, .reelforge/prompt-sheets by default): <name>.png, <name>.mp4,
 * summary.md and summary.json (score and missing terms of every prompt).
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const PROMPTS = path.join(ROOT, 'renderer', 'examples', 'prompts');

const args = process.argv.slice(2);
const option = (name, fallback) =>
	args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

const [width, height] = option('size', '180x320').split('x').map(Number);
const fps = Number(option('fps', '12'));
const maxSeconds = Number(option('max-seconds', '0')) || Infinity;
const maxFrames = Number(option('frames', '8'));
const only = option('only', '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);
const outDir = path.resolve(option('out', path.join(ROOT, '.reelforge', 'prompt-sheets')));

/** Runs ffmpeg once (kept in this one function so it moves to the project's ffmpeg door in one edit). */
function ffmpeg(ffArgs) {
	return new Promise((resolve, reject) => {
		const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...ffArgs], {
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr.trim()}`)),
		);
	});
}

/**
 * The frames to show: spread evenly inside each shot, as many per shot as `maxFrames` allows (a
 * feat such as a backflip lasts about a second, so one middle frame of a few seconds can miss it),
 * at least the middle of each shot (evenly thinned to `maxFrames` when there are more shots).
 */
function framesToShow(storyboard) {
	const shots = storyboard.shots.filter((s) => s.frameCount > 0);
	const perShot = Math.max(1, Math.min(4, Math.floor(maxFrames / Math.max(1, shots.length))));
	let frames = shots.flatMap((s) =>
		Array.from(
			{ length: perShot },
			(_, k) => s.startFrame + Math.floor((s.frameCount * (k + 0.5)) / perShot),
		),
	);
	if (frames.length > maxFrames)
		frames = Array.from(
			{ length: maxFrames },
			(_, i) => frames[Math.round((i * (frames.length - 1)) / (maxFrames - 1))],
		);
	return [...new Set(frames)];
}

async function contactSheet(videoPath, frames, pngPath) {
	const select = frames.map((f) => `eq(n\\,${f})`).join('+');
	const columns = Math.min(frames.length, 4);
	const rows = Math.ceil(frames.length / columns);
	await ffmpeg([
		'-i',
		videoPath,
		'-vf',
		`select='${select}',tile=${columns}x${rows}:padding=4:margin=4:color=white`,
		'-fps_mode',
		'passthrough',
		'-frames:v',
		'1',
		pngPath,
	]);
}

function loadCoverage() {
	try {
		return require(path.join(DIST, 'engine', 'coverage'));
	} catch {
		return undefined; // an older build without the coverage module
	}
}

async function main() {
	const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));
	const { runLocalEngine } = require(path.join(DIST, 'engine'));
	const coverageModule = loadCoverage();
	const files = fs
		.readdirSync(PROMPTS)
		.filter((f) => f.endsWith('.json'))
		.filter((f) => !only.length || only.some((word) => f.includes(word)))
		.sort();
	if (!files.length) throw new Error(`no prompt in ${PROMPTS} matches ${only.join(', ')}`);
	fs.mkdirSync(outDir, { recursive: true });
	const cacheDir = path.join(outDir, 'cache');
	const summary = [];

	for (const file of files) {
		const name = file.replace(/\.json$/, '');
		const input = JSON.parse(fs.readFileSync(path.join(PROMPTS, file), 'utf8'));
		if (input.durationSeconds > maxSeconds) input.durationSeconds = maxSeconds;
		input.output = { width, height, fps, quality: 'draft' };
		const spec = validateRenderSpec(input);
		const workDir = fs.mkdtempSync(path.join(outDir, `.${name}-`));
		const started = Date.now();
		process.stdout.write(`${name} … `);
		try {
			const result = await runLocalEngine(spec, {
				workDir,
				signal: new AbortController().signal,
				progress: () => {},
				log: () => {},
				cacheDir,
				modelsDir: path.join(ROOT, '.reelforge', 'models'),
				cameos: new Map(),
			});
			const videoPath = path.join(outDir, `${name}.mp4`);
			fs.copyFileSync(result.videoPath, videoPath);
			const pngPath = path.join(outDir, `${name}.png`);
			await contactSheet(result.videoPath, framesToShow(result.storyboard), pngPath);
			const coverage = coverageModule?.coverageOf(spec, result.storyboard);
			const entry = {
				name,
				prompt: spec.prompt,
				seconds: spec.durationSeconds,
				shots: result.storyboard.shots.length,
				renderSeconds: Math.round((Date.now() - started) / 100) / 10,
				score: coverage ? coverage.score : null,
				missing: coverage
					? coverage.terms.filter((t) => t.status === 'not drawn').map((t) => t.term)
					: [],
				approximated: coverage
					? coverage.terms
							.filter((t) => t.status === 'approximated')
							.map((t) => `${t.term} → ${t.as}`)
					: [],
				warnings: result.warnings.length,
				sheet: path.relative(outDir, pngPath),
			};
			summary.push(entry);
			process.stdout.write(
				`coverage ${entry.score ?? 'n/a'}${entry.missing.length ? ` (not drawn: ${entry.missing.join(', ')})` : ''} · ${entry.renderSeconds} s\n`,
			);
		} catch (error) {
			summary.push({ name, prompt: spec.prompt, error: String(error?.message ?? error) });
			process.stdout.write(`failed: ${error?.message ?? error}\n`);
		} finally {
			fs.rmSync(workDir, { recursive: true, force: true });
		}
	}

	fs.writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, '\t')}\n`);
	const rows = summary.map((e) =>
		e.error
			? `| ${e.name} | — | failed: ${e.error} | |`
			: `| [${e.name}](${e.sheet}) | ${e.score ?? 'n/a'} | ${e.missing.join(', ')} | ${e.approximated.join(', ')} |`,
	);
	fs.writeFileSync(
		path.join(outDir, 'summary.md'),
		[
			`# Prompt set contact sheets (${width}×${height} draft, ${fps} fps)`,
			'',
			'| prompt | coverage | not drawn | approximated |',
			'|---|---|---|---|',
			...rows,
			'',
		].join('\n'),
	);
	process.stdout.write(`\n${summary.length} prompts → ${outDir}\n`);
	if (summary.some((e) => e.error)) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`${error?.stack ?? error}\n`);
	process.exit(1);
});

#!/usr/bin/env node
/**
 * Reelforge local-engine benchmarks (plain node on the built renderer/dist).
 *
 *   npm run bench            # full run: whole jobs, reference (standard + draft), scaling 8/30/60/120 s, 4K 16 s
 *   npm run bench -- --quick # a few minutes: whole jobs (one round), reference at draft, scaling 4/8/16 s, 4K 4 s
 *
 * Whole jobs: `reelforge render` as a user runs it (a fresh process, moderation and C2PA signing
 * included, from start to the file written) against a bare ffmpeg encode of the same frame count,
 * and the engine alone, interleaved round by round, for the reference storyboard and for a
 * prompt-only spec (bench/prompt-spec.json); the draft reference as a fraction of real time.
 *
 * Every case runs in its own child process so that its peak memory (node + ffmpeg, sampled from
 * /proc every 50 ms) is its own. Ratios compare figures taken in the same run on the same machine.
 * Options: --quick, --only=job|reference|scaling|4k, --rounds=N (whole jobs, default 2), --scaling-size=WxH (default 1080x1920),
 * --scaling-quality=draft|standard|high (default standard), --4k-quality=... (default standard),
 * --json=<file> (write the results as JSON).
 */
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const EXAMPLE = path.join(ROOT, 'renderer', 'examples', 'storyboard.json');
const PROMPT_SPEC = path.join(__dirname, 'prompt-spec.json');
const CLI = path.join(DIST, 'cli', 'index.js');
const OUT = path.join(__dirname, 'out');

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

// ---- a case, run inside a child process ----------------------------------------------------

/**
 * The reference storyboard, stretched to `seconds` by repeating its shots (new ids, same story).
 * `uniform` (scaling runs): 2 s shots alternating the rainy street and the gym exchange, so every
 * length has the same mix of content and only the length differs.
 */
function specFor({ seconds, width, height, quality, uniform, specPath }) {
	const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));
	if (specPath) {
		const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
		return validateRenderSpec({ ...spec, output: { ...spec.output, quality } });
	}
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	const source = uniform
		? [example.shots[0], example.shots[3]].map((s) => ({
				...s,
				duration: 2,
				dialogue: s.dialogue.slice(0, 1).map((d) => ({ ...d, at: 0.2 })),
			}))
		: example.shots;
	const shots = [];
	let total = 0;
	for (let i = 0; total < seconds - 1e-9; i++) {
		const shot = structuredClone(source[i % source.length]);
		shot.id = `${shot.id}-${i}`;
		shot.duration = Math.min(shot.duration, Math.round((seconds - total) * 1000) / 1000);
		shot.dialogue = (shot.dialogue ?? []).filter((d) => (d.at ?? 0) < shot.duration - 0.5);
		shot.sfx = (shot.sfx ?? []).filter((c) => c.at < shot.duration);
		shots.push(shot);
		total += shot.duration;
	}
	return validateRenderSpec({
		...example,
		shots,
		output: { ...example.output, width, height, quality },
	});
}

async function runCase(name, params) {
	const { runLocalEngine } = require(path.join(DIST, 'engine'));
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `rf-bench-${name}-`));
	const cacheDir = params.cacheDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-cache-'));
	const spec = specFor(params);
	const stageStart = new Map();
	const stageMs = {};
	let current;
	const started = performance.now();
	const result = await runLocalEngine(spec, {
		workDir,
		signal: new AbortController().signal,
		progress: (stage) => {
			if (stage === current) return;
			const now = performance.now();
			if (current) stageMs[current] = Math.round(now - stageStart.get(current));
			current = stage;
			stageStart.set(stage, now);
		},
		log: () => undefined,
		cacheDir,
		modelsDir: path.join(ROOT, 'models'),
		cameos: new Map(),
	});
	const wallMs = performance.now() - started;
	const frames = result.details.frames;
	if (params.keep) fs.copyFileSync(result.videoPath, path.join(OUT, `${name}.mp4`));
	fs.rmSync(workDir, { recursive: true, force: true });
	if (!params.cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
	return {
		name,
		wallMs: Math.round(wallMs),
		frames,
		seconds: frames / spec.output.fps,
		engineStagesMs: result.details.timingsMs,
		encodeMs: result.details.encodeMs,
		encoder: result.details.encoder,
	};
}

/** Decodes a video into raw frames held in memory (not timed): `pixFmt` rgba or yuv420p. */
function decodeFrames(videoPath, width, height, pixFmt) {
	const frameBytes = pixFmt === 'rgba' ? width * height * 4 : (width * height * 3) / 2;
	const raw = execFileSync(
		'ffmpeg',
		['-v', 'error', '-i', videoPath, '-f', 'rawvideo', '-pix_fmt', pixFmt, '-'],
		{ maxBuffer: 8 * 2 ** 30 },
	);
	const frames = [];
	for (let at = 0; at + frameBytes <= raw.length; at += frameBytes)
		frames.push(raw.subarray(at, at + frameBytes));
	return frames;
}

/**
 * What the encode costs with no drawing at all: the reference render's own frames, decoded into
 * memory beforehand, replayed (1) through the engine's encoder exactly as the renderer feeds it
 * (RGBA on a pipe, colour conversion, x264, the audio step and the mux) and (2) as yuv420p straight
 * into x264 with the same settings. No renderer can be faster than (1) on this machine.
 */
async function encodeFloor({ videoPath, width, height, fps, quality }) {
	const { encodeVideo, encodeArgs } = require(path.join(DIST, 'engine', 'encode'));
	const out = path.join(os.tmpdir(), `rf-bench-floor-${process.pid}.mp4`);
	let frames = decodeFrames(videoPath, width, height, 'rgba');
	const totalFrames = frames.length;
	let started = performance.now();
	await encodeVideo({
		frames: { width, height, framesAreFresh: true, drawFrame: (i) => frames[i] },
		totalFrames,
		fps,
		quality,
		outPath: out,
		encoder: 'libx264',
	});
	const replayMs = Math.round(performance.now() - started);
	frames = decodeFrames(videoPath, width, height, 'yuv420p');
	const args = encodeArgs({
		width,
		height,
		fps,
		totalFrames,
		quality,
		outPath: out,
		encoder: 'libx264',
	}).map((a) => (a === 'rgba' ? 'yuv420p' : a));
	started = performance.now();
	await new Promise((resolve, reject) => {
		const child = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'inherit'] });
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`x264 replay failed (${code})`)),
		);
		let i = 0;
		const pump = () => {
			while (i < frames.length)
				if (!child.stdin.write(frames[i++])) return child.stdin.once('drain', pump);
			child.stdin.end();
		};
		pump();
	});
	const x264OnlyMs = Math.round(performance.now() - started);
	fs.rmSync(out, { force: true });
	return { frames: totalFrames, replayMs, x264OnlyMs };
}

// ---- the parent: runs cases, samples memory, compares -----------------------------------------

/** Resident memory of a process and all its descendants, in bytes. */
function treeRss(rootPid) {
	const children = new Map();
	const rss = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
			const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
			const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
			rss.set(Number(entry), kb * 1024);
			if (!children.has(ppid)) children.set(ppid, []);
			children.get(ppid).push(Number(entry));
		} catch {
			// The process ended while we looked.
		}
	}
	let total = 0;
	const stack = [rootPid];
	while (stack.length) {
		const pid = stack.pop();
		total += rss.get(pid) ?? 0;
		stack.push(...(children.get(pid) ?? []));
	}
	return total;
}

/** One case in a fresh child process: the first render of a process, start-up included. */
async function inChild(name, params) {
	const [result] = await inProcess(undefined, [{ name, params }]);
	return result;
}

/** The same number of frames, size, rate, encoder and preset, from ffmpeg's own test source. */
function bareEncode({ seconds, width, height, fps, quality, encoder }) {
	const { encoderSettings } = require(path.join(DIST, 'engine', 'encode', 'encoderChoice'));
	const frames = Math.round(seconds * fps);
	const out = path.join(OUT, `bare-${width}x${height}-${quality}.mp4`);
	const ffArgs = [
		'-hide_banner',
		'-loglevel',
		'error',
		'-y',
		'-f',
		'lavfi',
		'-i',
		`testsrc2=size=${width}x${height}:rate=${fps}`,
		'-f',
		'lavfi',
		'-i',
		'sine=frequency=440:sample_rate=48000',
		'-map',
		'0:v',
		'-map',
		'1:a',
		'-vf',
		'format=yuv420p',
		...encoderSettings(encoder, quality, fps).videoOptions,
		'-pix_fmt',
		'yuv420p',
		'-frames:v',
		String(frames),
		'-t',
		String(seconds),
		'-c:a',
		'aac',
		'-b:a',
		'160k',
		'-ar',
		'48000',
		'-ac',
		'2',
		'-movflags',
		'+faststart',
		out,
	];
	const started = performance.now();
	execFileSync('ffmpeg', ffArgs);
	return Math.round(performance.now() - started);
}

/**
 * Runs cases one after another in one child process, after a warm-up render when `warmUp` is
 * given (a warm worker, as the service runs one). The peak memory of each case is the peak of the
 * process tree between its start and its result; the 1-minute load average around it says how much
 * other work there was.
 */
function inProcess(warmUp, cases) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[__filename, '--cases', JSON.stringify({ warmUp, cases })],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let peak = 0;
		let loadBefore = os.loadavg()[0];
		const results = [];
		const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 50);
		let pending = '';
		child.stdout.on('data', (d) => {
			pending += d;
			let newline;
			while ((newline = pending.indexOf('\n')) >= 0) {
				const line = pending.slice(0, newline).trim();
				pending = pending.slice(newline + 1);
				if (!line.startsWith('{')) continue;
				const message = JSON.parse(line);
				if (message.event === 'start') {
					peak = 0;
					loadBefore = os.loadavg()[0];
				} else
					results.push({
						...message,
						peakRssMb: Math.round(peak / 1024 / 1024),
						loadAverage: [+loadBefore.toFixed(1), +os.loadavg()[0].toFixed(1)],
					});
			}
		});
		child.on('exit', (code) => {
			clearInterval(timer);
			if (code !== 0)
				return reject(new Error(`cases ${cases.map((c) => c.name).join(', ')} failed (${code})`));
			resolve(results);
		});
	});
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
/**
 * CPU time (user + system) of this process's finished children and all they waited for, from
 * /proc (cutime + cstime): a run's CPU is the difference around it. On a shared machine wall times
 * follow the load; CPU time much less, so the bench prints both.
 */
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();
function childrenCpuMs() {
	try {
		const stat = fs.readFileSync('/proc/self/stat', 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// Fields 16 and 17 of stat(5) (cutime, cstime); `fields` starts at field 3.
		return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
	} catch {
		return NaN;
	}
}
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * One `reelforge render` as a user runs it: a fresh process, moderation and C2PA signing included,
 * timed from its start to its exit (the file written). `dataDir` is kept between renders (the
 * development signing chain is made once, as on a user's machine); each render gets an empty cache,
 * so speech and physics are synthesised as for a storyboard rendered for the first time.
 */
function cliRender(specPath, { quality, dataDir, out }) {
	const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-job-cache-'));
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(
			process.execPath,
			[CLI, 'render', specPath, '-o', out, '--json', ...(quality ? ['--quality', quality] : [])],
			{
				env: {
					...process.env,
					REELFORGE_DATA_DIR: dataDir,
					REELFORGE_CACHE_DIR: cacheDir,
					OPENAI_API_KEY: '',
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
		child.on('error', reject);
		child.on('exit', (code) => {
			const wallMs = Math.round(performance.now() - started);
			fs.rmSync(cacheDir, { recursive: true, force: true });
			const answer = stdout
				.trim()
				.split('\n')
				.reverse()
				.map((line) => {
					try {
						return JSON.parse(line);
					} catch {
						return undefined;
					}
				})
				.find((m) => m && m.file);
			if (code !== 0 || !answer)
				return reject(new Error(`reelforge render failed (${code}): ${stderr.slice(-1000)}`));
			const stages = Object.fromEntries(answer.timings.map((t) => [t.stage, t.ms]));
			const staged = Object.values(stages).reduce((a, b) => a + b, 0);
			resolve({
				wallMs,
				stages: { 'start-up and hand-over': Math.max(0, wallMs - staged), ...stages },
				moderation: answer.moderation?.status,
			});
		});
	});
}

/**
 * Whole jobs against the bare encode of the same frame count, and the engine alone, interleaved
 * round by round (bare, job, engine) so that a change in the machine's load hits all three alike;
 * medians of the rounds.
 */
async function wholeJob(label, specPath, { quality, rounds, dataDir, engine }) {
	const ref = { width: 1080, height: 1920, fps: 30, seconds: 16 };
	const out = path.join(OUT, `job-${label}-${quality}.mp4`);
	const runs = { bare: [], job: [], engine: [], stages: [], load: [] };
	const cpu = { bare: [], job: [], engine: [] };
	const timed = async (kind, run) => {
		const before = childrenCpuMs();
		const result = await run();
		cpu[kind].push(Math.round(childrenCpuMs() - before));
		return result;
	};
	let encoder = 'libx264';
	for (let round = 0; round < rounds; round++) {
		const loadBefore = os.loadavg()[0];
		runs.bare.push(await timed('bare', () => bareEncode({ ...ref, quality, encoder })));
		const job = await timed('job', () => cliRender(specPath, { quality, dataDir, out }));
		runs.job.push(job.wallMs);
		runs.stages.push(job.stages);
		if (engine) {
			const alone = await timed('engine', () =>
				inChild(`engine-${label}-${quality}`, { ...ref, quality, specPath }),
			);
			encoder = alone.encoder;
			runs.engine.push(alone.wallMs);
		}
		runs.load.push([+loadBefore.toFixed(1), +os.loadavg()[0].toFixed(1)]);
	}
	const bareMs = median(runs.bare);
	const jobMs = median(runs.job);
	const stageNames = Object.keys(runs.stages[0]);
	const stages = Object.fromEntries(
		stageNames.map((k) => [k, Math.round(median(runs.stages.map((s) => s[k] ?? 0)))]),
	);
	return {
		label,
		quality,
		rounds,
		encoder,
		bareEncodeMs: bareMs,
		jobMs,
		jobRatio: +(jobMs / bareMs).toFixed(2),
		jobRealTime: +(jobMs / 1000 / ref.seconds).toFixed(2),
		engineMs: engine ? median(runs.engine) : undefined,
		engineRatio: engine ? +(median(runs.engine) / bareMs).toFixed(2) : undefined,
		stagesMs: stages,
		cpuMs: {
			bare: median(cpu.bare),
			job: median(cpu.job),
			...(engine ? { engine: median(cpu.engine) } : {}),
		},
		runs: { ...runs, cpu },
	};
}

function printJob(r) {
	console.log(
		`\nwhole job, ${r.label} 16 s 1080x1920 30 fps, ${r.quality} (${r.encoder}), median of ${r.rounds} interleaved round(s), load ${r.runs.load.map((l) => l.join('→')).join(', ')}:`,
	);
	console.log(
		`  bare ffmpeg encode ${fmt(r.bareEncodeMs)} | reelforge render ${fmt(r.jobMs)} = ${r.jobRatio.toFixed(2)}× the bare encode, ${r.jobRealTime.toFixed(2)}× real time${r.engineMs ? ` | engine alone ${fmt(r.engineMs)} = ${r.engineRatio.toFixed(2)}×` : ''}`,
	);
	console.log(
		`  stages: ${Object.entries(r.stagesMs)
			.map(([k, v]) => `${k} ${fmt(v)}`)
			.join(', ')}`,
	);
	const cpu = r.cpuMs;
	console.log(
		`  CPU time (user + system, all processes): bare ${fmt(cpu.bare)} | job ${fmt(cpu.job)} = ${(cpu.job / cpu.bare).toFixed(2)}×${cpu.engine !== undefined ? ` | engine alone ${fmt(cpu.engine)} = ${(cpu.engine / cpu.bare).toFixed(2)}×` : ''} (x264 keeps every core busy in the bare encode: on an idle machine the whole job cannot take much less than ${(cpu.job / cpu.bare).toFixed(2)}× its wall)`,
	);
	console.log(
		`  rounds: bare ${r.runs.bare.map(fmt).join(' / ')}; job ${r.runs.job.map(fmt).join(' / ')}${r.engineMs ? `; engine ${r.runs.engine.map(fmt).join(' / ')}` : ''}`,
	);
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const quick = flag('quick');
	const only = option('only');
	const results = {
		machine: {
			cpus: os.cpus().length,
			cpu: os.cpus()[0]?.model,
			memGb: Math.round(os.totalmem() / 2 ** 30),
			node: process.version,
		},
		quick,
		cases: {},
	};
	const ref = { width: 1080, height: 1920, fps: 30, seconds: 16 };
	console.log(
		`Reelforge benchmarks${quick ? ' (--quick)' : ''} on ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memGb} GB`,
	);

	if (!only || only === 'job') {
		const rounds = Number(option('rounds') ?? (quick ? 1 : 2));
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-job-data-'));
		// Once, untimed: the data directory's signing chain and store, as a user's second render finds them.
		await cliRender(PROMPT_SPEC, {
			quality: 'draft',
			dataDir,
			out: path.join(OUT, 'job-warm-up.mp4'),
		});
		const jobs = [];
		for (const [label, specPath] of [
			['reference storyboard', EXAMPLE],
			['prompt-only spec', PROMPT_SPEC],
		]) {
			const r = await wholeJob(label, specPath, {
				quality: 'standard',
				rounds,
				dataDir,
				engine: true,
			});
			printJob(r);
			if (specPath === EXAMPLE)
				console.log(
					`  target ≤ 2.0× the bare encode: ${r.jobRatio <= 2 ? 'met' : 'MISSED'}; goal ≤ 1.5×: ${r.jobRatio <= 1.5 ? 'met' : 'not yet'}`,
				);
			jobs.push(r);
		}
		const draft = await wholeJob('reference storyboard', EXAMPLE, {
			quality: 'draft',
			rounds,
			dataDir,
			engine: false,
		});
		printJob(draft);
		console.log(
			`  target ≤ 0.6× real time, whole job: ${draft.jobRealTime <= 0.6 ? 'met' : 'MISSED'}`,
		);
		jobs.push(draft);
		results.cases.wholeJobs = jobs;
		fs.rmSync(dataDir, { recursive: true, force: true });
	}

	if (!only || only === 'reference') {
		for (const quality of quick ? ['draft'] : ['standard', 'draft']) {
			const render = await inChild(`reference-${quality}`, { ...ref, quality, keep: true });
			const bareMs = bareEncode({ ...ref, quality, encoder: render.encoder });
			const ratio = render.wallMs / bareMs;
			const realTime = render.wallMs / 1000 / render.seconds;
			results.cases[`reference-${quality}`] = {
				...render,
				bareEncodeMs: bareMs,
				ratioToBare: +ratio.toFixed(2),
				realTimeFactor: +realTime.toFixed(2),
			};
			console.log(
				`\nreference 16 s 1080x1920 30 fps, ${quality} (${render.encoder}): render ${fmt(render.wallMs)}, bare ffmpeg encode ${fmt(bareMs)}, ratio ${ratio.toFixed(2)}×, ${realTime.toFixed(2)}× real time, peak RSS ${render.peakRssMb} MB, load ${render.loadAverage.join('→')}`,
			);
			console.log(
				`  stages: ${Object.entries(render.engineStagesMs)
					.map(([k, v]) => `${k} ${fmt(v)}`)
					.join(', ')}`,
			);
			if (render.encodeMs)
				console.log(
					`  inside encode: drawing frames ${fmt(render.encodeMs.draw)}, waiting for ffmpeg ${fmt(render.encodeMs.waitForEncoder)}, finishing ${fmt(render.encodeMs.finish)}, mux and stills ${fmt(render.encodeMs.mux ?? 0)}`,
				);
			if (quality === 'standard') {
				console.log(`  target ≤ 1.1× bare encode: ${ratio <= 1.1 ? 'met' : 'MISSED'}`);
				const floor = JSON.parse(
					execFileSync(
						process.execPath,
						[
							__filename,
							'--floor',
							JSON.stringify({
								videoPath: path.join(OUT, `reference-${quality}.mp4`),
								...ref,
								quality,
							}),
						],
						{ maxBuffer: 1 << 20 },
					)
						.toString()
						.trim()
						.split('\n')
						.pop(),
				);
				const bareAgainMs = bareEncode({ ...ref, quality, encoder: render.encoder });
				results.cases[`reference-${quality}`].floor = {
					...floor,
					bareEncodeMs: bareAgainMs,
					replayRatio: +(floor.replayMs / bareAgainMs).toFixed(2),
					x264OnlyRatio: +(floor.x264OnlyMs / bareAgainMs).toFixed(2),
				};
				console.log(
					`  floor (no drawing: the render's own frames replayed from memory; bare encode again ${fmt(bareAgainMs)}): through the engine's encoder ${fmt(floor.replayMs)} = ${(floor.replayMs / bareAgainMs).toFixed(2)}×, as yuv420p straight into x264 ${fmt(floor.x264OnlyMs)} = ${(floor.x264OnlyMs / bareAgainMs).toFixed(2)}×`,
				);
			}
			if (quality === 'draft')
				console.log(`  target ≤ 0.6× real time: ${realTime <= 0.6 ? 'met' : 'MISSED'}`);
		}
	}

	if (!only || only === 'scaling') {
		const lengths = quick ? [4, 8, 16] : [8, 30, 60, 120];
		// The reference's format by default (1080×1920, standard): the product's main case. Smaller or
		// draft renders cost less per second, so the fixed cost of a render weighs more on short ones.
		const quality = option('scaling-quality') ?? 'standard';
		const [width, height] = (option('scaling-size') ?? '1080x1920').split('x').map(Number);
		const params = (seconds) => ({ ...ref, width, height, seconds, quality, uniform: true });
		// Each length is rendered by one warm worker process, as the service's worker renders job
		// after job; what a fresh process adds once (loading, compiling) is measured apart below.
		const warm = await inProcess(
			params(2),
			lengths.map((seconds) => ({ name: `scaling-${seconds}`, params: params(seconds) })),
		);
		const rows = [];
		for (const r of warm) {
			const encodePerSecondMs = Math.round(r.engineStagesMs.encode / r.seconds);
			rows.push({
				seconds: r.seconds,
				wallMs: r.wallMs,
				perSecondMs: Math.round(r.wallMs / r.seconds),
				encodePerSecondMs,
				peakRssMb: r.peakRssMb,
				loadAverage: r.loadAverage,
				stages: r.engineStagesMs,
			});
			console.log(
				`scaling ${r.seconds} s ${width}x${height} (${quality}): ${fmt(r.wallMs)} = ${(r.wallMs / r.seconds / 1000).toFixed(3)} s per output second (frames+encode alone ${(encodePerSecondMs / 1000).toFixed(3)} s), peak RSS ${r.peakRssMb} MB, load ${r.loadAverage.join('→')}`,
			);
		}
		const deviation = (values) => {
			const mean = values.reduce((a, b) => a + b, 0) / values.length;
			return Math.max(...values.map((p) => Math.abs(p - mean) / mean));
		};
		const spread = deviation(rows.map((r) => r.perSecondMs));
		const encodeSpread = deviation(rows.map((r) => r.encodePerSecondMs));
		const cold = await inChild(`scaling-${lengths[0]}-cold`, params(lengths[0]));
		const startUpMs = cold.wallMs - rows[0].wallMs;
		results.cases.scaling = {
			quality,
			size: `${width}x${height}`,
			rows,
			maxDeviationFromMean: +spread.toFixed(3),
			encodeMaxDeviationFromMean: +encodeSpread.toFixed(3),
			coldFirstRender: { seconds: lengths[0], wallMs: cold.wallMs, startUpMs },
		};
		console.log(
			`  time per output second within ±${(spread * 100).toFixed(1)} % of the mean: ${spread <= 0.15 ? 'met' : 'MISSED'} (target ±15 %); frames+encode stage alone within ±${(encodeSpread * 100).toFixed(1)} %`,
		);
		console.log(
			`  the same ${lengths[0]} s render as the first in a fresh process: ${fmt(cold.wallMs)} (one-time start-up ${fmt(startUpMs)})`,
		);
	}

	if (!only || only === '4k') {
		const seconds = quick ? 4 : 16;
		const quality = option('4k-quality') ?? 'standard';
		const r = await inChild('4k', { width: 2160, height: 3840, fps: 30, seconds, quality });
		results.cases['4k'] = r;
		console.log(
			`\n4K 2160x3840 ${seconds} s (${quality}): ${fmt(r.wallMs)}, peak RSS (node + ffmpeg) ${r.peakRssMb} MB — target < 1536 MB: ${r.peakRssMb < 1536 ? 'met' : 'MISSED'}, load ${r.loadAverage.join('→')}`,
		);
	}

	const jsonPath = option('json');
	if (jsonPath) fs.writeFileSync(jsonPath, JSON.stringify(results, null, 2));
}

if (args[0] === '--cases') {
	// Cases in turn; with a warm-up, a warm worker as the service runs one: a warm-up render first (module loading, the speech
	// engine's compile, the style's LUT happen once per process), then each case in turn.
	// Under the V8 flags a render process sets for itself (src/cli/v8Tuning.ts), as the CLI's renders do.
	require(path.join(DIST, 'cli', 'v8Tuning')).tuneV8ForRendering();
	(async () => {
		const { warmUp, cases } = JSON.parse(args[1]);
		if (warmUp) await runCase('warm-up', warmUp);
		for (const { name, params } of cases) {
			console.log(JSON.stringify({ event: 'start', name }));
			console.log(JSON.stringify(await runCase(name, params)));
		}
	})().catch((e) => {
		console.error(e);
		process.exit(1);
	});
} else if (args[0] === '--floor') {
	encodeFloor(JSON.parse(args[1])).then(
		(r) => console.log(JSON.stringify(r)),
		(e) => {
			console.error(e);
			process.exit(1);
		},
	);
} else {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}

#!/usr/bin/env node
/**
 * Per-frame costs of the local engine's pictures (plain node on the built renderer/dist):
 *
 *   npm run build -w @reelforge/renderer && node bench/frames.js [--size=1080x1920] [--frames=60] [--json=<file>]
 *
 * 1. drawFrame for each shot of the reference storyboard (renderer/examples/storyboard.json): CPU
 *    and wall milliseconds per frame, unstyled (the style is the encoder's filter chain).
 * 2. Pixel read-back: canvas.data() against getImageData on a full frame.
 * 3. Styles: the full ONNX graph on one full-size frame (onnxruntime-node, the chosen provider),
 *    and the fast path: frames drawn with the style (grade at the source) encoded by the reference
 *    encoder settings with the style's ffmpeg chain, against the bare encode of unstyled frames,
 *    so the chain's cost shows as extra ffmpeg CPU time.
 * 4. --ab=<other renderer/dist>: interleaved A/B of drawFrame on the reference storyboard against
 *    another build (e.g. main's), per shot and overall, as ratios measured in the same run. With
 *    --engine, the frames are drawn as the engine draws them: the storyboard's style (grade, vignette),
 *    yuv420p, captions (the dialogue's words timed evenly over ~0.35 s each: no speech is synthesised)
 *    and the watermark; the frames' MD5 (all of them, per build) is printed too.
 * 5. --showcase: per-frame cost of the new subjects (the issue's prompts, the beach story).
 * engine-core's bench/run.js can call `benchFrames(options)` and print or merge the figures.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'renderer', 'dist');
const EXAMPLE = path.join(ROOT, 'renderer', 'examples', 'storyboard.json');

const ms = (ns) => Number(ns) / 1e6;
const cpuMs = (u) => (u.user + u.system) / 1e3;

function referenceStoryboard(width, height) {
	const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));
	const { plan } = require(path.join(DIST, 'engine', 'plan'));
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	const spec = validateRenderSpec({ ...example, output: { ...example.output, width, height } });
	return plan(spec, { cameos: new Map() });
}

/** Encodes the given frames (cycled to `count`) with the reference settings; returns wall and ffmpeg CPU ms. */
function encode(frames, count, width, height, fps, filter) {
	const { encodeArgs } = require(path.join(DIST, 'engine', 'encode'));
	const out = path.join(os.tmpdir(), `rf-bench-frames-${process.pid}.mp4`);
	const args = encodeArgs({
		width,
		height,
		fps,
		totalFrames: count,
		quality: 'standard',
		outPath: out,
		ffmpegFilter: filter,
		encoder: 'libx264',
	});
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn('/usr/bin/time', ['-f', '%U %S', 'ffmpeg', ...args], {
			stdio: ['pipe', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('exit', (code) => {
			fs.rmSync(out, { force: true });
			if (code !== 0) return reject(new Error(`ffmpeg failed: ${stderr.slice(-400)}`));
			const [user, sys] = stderr.trim().split('\n').pop().split(' ').map(Number);
			resolve({ wallMs: ms(process.hrtime.bigint() - started), cpuMs: (user + sys) * 1000 });
		});
		let i = 0;
		const pump = () => {
			while (i < count) {
				const ok = child.stdin.write(frames[i % frames.length]);
				i++;
				if (!ok) return child.stdin.once('drain', pump);
			}
			child.stdin.end();
		};
		pump();
	});
}

async function benchFrames({ width = 1080, height = 1920, frames = 60, log = console.log } = {}) {
	const { createFrameRenderer } = require(path.join(DIST, 'engine', 'compose', 'frames'));
	const { initPhysics, simulatePhysics } = require(path.join(DIST, 'engine', 'physics'));
	const { applyStyle, executionProvider } = require(path.join(DIST, 'engine', 'style'));
	const { createCanvas } = require('@napi-rs/canvas');
	const results = { size: `${width}x${height}`, shots: [], readback: {}, styles: [] };

	await initPhysics();
	const storyboard = referenceStoryboard(width, height);
	const synthesis = { speech: { clips: [] }, physics: simulatePhysics(storyboard) };
	const renderer = await createFrameRenderer(storyboard, synthesis, { style: 'none' });
	const sample = [];
	for (const shot of storyboard.shots) {
		const n = Math.min(frames, shot.frameCount);
		const p0 = process.cpuUsage();
		renderer.drawFrame(shot.startFrame); // the shot's layers are painted on its first frame
		const prepareCpuMs = cpuMs(process.cpuUsage(p0));
		const c0 = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		for (let i = 1; i < n; i++) {
			const frame = renderer.drawFrame(shot.startFrame + i);
			if (sample.length < 30 && i % 3 === 0) sample.push(Buffer.from(frame));
			// Let the event loop turn, as the encoder's write does: @napi-rs/canvas frees a read-back
			// buffer's native memory in a finalizer that only runs then.
			await new Promise(setImmediate);
		}
		const row = {
			shot: shot.id,
			setting: shot.setting,
			camera: shot.camera.move,
			weather: shot.weather,
			physics: shot.physics?.scene ?? null,
			prepareCpuMs,
			cpuMsPerFrame: cpuMs(process.cpuUsage(c0)) / (n - 1),
			wallMsPerFrame: ms(process.hrtime.bigint() - t0) / (n - 1),
		};
		results.shots.push(row);
		log(
			`drawFrame ${row.shot.padEnd(10)} ${row.setting.padEnd(11)} ${row.camera.padEnd(10)} first frame (paints layers) cpu ${row.prepareCpuMs.toFixed(0)} ms | per frame cpu ${row.cpuMsPerFrame.toFixed(1)} ms, wall ${row.wallMsPerFrame.toFixed(1)} ms`,
		);
	}
	renderer.close();

	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');
	ctx.fillRect(0, 0, width, height);
	for (const [name, read] of [
		['canvas.data()', () => canvas.data()],
		['getImageData', () => ctx.getImageData(0, 0, width, height)],
	]) {
		read();
		let total = 0;
		for (let i = 0; i < 20; i++) {
			ctx.fillStyle = i % 2 ? '#345' : '#354';
			ctx.fillRect(0, 0, width, height);
			const c0 = process.cpuUsage();
			read();
			total += cpuMs(process.cpuUsage(c0));
			await new Promise(setImmediate);
		}
		results.readback[name] = total / 20;
		log(`read-back ${name.padEnd(14)} cpu ${results.readback[name].toFixed(1)} ms`);
	}

	results.provider = await executionProvider(new Uint8Array());
	const bare = await encode(sample, frames, width, height, storyboard.fps, undefined);
	results.bareEncode = { wallMsPerFrame: bare.wallMs / frames, cpuMsPerFrame: bare.cpuMs / frames };
	log(
		`encode bare (libx264 standard)    wall ${(bare.wallMs / frames).toFixed(1)} ms/frame  ffmpeg cpu ${(bare.cpuMs / frames).toFixed(1)} ms/frame`,
	);
	for (const style of ['cinematic', 'anime', 'documentary', 'neon', 'painted']) {
		const t0 = process.hrtime.bigint();
		await applyStyle(sample[0], width, height, style, { seed: 1 });
		const onnxMs = ms(process.hrtime.bigint() - t0);
		// The fast path: the same frames drawn with the style (grade at the source), then its chain.
		const styledStoryboard = { ...storyboard, style };
		const styledRenderer = await createFrameRenderer(styledStoryboard, synthesis);
		const styledFrames = [];
		const c0 = process.cpuUsage();
		for (let i = 0; i < sample.length; i++) {
			styledFrames.push(
				Buffer.from(styledRenderer.drawFrame(Math.min(storyboard.totalFrames - 1, i * 3 + 1))),
			);
			await new Promise(setImmediate);
		}
		const drawCpu = cpuMs(process.cpuUsage(c0)) / sample.length;
		const styled = await encode(
			styledFrames,
			frames,
			width,
			height,
			storyboard.fps,
			styledRenderer.ffmpegFilter,
		);
		// The same styled frames without the chain: x264's cost depends on the content (grain is
		// expensive to encode), so the chain's own cost is the difference between these two.
		const unfiltered = await encode(styledFrames, frames, width, height, storyboard.fps, undefined);
		styledRenderer.close();
		const row = {
			style,
			onnxFullFrameMs: onnxMs,
			styledDrawCpuMsPerFrame: drawCpu,
			encodeWallMsPerFrame: styled.wallMs / frames,
			encodeCpuMsPerFrame: styled.cpuMs / frames,
			overBareCpuMsPerFrame: (styled.cpuMs - bare.cpuMs) / frames,
			chainCpuMsPerFrame: (styled.cpuMs - unfiltered.cpuMs) / frames,
		};
		results.styles.push(row);
		log(
			`style ${style.padEnd(12)} onnx full graph on one frame ${onnxMs.toFixed(0)} ms (${results.provider}) | fast path: chain ${row.chainCpuMsPerFrame.toFixed(1)} ms ffmpeg cpu/frame, whole encode +${row.overBareCpuMsPerFrame.toFixed(1)} ms over bare unstyled`,
		);
	}
	return results;
}

/**
 * Interleaved A/B of drawFrame on the reference storyboard: the build under test (renderer/dist)
 * against another build (`other`, e.g. a copy of main's renderer/dist), shot by shot, alternating
 * which goes first each round, so a noisy shared machine slows both alike. Reports CPU ms per frame
 * of each and the ratio B/A per shot and over the whole storyboard (median of the rounds).
 */
async function benchDrawAB({
	other,
	width = 1080,
	height = 1920,
	frames = 30,
	rounds = 7,
	engine = false,
	log = console.log,
}) {
	const builds = [
		{ name: 'this', dist: DIST },
		{ name: 'other', dist: path.resolve(other) },
	].map(({ name, dist }) => {
		const { validateRenderSpec } = require(path.join(dist, 'spec', 'validate'));
		const { plan } = require(path.join(dist, 'engine', 'plan'));
		const physics = require(path.join(dist, 'engine', 'physics'));
		const { createFrameRenderer } = require(path.join(dist, 'engine', 'compose', 'frames'));
		const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		const spec = validateRenderSpec({ ...example, output: { ...example.output, width, height } });
		return { name, plan: () => plan(spec, { cameos: new Map() }), physics, createFrameRenderer };
	});
	const prepared = [];
	for (const build of builds) {
		await build.physics.initPhysics();
		const storyboard = build.plan();
		const clips = engine ? dialogueClips(storyboard) : [];
		const synthesis = { speech: { clips }, physics: build.physics.simulatePhysics(storyboard) };
		const renderer = await build.createFrameRenderer(
			storyboard,
			synthesis,
			engine ? { pixelFormat: 'yuv420p' } : { style: 'none' },
		);
		prepared.push({ ...build, storyboard, renderer });
	}
	if (engine)
		for (const p of prepared) {
			const hash = require('node:crypto').createHash('md5');
			for (let i = 0; i < p.storyboard.totalFrames; i++) {
				hash.update(p.renderer.drawFrame(i));
				await new Promise(setImmediate);
			}
			log(`A/B ${p.name} build: ${p.storyboard.totalFrames} frames, MD5 ${hash.digest('hex')}`);
		}
	const shots = prepared[0].storyboard.shots;
	const samples = prepared.map(() => shots.map(() => []));
	for (let round = 0; round < rounds; round++) {
		for (let s = 0; s < shots.length; s++) {
			const order = (round + s) % 2 === 0 ? [0, 1] : [1, 0];
			for (const b of order) {
				const { renderer, storyboard } = prepared[b];
				const shot = storyboard.shots[s];
				const n = Math.min(frames, shot.frameCount - 1);
				renderer.drawFrame(shot.startFrame); // layers painted outside the timing
				await new Promise(setImmediate);
				// The shot's preparation (layers, solved performers) is a one-off cost: its garbage is
				// collected here, outside the per-frame timing (run node with --expose-gc), for both builds.
				global.gc?.();
				const c0 = process.cpuUsage();
				for (let i = 1; i <= n; i++) {
					renderer.drawFrame(shot.startFrame + i);
					await new Promise(setImmediate);
				}
				samples[b][s].push(cpuMs(process.cpuUsage(c0)) / n);
			}
		}
	}
	const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	const rows = shots.map((shot, s) => {
		const a = median(samples[0][s]);
		const b = median(samples[1][s]);
		const ratios = samples[0][s].map((x, i) => x / samples[1][s][i]);
		return { shot: shot.id, thisMs: a, otherMs: b, ratio: median(ratios) };
	});
	for (const r of rows)
		log(
			`A/B ${r.shot.padEnd(10)} this ${r.thisMs.toFixed(1)} ms/frame, other ${r.otherMs.toFixed(1)} ms/frame, this/other ${r.ratio.toFixed(3)}`,
		);
	const weight = shots.map((s) => s.frameCount);
	const total = (k) =>
		rows.reduce((sum, r, i) => sum + r[k] * weight[i], 0) / weight.reduce((a, b) => a + b, 0);
	const overall = {
		thisMs: total('thisMs'),
		otherMs: total('otherMs'),
		ratio: median(
			Array.from(
				{ length: rounds },
				(_, k) =>
					shots.reduce((sum, _s, i) => sum + samples[0][i][k] * weight[i], 0) /
					shots.reduce((sum, _s, i) => sum + samples[1][i][k] * weight[i], 0),
			),
		),
	};
	log(
		`A/B reference (frame-weighted) this ${overall.thisMs.toFixed(1)} ms/frame, other ${overall.otherMs.toFixed(1)} ms/frame, this/other ${overall.ratio.toFixed(3)} (median of ${rounds} interleaved rounds)`,
	);
	for (const p of prepared) p.renderer.close();
	return { rows, overall };
}

/** Speech clips with the dialogue's words timed evenly (~0.35 s a word), for captions and lip-sync. */
function dialogueClips(storyboard) {
	return storyboard.shots.flatMap((shot) =>
		shot.dialogue.map((line) => {
			const start = shot.startSeconds + line.at;
			const words = line.text
				.split(/\s+/)
				.filter(Boolean)
				.map((text, i) => ({ text, start: start + i * 0.35, end: start + (i + 1) * 0.35 }));
			const end = words.length ? words[words.length - 1].end : start;
			return {
				speaker: line.character,
				text: line.text,
				start,
				end,
				sampleRate: 16000,
				samples: new Float32Array(0),
				words,
				visemes: [],
			};
		}),
	);
}

/**
 * Per-frame cost of the new showcase scenes (performers solved ahead, set-pieces drawn per frame):
 * the three prompts and the beach story's three moments, unstyled, at the given size.
 */
async function benchShowcase({ width = 1080, height = 1920, frames = 30, log = console.log } = {}) {
	const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));
	const { plan } = require(path.join(DIST, 'engine', 'plan'));
	const { initPhysics, simulatePhysics } = require(path.join(DIST, 'engine', 'physics'));
	const { createFrameRenderer } = require(path.join(DIST, 'engine', 'compose', 'frames'));
	await initPhysics();
	const cases = [
		["A gymnast's balance-beam routine.", 8],
		['A puppy running through a snowy yard.', 8],
		['A backflip on a plank floating on a lake.', 8],
		['Two friends build a sandcastle on the beach.', 6],
		['Two friends play volleyball on the beach.', 6],
		['Two friends sit and watch the sunset on the beach.', 6],
		['A surfer rides a big wave.', 6],
	];
	const rows = [];
	for (const [prompt, seconds] of cases) {
		const spec = validateRenderSpec({
			version: '1',
			prompt,
			durationSeconds: seconds,
			seed: 7,
			output: { width, height, fps: 30 },
		});
		const t0 = process.hrtime.bigint();
		const storyboard = plan(spec, { cameos: new Map() });
		const synthesis = { speech: { clips: [] }, physics: simulatePhysics(storyboard) };
		const synthMs = ms(process.hrtime.bigint() - t0);
		const renderer = await createFrameRenderer(storyboard, synthesis, { style: 'none' });
		const shot = storyboard.shots[0];
		renderer.drawFrame(shot.startFrame);
		const n = Math.min(frames, shot.frameCount - 1);
		const c0 = process.cpuUsage();
		for (let i = 1; i <= n; i++) {
			renderer.drawFrame(shot.startFrame + Math.round((i * (shot.frameCount - 1)) / n));
			await new Promise(setImmediate);
		}
		const row = {
			prompt,
			plan_physics_ms: synthMs,
			cpuMsPerFrame: cpuMs(process.cpuUsage(c0)) / n,
		};
		renderer.close();
		rows.push(row);
		log(
			`showcase ${prompt.padEnd(52)} plan+physics ${synthMs.toFixed(0)} ms | per frame cpu ${row.cpuMsPerFrame.toFixed(1)} ms`,
		);
	}
	return rows;
}

module.exports = { benchFrames, benchDrawAB, benchShowcase };

if (require.main === module) {
	const args = process.argv.slice(2);
	const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
	const [width, height] = (option('size') ?? '1080x1920').split('x').map(Number);
	const run = option('ab')
		? benchDrawAB({
				other: option('ab'),
				width,
				height,
				frames: Number(option('frames') ?? 30),
				rounds: Number(option('rounds') ?? 7),
				engine: args.includes('--engine'),
			})
		: args.includes('--showcase')
			? benchShowcase({ width, height, frames: Number(option('frames') ?? 30) })
			: benchFrames({ width, height, frames: Number(option('frames') ?? 60) });
	run
		.then((results) => {
			if (option('json')) fs.writeFileSync(option('json'), JSON.stringify(results, null, 2));
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}

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

module.exports = { benchFrames };

if (require.main === module) {
	const args = process.argv.slice(2);
	const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
	const [width, height] = (option('size') ?? '1080x1920').split('x').map(Number);
	benchFrames({ width, height, frames: Number(option('frames') ?? 60) })
		.then((results) => {
			if (option('json')) fs.writeFileSync(option('json'), JSON.stringify(results, null, 2));
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}

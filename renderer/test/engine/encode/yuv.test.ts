/**
 * The drawing side's RGBA → yuv420p conversion: the WebAssembly SIMD kernel gives exactly the
 * scalar code's bytes (any width, the columns past the last 16 included), the look is swscale's
 * (BT.601 limited range: luma within one level, chroma close on average, apart by up to
 * ~15 levels only at sharp saturated edges, where the two chroma filters differ), and the frame
 * renderer's yuv420p frames are the conversion of its RGBA frames.
 */
import { execFileSync } from 'node:child_process';
import { createFrameRenderer } from '../../../src/engine/compose/frames';
import { rgbaToI420, rgbaToI420Scalar, simdConversion } from '../../../src/engine/encode/yuv';
import { noSynthesis, shot, speechClip, storyboard } from '../scene/storyboardFixture';

/** Deterministic noise: every byte value, every edge. */
function noise(width: number, height: number, seed: number): Uint8Array {
	const out = new Uint8Array(width * height * 4);
	let s = seed;
	for (let i = 0; i < out.length; i++) {
		s = (s * 1103515245 + 12345) >>> 0;
		out[i] = s >>> 24;
	}
	return out;
}

test('the SIMD kernel and the scalar code give the same bytes, at any even size', () => {
	expect(simdConversion()).toBe(true);
	for (const [w, h] of [
		[2, 2],
		[16, 2],
		[18, 6],
		[34, 4],
		[360, 640],
		[1080, 8],
		// more than one strip of rows, the last one shorter
		[18, 134],
		[1082, 130],
	]) {
		const rgba = noise(w, h, w * 31 + h);
		const simd = rgbaToI420(rgba, w, h);
		expect(simd.length).toBe((w * h * 3) / 2);
		expect(Buffer.from(rgbaToI420Scalar(rgba, w, h)).equals(simd)).toBe(true);
	}
	// Extremes: black, white and saturated primaries stay within limited range.
	const primaries = Uint8Array.from(
		[0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 255, 0, 255, 0, 255].flatMap((v, i) =>
			i % 4 === 3 ? [v] : [v],
		),
	);
	const flat = rgbaToI420(
		Uint8Array.from({ length: 16 * 2 * 4 }, (_, i) => primaries[i % 16]),
		16,
		2,
	);
	expect(Math.min(...flat.subarray(0, 32))).toBeGreaterThanOrEqual(16);
	expect(Math.max(...flat.subarray(0, 32))).toBeLessThanOrEqual(235);
	expect(Math.min(...flat.subarray(32))).toBeGreaterThanOrEqual(16);
	expect(Math.max(...flat.subarray(32))).toBeLessThanOrEqual(240);
});

test('the SIMD kernel matches the scalar code on extreme bytes, whatever the alpha', () => {
	// Every channel 0, 1, 254 or 255 in every combination across 2×2 blocks, alpha included: the
	// kernel's 16-bit sums and dot products must neither overflow nor let alpha leak into colour.
	const levels = [0, 1, 254, 255];
	const w = 64;
	const h = 64;
	const rgba = new Uint8Array(w * h * 4);
	for (let i = 0; i < rgba.length; i++) rgba[i] = levels[Math.floor(i / (1 + (i % 7))) % 4];
	expect(Buffer.from(rgbaToI420Scalar(rgba, w, h)).equals(rgbaToI420(rgba, w, h))).toBe(true);
	const opaque = Uint8Array.from(rgba, (v, i) => (i % 4 === 3 ? 255 : v));
	const clear = Uint8Array.from(rgba, (v, i) => (i % 4 === 3 ? 0 : v));
	expect(rgbaToI420(opaque, w, h).equals(rgbaToI420(clear, w, h))).toBe(true);
});

test('converts into a given buffer (a shared frame slot) without a new one', () => {
	const [w, h] = [360, 640];
	const rgba = noise(w, h, 7);
	const size = (w * h * 3) / 2;
	const slots = new Uint8Array(new SharedArrayBuffer(3 * size));
	const into = slots.subarray(size, 2 * size);
	const out = rgbaToI420(rgba, w, h, into);
	expect(out.buffer).toBe(slots.buffer);
	expect(out.byteOffset).toBe(size);
	expect(Buffer.from(into).equals(rgbaToI420(rgba, w, h))).toBe(true);
	expect(slots.subarray(0, size).every((b) => b === 0)).toBe(true);
	expect(() => rgbaToI420(rgba, w, h, new Uint8Array(size - 1))).toThrow(/needs/);
});

test("a picture converts as ffmpeg's swscale converts it (BT.601, limited range)", () => {
	const [w, h] = [320, 180];
	const rgba = execFileSync(
		'ffmpeg',
		[
			...['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=1`],
			...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
		],
		{ maxBuffer: 1 << 24 },
	);
	const swscale = execFileSync(
		'ffmpeg',
		[
			...['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${w}x${h}`, '-i', '-'],
			...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
		],
		{ input: rgba, maxBuffer: 1 << 24 },
	);
	const ours = rgbaToI420(rgba, w, h);
	let lumaMax = 0;
	let chromaMax = 0;
	let chromaSum = 0;
	for (let i = 0; i < w * h; i++) lumaMax = Math.max(lumaMax, Math.abs(ours[i] - swscale[i]));
	for (let i = w * h; i < ours.length; i++) {
		const d = Math.abs(ours[i] - swscale[i]);
		chromaMax = Math.max(chromaMax, d);
		chromaSum += d;
	}
	expect(lumaMax).toBeLessThanOrEqual(1);
	// The chroma filters differ (a 2×2 mean here, swscale's wider filter there): only at sharp
	// saturated edges — this test picture is made of them — and little on average.
	expect(chromaMax).toBeLessThanOrEqual(16);
	expect(chromaSum / (ours.length - w * h)).toBeLessThan(0.75);
});

test("the frame renderer's yuv420p frames are its RGBA frames, converted", async () => {
	const sb = storyboard([shot(0, 0, 4, 12, { setting: 'gym' })]);
	const rgba = await createFrameRenderer(sb, noSynthesis(), { style: 'none' });
	const yuv = await createFrameRenderer(sb, noSynthesis(), {
		style: 'none',
		pixelFormat: 'yuv420p',
	});
	try {
		expect([rgba.pixelFormat, yuv.pixelFormat]).toEqual(['rgba', 'yuv420p']);
		for (const i of [0, 3]) {
			const expected = rgbaToI420(rgba.drawFrame(i), rgba.width, rgba.height);
			expect(yuv.drawFrame(i).equals(expected)).toBe(true);
		}
	} finally {
		rgba.close();
		yuv.close();
	}
	// A draft drawn at half size stays RGBA: ffmpeg scales it up before the colour is subsampled.
	const draft = await createFrameRenderer(
		{ ...sb, quality: 'draft', width: 720, height: 1280 },
		noSynthesis(),
		{ style: 'none', pixelFormat: 'yuv420p' },
	);
	expect(draft.pixelFormat).toBe('rgba');
	draft.close();
});

test("the engine's own frames (style, captions, watermark) are its RGBA frames, converted", async () => {
	const fps = 12;
	const words = [
		{ text: 'Quick', start: 0, end: 0.3 },
		{ text: 'jumpy', start: 0.3, end: 0.6 },
		{ text: 'ÉCLAT', start: 0.6, end: 1 },
		{ text: 'Ångström', start: 1, end: 1.3 },
		{ text: '漢字', start: 1.3, end: 1.6 },
	];
	const sb = storyboard(
		[
			shot(0, 0, 24, fps, {
				setting: 'gym',
				placements: [{ character: 'alice', x: 0.4, facing: 'right' }],
			}),
		],
		{
			width: 360,
			height: 640,
			style: 'cinematic',
			captions: { burnIn: true },
			watermark: { enabled: true, text: 'AI-generated · Reelforge' },
		},
	);
	const synthesis = { speech: { clips: [speechClip('alice', 0, 2, { words })] }, physics: [] };
	const rgba = await createFrameRenderer(sb, synthesis);
	const yuv = await createFrameRenderer(sb, synthesis, { pixelFormat: 'yuv420p' });
	try {
		expect(yuv.pixelFormat).toBe('yuv420p');
		for (let i = 0; i < 24; i += 3) {
			const expected = rgbaToI420(rgba.drawFrame(i), rgba.width, rgba.height);
			expect(yuv.drawFrame(i).equals(expected)).toBe(true);
		}
	} finally {
		rgba.close();
		yuv.close();
	}
});

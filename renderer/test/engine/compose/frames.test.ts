import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { createFrameRenderer, type FrameRenderer } from '../../../src/engine/compose/frames';
import { initPhysics, simulatePhysics } from '../../../src/engine/physics';
import type { SettingId, Storyboard, Synthesis, Transition } from '../../../src/engine/storyboard';
import { noSynthesis, shot, speechClip, storyboard } from '../scene/storyboardFixture';
import { countColour, differingBox, meanDifference } from './pixels';
import { rawRgbaInput } from '../../support/frames';

const W = 180;
const H = 320;
const FPS = 12;
const pair = {
	placements: [
		{ character: 'alice', x: 0.3, facing: 'right' as const },
		{ character: 'bob', x: 0.72, facing: 'left' as const },
	],
};

const open: FrameRenderer[] = [];
async function renderer(
	sb: Storyboard,
	synthesis: Synthesis = noSynthesis(),
): Promise<FrameRenderer> {
	const r = await createFrameRenderer(sb, synthesis, { style: 'none' });
	open.push(r);
	return r;
}
afterEach(() => open.splice(0).forEach((r) => r.close()));

/** Two 12-frame shots, in `first` then `second`, joined by `transition`. */
const twoShots = (first: SettingId, second: SettingId, transition: Transition) =>
	storyboard([
		shot(0, 0, 12, FPS, { setting: first }),
		shot(1, 12, 12, FPS, { setting: second, transition }),
	]);
const copy = (b: Buffer) => Uint8Array.from(b);

describe('createFrameRenderer', () => {
	it('gives RGBA frames of the storyboard size', async () => {
		const r = await renderer(storyboard([shot(0, 0, 6, FPS, pair)]));
		expect([r.width, r.height]).toEqual([W, H]);
		const frame = r.drawFrame(0);
		expect(frame.length).toBe(W * H * 4);
		// Opaque everywhere, so premultiplied and straight alpha are the same bytes.
		let minAlpha = 255;
		for (let i = 3; i < frame.length; i += 4) minAlpha = Math.min(minAlpha, frame[i]);
		expect(minAlpha).toBe(255);
	});

	it("draws a character's outfit colour where the character stands", async () => {
		const r = await renderer(storyboard([shot(0, 0, 6, FPS, pair)]));
		const frame = copy(r.drawFrame(0));
		const torso = (x: number) => ({
			x: Math.round(x * W) - 12,
			y: Math.round(H * 0.86 - H * 0.36 * 0.65),
			width: 24,
			height: 30,
		});
		const red: [number, number, number] = [0xe0, 0x20, 0x20];
		const blue: [number, number, number] = [0x20, 0x40, 0xe0];
		expect(countColour(frame, W, torso(0.3), red)).toBeGreaterThan(150);
		expect(countColour(frame, W, torso(0.72), blue)).toBeGreaterThan(150);
		// And not the other way round.
		expect(countColour(frame, W, torso(0.3), blue)).toBe(0);
		expect(countColour(frame, W, torso(0.72), red)).toBe(0);
	});

	it('cuts exactly where the storyboard puts the shot boundary', async () => {
		const sb = storyboard([
			shot(0, 0, 12, FPS, { ...pair, setting: 'beach' }),
			shot(1, 12, 12, FPS, { ...pair, setting: 'space', transition: 'cut' }),
		]);
		const r = await renderer(sb);
		const f10 = copy(r.drawFrame(10));
		const f11 = copy(r.drawFrame(11));
		const f12 = copy(r.drawFrame(12));
		const f13 = copy(r.drawFrame(13));
		const across = meanDifference(f11, f12, W);
		expect(across).toBeGreaterThan(40);
		expect(meanDifference(f10, f11, W)).toBeLessThan(across / 8);
		expect(meanDifference(f12, f13, W)).toBeLessThan(across / 8);
	});

	it('crossfades: frames inside the window are a mix of both shots', async () => {
		const r = await renderer(twoShots('beach', 'space', 'crossfade'));
		const before = copy(r.drawFrame(11));
		const middle = copy(r.drawFrame(13));
		const after = copy(r.drawFrame(20));
		const toBefore = meanDifference(middle, before, W);
		const toAfter = meanDifference(middle, after, W);
		expect(toBefore).toBeGreaterThan(10);
		expect(toAfter).toBeGreaterThan(10);
		expect(toBefore + toAfter).toBeGreaterThan(meanDifference(before, after, W) * 0.8);
	});

	it('whip-pans: the frames in the window are smeared and shifted, then the new shot settles', async () => {
		const r = await renderer(twoShots('gym', 'forest', 'whip-pan'));
		const settled = copy(r.drawFrame(23));
		const start = copy(r.drawFrame(12));
		const late = copy(r.drawFrame(15));
		expect(meanDifference(start, settled, W)).toBeGreaterThan(20);
		expect(meanDifference(late, settled, W)).toBeGreaterThan(2);
		expect(meanDifference(copy(r.drawFrame(20)), settled, W)).toBeLessThan(
			meanDifference(late, settled, W),
		);
	});

	it('moves the watermark: its region at the start differs from its region at the end', async () => {
		const shots = [shot(0, 0, 48, FPS, { setting: 'studio' })];
		const plain = await renderer(storyboard(shots));
		const marked = await renderer(
			storyboard(shots, { watermark: { enabled: true, text: 'AI-generated · Reelforge' } }),
		);
		const boxAt = (i: number) =>
			differingBox(copy(plain.drawFrame(i)), copy(marked.drawFrame(i)), W);
		const first = boxAt(0);
		const last = boxAt(47);
		expect(first).toBeDefined();
		expect(last).toBeDefined();
		const distance = Math.hypot(first!.x - last!.x, first!.y - last!.y);
		expect(distance).toBeGreaterThan(W / 4);
	});

	it('burns in word-level captions while a word is spoken, highlighting the current word', async () => {
		const shots = [shot(0, 0, 36, FPS, pair)];
		const clip = speechClip('alice', 0.5, 2.5, {
			words: [
				{ text: 'hello', start: 0.5, end: 1.2 },
				{ text: 'world', start: 1.2, end: 2.0 },
			],
		});
		const synthesis: Synthesis = { speech: { clips: [clip] }, physics: [] };
		const plain = await renderer(storyboard(shots), synthesis);
		const captioned = await renderer(storyboard(shots, { captions: { burnIn: true } }), synthesis);
		const silent = differingBox(copy(plain.drawFrame(2)), copy(captioned.drawFrame(2)), W);
		expect(silent).toBeUndefined();
		const helloFrame = Math.round(0.8 * FPS);
		const worldFrame = Math.round(1.6 * FPS);
		const box = differingBox(
			copy(plain.drawFrame(helloFrame)),
			copy(captioned.drawFrame(helloFrame)),
			W,
		);
		expect(box).toBeDefined();
		expect(box!.y + box!.height / 2).toBeGreaterThan(H * 0.6);
		expect(box!.y + box!.height / 2).toBeLessThan(H * 0.85);
		// The yellow highlight moves from the first word to the second.
		const yellowCentre = (frame: Uint8Array) => {
			let sum = 0;
			let n = 0;
			for (let y = box!.y; y < box!.y + box!.height; y++)
				for (let x = 0; x < W; x++) {
					const i = 4 * (y * W + x);
					if (frame[i] > 220 && frame[i + 1] > 190 && frame[i + 2] < 110) {
						sum += x;
						n++;
					}
				}
			return n ? sum / n : NaN;
		};
		expect(yellowCentre(copy(captioned.drawFrame(worldFrame)))).toBeGreaterThan(
			yellowCentre(copy(captioned.drawFrame(helloFrame))) + 10,
		);
	});

	it('is deterministic: the same storyboard and seed give byte-identical frames', async () => {
		await initPhysics();
		const shots = [
			shot(0, 0, 12, FPS, {
				...pair,
				setting: 'city-night',
				weather: 'rain',
				camera: { move: 'handheld', easing: 'linear', intensity: 1 },
			}),
			shot(1, 12, 12, FPS, {
				...pair,
				setting: 'gym',
				transition: 'crossfade',
				physics: { scene: 'basketball', outcome: 'auto', objects: 1 },
				camera: { move: 'orbit', easing: 'ease-in-out', intensity: 1 },
			}),
		];
		const sb = storyboard(shots, { watermark: { enabled: true, text: 'AI' } });
		const hashAll = async () => {
			const r = await renderer(sb, { speech: { clips: [] }, physics: simulatePhysics(sb) });
			const hash = createHash('sha256');
			for (let i = 0; i < sb.totalFrames; i++) hash.update(r.drawFrame(i));
			return hash.digest('hex');
		};
		const a = await hashAll();
		expect(await hashAll()).toBe(a);
		const other = await (async () => {
			const sb2 = { ...sb, seed: 43 };
			const r = await renderer(sb2, { speech: { clips: [] }, physics: simulatePhysics(sb2) });
			const hash = createHash('sha256');
			for (let i = 0; i < sb2.totalFrames; i++) hash.update(r.drawFrame(i));
			return hash.digest('hex');
		})();
		expect(other).not.toBe(a);
	});

	it('hands the style to the encoder as an ffmpeg filter chain', async () => {
		const r = await createFrameRenderer(
			storyboard([shot(0, 0, 2, FPS)], { style: 'anime' }),
			noSynthesis(),
		);
		open.push(r);
		// Grade and vignette are drawn into the frames; what is left for ffmpeg is the outline (and grain).
		expect(r.ffmpegFilter).toMatch(/^format=yuv420p,split/);
		expect(r.ffmpegFilter).toContain('sobel');
		expect(r.ffmpegFilter).not.toContain('lut3d');
		expect(r.ffmpegFilter).not.toContain('multiply');
		const grainy = await createFrameRenderer(
			storyboard([shot(0, 0, 2, FPS)], { style: 'documentary', seed: 9 }),
			noSynthesis(),
		);
		open.push(grainy);
		expect(grainy.ffmpegFilter).toBe('format=yuv420p,noise=alls=14:allf=t:all_seed=9');
	});
});

describe('draft drawing scale', () => {
	it('draws a 720p-or-larger draft at half size and has the encoder scale it back up', async () => {
		const { execFile } = await import('node:child_process');
		const { promisify } = await import('node:util');
		const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const sb = storyboard([shot(0, 0, 2, FPS, pair)], {
			width: 720,
			height: 1280,
			quality: 'draft',
		});
		const r = await createFrameRenderer(sb, noSynthesis());
		const dir = mkdtempSync(join(tmpdir(), 'reelforge-draft-'));
		try {
			expect([r.width, r.height]).toEqual([360, 640]);
			const frame = r.drawFrame(0);
			expect(frame.length).toBe(360 * 640 * 4);
			expect(r.ffmpegFilter).toMatch(/scale=720:1280:flags=bicubic$/);
			writeFileSync(join(dir, 'f.rgba'), frame);
			const out = join(dir, 'f.png');
			await promisify(execFile)('ffmpeg', [
				'-y',
				'-loglevel',
				'error',
				...rawRgbaInput(join(dir, 'f.rgba'), 360, 640),
				'-vf',
				`${r.ffmpegFilter},format=yuv420p`,
				'-frames:v',
				'1',
				out,
			]);
			const { stdout } = await promisify(execFile)('ffprobe', [
				'-v',
				'error',
				'-show_entries',
				'stream=width,height',
				'-of',
				'csv=p=0',
				out,
			]);
			expect(stdout.trim()).toBe('720,1280');
		} finally {
			r.close();
			rmSync(dir, { recursive: true, force: true });
		}
		// Standard quality draws at full size.
		const full = await createFrameRenderer({ ...sb, quality: 'standard' }, noSynthesis(), {
			style: 'none',
		});
		expect([full.width, full.height]).toEqual([720, 1280]);
		expect(full.ffmpegFilter).toBeUndefined();
		full.close();
	});

	it('paints the scenery of frames above 1080p at reduced density and still places it exactly', async () => {
		// 1440×2560 with camera margins is 3175 px long, over the 2400 px cap: the layers are painted at
		// ~0.76 and scaled up. Shrunk to 180×320 the frame must match the one drawn at 180×320 (layers
		// at full density), for a static camera (one flattened layer) and a pan (three cropped layers).
		const shrink = (frame: Buffer, w: number, h: number) => {
			const big = createCanvas(w, h);
			const bigCtx = big.getContext('2d');
			const image = bigCtx.createImageData(w, h);
			image.data.set(frame);
			bigCtx.putImageData(image, 0, 0);
			const small = createCanvas(W, H);
			small.getContext('2d').drawImage(big, 0, 0, W, H);
			return Uint8Array.from(small.getContext('2d').getImageData(0, 0, W, H).data);
		};
		for (const camera of [
			{ move: 'static' as const, easing: 'linear' as const, intensity: 0.5 },
			{ move: 'pan-right' as const, easing: 'linear' as const, intensity: 0.8 },
		]) {
			const shots = [
				shot(0, 0, 12, FPS, { ...pair, setting: 'city-night', timeOfDay: 'night', camera }),
			];
			const small = await renderer(storyboard(shots, { quality: 'standard' }));
			const large = await renderer(
				storyboard(shots, { quality: 'standard', width: 1440, height: 2560 }),
			);
			expect([large.width, large.height]).toEqual([1440, 2560]);
			const other = await renderer(
				storyboard([shot(0, 0, 12, FPS, { ...pair, setting: 'beach', camera })], {
					quality: 'standard',
				}),
			);
			const reference = copy(small.drawFrame(8));
			const shrunk = shrink(large.drawFrame(8), 1440, 2560);
			const unrelated = meanDifference(copy(other.drawFrame(8)), reference, W);
			expect(unrelated).toBeGreaterThan(30);
			// Resampling and full-resolution characters leave ~7 levels; a layer placed a few rows off
			// (its crop offset taken in layer pixels instead of frame pixels) gives 11.
			expect(meanDifference(shrunk, reference, W)).toBeLessThan(9);
		}
	});
});

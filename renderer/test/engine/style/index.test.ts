import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createFrameRenderer } from '../../../src/engine/compose/frames';
import { STYLES } from '../../../src/spec/renderSpec';
import {
	applyStyle,
	executionProvider,
	gradeLut,
	LUT_SIZE,
	STYLE_PARAMS,
} from '../../../src/engine/style';
import type { StyleId } from '../../../src/engine/storyboard';
import { meanDifference } from '../compose/pixels';
import { noSynthesis, shot, storyboard } from '../scene/storyboardFixture';
import { rawRgbaInput } from '../../support/frames';

const run = promisify(execFile);
const W = 180;
const H = 320;
let frame: Buffer;
let dir: string;
const testShot = () =>
	shot(0, 0, 1, 12, {
		setting: 'city-night',
		placements: [{ character: 'alice', x: 0.4, facing: 'right' }],
		props: ['lamp'],
	});

/** Runs an ffmpeg -vf chain on one RGBA frame and returns RGBA. */
async function ffmpegStyle(filter: string, rgba: Uint8Array): Promise<Uint8Array> {
	const input = join(dir, 'in.rgba');
	const output = join(dir, 'out.rgb');
	writeFileSync(input, rgba);
	await run('ffmpeg', [
		'-y',
		'-loglevel',
		'error',
		...rawRgbaInput(input, W, H),
		'-vf',
		filter,
		'-frames:v',
		'1',
		'-pix_fmt',
		'rgb24',
		'-f',
		'rawvideo',
		output,
	]);
	const rgb = readFileSync(output);
	const out = new Uint8Array(W * H * 4);
	for (let i = 0; i < W * H; i++) {
		out[4 * i] = rgb[3 * i];
		out[4 * i + 1] = rgb[3 * i + 1];
		out[4 * i + 2] = rgb[3 * i + 2];
		out[4 * i + 3] = 255;
	}
	return out;
}

/** Averages 10×10 blocks, so zero-mean grain (different noise in each path) cancels out. */
const BLOCK = 10;
function blockMeans(rgba: Uint8Array): Uint8Array {
	const bw = W / BLOCK;
	const bh = H / BLOCK;
	const out = new Uint8Array(bw * bh * 4);
	for (let by = 0; by < bh; by++)
		for (let bx = 0; bx < bw; bx++)
			for (let c = 0; c < 3; c++) {
				let sum = 0;
				for (let y = 0; y < BLOCK; y++)
					for (let x = 0; x < BLOCK; x++)
						sum += rgba[4 * ((by * BLOCK + y) * W + bx * BLOCK + x) + c];
				out[4 * (by * bw + bx) + c] = Math.round(sum / (BLOCK * BLOCK));
			}
	return out;
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'reelforge-style-test-'));
	const sb = storyboard([testShot()]);
	const r = await createFrameRenderer(sb, noSynthesis(), { style: 'none' });
	frame = Buffer.from(r.drawFrame(0));
	r.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('style graphs', () => {
	it('covers every style of the spec', () => {
		expect(Object.keys(STYLE_PARAMS).sort()).toEqual([...STYLES].sort());
	});

	it('runs on the CPU execution provider here (no CUDA), chosen once', async () => {
		expect(await executionProvider(new Uint8Array())).toBe('cpu');
	});

	it.each(STYLES)(
		'%s: the ONNX graph runs with onnxruntime-node and changes the look',
		async (style) => {
			const styled = await applyStyle(frame, W, H, style as StyleId, { seed: 1 });
			expect(styled.length).toBe(frame.length);
			expect(meanDifference(styled, frame, W)).toBeGreaterThan(2);
			// Vignette: on a flat grey frame the corners come out darker than the centre.
			const grey = new Uint8Array(W * H * 4).fill(128);
			const flat = await applyStyle(grey, W, H, style as StyleId, { seed: 1 });
			const lum = (x0: number, y0: number) => {
				let s = 0;
				for (let y = y0; y < y0 + 20; y++)
					for (let x = x0; x < x0 + 20; x++) s += flat[4 * (y * W + x) + 1];
				return s / 400;
			};
			expect(lum(0, 0)).toBeLessThan(lum(W / 2 - 10, H / 2 - 10) - 4);
			expect(lum(W - 20, H - 20)).toBeLessThan(lum(W / 2 - 10, H / 2 - 10) - 4);
		},
	);

	it('the grade LUT is the grade graph sampled on the lattice: identity corners map as the grade does', async () => {
		const lut = await gradeLut('documentary');
		expect(lut.length).toBe(3 * LUT_SIZE ** 3);
		// Desaturation: pure red comes out less saturated than it went in.
		const red = 3 * (LUT_SIZE - 1);
		expect(lut[red]).toBeLessThan(1);
		expect(lut[red + 1]).toBeGreaterThan(0.05);
	});

	it.each(STYLES)(
		'%s: the fast path (grade at the source + ffmpeg chain) gives the same look as the ONNX graph',
		async (style) => {
			const id = style as StyleId;
			const r = await createFrameRenderer(storyboard([testShot()], { style: id }), noSynthesis());
			try {
				// Both end as the encoder makes them: converted to yuv420p.
				const viaFastPath = await ffmpegStyle(
					`${r.ffmpegFilter ? `${r.ffmpegFilter},` : ''}format=yuv420p`,
					r.drawFrame(0),
				);
				const viaOnnx = await ffmpegStyle(
					'format=yuv420p',
					await applyStyle(frame, W, H, id, { seed: 7 }),
				);
				// Grain is noise in both paths but different noise: compare 10×10 block averages.
				const blockDiff = meanDifference(blockMeans(viaFastPath), blockMeans(viaOnnx), W / BLOCK);
				expect(blockDiff).toBeLessThan(2.5);
				// Much closer to each other than the style is to the unstyled frame (documentary, the subtlest
				// style, changes this dark frame by under 7 levels; its strong grain, added in YUV by ffmpeg
				// and in RGB by the graph, clips differently near black).
				expect(blockDiff).toBeLessThan(
					meanDifference(blockMeans(frame), blockMeans(viaOnnx), W / BLOCK) / 2,
				);
				if (!STYLE_PARAMS[id].grain)
					expect(meanDifference(viaFastPath, viaOnnx, W)).toBeLessThan(3);
			} finally {
				r.close();
			}
		},
	);
});

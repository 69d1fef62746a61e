/**
 * Styles as ONNX filter graphs. `applyStyle` runs a style's full graph on one frame with
 * onnxruntime — the reference look. `prepareStyle` gives the fast path the frame renderer uses
 * (see prepared.ts): the grade, computed by the ONNX grade graph on a 33³ lattice, is applied at
 * the source; outline, vignette and grain run in the encoder's ffmpeg chain with the same kernels
 * and mask. A test renders one frame both ways and compares them.
 */
import type { StyleId } from '../storyboard';
import { buildGradeGraph, buildStyleGraph } from './graph';
import { prepareFromLut, type PreparedStyle } from './prepared';
import { grainField, vignetteMask } from './masks';
import { createSession, ort } from './session';
import { STYLE_PARAMS, type StyleParams } from './styles';

export { STYLE_PARAMS, type StyleParams } from './styles';
export { executionProvider } from './session';

export const LUT_SIZE = 33;

function toPlanar(rgba: Uint8Array, pixels: number): Float32Array {
	const planar = new Float32Array(3 * pixels);
	for (let i = 0; i < pixels; i++) {
		planar[i] = rgba[4 * i] / 255;
		planar[pixels + i] = rgba[4 * i + 1] / 255;
		planar[2 * pixels + i] = rgba[4 * i + 2] / 255;
	}
	return planar;
}

function toRgba(planar: Float32Array, pixels: number): Buffer {
	const out = Buffer.alloc(4 * pixels);
	for (let i = 0; i < pixels; i++) {
		out[4 * i] = Math.round(planar[i] * 255);
		out[4 * i + 1] = Math.round(planar[pixels + i] * 255);
		out[4 * i + 2] = Math.round(planar[2 * pixels + i] * 255);
		out[4 * i + 3] = 255;
	}
	return out;
}

export interface ApplyStyleOptions {
	seed?: number;
	/** Frame number, so the grain changes from frame to frame. */
	frame?: number;
	preferGpu?: boolean;
	/** Override the style's parameters (tests, remix tuning). */
	params?: StyleParams;
}

/** Runs a style's full ONNX graph on an RGBA frame; returns a new opaque RGBA frame. */
export async function applyStyle(
	rgba: Uint8Array,
	width: number,
	height: number,
	style: StyleId,
	options: ApplyStyleOptions = {},
): Promise<Buffer> {
	const params = options.params ?? STYLE_PARAMS[style];
	const session = await createSession(buildStyleGraph(params, width, height), options.preferGpu);
	try {
		const pixels = width * height;
		const mask = vignetteMask(width, height, params.vignette);
		const vignette = Float32Array.from(mask, (v) => v / 255);
		const feeds = {
			frame: new ort.Tensor('float32', toPlanar(rgba, pixels), [1, 3, height, width]),
			vignette: new ort.Tensor('float32', vignette, [1, 1, height, width]),
			grain: new ort.Tensor(
				'float32',
				grainField(width, height, params.grain, options.seed ?? 0, options.frame ?? 0),
				[1, 3, height, width],
			),
		};
		const { styled } = await session.run(feeds);
		return toRgba(styled.data as Float32Array, pixels);
	} finally {
		await session.release();
	}
}

/** The grade as a LUT_SIZE³ lattice of RGB triples, red varying fastest (the .cube order). */
export async function gradeLut(
	style: StyleId,
	params: StyleParams = STYLE_PARAMS[style],
	preferGpu?: boolean,
): Promise<Float32Array> {
	const n = LUT_SIZE;
	const count = n * n * n;
	const lattice = new Float32Array(3 * count);
	for (let b = 0, i = 0; b < n; b++)
		for (let g = 0; g < n; g++)
			for (let r = 0; r < n; r++, i++) {
				lattice[i] = r / (n - 1);
				lattice[count + i] = g / (n - 1);
				lattice[2 * count + i] = b / (n - 1);
			}
	const session = await createSession(buildGradeGraph(params), preferGpu);
	try {
		const { graded } = await session.run({
			frame: new ort.Tensor('float32', lattice, [1, 3, 1, count]),
		});
		const planar = graded.data as Float32Array;
		const lut = new Float32Array(3 * count);
		for (let i = 0; i < count; i++) {
			lut[3 * i] = planar[i];
			lut[3 * i + 1] = planar[count + i];
			lut[3 * i + 2] = planar[2 * count + i];
		}
		return lut;
	} finally {
		await session.release();
	}
}

export function cubeFile(lut: Float32Array): string {
	const lines = [`TITLE "reelforge"`, `LUT_3D_SIZE ${LUT_SIZE}`];
	for (let i = 0; i < lut.length; i += 3)
		lines.push(`${lut[i].toFixed(6)} ${lut[i + 1].toFixed(6)} ${lut[i + 2].toFixed(6)}`);
	return `${lines.join('\n')}\n`;
}

export type { PreparedStyle } from './prepared';

/** Prepares a style's fast path for a render: the grade LUT from the ONNX grade graph, then see prepared.ts. */
export async function prepareStyle(
	style: StyleId,
	width: number,
	height: number,
	seed: number,
	params: StyleParams = STYLE_PARAMS[style],
	/** The grade's LUT when it was computed elsewhere (the frame thread gets the main thread's). */
	lut?: Float32Array,
): Promise<PreparedStyle> {
	return prepareFromLut(
		style,
		lut ?? (await cachedLut(style, params)),
		LUT_SIZE,
		width,
		height,
		seed,
		params,
	);
}

/** The style's grade LUT, computed once per process (see `cachedLut`). */
export function styleLut(style: StyleId): Promise<Float32Array> {
	return cachedLut(style, STYLE_PARAMS[style]);
}

/** The LUT depends only on the parameters: computed once per process, reused by every render. */
function cachedLut(style: StyleId, params: StyleParams): Promise<Float32Array> {
	const key = JSON.stringify(params);
	let lut = lutCache.get(key);
	if (!lut) {
		lut = gradeLut(style, params);
		lutCache.set(key, lut);
		lut.catch(() => lutCache.delete(key));
	}
	return lut;
}

/**
 * Starts computing a style's LUT now (onnxruntime works on its own threads), so that it is ready
 * when the frame renderer is made; a failure surfaces there.
 */
export function preloadStyle(style: StyleId): void {
	cachedLut(style, STYLE_PARAMS[style]).catch(() => undefined);
}

const lutCache = new Map<string, Promise<Float32Array>>();

/**
 * The five looks, as parameters of one filter graph. Pointwise parts: a 3×3 colour matrix with
 * offset (saturation, white balance, contrast), a split-tone (highlights pushed one way, shadows
 * the other), an S-curve and a gamma. Spatial parts: a binomial blur, a Sobel toon outline, a
 * cos⁴ vignette and film grain.
 */
import type { StyleId } from '../storyboard';

export interface StyleParams {
	/** Saturation around Rec.709 luma; 1 = unchanged. */
	saturation: number;
	/** Per-channel gain (white balance). */
	gain: [number, number, number];
	/** Added after the gain. */
	lift: [number, number, number];
	/** Linear contrast around mid-grey; 1 = unchanged. */
	contrast: number;
	/** Colour added in proportion to (luma − 0.5): warm highlights, cool shadows for positive values. */
	splitTone: [number, number, number];
	/** Blend towards a smoothstep S-curve, 0..1. */
	sCurve: number;
	gamma: [number, number, number];
	/** 5×5 binomial blur before everything spatial. */
	blur: boolean;
	/** Strength of the dark Sobel outline; 0 = none. */
	outline: number;
	/** Vignette angle in radians (ffmpeg's `vignette` angle); 0 = none. */
	vignette: number;
	/**
	 * Grain: uniform noise of this many 8-bit levels peak to peak; 0 = none. Only documentary has it:
	 * x264 spends ~20 ms more CPU per 1080p frame encoding even 8 levels of grain (bench/frames.js).
	 */
	grain: number;
}

export const STYLE_PARAMS: Record<StyleId, StyleParams> = {
	cinematic: {
		saturation: 1.08,
		gain: [1.02, 1.0, 0.97],
		lift: [0.0, 0.005, 0.02],
		contrast: 1.08,
		splitTone: [0.07, 0.01, -0.07],
		sCurve: 0.35,
		gamma: [1.0, 1.0, 1.0],
		blur: false,
		outline: 0,
		vignette: Math.PI / 4.5,
		grain: 0,
	},
	anime: {
		saturation: 1.35,
		gain: [1.03, 1.03, 1.03],
		lift: [0.02, 0.02, 0.03],
		contrast: 1.05,
		splitTone: [0.02, 0.0, -0.02],
		sCurve: 0.2,
		gamma: [0.92, 0.92, 0.9],
		blur: false,
		outline: 0.35,
		vignette: Math.PI / 8,
		grain: 0,
	},
	documentary: {
		saturation: 0.82,
		gain: [1.02, 1.0, 0.96],
		lift: [0.02, 0.02, 0.02],
		contrast: 0.94,
		splitTone: [0.02, 0.01, -0.01],
		sCurve: 0.1,
		gamma: [1.02, 1.02, 1.02],
		blur: false,
		outline: 0,
		vignette: Math.PI / 5,
		grain: 14,
	},
	neon: {
		saturation: 1.55,
		gain: [1.08, 0.92, 1.12],
		lift: [0.02, 0.0, 0.04],
		contrast: 1.18,
		splitTone: [0.06, -0.04, 0.08],
		sCurve: 0.4,
		gamma: [1.05, 1.1, 1.0],
		blur: false,
		outline: 0,
		vignette: Math.PI / 3.5,
		grain: 0,
	},
	painted: {
		saturation: 1.18,
		gain: [1.04, 1.01, 0.95],
		lift: [0.02, 0.015, 0.0],
		contrast: 1.0,
		splitTone: [0.03, 0.02, -0.03],
		sCurve: 0.25,
		gamma: [0.95, 0.95, 0.97],
		blur: true,
		outline: 0.12,
		vignette: Math.PI / 6,
		grain: 0,
	},
};

/** Rec.709 luma weights. */
export const LUMA: [number, number, number] = [0.2126, 0.7152, 0.0722];

/** The affine part of the grade as a 3×3 matrix (rows = output channel) and an offset. */
export function colourMatrix(p: StyleParams): { matrix: number[][]; offset: number[] } {
	const s = p.saturation;
	const matrix: number[][] = [];
	const offset: number[] = [];
	for (let out = 0; out < 3; out++) {
		const row = [0, 1, 2].map(
			(inp) => (s * (out === inp ? 1 : 0) + (1 - s) * LUMA[inp]) * p.gain[out] * p.contrast,
		);
		matrix.push(row);
		offset.push((p.lift[out] - 0.5) * p.contrast + 0.5);
	}
	return { matrix, offset };
}

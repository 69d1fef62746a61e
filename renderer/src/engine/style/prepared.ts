/**
 * The fast path of a style, prepared once per render:
 * - the pointwise grade — the ONNX grade graph sampled on a 33³ lattice — is applied at the source,
 *   as `ink` to every colour anything is drawn with: the static layers are painted through an
 *   inked context (with the shot's lighting tint folded in), moving things are drawn with inked
 *   colours, so no frame needs a full-frame grade pass and the layers stay fast to replay
 *   (scene/ink.ts says why that matters);
 * - the blur of a style that has one is baked into the static layers (moving things stay crisp);
 * - the vignette is the graph's own 8-bit mask, applied to each frame by Skia as black with alpha
 *   1 − mask drawn over it: that multiplies by the mask exactly (to one level of rounding) and is
 *   Skia's plain source-over blit, where a multiply blend cost ~5 ms a 1080p frame in the renderer;
 * - outline and grain, which need every pixel's neighbours or fresh noise each frame, are an ffmpeg
 *   filter chain for the encoder, with the same kernels and amplitude as the ONNX graph.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { StyleId } from '../storyboard';
import type { Ink } from '../scene/ink';
import { releaseCanvas } from '../scene/canvasMemory';
import { parseCssColour, toHex } from '../scene/colour';
import { vignetteMask } from './masks';
import { STYLE_PARAMS, type StyleParams } from './styles';

export interface PreparedStyle {
	style: StyleId;
	params: StyleParams;
	/** Grades one colour string (#rrggbb, rgb(), rgba()); anything else passes through. */
	ink: Ink;
	/** Ink for painting static layers: the colour times the lighting's tint (0..1 a channel), graded. */
	layerInk(tint: readonly [number, number, number]): Ink;
	/** For a blurred style, blurs a painted static layer; returns the result (the same canvas otherwise). */
	finishLayer(canvas: Canvas): Canvas;
	/** The vignette: black with alpha 1 − mask, drawn over each frame (before captions and watermark). */
	vignette?: Canvas;
	/** The per-frame part for the encoder (outline, grain): RGB in; undefined when there is none. */
	filter?: string;
	dispose(): void;
}

/** Trilinear lookup in a LUT (RGB triples, red fastest) of `n` points per axis; inputs 0..255. */
export function lutLookup(
	lut: Float32Array,
	n: number,
	r: number,
	g: number,
	b: number,
	out: number[],
): void {
	const s = (n - 1) / 255;
	const fr = r * s;
	const fg = g * s;
	const fb = b * s;
	const r0 = Math.min(n - 2, Math.floor(fr));
	const g0 = Math.min(n - 2, Math.floor(fg));
	const b0 = Math.min(n - 2, Math.floor(fb));
	const dr = fr - r0;
	const dg = fg - g0;
	const db = fb - b0;
	for (let c = 0; c < 3; c++) {
		const at = (ri: number, gi: number, bi: number) => lut[3 * ((bi * n + gi) * n + ri) + c];
		const c00 = at(r0, g0, b0) * (1 - dr) + at(r0 + 1, g0, b0) * dr;
		const c10 = at(r0, g0 + 1, b0) * (1 - dr) + at(r0 + 1, g0 + 1, b0) * dr;
		const c01 = at(r0, g0, b0 + 1) * (1 - dr) + at(r0 + 1, g0, b0 + 1) * dr;
		const c11 = at(r0, g0 + 1, b0 + 1) * (1 - dr) + at(r0 + 1, g0 + 1, b0 + 1) * dr;
		out[c] = ((c00 * (1 - dg) + c10 * dg) * (1 - db) + (c01 * (1 - dg) + c11 * dg) * db) * 255;
	}
}

export function makeInk(
	lut: Float32Array,
	n: number,
	tint: readonly [number, number, number] = [1, 1, 1],
): Ink {
	const memo = new Map<string, string>();
	const out = [0, 0, 0];
	return (colour) => {
		const known = memo.get(colour);
		if (known) return known;
		let graded = colour;
		const parsed = parseCssColour(colour);
		if (parsed) {
			const [r, g, b] = parsed.rgb;
			lutLookup(lut, n, r * tint[0], g * tint[1], b * tint[2], out);
			const [gr, gg, gb] = out.map((x) => Math.round(Math.max(0, Math.min(255, x))));
			// Written back in the form it came in, so alpha is kept.
			graded =
				parsed.form === 'hex'
					? toHex([gr, gg, gb])
					: parsed.alpha === undefined
						? `rgb(${gr},${gg},${gb})`
						: `rgba(${gr},${gg},${gb},${parsed.alpha})`;
		}
		memo.set(colour, graded);
		return graded;
	};
}

/** Blur with σ = 1 px (the variance of the graph's 5×5 binomial kernel), alpha-correct. */
function blurCanvas(canvas: Canvas): Canvas {
	const blurred = createCanvas(canvas.width, canvas.height);
	const ctx = blurred.getContext('2d');
	ctx.filter = 'blur(1px)';
	ctx.drawImage(canvas, 0, 0);
	ctx.filter = 'none';
	releaseCanvas(canvas);
	return blurred;
}

/** The vignette as black with alpha 1 − mask: drawn over a frame, it multiplies it by the mask. */
function vignetteCanvas(params: StyleParams, width: number, height: number): Canvas | undefined {
	if (!params.vignette) return undefined;
	const mask = vignetteMask(width, height, params.vignette);
	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');
	const image = ctx.createImageData(width, height);
	// createImageData is zero-filled, so the colour is already black.
	for (let i = 0; i < mask.length; i++) image.data[4 * i + 3] = 255 - mask[i];
	ctx.putImageData(image, 0, 0);
	return canvas;
}

/**
 * The per-frame ffmpeg chain: the Sobel outline of the luma and grain
 * (ffmpeg's seeded temporal noise of the same peak-to-peak amplitude, added in YUV: the encoder
 * needs YUV anyway, and noise there costs a third of noise on three RGB planes).
 */
export function frameFilter(params: StyleParams, seed: number): string | undefined {
	const parts: string[] = [];
	// Sobel of Y subtracted from Y: in limited-range YUV that is the graph's luma outline taken off
	// R, G and B alike, at a third of the cost of working on three RGB planes.
	if (params.outline)
		parts.push(
			`format=yuv420p,split[styleA][styleB];[styleB]sobel=planes=1:scale=${params.outline}[styleEdges];[styleA][styleEdges]blend=c0_mode=subtract:c1_mode=normal:c2_mode=normal`,
		);
	if (params.grain)
		parts.push(`format=yuv420p,noise=alls=${params.grain}:allf=t:all_seed=${seed % 2147483647}`);
	return parts.length ? parts.join(',') : undefined;
}

export function prepareFromLut(
	style: StyleId,
	lut: Float32Array,
	n: number,
	width: number,
	height: number,
	seed: number,
	params: StyleParams = STYLE_PARAMS[style],
): PreparedStyle {
	const layerInks = new Map<string, Ink>();
	const vignette = vignetteCanvas(params, width, height);
	return {
		style,
		params,
		ink: makeInk(lut, n),
		layerInk(tint) {
			const key = tint.join(',');
			let ink = layerInks.get(key);
			if (!ink) layerInks.set(key, (ink = makeInk(lut, n, tint)));
			return ink;
		},
		finishLayer(canvas) {
			return params.blur ? blurCanvas(canvas) : canvas;
		},
		vignette,
		filter: frameFilter(params, seed),
		dispose: () => releaseCanvas(vignette),
	};
}

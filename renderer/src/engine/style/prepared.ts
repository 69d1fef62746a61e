/**
 * The fast path of a style, prepared once per render:
 * - the pointwise grade — the ONNX grade graph sampled on a 33³ lattice — is applied at the source:
 *   to the pixels of each shot's static layers when they are painted, and as `ink` to every colour
 *   a moving thing is drawn with, so no frame needs a full-frame grade pass;
 * - the blur of a style that has one is baked into the static layers (moving things stay crisp);
 * - the vignette is the graph's own 8-bit mask, multiplied over each frame by Skia;
 * - outline and grain, which need every pixel's neighbours or fresh noise each frame, are an ffmpeg
 *   filter chain for the encoder, with the same kernels and amplitude as the ONNX graph.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { StyleId } from '../storyboard';
import type { Ink } from '../scene/ink';
import { releaseCanvas } from '../scene/canvasMemory';
import { vignetteMask } from './masks';
import { STYLE_PARAMS, type StyleParams } from './styles';

export interface PreparedStyle {
  style: StyleId;
  params: StyleParams;
  /** Grades one colour string (#rrggbb, rgb(), rgba()); anything else passes through. */
  ink: Ink;
  /** Tints (lighting), grades and, for a blurred style, blurs a static layer; returns the result. */
  finishLayer(canvas: Canvas, tint?: readonly [number, number, number]): Canvas;
  /** The vignette: an opaque grey mask to multiply over each frame (before captions and watermark). */
  vignette?: Canvas;
  /** The per-frame part for the encoder (outline, grain): RGB in; undefined when there is none. */
  filter?: string;
  dispose(): void;
}

/** Trilinear lookup in a LUT (RGB triples, red fastest) of `n` points per axis; inputs 0..255. */
export function lutLookup(lut: Float32Array, n: number, r: number, g: number, b: number, out: number[]): void {
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

const HEX = /^#([0-9a-f]{6})$/i;
const RGB = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i;

export function makeInk(lut: Float32Array, n: number): Ink {
  const memo = new Map<string, string>();
  const out = [0, 0, 0];
  return (colour) => {
    const known = memo.get(colour);
    if (known) return known;
    let graded = colour;
    const hex = HEX.exec(colour);
    const rgb = hex ? undefined : RGB.exec(colour);
    if (hex) {
      const v = parseInt(hex[1], 16);
      lutLookup(lut, n, (v >> 16) & 255, (v >> 8) & 255, v & 255, out);
      graded = `#${out.map((x) => Math.round(Math.max(0, Math.min(255, x))).toString(16).padStart(2, '0')).join('')}`;
    } else if (rgb) {
      lutLookup(lut, n, Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), out);
      const [r, g, b] = out.map((x) => Math.round(Math.max(0, Math.min(255, x))));
      graded = rgb[4] === undefined ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${rgb[4]})`;
    }
    memo.set(colour, graded);
    return graded;
  };
}

/** Rows per strip when grading: keeps the transient copy of a 4K layer small. */
const STRIP_ROWS = 128;

/**
 * Grades the pixels of a canvas in place, strip by strip (straight alpha: transparent pixels keep
 * their alpha). `tint` (0..1 per channel) multiplies the colour first, as the lighting does.
 */
export function gradeCanvas(canvas: Canvas, lut: Float32Array, n: number, tint: readonly [number, number, number] = [1, 1, 1]): void {
  const ctx = canvas.getContext('2d');
  const out = [0, 0, 0];
  // Flat-coloured art repeats the same colours: a direct-mapped cache of graded colours (typed
  // arrays, 64 Ki slots) makes most pixels a lookup instead of a trilinear interpolation.
  const keys = new Int32Array(65536).fill(-1);
  const values = new Int32Array(65536);
  for (let top = 0; top < canvas.height; top += STRIP_ROWS) {
    const rows = Math.min(STRIP_ROWS, canvas.height - top);
    const image = ctx.getImageData(0, top, canvas.width, rows);
    const d = image.data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 0) continue;
      const key = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      const slot = (key ^ (key >>> 16) ^ (key >>> 5)) & 0xffff;
      let graded: number;
      if (keys[slot] === key) graded = values[slot];
      else {
        lutLookup(lut, n, d[i] * tint[0], d[i + 1] * tint[1], d[i + 2] * tint[2], out);
        graded = (Math.round(Math.max(0, Math.min(255, out[0]))) << 16) | (Math.round(Math.max(0, Math.min(255, out[1]))) << 8) | Math.round(Math.max(0, Math.min(255, out[2])));
        keys[slot] = key;
        values[slot] = graded;
      }
      d[i] = graded >> 16;
      d[i + 1] = (graded >> 8) & 255;
      d[i + 2] = graded & 255;
    }
    ctx.putImageData(image, 0, top);
  }
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

/** The vignette mask as an opaque grey canvas, multiplied over each frame before captions. */
function vignetteCanvas(params: StyleParams, width: number, height: number): Canvas | undefined {
  if (!params.vignette) return undefined;
  const mask = vignetteMask(width, height, params.vignette);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < mask.length; i++) {
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = mask[i];
    image.data[4 * i + 3] = 255;
  }
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
  if (params.outline) parts.push(`format=yuv420p,split[styleA][styleB];[styleB]sobel=planes=1:scale=${params.outline}[styleEdges];[styleA][styleEdges]blend=c0_mode=subtract:c1_mode=normal:c2_mode=normal`);
  if (params.grain) parts.push(`format=yuv420p,noise=alls=${params.grain}:allf=t:all_seed=${seed % 2147483647}`);
  return parts.length ? parts.join(',') : undefined;
}

export function prepareFromLut(style: StyleId, lut: Float32Array, n: number, width: number, height: number, seed: number, params: StyleParams = STYLE_PARAMS[style]): PreparedStyle {
  return {
    style,
    params,
    ink: makeInk(lut, n),
    finishLayer(canvas, tint) {
      gradeCanvas(canvas, lut, n, tint);
      return params.blur ? blurCanvas(canvas) : canvas;
    },
    vignette: vignetteCanvas(params, width, height),
    filter: frameFilter(params, seed),
    dispose() {
      releaseCanvas(this.vignette);
    },
  };
}

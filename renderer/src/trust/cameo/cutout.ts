/**
 * The person cut-out the engine draws in place of a character's head: the head region around the
 * detected face, with an alpha matte made of two parts: a feathered head-shaped ellipse placed from
 * the face box (taking in hair and chin, and bounding the head), times the person's outline — the
 * selfie-segmentation model's person probability when it ran (`personMask`), else a background key
 * (pixels close to the colour of the frame's border fade out).
 */
import { writeFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import type { RgbImage } from '../moderation/media/image';
import type { FaceBox } from './haarCascade';

/** Writes the cut-out PNG; returns where in the frame it was taken from. */
export async function writeHeadCutout(
	frame: RgbImage,
	face: FaceBox,
	path: string,
	personMask?: Float32Array,
): Promise<{ left: number; top: number; width: number; height: number }> {
	const cx = face.x + face.width / 2;
	const cy = face.y + face.height * 0.45;
	const rx = face.width * 0.72;
	const ry = face.height * 0.95;
	const left = Math.max(0, Math.floor(cx - rx));
	const top = Math.max(0, Math.floor(cy - ry));
	const right = Math.min(frame.width, Math.ceil(cx + rx));
	const bottom = Math.min(frame.height, Math.ceil(cy + ry));
	const width = right - left;
	const height = bottom - top;
	const canvas = createCanvas(width, height);
	const context = canvas.getContext('2d');
	const image = context.createImageData(width, height);
	const feather = 0.12;
	const background = borderColour(frame);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const sx = left + x;
			const sy = top + y;
			const d = Math.hypot((sx - cx) / rx, (sy - cy) / ry);
			const from = (sy * frame.width + sx) * 3;
			const ellipse = d <= 1 - feather ? 1 : d >= 1 ? 0 : (1 - d) / feather;
			const person = personMask
				? smoothstep(0.2, 0.8, personMask[sy * frame.width + sx])
				: smoothstep(
						background.spread + 12,
						background.spread + 40,
						Math.hypot(
							frame.data[from] - background.r,
							frame.data[from + 1] - background.g,
							frame.data[from + 2] - background.b,
						),
					);
			const alpha = ellipse * person;
			const to = (y * width + x) * 4;
			image.data[to] = frame.data[from];
			image.data[to + 1] = frame.data[from + 1];
			image.data[to + 2] = frame.data[from + 2];
			image.data[to + 3] = Math.round(alpha * 255);
		}
	}
	context.putImageData(image, 0, 0);
	await writeFile(path, canvas.toBuffer('image/png'));
	return { left, top, width, height };
}

/** Median colour of the frame's outer 4% border, and how much it varies (median distance from it). */
function borderColour(frame: RgbImage): { r: number; g: number; b: number; spread: number } {
	const band = Math.max(1, Math.round(Math.min(frame.width, frame.height) * 0.04));
	const samples: Array<[number, number, number]> = [];
	for (let y = 0; y < frame.height; y += 2) {
		for (let x = 0; x < frame.width; x += 2) {
			if (x >= band && x < frame.width - band && y >= band && y < frame.height - band) continue;
			const i = (y * frame.width + x) * 3;
			samples.push([frame.data[i], frame.data[i + 1], frame.data[i + 2]]);
		}
	}
	const median = (values: number[]) =>
		values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
	const r = median(samples.map((s) => s[0]));
	const g = median(samples.map((s) => s[1]));
	const b = median(samples.map((s) => s[2]));
	const spread = median(samples.map((s) => Math.hypot(s[0] - r, s[1] - g, s[2] - b)));
	return { r, g, b, spread };
}

function smoothstep(edge0: number, edge1: number, x: number): number {
	const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
	return t * t * (3 - 2 * t);
}

/**
 * Face detection with an OpenCV Haar cascade (the XML files of Debian's `opencv-data`), evaluated
 * here in TypeScript: integral images, the cascade's boosted stumps with OpenCV's variance
 * normalisation, a multi-scale sliding window, and grouping of overlapping hits (min neighbours).
 * No native OpenCV is needed at run time, only the XML.
 */
import { readFile } from 'node:fs/promises';

export const DEFAULT_CASCADE =
	'/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml';

interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
	weight: number;
}
interface Stump {
	feature: number;
	threshold: number;
	left: number;
	right: number;
}
interface Stage {
	threshold: number;
	stumps: Stump[];
}
export interface Cascade {
	width: number;
	height: number;
	stages: Stage[];
	features: Rect[][];
}

export interface GrayImage {
	width: number;
	height: number;
	/** One byte of luma per pixel. */
	data: Uint8Array;
}

export interface FaceBox {
	x: number;
	y: number;
	width: number;
	height: number;
	/** How many raw detections were grouped into this one. */
	neighbours: number;
}

const numbers = (text: string) => text.trim().split(/\s+/).map(Number);

/** Parses OpenCV's cascade XML (the `opencv-cascade-classifier` format with stumps). */
export function parseCascade(xml: string): Cascade {
	const pick = (tag: string) => Number(xml.match(new RegExp(`<${tag}>\\s*([^<]+)</${tag}>`))?.[1]);
	const stagesXml = xml.slice(xml.indexOf('<stages>'), xml.indexOf('</stages>'));
	const stages: Stage[] = [];
	for (const stageXml of stagesXml.split('<maxWeakCount>').slice(1)) {
		const threshold = Number(stageXml.match(/<stageThreshold>([^<]+)<\/stageThreshold>/)![1]);
		const nodes = [
			...stageXml.matchAll(
				/<internalNodes>([^<]+)<\/internalNodes>\s*<leafValues>([^<]+)<\/leafValues>/g,
			),
		];
		stages.push({
			threshold,
			stumps: nodes.map((m) => {
				const [, , feature, t] = numbers(m[1]);
				const [left, right] = numbers(m[2]);
				return { feature, threshold: t, left, right };
			}),
		});
	}
	const featuresXml = xml.slice(xml.indexOf('<features>'), xml.indexOf('</features>'));
	if (featuresXml.includes('<tilted>1'))
		throw new Error(
			'Tilted Haar features are not supported; use haarcascade_frontalface_default.xml',
		);
	const features = featuresXml
		.split('<rects>')
		.slice(1)
		.map((block) =>
			[...block.split('</rects>')[0].matchAll(/<_>\s*([^<]+)<\/_>/g)].map((m) => {
				const [x, y, w, h, weight] = numbers(m[1].replace(/\.$/, ''));
				return { x, y, w, h, weight };
			}),
		);
	return { width: pick('width'), height: pick('height'), stages, features };
}

const cache = new Map<string, Promise<Cascade>>();
export function loadCascade(path = DEFAULT_CASCADE): Promise<Cascade> {
	if (!cache.has(path)) cache.set(path, readFile(path, 'utf8').then(parseCascade));
	return cache.get(path)!;
}

/** Summed-area tables of the image and of its squares, with a zero row and column in front. */
function integrals(image: GrayImage): { sum: Float64Array; sq: Float64Array; stride: number } {
	const stride = image.width + 1;
	const sum = new Float64Array(stride * (image.height + 1));
	const sq = new Float64Array(stride * (image.height + 1));
	for (let y = 0; y < image.height; y++) {
		let row = 0;
		let rowSq = 0;
		for (let x = 0; x < image.width; x++) {
			const v = image.data[y * image.width + x];
			row += v;
			rowSq += v * v;
			sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + row;
			sq[(y + 1) * stride + x + 1] = sq[y * stride + x + 1] + rowSq;
		}
	}
	return { sum, sq, stride };
}

function boxSum(
	table: Float64Array,
	stride: number,
	x: number,
	y: number,
	w: number,
	h: number,
): number {
	return (
		table[(y + h) * stride + x + w] -
		table[y * stride + x + w] -
		table[(y + h) * stride + x] +
		table[y * stride + x]
	);
}

export function detectFaces(
	cascade: Cascade,
	image: GrayImage,
	options: { scaleFactor?: number; minNeighbours?: number; minSize?: number } = {},
): FaceBox[] {
	const { sum, sq, stride } = integrals(image);
	const scaleFactor = options.scaleFactor ?? 1.1;
	const minSize =
		options.minSize ??
		Math.max(cascade.width, Math.round(Math.min(image.width, image.height) / 10));
	const hits: Array<{ x: number; y: number; size: number }> = [];
	for (
		let scale = minSize / cascade.width;
		cascade.width * scale <= image.width && cascade.height * scale <= image.height;
		scale *= scaleFactor
	) {
		const winW = Math.round(cascade.width * scale);
		const winH = Math.round(cascade.height * scale);
		// OpenCV normalises by the window less a one-pixel border.
		const normW = Math.round((cascade.width - 2) * scale);
		const normH = Math.round((cascade.height - 2) * scale);
		const normArea = normW * normH;
		const inv = 1 / normArea;
		const scaled = cascade.features.map((rects) => {
			const out = rects.map((r) => ({
				x: Math.round(r.x * scale),
				y: Math.round(r.y * scale),
				w: Math.round(r.w * scale),
				h: Math.round(r.h * scale),
				weight: r.weight * inv,
			}));
			// The first rectangle's weight is recomputed so the weighted areas still cancel after rounding.
			const rest = out.slice(1).reduce((s, r) => s + r.weight * r.w * r.h, 0);
			if (out[0].w * out[0].h > 0) out[0].weight = -rest / (out[0].w * out[0].h);
			return out;
		});
		// As OpenCV: two pixels of the scaled image while the window is small, one pixel beyond.
		const step = Math.max(1, Math.round(scale > 2 ? scale : 2 * scale));
		for (let y = 0; y + winH <= image.height; y += step) {
			for (let x = 0; x + winW <= image.width; x += step) {
				const mean =
					boxSum(sum, stride, x + Math.round(scale), y + Math.round(scale), normW, normH) * inv;
				const variance =
					boxSum(sq, stride, x + Math.round(scale), y + Math.round(scale), normW, normH) * inv -
					mean * mean;
				const norm = variance > 0 ? Math.sqrt(variance) : 1;
				let passed = true;
				for (const stage of cascade.stages) {
					let total = 0;
					for (const stump of stage.stumps) {
						let value = 0;
						for (const r of scaled[stump.feature])
							value += r.weight * boxSum(sum, stride, x + r.x, y + r.y, r.w, r.h);
						total += value < stump.threshold * norm ? stump.left : stump.right;
					}
					if (total < stage.threshold) {
						passed = false;
						break;
					}
				}
				if (passed) hits.push({ x, y, size: winW });
			}
		}
	}
	return group(hits, options.minNeighbours ?? 3);
}

/** Merges hits whose boxes are within 20% of each other (as OpenCV's groupRectangles); keeps groups with enough members. */
function group(
	hits: Array<{ x: number; y: number; size: number }>,
	minNeighbours: number,
): FaceBox[] {
	const groups: Array<{ x: number; y: number; size: number; n: number }> = [];
	for (const hit of hits) {
		const near = groups.find((g) => {
			const d = 0.2 * Math.min(g.size / g.n, hit.size);
			return (
				Math.abs(g.x / g.n - hit.x) <= d &&
				Math.abs(g.y / g.n - hit.y) <= d &&
				Math.abs(g.size / g.n - hit.size) <= d * 1.5
			);
		});
		if (near) {
			near.x += hit.x;
			near.y += hit.y;
			near.size += hit.size;
			near.n++;
		} else groups.push({ ...hit, n: 1 });
	}
	return groups
		.filter((g) => g.n >= minNeighbours)
		.map((g) => ({
			x: Math.round(g.x / g.n),
			y: Math.round(g.y / g.n),
			width: Math.round(g.size / g.n),
			height: Math.round(g.size / g.n),
			neighbours: g.n,
		}))
		.sort((a, b) => b.neighbours - a.neighbours);
}

/**
 * DB text detection (PP-OCRv4 det): the model gives a per-pixel text probability map; pixels over
 * a threshold are grouped into connected regions, each region's box is scored by its mean
 * probability and grown ("unclipped") because DB predicts a shrunk text kernel.
 */
import { Tensor } from 'onnxruntime-node';
import { planeValueTables, resizeBilinearToBgrPlanes, type RgbImage } from '../image';
import type { OcrSessions } from './sessions';

export interface TextBox {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
	score: number;
}

const MAX_SIDE = 960;
const PIXEL_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
const UNCLIP_RATIO = 1.5;
// ImageNet statistics in the model's channel order (it was trained on OpenCV's BGR images).
const MEAN_BGR = [0.406, 0.456, 0.485];
const STD_BGR = [0.225, 0.224, 0.229];

function inputSize(width: number, height: number): [number, number] {
	const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
	const round32 = (v: number) => Math.max(32, Math.round((v * scale) / 32) * 32);
	return [round32(width), round32(height)];
}

/** The model's input value of each 8-bit channel value, normalised as it was trained. */
const INPUT_VALUES = planeValueTables((byte, c) => (byte / 255 - MEAN_BGR[c]) / STD_BGR[c]);

export async function detectText(sessions: OcrSessions, image: RgbImage): Promise<TextBox[]> {
	const [width, height] = inputSize(image.width, image.height);
	const input = new Tensor(
		'float32',
		resizeBilinearToBgrPlanes(image, width, height, INPUT_VALUES),
		[1, 3, height, width],
	);
	const output = await sessions.detection.run({ [sessions.detection.inputNames[0]]: input });
	const map = output[sessions.detection.outputNames[0]].data as Float32Array;
	const scaleX = image.width / width;
	const scaleY = image.height / height;
	return regions(map, width, height).map((r) => {
		const w = r.x1 - r.x0 + 1;
		const h = r.y1 - r.y0 + 1;
		const grow = (w * h * UNCLIP_RATIO) / (2 * (w + h));
		return {
			x0: Math.max(0, (r.x0 - grow) * scaleX),
			y0: Math.max(0, (r.y0 - grow) * scaleY),
			x1: Math.min(image.width, (r.x1 + 1 + grow) * scaleX),
			y1: Math.min(image.height, (r.y1 + 1 + grow) * scaleY),
			score: r.score,
		};
	});
}

/** Connected regions (4-neighbour flood fill) of the thresholded map, in reading order. */
function regions(map: Float32Array, width: number, height: number): TextBox[] {
	const seen = new Uint8Array(width * height);
	const stack: number[] = [];
	const out: TextBox[] = [];
	for (let start = 0; start < map.length; start++) {
		if (seen[start] || map[start] <= PIXEL_THRESHOLD) continue;
		let x0 = width,
			y0 = height,
			x1 = 0,
			y1 = 0,
			sum = 0,
			count = 0;
		stack.push(start);
		seen[start] = 1;
		while (stack.length) {
			const p = stack.pop()!;
			const x = p % width;
			const y = (p - x) / width;
			sum += map[p];
			count++;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
			for (const q of [
				x > 0 ? p - 1 : -1,
				x < width - 1 ? p + 1 : -1,
				y > 0 ? p - width : -1,
				y < height - 1 ? p + width : -1,
			]) {
				if (q >= 0 && !seen[q] && map[q] > PIXEL_THRESHOLD) {
					seen[q] = 1;
					stack.push(q);
				}
			}
		}
		const score = sum / count;
		if (score >= BOX_THRESHOLD && x1 - x0 >= 2 && y1 - y0 >= 2) out.push({ x0, y0, x1, y1, score });
	}
	return out.sort((a, b) =>
		Math.abs(a.y0 - b.y0) > (a.y1 - a.y0) / 2 ? a.y0 - b.y0 : a.x0 - b.x0,
	);
}

/** Packed RGB images and the two pixel operations OCR needs: crop and bilinear resize. */
import type { RgbImage } from './nsfwClassifier';

export type { RgbImage };

export function crop(image: RgbImage, x0: number, y0: number, x1: number, y1: number): RgbImage {
	const left = Math.max(0, Math.floor(x0));
	const top = Math.max(0, Math.floor(y0));
	const width = Math.max(1, Math.min(image.width, Math.ceil(x1)) - left);
	const height = Math.max(1, Math.min(image.height, Math.ceil(y1)) - top);
	const data = new Uint8Array(width * height * 3);
	for (let y = 0; y < height; y++) {
		const from = ((top + y) * image.width + left) * 3;
		data.set(image.data.subarray(from, from + width * 3), y * width * 3);
	}
	return { width, height, data };
}

export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
	const data = new Uint8Array(width * height * 3);
	const sx = image.width / width;
	const sy = image.height / height;
	for (let y = 0; y < height; y++) {
		const fy = Math.max(0, (y + 0.5) * sy - 0.5);
		const y0 = Math.min(image.height - 1, Math.floor(fy));
		const y1 = Math.min(image.height - 1, y0 + 1);
		const wy = fy - y0;
		for (let x = 0; x < width; x++) {
			const fx = Math.max(0, (x + 0.5) * sx - 0.5);
			const x0 = Math.min(image.width - 1, Math.floor(fx));
			const x1 = Math.min(image.width - 1, x0 + 1);
			const wx = fx - x0;
			for (let c = 0; c < 3; c++) {
				const a = image.data[(y0 * image.width + x0) * 3 + c];
				const b = image.data[(y0 * image.width + x1) * 3 + c];
				const d = image.data[(y1 * image.width + x0) * 3 + c];
				const e = image.data[(y1 * image.width + x1) * 3 + c];
				data[(y * width + x) * 3 + c] = Math.round(
					(a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy,
				);
			}
		}
	}
	return { width, height, data };
}

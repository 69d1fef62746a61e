/**
 * Packed RGB images and the pixel operations OCR needs: crop, bilinear resize, and the resize
 * straight into a model's planar float input.
 */
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

/**
 * `resizeBilinear` and the model's input fill in one pass: plane `c` of the result holds source
 * channel `2 - c` (the OCR models take BGR), each resized 8-bit value `v` written as
 * `planeValues[c][v]`. The same arithmetic as `resizeBilinear` (the same rounded values), without
 * the intermediate image and with each column's taps and weights worked out once, not per pixel.
 */
export function resizeBilinearToBgrPlanes(
	image: RgbImage,
	width: number,
	height: number,
	planeValues: readonly [Float32Array, Float32Array, Float32Array],
): Float32Array {
	const plane = width * height;
	const out = new Float32Array(plane * 3);
	const src = image.data;
	const stride = image.width * 3;
	const sx = image.width / width;
	const sy = image.height / height;
	const left = new Int32Array(width);
	const right = new Int32Array(width);
	const weight = new Float64Array(width);
	for (let x = 0; x < width; x++) {
		const fx = Math.max(0, (x + 0.5) * sx - 0.5);
		const x0 = Math.min(image.width - 1, Math.floor(fx));
		left[x] = x0 * 3;
		right[x] = Math.min(image.width - 1, x0 + 1) * 3;
		weight[x] = fx - x0;
	}
	const [blue, green, red] = planeValues;
	for (let y = 0; y < height; y++) {
		const fy = Math.max(0, (y + 0.5) * sy - 0.5);
		const y0 = Math.min(image.height - 1, Math.floor(fy));
		const top = y0 * stride;
		const bottom = Math.min(image.height - 1, y0 + 1) * stride;
		const wy = fy - y0;
		const row = y * width;
		for (let x = 0; x < width; x++) {
			const wx = weight[x];
			const a = top + left[x];
			const b = top + right[x];
			const d = bottom + left[x];
			const e = bottom + right[x];
			// Channel by channel, written out: the same expression as resizeBilinear's, so the same values.
			out[row + x] =
				blue[
					Math.round(
						(src[a + 2] * (1 - wx) + src[b + 2] * wx) * (1 - wy) +
							(src[d + 2] * (1 - wx) + src[e + 2] * wx) * wy,
					)
				];
			out[plane + row + x] =
				green[
					Math.round(
						(src[a + 1] * (1 - wx) + src[b + 1] * wx) * (1 - wy) +
							(src[d + 1] * (1 - wx) + src[e + 1] * wx) * wy,
					)
				];
			out[2 * plane + row + x] =
				red[
					Math.round(
						(src[a] * (1 - wx) + src[b] * wx) * (1 - wy) + (src[d] * (1 - wx) + src[e] * wx) * wy,
					)
				];
		}
	}
	return out;
}

/** For `resizeBilinearToBgrPlanes`: per plane, what each 8-bit value becomes. */
export function planeValueTables(
	value: (byte: number, plane: number) => number,
): [Float32Array, Float32Array, Float32Array] {
	const table = (plane: number) =>
		Float32Array.from({ length: 256 }, (_, byte) => value(byte, plane));
	return [table(0), table(1), table(2)];
}

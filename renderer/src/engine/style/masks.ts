/**
 * The spatial inputs of the style graph, computed identically for the ONNX path and the ffmpeg
 * path: the vignette (cos⁴ fall-off with the distance from the centre, 8-bit quantised because
 * ffmpeg multiplies by it as an 8-bit image) and the grain (seeded uniform noise).
 */
import { seededRandom } from '../scene/random';

export function vignetteMask(width: number, height: number, angle: number): Uint8Array {
	const mask = new Uint8Array(width * height).fill(255);
	if (!angle) return mask;
	const cx = width / 2;
	const cy = height / 2;
	const dmax = Math.hypot(cx, cy);
	// The mask is symmetric about both centre lines (x + 0.5 − cx is exactly the negation of its
	// mirror's, a half-integer), so one quarter is computed and mirrored: a quarter of the cosines.
	const halfWidth = Math.ceil(width / 2);
	for (let y = 0; y < Math.ceil(height / 2); y++) {
		const top = y * width;
		const bottom = (height - 1 - y) * width;
		for (let x = 0; x < halfWidth; x++) {
			const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / dmax;
			const c = Math.cos(angle * Math.min(1, d));
			const value = Math.round(c * c * c * c * 255);
			const mirrored = width - 1 - x;
			mask[top + x] = value;
			mask[top + mirrored] = value;
			mask[bottom + x] = value;
			mask[bottom + mirrored] = value;
		}
	}
	return mask;
}

/** Uniform noise in ±levels/2 (8-bit levels) scaled to 0..1 units, planar [3, H, W]. */
export function grainField(
	width: number,
	height: number,
	levels: number,
	seed: number,
	frame: number,
): Float32Array {
	const field = new Float32Array(3 * width * height);
	if (!levels) return field;
	const random = seededRandom(seed, 5000 + frame);
	for (let i = 0; i < field.length; i++) field[i] = (random.next() - 0.5) * (levels / 255);
	return field;
}

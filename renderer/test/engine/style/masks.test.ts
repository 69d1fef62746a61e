import { vignetteMask } from '../../../src/engine/style/masks';

/** The vignette's definition, pixel by pixel: cos⁴ of the angle times the distance from the centre. */
function vignetteByDefinition(width: number, height: number, angle: number): Uint8Array {
	const mask = new Uint8Array(width * height);
	const dmax = Math.hypot(width / 2, height / 2);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const d = Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2) / dmax;
			mask[y * width + x] = Math.round(Math.cos(angle * Math.min(1, d)) ** 4 * 255);
		}
	return mask;
}

test('the vignette mask, computed a quarter at a time, is its definition at every pixel', () => {
	for (const [width, height] of [
		[1, 1],
		[2, 3],
		[7, 5],
		[36, 64],
		[121, 90],
	])
		for (const angle of [Math.PI / 8, Math.PI / 3.5, 1.2]) {
			const mask = vignetteMask(width, height, angle);
			expect(
				Buffer.from(mask).equals(Buffer.from(vignetteByDefinition(width, height, angle))),
			).toBe(true);
		}
	expect(vignetteMask(4, 2, 0).every((v) => v === 255)).toBe(true);
});

import { createCanvas } from '@napi-rs/canvas';
import { inkedContext, type Ink } from '../../../src/engine/scene/ink';

const pixel = (data: Uint8ClampedArray, width: number, x: number, y: number) =>
	Array.from(data.slice(4 * (y * width + x), 4 * (y * width + x) + 4));

/** A deliberately non-linear ink: squares each channel (0..1), as a contrast curve would bend it. */
const square: Ink = (colour) => {
	const m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(
		colour,
	);
	const hex = /^#([0-9a-f]{6})$/i.exec(colour);
	const rgb = hex
		? [0, 8, 16].map((s) => (parseInt(hex[1], 16) >> (16 - s)) & 255)
		: m
			? [m[1], m[2], m[3]].map(Number)
			: undefined;
	if (!rgb) return colour;
	const [r, g, b] = rgb.map((v) => Math.round(255 * (v / 255) ** 2));
	return `rgba(${r},${g},${b},${m?.[4] ?? 1})`;
};

describe('inkedContext', () => {
	it('inks every colour that is set: fill, stroke and shadow', () => {
		const canvas = createCanvas(40, 20);
		const ctx = inkedContext(canvas.getContext('2d'), (c) => (c === '#00ff00' ? '#ff0000' : c));
		ctx.fillStyle = '#00ff00';
		ctx.fillRect(0, 0, 20, 20);
		ctx.strokeStyle = '#00ff00';
		ctx.lineWidth = 4;
		ctx.beginPath();
		ctx.moveTo(30, 0);
		ctx.lineTo(30, 20);
		ctx.stroke();
		const data = canvas.getContext('2d').getImageData(0, 0, 40, 20).data;
		expect(pixel(data, 40, 10, 10)).toEqual([255, 0, 0, 255]);
		expect(pixel(data, 40, 30, 10)).toEqual([255, 0, 0, 255]);
		expect(ctx.fillStyle).toBe('#ff0000');
	});

	it('inks gradient stops, with graded stops in between so a curved grade stays faithful along the ramp', () => {
		const width = 256;
		const canvas = createCanvas(width, 4);
		const ctx = inkedContext(canvas.getContext('2d'), square);
		const ramp = ctx.createLinearGradient(0, 0, width, 0);
		ramp.addColorStop(0, '#000000');
		ramp.addColorStop(1, '#ffffff');
		ctx.fillStyle = ramp;
		ctx.fillRect(0, 0, width, 4);
		const data = canvas.getContext('2d').getImageData(0, 0, width, 4).data;
		for (const x of [32, 64, 128, 192]) {
			// Grading every pixel gives 255 * (x / 256)²; inking only the two ends would give x.
			const exact = 255 * ((x + 0.5) / width) ** 2;
			expect(Math.abs(pixel(data, width, x, 2)[0] - exact)).toBeLessThan(4);
		}
	});
});

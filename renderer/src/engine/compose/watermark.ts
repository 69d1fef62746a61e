/**
 * The visible moving watermark. Its path: it starts in the top-left corner and travels clockwise
 * round the corners (top-left → top-right → bottom-right → bottom-left → …). Each leg lasts a
 * quarter of the clip, clamped to 1.5–6 s; it rests in a corner for 70 % of a leg and glides to
 * the next for the other 30 %, with a slight continuous drift so it never sits perfectly still.
 * The text is rendered once; each frame only places it.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ease } from '../scene/camera';

const CORNERS: [number, number][] = [
	[0, 0],
	[1, 0],
	[1, 1],
	[0, 1],
];

export interface WatermarkBox {
	x: number;
	y: number;
	width: number;
	height: number;
}

export class Watermark {
	private readonly image: Canvas;
	private readonly leg: number;
	private readonly pad: number;

	constructor(
		text: string,
		private readonly width: number,
		private readonly height: number,
		durationSeconds: number,
	) {
		const size = Math.max(10, Math.round(Math.min(width, height) * 0.032));
		const probe = createCanvas(1, 1).getContext('2d');
		probe.font = `bold ${size}px "DejaVu Sans"`;
		const textWidth = Math.ceil(probe.measureText(text).width);
		this.image = createCanvas(textWidth + size, Math.ceil(size * 1.6));
		const ctx = this.image.getContext('2d');
		ctx.font = probe.font;
		ctx.textBaseline = 'middle';
		ctx.fillStyle = 'rgba(0,0,0,0.35)';
		ctx.fillText(text, size / 2 + 1, this.image.height / 2 + 1);
		ctx.fillStyle = 'rgba(255,255,255,0.7)';
		ctx.fillText(text, size / 2, this.image.height / 2);
		this.leg = Math.max(1.5, Math.min(6, durationSeconds / 4));
		this.pad = Math.round(Math.min(width, height) * 0.04);
	}

	/** Where the watermark is at a time, in frame pixels. */
	boxAt(seconds: number): WatermarkBox {
		const legIndex = Math.floor(seconds / this.leg);
		const within = seconds / this.leg - legIndex;
		const from = CORNERS[legIndex % 4];
		const to = CORNERS[(legIndex + 1) % 4];
		const u = within < 0.7 ? 0 : ease('ease-in-out', (within - 0.7) / 0.3);
		const spanX = this.width - this.image.width - 2 * this.pad;
		const spanY = this.height - this.image.height - 2 * this.pad;
		const drift = Math.min(this.width, this.height) * 0.01;
		const x =
			this.pad + (from[0] + (to[0] - from[0]) * u) * spanX + drift * Math.sin(seconds * 0.9);
		const y =
			this.pad + (from[1] + (to[1] - from[1]) * u) * spanY + drift * Math.cos(seconds * 0.7);
		return {
			x: Math.round(x),
			y: Math.round(y),
			width: this.image.width,
			height: this.image.height,
		};
	}

	draw(ctx: SKRSContext2D, seconds: number): void {
		const box = this.boxAt(seconds);
		ctx.drawImage(this.image, box.x, box.y);
	}
}

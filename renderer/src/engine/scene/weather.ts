/**
 * Weather particles drawn over the scene each frame. Every particle's position is a pure function
 * of its seeded start and the time, so any frame can be drawn on its own and gives the same image.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Weather } from '../storyboard';
import { plainInk, type Ink } from './ink';
import { seededRandom } from './random';

interface Particle {
	x: number;
	y: number;
	speed: number;
	size: number;
	phase: number;
}

export class WeatherLayer {
	private readonly particles: Particle[];

	constructor(
		private readonly weather: Weather,
		private readonly width: number,
		private readonly height: number,
		seed: number,
	) {
		const random = seededRandom(seed, 101);
		const count = weather === 'rain' ? 220 : weather === 'snow' ? 160 : weather === 'fog' ? 7 : 0;
		this.particles = Array.from({ length: count }, () => ({
			x: random.next(),
			y: random.next(),
			speed: random.range(0.7, 1.3),
			size: random.range(0.6, 1.4),
			phase: random.range(0, Math.PI * 2),
		}));
	}

	draw(ctx: SKRSContext2D, seconds: number, ink: Ink = plainInk): void {
		const { width: w, height: h } = this;
		if (this.weather === 'rain') {
			ctx.strokeStyle = ink('rgba(200,215,235,0.55)');
			ctx.lineWidth = Math.max(1, h * 0.0015);
			ctx.beginPath();
			for (const p of this.particles) {
				const y = ((p.y + seconds * 1.6 * p.speed) % 1) * h * 1.1 - h * 0.05;
				const x = ((p.x + seconds * 0.12) % 1) * w;
				const len = h * 0.035 * p.size;
				ctx.moveTo(x, y);
				ctx.lineTo(x - len * 0.15, y + len);
			}
			ctx.stroke();
		} else if (this.weather === 'snow') {
			ctx.fillStyle = ink('rgba(255,255,255,0.9)');
			for (const p of this.particles) {
				const y = ((p.y + seconds * 0.12 * p.speed) % 1) * h;
				const x = ((p.x + Math.sin(seconds * 1.3 + p.phase) * 0.015 + 1) % 1) * w;
				const r = h * 0.0035 * p.size;
				ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
			}
		} else if (this.weather === 'fog') {
			ctx.fillStyle = ink('rgba(225,228,235,0.28)');
			ctx.fillRect(0, 0, w, h);
			// Slow drifting banks, drawn as soft ellipses.
			for (const p of this.particles) {
				const x = ((p.x + seconds * 0.06 * p.speed) % 1.4) * w - 0.2 * w;
				const y = (0.35 + p.y * 0.5) * h;
				ctx.fillStyle = ink('rgba(235,238,242,0.22)');
				ctx.beginPath();
				ctx.ellipse(x, y, w * 0.45 * p.size, h * 0.05, 0, 0, Math.PI * 2);
				ctx.fill();
			}
		}
	}
}

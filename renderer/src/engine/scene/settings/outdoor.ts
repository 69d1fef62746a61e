/** Outdoor settings: beach and ocean, forest, mountains. */
import { mix, shade } from '../colour';
import {
	bottom,
	left,
	paintGroundGradient,
	paintRidge,
	paintSky,
	right,
	spanX,
	type SettingPainter,
} from './painter';

export const beach: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		const sea = ctx.createLinearGradient(0, g.horizonY, 0, g.groundY);
		sea.addColorStop(0, mix('#1f6fa8', light.skyBottom, 0.3));
		sea.addColorStop(1, '#3fb3c9');
		ctx.fillStyle = sea;
		ctx.fillRect(left(g), g.horizonY, spanX(g), g.groundY - g.horizonY);
	},
	mid(ctx, g, _light, random) {
		// Distant palms on a spit of land at the left.
		for (let i = 0; i < 3; i++) {
			const x = left(g) + g.width * 0.08 * (i + 1) + random.range(0, 20);
			const h = g.height * random.range(0.14, 0.2);
			ctx.strokeStyle = '#3b2a1a';
			ctx.lineWidth = g.height * 0.008;
			ctx.beginPath();
			ctx.moveTo(x, g.horizonY + 4);
			ctx.quadraticCurveTo(x + h * 0.2, g.horizonY - h * 0.5, x + h * 0.1, g.horizonY - h);
			ctx.stroke();
			ctx.fillStyle = '#1f5f2a';
			for (let k = 0; k < 5; k++) {
				ctx.beginPath();
				ctx.ellipse(
					x + h * 0.1 + Math.cos(k * 1.3) * h * 0.18,
					g.horizonY - h + Math.sin(k * 1.3) * h * 0.05,
					h * 0.2,
					h * 0.04,
					k * 1.3,
					0,
					Math.PI * 2,
				);
				ctx.fill();
			}
		}
	},
	ground(ctx, g) {
		const sandTop = g.groundY - g.height * 0.06;
		const sand = ctx.createLinearGradient(0, sandTop, 0, bottom(g));
		sand.addColorStop(0, '#c9b27c');
		sand.addColorStop(1, '#f0dca8');
		ctx.fillStyle = sand;
		ctx.fillRect(left(g), sandTop, spanX(g), bottom(g) - sandTop);
	},
	animate(ctx, g, _light, seconds, ink) {
		// Foam where the waves reach the sand, washing in and out.
		const sandTop = g.groundY - g.height * 0.06;
		ctx.fillStyle = ink('rgba(255,255,255,0.75)');
		ctx.beginPath();
		ctx.moveTo(left(g), sandTop);
		for (let x = left(g); x <= right(g); x += g.width / 16)
			ctx.lineTo(
				x,
				sandTop + g.height * (0.012 + 0.01 * Math.sin(x / (g.width * 0.12) + seconds * 1.7)),
			);
		ctx.lineTo(right(g), sandTop - g.height * 0.006);
		ctx.lineTo(left(g), sandTop - g.height * 0.006);
		ctx.fill();
	},
};

export const forest: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		paintRidge(
			ctx,
			g,
			random,
			g.horizonY,
			g.height * 0.06,
			g.width / 10,
			mix('#4a7a6a', light.skyBottom, 0.45),
		);
	},
	mid(ctx, g, light, random) {
		for (let i = 0; i < 22; i++) {
			const x = random.range(left(g), right(g));
			const h = g.height * random.range(0.18, 0.32);
			const base = g.horizonY + g.height * random.range(0.01, 0.08);
			ctx.fillStyle = mix('#1f4d2b', light.skyBottom, 0.15 + random.range(0, 0.15));
			for (let tier = 0; tier < 3; tier++) {
				const w = h * (0.34 - tier * 0.07);
				const y0 = base - h * (0.25 + tier * 0.25);
				ctx.beginPath();
				ctx.moveTo(x - w, y0 + h * 0.3);
				ctx.lineTo(x, y0 - h * 0.2);
				ctx.lineTo(x + w, y0 + h * 0.3);
				ctx.fill();
			}
			ctx.fillStyle = '#3b2a1f';
			ctx.fillRect(x - h * 0.02, base - h * 0.1, h * 0.04, h * 0.1);
		}
	},
	ground(ctx, g, _light, random) {
		paintGroundGradient(ctx, g, '#2f6b2a', '#4d8a3c');
		ctx.fillStyle = '#8a6f4d';
		ctx.beginPath();
		ctx.moveTo(g.width * 0.45, g.horizonY + g.height * 0.05);
		ctx.lineTo(g.width * 0.55, g.horizonY + g.height * 0.05);
		ctx.lineTo(g.width * 0.95, bottom(g));
		ctx.lineTo(g.width * 0.05, bottom(g));
		ctx.fill();
		ctx.fillStyle = '#24521f';
		for (let i = 0; i < 160; i++) {
			const x = random.range(left(g), right(g));
			const y = random.range(g.horizonY + g.height * 0.05, bottom(g));
			ctx.fillRect(x, y, g.height * 0.003, -g.height * random.range(0.006, 0.016));
		}
	},
};

export const mountains: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		const step = g.width / 3;
		ctx.fillStyle = mix('#6b7c99', light.skyBottom, 0.35);
		ctx.beginPath();
		ctx.moveTo(left(g), g.horizonY + 2);
		const peaks: [number, number][] = [];
		for (let x = left(g); x <= right(g) + step; x += step) {
			const px = x + step / 2 + random.range(-step * 0.2, step * 0.2);
			const py = g.horizonY - g.height * random.range(0.15, 0.28);
			peaks.push([px, py]);
			ctx.lineTo(px, py);
			ctx.lineTo(x + step, g.horizonY - g.height * random.range(0.03, 0.08));
		}
		ctx.lineTo(right(g) + step, g.horizonY + 2);
		ctx.fill();
		ctx.fillStyle = mix('#ffffff', light.skyBottom, 0.2);
		for (const [px, py] of peaks) {
			const s = g.height * 0.05;
			ctx.beginPath();
			ctx.moveTo(px, py);
			ctx.lineTo(px - s * 0.8, py + s);
			ctx.lineTo(px - s * 0.2, py + s * 0.8);
			ctx.lineTo(px + s * 0.3, py + s * 1.05);
			ctx.lineTo(px + s * 0.8, py + s);
			ctx.fill();
		}
	},
	mid(ctx, g, light, random) {
		paintRidge(
			ctx,
			g,
			random,
			g.horizonY + g.height * 0.04,
			g.height * 0.08,
			g.width / 7,
			mix('#36485e', light.skyBottom, 0.15),
		);
	},
	ground(ctx, g, _light, random) {
		paintGroundGradient(ctx, g, '#5d7a3a', '#7a8f58');
		ctx.fillStyle = shade('#8a8a80', -0.2);
		for (let i = 0; i < 14; i++) {
			const x = random.range(left(g), right(g));
			const y = random.range(g.horizonY + g.height * 0.1, bottom(g));
			const r = g.height * random.range(0.006, 0.02);
			ctx.beginPath();
			ctx.ellipse(x, y, r * 1.6, r, 0, Math.PI, 0);
			ctx.fill();
		}
	},
};

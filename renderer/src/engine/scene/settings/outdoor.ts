/** Outdoor settings: beach and ocean, forest, mountains. */
import { mix, shade } from '../colour';
import {
	bottom,
	left,
	paintGroundGradient,
	paintRidge,
	fillGradientBand,
	paintSky,
	paintSkyAndHills,
	paintSnowGround,
	right,
	spanX,
	type HorizonHills,
	type SettingPainter,
} from './painter';

export const beach: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		fillGradientBand(
			ctx,
			g,
			g.horizonY,
			g.groundY,
			mix('#1f6fa8', light.skyBottom, 0.3),
			'#3fb3c9',
		);
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
		fillGradientBand(ctx, g, sandTop, bottom(g), '#c9b27c', '#f0dca8');
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

const FOREST_HILLS: HorizonHills = {
	height: 0.06,
	peaksPerWidth: 10,
	colour: '#4a7a6a',
	haze: 0.45,
};

export const forest: SettingPainter = {
	far(ctx, g, light, random) {
		paintSkyAndHills(ctx, g, light, random, FOREST_HILLS);
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
				if (g.snow) {
					ctx.save();
					ctx.fillStyle = '#f4f8fc';
					ctx.beginPath();
					ctx.moveTo(x - w * 0.45, y0 + h * 0.03);
					ctx.lineTo(x, y0 - h * 0.2);
					ctx.lineTo(x + w * 0.45, y0 + h * 0.03);
					ctx.fill();
					ctx.restore();
				}
			}
			ctx.fillStyle = '#3b2a1f';
			ctx.fillRect(x - h * 0.02, base - h * 0.1, h * 0.04, h * 0.1);
		}
	},
	ground(ctx, g, _light, random) {
		if (g.snow) {
			paintSnowGround(ctx, g, g.horizonY, random);
			return;
		}
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
		if (g.snow) {
			paintSnowGround(ctx, g, g.horizonY, random);
			return;
		}
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

/** A back yard: a house, trees behind it, a picket fence and a lawn (or snow). */
export const yard: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		// Trees behind the house.
		for (let i = 0; i < 9; i++) {
			const x = random.range(left(g), right(g));
			const r = g.height * random.range(0.05, 0.09);
			ctx.fillStyle = mix('#2f5d34', light.skyBottom, 0.3);
			ctx.beginPath();
			ctx.arc(x, g.horizonY - g.height * 0.12, r, 0, Math.PI * 2);
			ctx.fill();
			if (g.snow) {
				ctx.fillStyle = '#eef3f8';
				ctx.beginPath();
				ctx.arc(x, g.horizonY - g.height * 0.12 - r * 0.25, r * 0.8, Math.PI * 1.1, Math.PI * 1.9);
				ctx.fill();
			}
		}
		// The house: siding, a roof, a lit window and a door.
		const hx = g.width * 0.12;
		const hw = g.width * 0.62;
		const wallTop = g.horizonY - g.height * 0.16;
		ctx.fillStyle = '#c9b79a';
		ctx.fillRect(hx, wallTop, hw, g.horizonY - wallTop + g.height * 0.02);
		ctx.strokeStyle = 'rgba(90,70,50,0.25)';
		ctx.lineWidth = Math.max(1, g.height * 0.0015);
		for (let y = wallTop + g.height * 0.012; y < g.horizonY; y += g.height * 0.012) {
			ctx.beginPath();
			ctx.moveTo(hx, y);
			ctx.lineTo(hx + hw, y);
			ctx.stroke();
		}
		ctx.fillStyle = '#7a3b2e';
		ctx.beginPath();
		ctx.moveTo(hx - g.width * 0.04, wallTop);
		ctx.lineTo(hx + hw / 2, wallTop - g.height * 0.1);
		ctx.lineTo(hx + hw + g.width * 0.04, wallTop);
		ctx.fill();
		if (g.snow) {
			ctx.fillStyle = '#f6f9fc';
			ctx.beginPath();
			ctx.moveTo(hx - g.width * 0.045, wallTop + g.height * 0.002);
			ctx.lineTo(hx + hw / 2, wallTop - g.height * 0.104);
			ctx.lineTo(hx + hw + g.width * 0.045, wallTop + g.height * 0.002);
			ctx.lineTo(hx + hw / 2, wallTop - g.height * 0.085);
			ctx.fill();
		}
		ctx.fillStyle = light.night ? '#ffd98a' : '#cfe6f5';
		ctx.fillRect(hx + hw * 0.12, wallTop + g.height * 0.04, hw * 0.22, g.height * 0.055);
		ctx.fillRect(hx + hw * 0.62, wallTop + g.height * 0.04, hw * 0.22, g.height * 0.055);
		ctx.fillStyle = '#5a3b28';
		ctx.fillRect(
			hx + hw * 0.42,
			wallTop + g.height * 0.07,
			hw * 0.12,
			g.horizonY - wallTop - g.height * 0.05,
		);
	},
	mid(ctx, g) {
		// A white picket fence across the yard.
		const base = g.horizonY + g.height * 0.03;
		const h = g.height * 0.05;
		ctx.fillStyle = '#f2efe8';
		ctx.fillRect(left(g), base - h * 0.75, spanX(g), h * 0.08);
		ctx.fillRect(left(g), base - h * 0.35, spanX(g), h * 0.08);
		for (let x = left(g); x < right(g); x += g.width * 0.035) {
			ctx.beginPath();
			ctx.moveTo(x, base);
			ctx.lineTo(x, base - h);
			ctx.lineTo(x + g.width * 0.01, base - h * 1.15);
			ctx.lineTo(x + g.width * 0.02, base - h);
			ctx.lineTo(x + g.width * 0.02, base);
			ctx.fill();
		}
		if (g.snow) {
			ctx.fillStyle = '#ffffff';
			ctx.fillRect(left(g), base - h * 0.79, spanX(g), h * 0.05);
		}
	},
	ground(ctx, g, _light, random) {
		const lawnTop = g.horizonY + g.height * 0.03;
		if (g.snow) {
			paintSnowGround(ctx, g, lawnTop, random);
			return;
		}
		fillGradientBand(ctx, g, lawnTop, bottom(g), '#6a9a3e', '#4a7f2a');
		ctx.fillStyle = '#3f6f24';
		for (let i = 0; i < 160; i++)
			ctx.fillRect(
				random.range(left(g), right(g)),
				random.range(lawnTop, bottom(g)),
				g.height * 0.003,
				-g.height * random.range(0.005, 0.013),
			);
	},
};

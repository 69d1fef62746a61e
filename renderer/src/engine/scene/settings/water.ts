/**
 * Settings at the water: a lake (far shore, tree line and their reflection), a swimming pool
 * (deck, tiles, lane ropes) and a river (banks and a current). Where people stand on a shore or
 * deck, it is painted in the foreground; with a floating set-piece the water fills it instead.
 */
import { mix, shade } from '../colour';
import {
	bottom,
	left,
	fillGradientBand,
	paintSky,
	paintSkyAndHills,
	right,
	spanX,
	strokeAcross,
	type HorizonHills,
	type SceneGeometry,
	type SettingPainter,
} from './painter';

/** Where the near water ends and the shore or deck begins (frame pixels). */
const shoreTop = (g: SceneGeometry) => g.groundY - g.height * 0.035;

function treeLine(
	ctx: Parameters<SettingPainter['far']>[0],
	g: SceneGeometry,
	baseY: number,
	colour: string,
	random: Parameters<SettingPainter['far']>[3],
	scale = 1,
): void {
	ctx.fillStyle = colour;
	for (let x = left(g); x < right(g); x += g.width * 0.018 * scale) {
		const h = g.height * random.range(0.02, 0.045) * scale;
		const w = h * 0.38;
		ctx.beginPath();
		ctx.moveTo(x - w, baseY + 1);
		ctx.lineTo(x, baseY - h);
		ctx.lineTo(x + w, baseY + 1);
		ctx.fill();
	}
}

/** Low hills across the lake, their foot a little above the water line. */
const LAKE_HILLS: HorizonHills = {
	height: 0.05,
	peaksPerWidth: 6,
	colour: '#5a7a8c',
	haze: 0.45,
	rise: 0.005,
};

export const lake: SettingPainter = {
	far(ctx, g, light, random) {
		paintSkyAndHills(ctx, g, light, random, LAKE_HILLS);
		treeLine(ctx, g, g.horizonY, mix('#1f4a34', light.skyBottom, 0.2), random);
		// The water, reflecting the sky: lighter far away, deeper near.
		const water = ctx.createLinearGradient(0, g.horizonY, 0, bottom(g));
		water.addColorStop(0, mix(light.skyBottom, '#6fa3b8', 0.45));
		water.addColorStop(0.35, mix(light.skyTop, '#2f6f8c', 0.55));
		water.addColorStop(1, '#1d4f6a');
		ctx.fillStyle = water;
		ctx.fillRect(left(g), g.horizonY, spanX(g), bottom(g) - g.horizonY);
		// The far shore mirrored, darker and broken by ripples.
		ctx.fillStyle = 'rgba(20,55,45,0.35)';
		for (let y = g.horizonY; y < g.horizonY + g.height * 0.04; y += g.height * 0.004) {
			const inset = random.range(0, g.width * 0.02);
			ctx.fillRect(left(g) + inset, y, spanX(g) - 2 * inset, g.height * 0.0025);
		}
		// Light glints on the surface.
		ctx.fillStyle = 'rgba(255,255,255,0.18)';
		for (let i = 0; i < 70; i++) {
			const y = random.range(g.horizonY + g.height * 0.03, bottom(g));
			const w = g.width * random.range(0.02, 0.08) * ((y - g.horizonY) / g.height + 0.3);
			ctx.fillRect(random.range(left(g), right(g)), y, w, Math.max(1, g.height * 0.0018));
		}
	},
	mid(ctx, g, _light, random) {
		// Reeds at the edges of the near water.
		ctx.strokeStyle = '#4f6b2a';
		ctx.lineWidth = Math.max(1, g.height * 0.003);
		for (const side of [left(g) + g.width * 0.08, right(g) - g.width * 0.12]) {
			for (let i = 0; i < 14; i++) {
				const x = side + random.range(-g.width * 0.06, g.width * 0.06);
				const base = g.groundY - g.height * 0.02;
				const h = g.height * random.range(0.05, 0.11);
				ctx.beginPath();
				ctx.moveTo(x, base);
				ctx.quadraticCurveTo(
					x + h * 0.1,
					base - h * 0.6,
					x + h * random.range(-0.15, 0.2),
					base - h,
				);
				ctx.stroke();
			}
		}
	},
	ground(ctx, g, _light, random) {
		if (g.openWater) return;
		// A grassy bank with a muddy edge, where people stand.
		const top = shoreTop(g);
		ctx.fillStyle = '#7a6a4a';
		ctx.fillRect(left(g), top, spanX(g), g.height * 0.012);
		fillGradientBand(ctx, g, top, bottom(g), '#5f8a3a', '#3f6a26', g.height * 0.01);
		ctx.fillStyle = '#335a1f';
		for (let i = 0; i < 140; i++)
			ctx.fillRect(
				random.range(left(g), right(g)),
				random.range(top + g.height * 0.012, bottom(g)),
				g.height * 0.003,
				-g.height * random.range(0.005, 0.014),
			);
	},
	animate(ctx, g, _light, seconds, ink) {
		// Ripple lines drifting across the open water.
		ctx.fillStyle = ink('rgba(235,245,255,0.22)');
		const top = g.horizonY + g.height * 0.05;
		const end = g.openWater ? g.height : shoreTop(g);
		for (let i = 0; i < 18; i++) {
			const y = top + (end - top) * ((i * 0.618) % 1);
			const depth = (y - g.horizonY) / g.height + 0.2;
			const x = ((i * 0.37 + seconds * 0.02 * depth) % 1.2) * g.width - 0.1 * g.width;
			ctx.fillRect(x, y, g.width * 0.12 * depth, Math.max(1, g.height * 0.0016));
		}
	},
};

export const pool: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		// A hedge and a white building behind the pool.
		ctx.fillStyle = '#f1ede4';
		ctx.fillRect(left(g), g.horizonY - g.height * 0.12, spanX(g), g.height * 0.12);
		ctx.fillStyle = '#9fc7de';
		for (let x = left(g) + g.width * 0.05; x < right(g); x += g.width * 0.16)
			ctx.fillRect(x, g.horizonY - g.height * 0.1, g.width * 0.08, g.height * 0.05);
		ctx.fillStyle = '#2f6b36';
		for (let x = left(g); x < right(g); x += g.width * 0.04) {
			ctx.beginPath();
			ctx.arc(x, g.horizonY - g.height * 0.02, g.width * random.range(0.03, 0.045), 0, Math.PI * 2);
			ctx.fill();
		}
		// The far deck.
		ctx.fillStyle = '#e6dcc8';
		ctx.fillRect(left(g), g.horizonY - g.height * 0.01, spanX(g), g.height * 0.04);
		// Water with the tile grid showing through.
		const waterTop = g.horizonY + g.height * 0.03;
		fillGradientBand(ctx, g, waterTop, bottom(g), '#6fd6e6', '#1fa3c4');
		ctx.strokeStyle = 'rgba(20,90,120,0.25)';
		ctx.lineWidth = 1;
		for (let y = waterTop; y < bottom(g); y += g.height * 0.02 * (1 + (y - waterTop) / g.height)) {
			strokeAcross(ctx, g, y);
		}
		// Lane ropes: dotted red and white floats.
		for (const k of [0.22, 0.5, 0.8]) {
			const y = waterTop + (g.groundY - waterTop) * k;
			const r = g.height * (0.003 + 0.004 * k);
			for (let x = left(g), i = 0; x < right(g); x += r * 2.4, i++) {
				ctx.fillStyle = i % 6 < 3 ? '#d7263d' : '#f7f7f7';
				ctx.beginPath();
				ctx.arc(x, y, r, 0, Math.PI * 2);
				ctx.fill();
			}
		}
	},
	mid() {
		// The pool has no middle distance.
	},
	ground(ctx, g) {
		if (g.openWater) return;
		// The near deck with its tiled edge.
		const top = shoreTop(g);
		ctx.fillStyle = '#1b7fa3';
		ctx.fillRect(left(g), top - g.height * 0.006, spanX(g), g.height * 0.006);
		ctx.fillStyle = '#f3efe6';
		ctx.fillRect(left(g), top, spanX(g), bottom(g) - top);
		ctx.strokeStyle = 'rgba(120,110,90,0.3)';
		ctx.lineWidth = 1;
		for (let x = left(g); x < right(g); x += g.width * 0.06) {
			ctx.beginPath();
			ctx.moveTo(x, top);
			ctx.lineTo(x, bottom(g));
			ctx.stroke();
		}
		// A ladder into the water.
		ctx.strokeStyle = '#c9ced6';
		ctx.lineWidth = g.height * 0.005;
		const lx = g.width * 0.82;
		for (const dx of [0, g.width * 0.06]) {
			ctx.beginPath();
			ctx.moveTo(lx + dx, top + g.height * 0.01);
			ctx.lineTo(lx + dx, top - g.height * 0.05);
			ctx.quadraticCurveTo(
				lx + dx,
				top - g.height * 0.07,
				lx + dx + g.width * 0.03,
				top - g.height * 0.07,
			);
			ctx.stroke();
		}
	},
	animate(ctx, g, _light, seconds, ink) {
		// Caustics: bright wavy lines shimmering on the pool floor.
		ctx.strokeStyle = ink('rgba(255,255,255,0.28)');
		ctx.lineWidth = Math.max(1, g.height * 0.0015);
		const top = g.horizonY + g.height * 0.06;
		const end = g.openWater ? g.height : shoreTop(g) - g.height * 0.01;
		ctx.beginPath();
		for (let i = 0; i < 12; i++) {
			const y = top + ((end - top) * (i + 0.5)) / 12;
			ctx.moveTo(0, y);
			for (let x = 0; x <= g.width; x += g.width / 10)
				ctx.lineTo(
					x,
					y + g.height * 0.004 * Math.sin(x / (g.width * 0.07) + seconds * 2.1 + i * 1.3),
				);
		}
		ctx.stroke();
	},
};

const RIVER_HILLS: HorizonHills = { height: 0.07, peaksPerWidth: 6, colour: '#55775f', haze: 0.4 };

export const river: SettingPainter = {
	far(ctx, g, light, random) {
		paintSkyAndHills(ctx, g, light, random, RIVER_HILLS);
		// The far bank.
		ctx.fillStyle = '#4f7a35';
		ctx.fillRect(left(g), g.horizonY - g.height * 0.005, spanX(g), g.height * 0.07);
		treeLine(ctx, g, g.horizonY + g.height * 0.01, '#24502c', random, 2.2);
	},
	mid(ctx, g) {
		// The river: a band of moving water between the banks.
		const top = g.horizonY + g.height * 0.06;
		const end = g.openWater ? bottom(g) : shoreTop(g);
		fillGradientBand(ctx, g, top, end, '#5d95a6', '#2d6377');
		ctx.fillStyle = shade('#4f7a35', -0.2);
		ctx.fillRect(left(g), top - g.height * 0.004, spanX(g), g.height * 0.006);
	},
	ground(ctx, g, _light, random) {
		if (g.openWater) return;
		const top = shoreTop(g);
		fillGradientBand(ctx, g, top, bottom(g), '#6d9240', '#46702a');
		ctx.fillStyle = '#8d8a80';
		for (let i = 0; i < 24; i++) {
			const r = g.height * random.range(0.004, 0.012);
			ctx.beginPath();
			ctx.ellipse(
				random.range(left(g), right(g)),
				top + g.height * random.range(0.0, 0.015),
				r * 1.5,
				r,
				0,
				Math.PI,
				0,
			);
			ctx.fill();
		}
	},
	animate(ctx, g, _light, seconds, ink) {
		// The current: streaks of foam carried downstream.
		ctx.fillStyle = ink('rgba(235,245,250,0.35)');
		const top = g.horizonY + g.height * 0.07;
		const end = g.openWater ? g.height : shoreTop(g) - g.height * 0.005;
		for (let i = 0; i < 26; i++) {
			const y = top + (end - top) * ((i * 0.618) % 1);
			const speed = 0.08 + 0.12 * ((y - top) / (end - top));
			const x = (((i * 0.29 + seconds * speed) % 1.3) - 0.15) * g.width;
			ctx.fillRect(
				x,
				y,
				g.width * (0.04 + 0.05 * ((i * 0.37) % 1)),
				Math.max(1, g.height * 0.0018),
			);
		}
	},
};

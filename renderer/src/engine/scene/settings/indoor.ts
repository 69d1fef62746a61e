/** Interior settings: basketball gym, photo studio, living room. */
import { mix, shade } from '../colour';
import {
	bottom,
	fillGradientBand,
	paintArenaStands,
	type ArenaStands,
	left,
	paintSky,
	right,
	spanX,
	strokeAcross,
	top,
	type SettingPainter,
} from './painter';

/** A school gym's bleachers: warm wood and a light crowd. */
const GYM_BLEACHERS: ArenaStands = {
	wall: '#5a4a3c',
	rows: { count: 6, height: 0.03, colours: ['#6d5b48', '#7a6652'] },
	seats: { spacing: 0.018, taken: 0.6, headRadius: 0.006 },
	shirts: ['#c0392b', '#2980b9', '#f1c40f', '#ecf0f1', '#27ae60'],
};

/** A competition arena's stands: dark, steep and fuller. */
const ARENA_STANDS: ArenaStands = {
	wall: '#1d2233',
	rows: { count: 8, height: 0.028, colours: ['#2a3147', '#2f3750'] },
	seats: { spacing: 0.016, taken: 0.7, headRadius: 0.005 },
	shirts: ['#d64545', '#f0f0f0', '#3d7bd9', '#e3c04a', '#8a5ad8'],
};

export const gym: SettingPainter = {
	far(ctx, g, _light, random) {
		// Bleachers, with a crowd of dots.
		paintArenaStands(ctx, g, random, GYM_BLEACHERS);
		ctx.fillStyle = '#fff8dc';
		for (let x = left(g) + g.width * 0.1; x < right(g); x += g.width * 0.3)
			ctx.fillRect(x, top(g) + g.height * 0.05, g.width * 0.12, g.height * 0.012);
	},
	mid(ctx, g) {
		ctx.fillStyle = '#1f3f8f';
		ctx.fillRect(left(g), g.horizonY, spanX(g), g.height * 0.05);
	},
	ground(ctx, g) {
		const floorTop = g.horizonY + g.height * 0.05;
		fillGradientBand(ctx, g, floorTop, bottom(g), '#b5824d', '#d9a66a');
		ctx.strokeStyle = 'rgba(90,50,20,0.25)';
		ctx.lineWidth = 1;
		for (let y = floorTop; y < bottom(g); y += g.height * 0.012) {
			strokeAcross(ctx, g, y);
		}
		ctx.strokeStyle = '#ffffff';
		ctx.lineWidth = g.height * 0.004;
		strokeAcross(ctx, g, g.groundY + g.height * 0.05);
		// Ceiling lights reflected in the varnish.
		ctx.fillStyle = 'rgba(255,248,220,0.18)';
		for (let x = left(g) + g.width * 0.1; x < right(g); x += g.width * 0.3)
			ctx.fillRect(x, floorTop + g.height * 0.04, g.width * 0.12, g.height * 0.05);
	},
};

export const studio: SettingPainter = {
	far(ctx, g) {
		const wall = ctx.createRadialGradient(
			g.width / 2,
			g.horizonY * 0.8,
			g.height * 0.05,
			g.width / 2,
			g.horizonY,
			g.height * 0.8,
		);
		wall.addColorStop(0, '#e9e4f2');
		wall.addColorStop(1, '#6d6a86');
		ctx.fillStyle = wall;
		ctx.fillRect(left(g), top(g), spanX(g), bottom(g) - top(g));
	},
	mid(ctx, g) {
		// Two softboxes on stands at the sides.
		for (const x of [g.width * 0.06, g.width * 0.94]) {
			ctx.strokeStyle = '#222';
			ctx.lineWidth = g.height * 0.004;
			ctx.beginPath();
			ctx.moveTo(x, g.groundY - g.height * 0.05);
			ctx.lineTo(x, g.horizonY - g.height * 0.2);
			ctx.stroke();
			ctx.fillStyle = '#fdfdf5';
			ctx.fillRect(x - g.width * 0.07, g.horizonY - g.height * 0.3, g.width * 0.14, g.height * 0.1);
			ctx.strokeRect(
				x - g.width * 0.07,
				g.horizonY - g.height * 0.3,
				g.width * 0.14,
				g.height * 0.1,
			);
		}
	},
	ground(ctx, g) {
		fillGradientBand(ctx, g, g.horizonY, bottom(g), '#8d8aa3', '#c8c4d8', g.height * 0.08);
	},
};

export const room: SettingPainter = {
	far(ctx, g, light, random) {
		// The window shows the real sky, so time of day and weather read indoors too.
		const wx = g.width * 0.55;
		const wy = g.horizonY - g.height * 0.38;
		const ww = g.width * 0.34;
		const wh = g.height * 0.22;
		ctx.save();
		ctx.beginPath();
		ctx.rect(wx, wy, ww, wh);
		ctx.clip();
		paintSky(ctx, { ...g, horizonY: wy + wh }, light, random);
		ctx.restore();
		ctx.fillStyle = '#e8d9c0';
		ctx.beginPath();
		ctx.rect(left(g), top(g), spanX(g), g.horizonY + g.height * 0.1 - top(g));
		ctx.rect(wx + ww, wy, -ww, wh);
		ctx.fill('evenodd');
		ctx.fillStyle = 'rgba(160,120,90,0.15)';
		for (let x = left(g); x < right(g); x += g.width * 0.06)
			ctx.fillRect(x, top(g), g.width * 0.025, g.horizonY + g.height * 0.1 - top(g));
		ctx.strokeStyle = '#f7f3ea';
		ctx.lineWidth = g.height * 0.008;
		ctx.strokeRect(wx, wy, ww, wh);
		ctx.beginPath();
		ctx.moveTo(wx + ww / 2, wy);
		ctx.lineTo(wx + ww / 2, wy + wh);
		ctx.stroke();
		// A framed picture and a shelf.
		ctx.fillStyle = '#6b4f33';
		ctx.fillRect(g.width * 0.1, wy + g.height * 0.03, g.width * 0.22, g.height * 0.12);
		ctx.fillStyle = mix('#4e8fbf', '#f0c674', random.next());
		ctx.fillRect(g.width * 0.115, wy + g.height * 0.038, g.width * 0.19, g.height * 0.104);
	},
	mid(ctx, g) {
		ctx.fillStyle = '#5c3d2e';
		ctx.fillRect(left(g), g.horizonY + g.height * 0.08, spanX(g), g.height * 0.02);
	},
	ground(ctx, g) {
		const floorTop = g.horizonY + g.height * 0.1;
		ctx.fillStyle = '#8b5a3c';
		ctx.fillRect(left(g), floorTop, spanX(g), bottom(g) - floorTop);
		ctx.strokeStyle = shade('#8b5a3c', -0.25);
		ctx.lineWidth = g.height * 0.002;
		for (let x = left(g); x < right(g); x += g.width * 0.08) {
			ctx.beginPath();
			ctx.moveTo(x, floorTop);
			ctx.lineTo(x + (x - g.width / 2) * 0.6, bottom(g));
			ctx.stroke();
		}
		ctx.fillStyle = '#9c2f3c';
		ctx.beginPath();
		ctx.ellipse(
			g.width / 2,
			g.groundY + g.height * 0.02,
			g.width * 0.42,
			g.height * 0.05,
			0,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	},
};

/** A gymnastics arena: dark stands with a crowd and spotlights, a blue competition floor. */
export const gymnastics: SettingPainter = {
	far(ctx, g, _light, random) {
		// Stands with a crowd.
		paintArenaStands(ctx, g, random, ARENA_STANDS);
		// A banner and the spotlights above.
		ctx.fillStyle = '#b3202f';
		ctx.fillRect(left(g), g.horizonY - g.height * 0.26, spanX(g), g.height * 0.02);
		for (let x = left(g) + g.width * 0.08; x < right(g); x += g.width * 0.22) {
			const glow = ctx.createRadialGradient(
				x,
				top(g) + g.height * 0.08,
				0,
				x,
				top(g) + g.height * 0.08,
				g.height * 0.06,
			);
			glow.addColorStop(0, 'rgba(255,250,225,0.95)');
			glow.addColorStop(1, 'rgba(255,250,225,0)');
			ctx.fillStyle = glow;
			ctx.fillRect(x - g.height * 0.06, top(g) + g.height * 0.02, g.height * 0.12, g.height * 0.12);
		}
	},
	mid(ctx, g) {
		// The boards round the competition floor.
		ctx.fillStyle = '#0f4c9c';
		ctx.fillRect(left(g), g.horizonY, spanX(g), g.height * 0.035);
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(left(g), g.horizonY + g.height * 0.012, spanX(g), g.height * 0.004);
	},
	ground(ctx, g) {
		const floorTop = g.horizonY + g.height * 0.035;
		fillGradientBand(ctx, g, floorTop, bottom(g), '#2d63b8', '#3f7fd8');
		ctx.strokeStyle = 'rgba(255,255,255,0.5)';
		ctx.lineWidth = g.height * 0.003;
		strokeAcross(ctx, g, g.groundY + g.height * 0.06);
	},
};

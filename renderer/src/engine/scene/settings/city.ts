/** Neon city street at night: skyline, neon signs, and a wet street that mirrors them. */
import { mix, rgba } from '../colour';
import {
	bottom,
	fillGradientBand,
	left,
	paintSky,
	right,
	spanX,
	type SettingPainter,
} from './painter';

const NEON = ['#ff2fb0', '#21e6ff', '#ffd23f', '#7a5cff', '#ff5a36'];

export const cityNight: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, g, light, random);
		let x = left(g);
		while (x < right(g)) {
			const w = g.width * random.range(0.08, 0.16);
			const h = g.height * random.range(0.12, 0.3);
			ctx.fillStyle = mix('#0d1024', light.skyBottom, 0.25);
			ctx.fillRect(x, g.horizonY - h, w - 2, h + 2);
			ctx.fillStyle = 'rgba(255,214,140,0.55)';
			const win = g.height * 0.006;
			for (let wy = g.horizonY - h + win * 2; wy < g.horizonY - win; wy += win * 3)
				for (let wx = x + win; wx < x + w - win * 2; wx += win * 2.5)
					if (random.next() < 0.35) ctx.fillRect(wx, wy, win, win * 1.4);
			x += w;
		}
	},
	mid(ctx, g, _light, random) {
		let x = left(g);
		let i = 0;
		while (x < right(g)) {
			const w = g.width * random.range(0.22, 0.34);
			const h = g.height * random.range(0.3, 0.45);
			const base = g.groundY - g.height * 0.08;
			ctx.fillStyle = i % 2 ? '#141427' : '#1b1830';
			ctx.fillRect(x, base - h, w - g.width * 0.01, h);
			// A neon sign per building, glowing.
			const colour = NEON[random.int(NEON.length)];
			const sw = w * random.range(0.4, 0.7);
			const sh = g.height * 0.035;
			const sx = x + (w - sw) / 2;
			const sy = base - h * random.range(0.45, 0.8);
			ctx.shadowColor = colour;
			ctx.shadowBlur = g.height * 0.03;
			ctx.strokeStyle = colour;
			ctx.lineWidth = g.height * 0.006;
			ctx.strokeRect(sx, sy, sw, sh);
			ctx.fillStyle = rgba(colour, 0.85);
			ctx.fillRect(sx + sw * 0.1, sy + sh * 0.35, sw * 0.8, sh * 0.3);
			ctx.shadowBlur = 0;
			x += w;
			i++;
		}
	},
	ground(ctx, g, _light, random) {
		// Sidewalk, then asphalt with the signs' colours smeared into it as reflections.
		const kerb = g.groundY - g.height * 0.08;
		ctx.fillStyle = '#25232f';
		ctx.fillRect(left(g), kerb, spanX(g), g.height * 0.03);
		fillGradientBand(ctx, g, kerb, bottom(g), '#0c0c14', '#1a1a24', g.height * 0.03);
		ctx.globalCompositeOperation = 'lighter';
		for (let i = 0; i < 14; i++) {
			const colour = NEON[random.int(NEON.length)];
			const x = random.range(left(g), right(g));
			const w = g.width * random.range(0.03, 0.12);
			const streak = ctx.createLinearGradient(0, kerb, 0, bottom(g));
			streak.addColorStop(0, rgba(colour, 0.45));
			streak.addColorStop(1, rgba(colour, 0));
			ctx.fillStyle = streak;
			ctx.fillRect(x, kerb + g.height * 0.03, w, bottom(g) - kerb);
		}
		ctx.globalCompositeOperation = 'source-over';
		ctx.fillStyle = 'rgba(230,230,230,0.5)';
		for (let x = left(g); x < right(g); x += g.width * 0.2)
			ctx.fillRect(x, g.groundY + g.height * 0.06, g.width * 0.1, g.height * 0.006);
	},
	animate(ctx, g, _light, seconds, ink) {
		// A sign that flickers, as neon does.
		const on = Math.sin(seconds * 23) + Math.sin(seconds * 7.3) > -0.6;
		if (!on) return;
		ctx.fillStyle = ink('rgba(255,47,176,0.9)');
		ctx.fillRect(g.width * 0.08, g.groundY - g.height * 0.5, g.width * 0.05, g.height * 0.12);
	},
};

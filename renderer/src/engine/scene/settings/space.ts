/** Space: nebula and stars, a ringed planet, and a grey moon surface with craters. */
import { rgba } from '../colour';
import { bottom, left, paintSky, right, top, type SettingPainter } from './painter';

export const space: SettingPainter = {
	far(ctx, g, light, random) {
		paintSky(ctx, { ...g, horizonY: bottom(g) }, light, random);
		for (const colour of ['#7a2bd1', '#1f7fd1', '#d12b7a']) {
			const x = random.range(left(g), right(g));
			const y = random.range(top(g), g.horizonY);
			const r = g.height * random.range(0.15, 0.3);
			const neb = ctx.createRadialGradient(x, y, 0, x, y, r);
			neb.addColorStop(0, rgba(colour, 0.35));
			neb.addColorStop(1, rgba(colour, 0));
			ctx.fillStyle = neb;
			ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
		}
	},
	mid(ctx, g) {
		const x = g.width * 0.7;
		const y = g.horizonY - g.height * 0.25;
		const r = g.width * 0.18;
		const body = ctx.createRadialGradient(x - r * 0.4, y - r * 0.4, r * 0.1, x, y, r);
		body.addColorStop(0, '#f5c27a');
		body.addColorStop(1, '#8a4b2a');
		ctx.fillStyle = body;
		ctx.beginPath();
		ctx.arc(x, y, r, 0, Math.PI * 2);
		ctx.fill();
		ctx.strokeStyle = 'rgba(240,220,180,0.7)';
		ctx.lineWidth = r * 0.06;
		ctx.beginPath();
		ctx.ellipse(x, y, r * 1.7, r * 0.35, -0.3, 0, Math.PI * 2);
		ctx.stroke();
	},
	ground(ctx, g, _light, random) {
		const surface = g.horizonY + g.height * 0.08;
		ctx.fillStyle = '#8c8c94';
		ctx.beginPath();
		ctx.moveTo(left(g), bottom(g));
		ctx.lineTo(left(g), surface);
		ctx.quadraticCurveTo(g.width / 2, surface - g.height * 0.05, right(g), surface);
		ctx.lineTo(right(g), bottom(g));
		ctx.fill();
		for (let i = 0; i < 12; i++) {
			const x = random.range(left(g), right(g));
			const y = random.range(surface + g.height * 0.03, bottom(g));
			const r = g.height * random.range(0.01, 0.04);
			ctx.fillStyle = '#6c6c74';
			ctx.beginPath();
			ctx.ellipse(x, y, r * 2, r * 0.6, 0, 0, Math.PI * 2);
			ctx.fill();
			ctx.fillStyle = '#a4a4ac';
			ctx.beginPath();
			ctx.ellipse(x, y + r * 0.15, r * 1.7, r * 0.4, 0, 0, Math.PI);
			ctx.fill();
		}
	},
	animate(ctx, g, _light, seconds, ink) {
		// A slow satellite crossing the sky.
		const x = ((seconds * 0.03 * g.width) % (g.width * 1.2)) - g.width * 0.1;
		ctx.fillStyle = ink(Math.floor(seconds * 2) % 2 ? '#ff4040' : '#ffffff');
		ctx.fillRect(x, g.height * 0.18, g.height * 0.004, g.height * 0.004);
	},
};

/**
 * The props the scene renderer can draw, standing on the ground line. The planner reads
 * PROP_NAMES to warn about props it cannot render.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { shade } from './colour';
import type { Ink } from './ink';
import { drawSandcastle } from './setPieces';
import {
	drawFlag,
	drawFootball,
	drawFrisbee,
	drawGoal,
	drawLighthouse,
	drawPanAndPancake,
	drawSnowball,
	drawStove,
	drawTraffic,
	TRAFFIC_SCALE,
} from './gear';

type PropPainter = (ctx: SKRSContext2D, u: number) => void;
type HeldPainter = (ctx: SKRSContext2D, u: number, ink: Ink) => void;

/** Each painter draws with its base centred at (0, 0), y up negative, `u` = a character's height in pixels. */
const PAINTERS: Record<string, PropPainter> = {
	sandcastle(ctx, u) {
		drawSandcastle(ctx, 0, 1, { ppm: u / 1.75, originX: 0, originY: 0 });
	},
	skateboard(ctx, u) {
		const p = u / 1.75;
		ctx.fillStyle = '#2b2b2b';
		ctx.fillRect(-0.4 * p, -0.09 * p, 0.8 * p, 0.025 * p);
		ctx.fillStyle = '#d24b2a';
		ctx.fillRect(-0.4 * p, -0.065 * p, 0.8 * p, 0.012 * p);
		ctx.fillStyle = '#f2e6c2';
		for (const x of [-0.27, 0.27]) {
			ctx.beginPath();
			ctx.arc(x * p, -0.03 * p, 0.03 * p, 0, Math.PI * 2);
			ctx.fill();
		}
	},
	ball(ctx, u) {
		const r = u * 0.06;
		ctx.fillStyle = '#e3741e';
		ctx.beginPath();
		ctx.arc(0, -r, r, 0, Math.PI * 2);
		ctx.fill();
		ctx.strokeStyle = '#3a1a08';
		ctx.lineWidth = r * 0.08;
		ctx.beginPath();
		ctx.moveTo(-r, -r);
		ctx.lineTo(r, -r);
		ctx.moveTo(0, -2 * r);
		ctx.lineTo(0, 0);
		ctx.stroke();
	},
	chair(ctx, u) {
		ctx.fillStyle = '#7a4e2d';
		ctx.fillRect(-u * 0.12, -u * 0.26, u * 0.24, u * 0.03);
		ctx.fillRect(-u * 0.12, -u * 0.26, u * 0.025, u * 0.26);
		ctx.fillRect(u * 0.095, -u * 0.26, u * 0.025, u * 0.26);
		ctx.fillRect(u * 0.095, -u * 0.55, u * 0.025, u * 0.3);
		ctx.fillRect(u * 0.02, -u * 0.55, u * 0.1, u * 0.03);
	},
	table(ctx, u) {
		ctx.fillStyle = '#8b5a2b';
		ctx.fillRect(-u * 0.25, -u * 0.4, u * 0.5, u * 0.04);
		ctx.fillStyle = shade('#8b5a2b', -0.3);
		ctx.fillRect(-u * 0.22, -u * 0.36, u * 0.03, u * 0.36);
		ctx.fillRect(u * 0.19, -u * 0.36, u * 0.03, u * 0.36);
	},
	lamp(ctx, u) {
		ctx.fillStyle = '#333333';
		ctx.fillRect(-u * 0.08, -u * 0.02, u * 0.16, u * 0.02);
		ctx.fillRect(-u * 0.01, -u * 0.75, u * 0.02, u * 0.75);
		const glow = ctx.createRadialGradient(0, -u * 0.7, u * 0.02, 0, -u * 0.7, u * 0.35);
		glow.addColorStop(0, 'rgba(255,230,160,0.55)');
		glow.addColorStop(1, 'rgba(255,230,160,0)');
		ctx.fillStyle = glow;
		ctx.fillRect(-u * 0.35, -u * 1.05, u * 0.7, u * 0.7);
		ctx.fillStyle = '#f3e2b8';
		ctx.beginPath();
		ctx.moveTo(-u * 0.06, -u * 0.82);
		ctx.lineTo(u * 0.06, -u * 0.82);
		ctx.lineTo(u * 0.11, -u * 0.68);
		ctx.lineTo(-u * 0.11, -u * 0.68);
		ctx.fill();
	},
	surfboard(ctx, u) {
		ctx.save();
		ctx.rotate(0.12);
		ctx.fillStyle = '#2ec4b6';
		ctx.beginPath();
		ctx.ellipse(0, -u * 0.45, u * 0.07, u * 0.45, 0, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = '#ff9f1c';
		ctx.fillRect(-u * 0.01, -u * 0.88, u * 0.02, u * 0.86);
		ctx.restore();
	},
	guitar(ctx, u) {
		ctx.save();
		ctx.rotate(-0.25);
		ctx.fillStyle = '#b5651d';
		ctx.beginPath();
		ctx.ellipse(0, -u * 0.1, u * 0.09, u * 0.1, 0, 0, Math.PI * 2);
		ctx.ellipse(0, -u * 0.24, u * 0.07, u * 0.07, 0, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = '#222';
		ctx.beginPath();
		ctx.arc(0, -u * 0.17, u * 0.025, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = '#4a2c0f';
		ctx.fillRect(-u * 0.012, -u * 0.55, u * 0.024, u * 0.32);
		ctx.restore();
	},
	plant(ctx, u) {
		ctx.fillStyle = '#a0522d';
		ctx.fillRect(-u * 0.06, -u * 0.12, u * 0.12, u * 0.12);
		ctx.fillStyle = '#2e8b57';
		for (let i = 0; i < 7; i++) {
			ctx.beginPath();
			ctx.ellipse(
				Math.sin(i * 1.7) * u * 0.07,
				-u * 0.2 - (i % 3) * u * 0.05,
				u * 0.03,
				u * 0.09,
				Math.sin(i * 1.7) * 0.6,
				0,
				Math.PI * 2,
			);
			ctx.fill();
		}
	},
	microphone(ctx, u) {
		ctx.fillStyle = '#222';
		ctx.fillRect(-u * 0.07, -u * 0.015, u * 0.14, u * 0.015);
		ctx.fillRect(-u * 0.008, -u * 0.55, u * 0.016, u * 0.55);
		ctx.fillStyle = '#777';
		ctx.beginPath();
		ctx.ellipse(0, -u * 0.58, u * 0.025, u * 0.04, 0, 0, Math.PI * 2);
		ctx.fill();
	},
	book(ctx, u) {
		ctx.fillStyle = '#7a2e2e';
		ctx.fillRect(-u * 0.07, -u * 0.035, u * 0.14, u * 0.035);
		ctx.fillStyle = '#f3ecd8';
		ctx.fillRect(-u * 0.065, -u * 0.03, u * 0.13, u * 0.012);
		ctx.fillStyle = '#2e4a7a';
		ctx.fillRect(-u * 0.06, -u * 0.065, u * 0.12, u * 0.03);
	},
	sign(ctx, u) {
		ctx.fillStyle = '#444';
		ctx.fillRect(-u * 0.012, -u * 0.9, u * 0.024, u * 0.9);
		ctx.shadowColor = '#21e6ff';
		ctx.shadowBlur = u * 0.05;
		ctx.strokeStyle = '#21e6ff';
		ctx.lineWidth = u * 0.012;
		ctx.strokeRect(-u * 0.18, -u * 1.15, u * 0.36, u * 0.22);
		ctx.shadowBlur = 0;
		ctx.fillStyle = '#ff2fb0';
		ctx.fillRect(-u * 0.12, -u * 1.06, u * 0.24, u * 0.04);
	},
	hoop(ctx, u) {
		ctx.fillStyle = '#555';
		ctx.fillRect(-u * 0.02, -u * 1.25, u * 0.04, u * 1.25);
		ctx.fillStyle = '#fafafa';
		ctx.fillRect(-u * 0.02, -u * 1.55, u * 0.3, u * 0.2);
		ctx.strokeStyle = '#e85d04';
		ctx.lineWidth = u * 0.012;
		ctx.beginPath();
		ctx.moveTo(u * 0.06, -u * 1.36);
		ctx.lineTo(u * 0.3, -u * 1.36);
		ctx.stroke();
	},
	// Props that gear in use draws each frame; these are their still versions (no one using them).
	flag(ctx, u) {
		drawFlag(ctx, 0, 0, u / 1.75, 1.9, 0, 1);
	},
	football(ctx, u) {
		const r = 0.11 * (u / 1.75);
		drawFootball(ctx, 0, -r, r, 0);
	},
	goal(ctx, u) {
		drawGoal(ctx, -0.8 * (u / 1.75), 0, u / 1.75, 1);
	},
	snowball(ctx, u) {
		const r = 0.06 * (u / 1.75);
		for (const [x, y] of [
			[-1.1, 1],
			[1.1, 1],
			[0, 1],
			[-0.55, 2.7],
			[0.55, 2.7],
			[0, 4.3],
		])
			drawSnowball(ctx, x * r, -y * r, r);
	},
	bicycle(ctx, u) {
		const p = u / 1.75;
		const r = 0.35 * p;
		ctx.strokeStyle = '#1a1a1a';
		ctx.lineWidth = Math.max(1.5, 0.045 * p);
		for (const x of [-0.55, 0.55]) {
			ctx.beginPath();
			ctx.arc(x * p, -r, r, 0, Math.PI * 2);
			ctx.stroke();
		}
		ctx.strokeStyle = '#2f6fb5';
		ctx.lineWidth = Math.max(1.5, 0.04 * p);
		ctx.beginPath();
		ctx.moveTo(-0.55 * p, -r);
		ctx.lineTo(-0.05 * p, -0.3 * p);
		ctx.lineTo(-0.18 * p, -0.85 * p);
		ctx.lineTo(-0.55 * p, -r);
		ctx.moveTo(-0.05 * p, -0.3 * p);
		ctx.lineTo(0.4 * p, -0.85 * p);
		ctx.lineTo(-0.18 * p, -0.85 * p);
		ctx.moveTo(0.4 * p, -0.85 * p);
		ctx.lineTo(0.55 * p, -r);
		ctx.stroke();
	},
	pancake(ctx, u) {
		const p = u / 1.75;
		drawStove(ctx, 0, 0, p, 0.875, 0);
		drawPanAndPancake(ctx, [-0.25 * p, -0.93 * p], 1, p, undefined);
	},
	frisbee(ctx, u) {
		const r = 0.13 * (u / 1.75);
		drawFrisbee(ctx, 0, -r * 0.3, r, 0);
	},
	car(ctx, u) {
		drawTraffic(ctx, ['car'], 0, 1, 0, u / 1.75 / TRAFFIC_SCALE, false);
	},
	taxi(ctx, u) {
		drawTraffic(ctx, ['taxi'], 0, 1, 0, u / 1.75 / TRAFFIC_SCALE, false);
	},
	bus(ctx, u) {
		drawTraffic(ctx, ['bus'], 0, 1, 0, u / 1.75 / TRAFFIC_SCALE, false);
	},
	lighthouse(ctx, u) {
		drawLighthouse(ctx, 0, 0, u * 1.2, 0, false);
	},
};

PAINTERS.basketball = PAINTERS.ball;

/** Props a character holds in the front hand, drawn with the character rather than on the floor. */
const HELD: Record<string, HeldPainter> = {
	umbrella(ctx, u, ink) {
		ctx.strokeStyle = ink('#222');
		ctx.lineWidth = u * 0.012;
		ctx.beginPath();
		ctx.moveTo(0, u * 0.02);
		ctx.lineTo(0, -u * 0.55);
		ctx.stroke();
		ctx.fillStyle = ink('#1d3557');
		ctx.beginPath();
		ctx.moveTo(-u * 0.3, -u * 0.5);
		ctx.quadraticCurveTo(0, -u * 0.78, u * 0.3, -u * 0.5);
		ctx.closePath();
		ctx.fill();
	},
	phone(ctx, u, ink) {
		ctx.fillStyle = ink('#111');
		ctx.fillRect(-u * 0.02, -u * 0.07, u * 0.04, u * 0.07);
		ctx.fillStyle = ink('#6fd3ff');
		ctx.fillRect(-u * 0.016, -u * 0.064, u * 0.032, u * 0.055);
	},
	coffee(ctx, u, ink) {
		ctx.fillStyle = ink('#f5f5f0');
		ctx.fillRect(-u * 0.025, -u * 0.06, u * 0.05, u * 0.06);
		ctx.fillStyle = ink('#6b3e26');
		ctx.fillRect(-u * 0.025, -u * 0.04, u * 0.05, u * 0.02);
	},
};

export const PROP_NAMES: readonly string[] = [...Object.keys(PAINTERS), ...Object.keys(HELD)];

export const isHeldProp = (name: string): boolean => name.toLowerCase() in HELD;

/** Draws a held prop with its grip at (0, 0) of the current transform. */
export function drawHeldProp(ctx: SKRSContext2D, name: string, unit: number, ink: Ink): void {
	HELD[name.toLowerCase()]?.(ctx, unit, ink);
}

/** Horizontal slots for props, away from the middle where characters usually stand. */
const SLOTS = [0.12, 0.88, 0.3, 0.7, 0.5, 0.2, 0.8, 0.4, 0.6];

export function drawProps(
	ctx: SKRSContext2D,
	props: readonly string[],
	width: number,
	groundY: number,
	unit: number,
): void {
	let slot = 0;
	for (const name of props) {
		const paint = PAINTERS[name.toLowerCase()];
		if (!paint) continue;
		ctx.save();
		ctx.translate(SLOTS[slot % SLOTS.length] * width, groundY + unit * 0.02);
		paint(ctx, unit);
		ctx.restore();
		slot++;
	}
}

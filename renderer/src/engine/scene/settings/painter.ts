/**
 * What a setting paints. Layers are painted once per shot into offscreen canvases (the camera
 * then moves them at different speeds for parallax); `animate` draws the few things that move
 * on their own (waves, flicker, twinkle) every frame and must stay cheap.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Ink } from '../ink';
import type { Lighting } from '../lighting';
import type { Random } from '../random';

export interface SceneGeometry {
	/** Frame size in pixels. */
	width: number;
	height: number;
	/** The painted area extends beyond the frame by this much on every side (camera moves need it). */
	marginX: number;
	marginY: number;
	/** Where the distant horizon sits, in frame pixels. */
	horizonY: number;
	/** Where feet stand, in frame pixels. */
	groundY: number;
	/** The ground is covered in snow. */
	snow?: boolean;
	/** Water fills the foreground (a floating set-piece): no shore or deck to stand on. */
	openWater?: boolean;
	/** Where the water line is, in frame pixels, when it is not the ground line (open water). */
	waterY?: number;
}

export interface SettingPainter {
	far(ctx: SKRSContext2D, g: SceneGeometry, light: Lighting, random: Random): void;
	mid(ctx: SKRSContext2D, g: SceneGeometry, light: Lighting, random: Random): void;
	ground(ctx: SKRSContext2D, g: SceneGeometry, light: Lighting, random: Random): void;
	animate?(ctx: SKRSContext2D, g: SceneGeometry, light: Lighting, seconds: number, ink: Ink): void;
}

export const left = (g: SceneGeometry) => -g.marginX;
export const right = (g: SceneGeometry) => g.width + g.marginX;
export const top = (g: SceneGeometry) => -g.marginY;
export const bottom = (g: SceneGeometry) => g.height + g.marginY;
export const spanX = (g: SceneGeometry) => g.width + 2 * g.marginX;

export function paintSky(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	light: Lighting,
	random: Random,
): void {
	const grad = ctx.createLinearGradient(0, top(g), 0, g.horizonY);
	grad.addColorStop(0, light.skyTop);
	grad.addColorStop(1, light.skyBottom);
	ctx.fillStyle = grad;
	ctx.fillRect(left(g), top(g), spanX(g), g.horizonY - top(g) + 2);
	if (light.night) {
		ctx.fillStyle = '#ffffff';
		const stars = Math.round((spanX(g) * g.horizonY) / 9000);
		for (let i = 0; i < stars; i++) {
			ctx.globalAlpha = random.range(0.3, 1);
			const r = random.range(0.5, 1.6) * (g.height / 1000);
			ctx.fillRect(random.range(left(g), right(g)), random.range(top(g), g.horizonY * 0.85), r, r);
		}
		ctx.globalAlpha = 1;
	}
	if (light.sun) {
		const { x, y, colour, radius } = light.sun;
		const r = radius * g.width;
		const glow = ctx.createRadialGradient(
			x * g.width,
			y * g.height,
			r * 0.6,
			x * g.width,
			y * g.height,
			r * 3.5,
		);
		glow.addColorStop(0, colour);
		glow.addColorStop(1, 'rgba(255,255,255,0)');
		ctx.fillStyle = glow;
		ctx.fillRect(x * g.width - r * 4, y * g.height - r * 4, r * 8, r * 8);
		ctx.fillStyle = colour;
		ctx.beginPath();
		ctx.arc(x * g.width, y * g.height, r, 0, Math.PI * 2);
		ctx.fill();
	}
}

/** A jagged ridge line from left to right, filled down to `baseY`. */
export function paintRidge(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	random: Random,
	baseY: number,
	amplitude: number,
	step: number,
	colour: string,
): number[] {
	const peaks: number[] = [];
	ctx.fillStyle = colour;
	ctx.beginPath();
	ctx.moveTo(left(g), bottom(g));
	for (let x = left(g); x <= right(g) + step; x += step) {
		const y = baseY - random.range(0.2, 1) * amplitude;
		peaks.push(y);
		ctx.lineTo(x, y);
	}
	ctx.lineTo(right(g) + step, bottom(g));
	ctx.closePath();
	ctx.fill();
	return peaks;
}

export function paintGroundGradient(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	near: string,
	far: string,
): void {
	const grad = ctx.createLinearGradient(0, g.horizonY, 0, bottom(g));
	grad.addColorStop(0, far);
	grad.addColorStop(1, near);
	ctx.fillStyle = grad;
	ctx.fillRect(left(g), g.horizonY, spanX(g), bottom(g) - g.horizonY);
}

/** A snow blanket over the ground from `top` down: white with blue shadows and soft drifts. */
export function paintSnowGround(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	top: number,
	random: Random,
): void {
	const grad = ctx.createLinearGradient(0, top, 0, bottom(g));
	grad.addColorStop(0, '#dfe7f2');
	grad.addColorStop(1, '#fbfdff');
	ctx.fillStyle = grad;
	ctx.fillRect(left(g), top, spanX(g), bottom(g) - top);
	// Drifts: long soft humps, shaded on their far side.
	for (let i = 0; i < 9; i++) {
		const x = random.range(left(g), right(g));
		const y = random.range(top + g.height * 0.02, bottom(g));
		const w = g.width * random.range(0.15, 0.4);
		const h = g.height * random.range(0.006, 0.014);
		ctx.fillStyle = 'rgba(170,190,220,0.35)';
		ctx.beginPath();
		ctx.ellipse(x, y - h * 0.4, w, h, 0, Math.PI, 0);
		ctx.fill();
		ctx.fillStyle = 'rgba(255,255,255,0.9)';
		ctx.beginPath();
		ctx.ellipse(x, y, w, h, 0, Math.PI, 0);
		ctx.fill();
	}
}

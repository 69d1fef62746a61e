/**
 * What a setting paints. Layers are painted once per shot into offscreen canvases (the camera
 * then moves them at different speeds for parallax); `animate` draws the few things that move
 * on their own (waves, flicker, twinkle) every frame and must stay cheap.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { mix } from '../colour';
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

/**
 * Fills the painted width from `y0` to `y1` with a vertical gradient from `topColour` to
 * `bottomColour`. `shift` moves the filled band down (below an edge painted above it) and leaves
 * the gradient where it was.
 */
export function fillGradientBand(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	y0: number,
	y1: number,
	topColour: string,
	bottomColour: string,
	shift = 0,
): void {
	const gradient = ctx.createLinearGradient(0, y0, 0, y1);
	gradient.addColorStop(0, topColour);
	gradient.addColorStop(1, bottomColour);
	ctx.fillStyle = gradient;
	ctx.fillRect(left(g), y0 + shift, spanX(g), y1 - y0);
}

/** Strokes a horizontal line at `y` across the painted width, in the current stroke style. */
export function strokeAcross(ctx: SKRSContext2D, g: SceneGeometry, y: number): void {
	ctx.beginPath();
	ctx.moveTo(left(g), y);
	ctx.lineTo(right(g), y);
	ctx.stroke();
}

/** Hills on the horizon of an outdoor setting, hazed towards the sky's colour with distance. */
export interface HorizonHills {
	/** Peak height, in frame heights. */
	height: number;
	/** How many peaks span one frame width. */
	peaksPerWidth: number;
	colour: string;
	/** How far the colour is mixed towards the sky's (0 to 1). */
	haze: number;
	/** How far above the horizon the hills' foot sits, in frame heights. */
	rise?: number;
}

/** The sky, then a ridge of hills standing on the horizon. */
export function paintSkyAndHills(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	light: Lighting,
	random: Random,
	hills: HorizonHills,
): void {
	paintSky(ctx, g, light, random);
	const colour = mix(hills.colour, light.skyBottom, hills.haze);
	const baseY = g.horizonY - g.height * (hills.rise ?? 0);
	paintRidge(ctx, g, random, baseY, g.height * hills.height, g.width / hills.peaksPerWidth, colour);
}

/** An indoor arena's back wall and its tiered stands, full of a crowd of coloured dots. */
export interface ArenaStands {
	wall: string;
	/** Rows rising from the horizon, each `height` frame heights tall, in two alternating colours. */
	rows: { count: number; height: number; colours: [string, string] };
	/** A seat every `spacing` frame heights, taken with chance `taken`; heads `headRadius` frame heights. */
	seats: { spacing: number; taken: number; headRadius: number };
	shirts: string[];
}

export function paintArenaStands(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	random: Random,
	stands: ArenaStands,
): void {
	const { rows, seats, shirts } = stands;
	ctx.fillStyle = stands.wall;
	ctx.fillRect(left(g), top(g), spanX(g), g.horizonY - top(g) + g.height * 0.05);
	for (let row = 0; row < rows.count; row++) {
		const y = g.horizonY - g.height * rows.height * (rows.count - row);
		ctx.fillStyle = row % 2 ? rows.colours[0] : rows.colours[1];
		ctx.fillRect(left(g), y, spanX(g), g.height * rows.height);
		for (let x = left(g); x < right(g); x += g.height * seats.spacing) {
			if (random.next() < seats.taken) {
				ctx.fillStyle = shirts[random.int(shirts.length)];
				ctx.beginPath();
				ctx.arc(x, y - g.height * 0.004, g.height * seats.headRadius, 0, Math.PI * 2);
				ctx.fill();
			}
		}
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
	fillGradientBand(ctx, g, g.horizonY, bottom(g), far, near);
}

/** A snow blanket over the ground from `top` down: white with blue shadows and soft drifts. */
export function paintSnowGround(
	ctx: SKRSContext2D,
	g: SceneGeometry,
	top: number,
	random: Random,
): void {
	fillGradientBand(ctx, g, top, bottom(g), '#dfe7f2', '#fbfdff');
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

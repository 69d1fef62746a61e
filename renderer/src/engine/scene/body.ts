/**
 * Draws a person from a solved skeleton: limbs as rounded strokes from joint to joint, the torso
 * as a tapered panel along the spine, clothing from the look (trousers, shorts, a dress or skirt,
 * a leotard, a swimsuit or wetsuit), and the stylised head (or a cameo cut-out) at the end of the
 * neck, turned the way the body faces. The skeleton is in metres; `map` places it in the frame.
 */
import type { Image, SKRSContext2D } from '@napi-rs/canvas';
import type { CharacterLook, Viseme } from '../storyboard';
import { PERSON_BONES as B, PERSON_PROPORTIONS } from '../motion/person';
import type { Skeleton } from '../motion/rig';
import { shade } from './colour';
import { drawHead } from './head';
import { plainInk, type Ink } from './ink';
import { drawHeldProp } from './props';
import type { StageMap } from './stageMap';

export type { StageMap } from './stageMap';

export interface PersonDrawing {
	look: CharacterLook;
	skeleton: Skeleton;
	facing: 1 | -1;
	map: StageMap;
	/** Height in metres of the surface under the body, for its shadow (undefined: no shadow). */
	shadowAt?: number;
	viseme: Viseme;
	seconds: number;
	blinkPhase: number;
	cameo?: Image;
	held?: string;
	/** Draw a stool under the hips (a seated character indoors). */
	stool?: boolean;
	ink?: Ink;
	/** Pixel height of an average (height 1) person: sizes strokes and props. */
	unit: number;
	/** A faint reflection: the face's details are left out (they would not show). */
	reflection?: boolean;
}

const SKIN_LEGS = new Set(['shorts', 'dress', 'skirt', 'leotard', 'swimsuit']);
const SHADOW = 'rgba(0,0,0,0.25)';
/** Joint pixels of the figure being drawn (start x, start y, end x, end y for each bone). */
const PX = new Float64Array(4 * 32);

interface Palette {
	trousers: string;
	farTrousers: string;
	sleeve: string;
	farSleeve: string;
	farSkin: string;
	farHand: string;
}

/** A look's derived shades, worked out once per look rather than every frame. */
const palettes = new WeakMap<CharacterLook, Palette>();
function paletteOf(look: CharacterLook): Palette {
	let p = palettes.get(look);
	if (!p) {
		const trousers = shade(look.outfit, -0.45);
		const sleeve = look.garment === 'swimsuit' ? look.skin : shade(look.outfit, -0.1);
		p = {
			trousers,
			farTrousers: shade(trousers, -0.15),
			sleeve,
			farSleeve: shade(sleeve, -0.15),
			farSkin: shade(look.skin, -0.12),
			farHand: shade(look.skin, -0.1),
		};
		palettes.set(look, p);
	}
	return p;
}

/** Radians within which an upright spine, head or flat shoe is drawn axis-aligned. */
const SNAP = 0.07;
const SHOE_SNAP = 0.6;

export function drawPerson(ctx: SKRSContext2D, d: PersonDrawing): void {
	const ink = d.ink ?? plainInk;
	const { look, skeleton: k, map, facing } = d;
	const H = d.unit * look.height;
	const build = look.build;
	const lw = H * 0.055 * Math.sqrt(build);
	const torsoHalf = H * PERSON_PROPORTIONS.torsoHalf * build;
	const garment = look.garment ?? 'trousers';
	const colours = paletteOf(look);
	const X = (x: number) => map.originX + x * map.ppm;
	const Y = (y: number) => map.originY - y * map.ppm;
	// Every joint in pixels, worked out once (this runs for every character in every frame).
	const bones = k.sx.length;
	for (let i = 0; i < bones; i++) {
		PX[i] = map.originX + k.sx[i] * map.ppm;
		PX[bones + i] = map.originY - k.sy[i] * map.ppm;
		PX[2 * bones + i] = map.originX + k.ex[i] * map.ppm;
		PX[3 * bones + i] = map.originY - k.ey[i] * map.ppm;
	}
	const sx = (i: number) => PX[i];
	const sy = (i: number) => PX[bones + i];
	const ex = (i: number) => PX[2 * bones + i];
	const ey = (i: number) => PX[3 * bones + i];

	ctx.save();
	ctx.lineCap = 'round';
	ctx.lineJoin = 'round';

	if (d.shadowAt !== undefined) {
		const rootY = k.sy[B.spine];
		const lift = Math.max(0, rootY - d.shadowAt - 0.44 * (H / map.ppm));
		const fade = Math.max(0.25, 1 - lift / (0.8 * (H / map.ppm)));
		ctx.fillStyle = ink(fade >= 1 ? SHADOW : `rgba(0,0,0,${(0.25 * fade).toFixed(2)})`);
		ctx.beginPath();
		ctx.ellipse(
			X(k.sx[B.spine]),
			Y(d.shadowAt),
			torsoHalf * 1.6 * fade,
			H * 0.02,
			0,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	}
	if (d.stool) {
		const hx = sx(B.spine);
		const hy = sy(B.spine) + lw * 0.4;
		const floor = Y(d.shadowAt ?? 0);
		ctx.fillStyle = ink('#6b4a2f');
		ctx.fillRect(hx - torsoHalf * 1.3, hy, torsoHalf * 2.6, H * 0.03);
		ctx.fillRect(hx - torsoHalf * 1.1, hy, H * 0.02, floor - hy);
		ctx.fillRect(hx + torsoHalf * 1.0, hy, H * 0.02, floor - hy);
	}

	const leg = (thigh: number, shin: number, foot: number, far: boolean) => {
		const upper = far ? colours.farTrousers : colours.trousers;
		const bare = far ? colours.farSkin : look.skin;
		const thighColour = SKIN_LEGS.has(garment) && garment !== 'shorts' ? bare : upper;
		const shinColour = SKIN_LEGS.has(garment) ? bare : upper;
		ctx.lineWidth = lw;
		ctx.strokeStyle = ink(thighColour);
		ctx.beginPath();
		ctx.moveTo(sx(thigh), sy(thigh));
		ctx.lineTo(ex(thigh), ey(thigh));
		if (shinColour !== thighColour) {
			ctx.stroke();
			ctx.strokeStyle = ink(shinColour);
			ctx.beginPath();
			ctx.moveTo(ex(thigh), ey(thigh));
		}
		ctx.lineTo(ex(shin), ey(shin));
		ctx.stroke();
		// The shoe lies along the foot bone.
		const fx = ex(foot) - ex(shin);
		const fy = ey(foot) - ey(shin);
		const len = Math.hypot(fx, fy) || 1;
		ctx.fillStyle = ink(far ? '#222222' : '#1a1a1a');
		ctx.beginPath();
		const toes = Math.atan2(fy, fx);
		ctx.ellipse(
			ex(shin) + (fx / len) * lw * 0.3,
			ey(shin) + (fy / len) * lw * 0.3,
			lw * 0.62,
			lw * 0.5,
			// Shoes turn only when the foot really does (pointed toes in a leap, a flip); a shoe on
			// the ground or in a stride stays axis-aligned, which rasterises faster.
			Math.abs(toes) < SHOE_SNAP || Math.abs(Math.abs(toes) - Math.PI) < SHOE_SNAP ? 0 : toes,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	};
	const arm = (upper: number, fore: number, far: boolean): [number, number] => {
		ctx.lineWidth = lw;
		ctx.strokeStyle = ink(far ? colours.farSleeve : colours.sleeve);
		ctx.beginPath();
		ctx.moveTo(sx(upper), sy(upper));
		ctx.lineTo(ex(upper), ey(upper));
		ctx.lineTo(ex(fore), ey(fore));
		ctx.stroke();
		ctx.fillStyle = ink(far ? colours.farHand : look.skin);
		ctx.beginPath();
		ctx.ellipse(ex(fore), ey(fore), lw * 0.62, lw * 0.5, 0, 0, Math.PI * 2);
		ctx.fill();
		return [ex(fore), ey(fore)];
	};

	leg(B.thighFar, B.shinFar, B.footFar, true);
	arm(B.upperArmFar, B.forearmFar, true);
	leg(B.thighNear, B.shinNear, B.footNear, false);

	// The spine's frame in pixels: u up the back, n the way the body faces. A spine within a few
	// degrees of upright is drawn upright: axis-aligned shapes rasterise much faster than tilted ones
	// (measured: a figure's torso and head cost about half as much), and the difference is invisible.
	const hx = sx(B.spine);
	const hy = sy(B.spine);
	const length = Math.hypot(ex(B.spine) - hx, ey(B.spine) - hy) || 1;
	const tilt = Math.atan2(ex(B.spine) - hx, hy - ey(B.spine));
	const upright = Math.abs(tilt) < SNAP;
	const ux = upright ? 0 : (ex(B.spine) - hx) / length;
	const uy = upright ? -1 : (ey(B.spine) - hy) / length;
	const nx = facing * -uy;
	const ny = facing * ux;
	const at = (along: number, across: number): [number, number] => [
		hx + ux * along + nx * across,
		hy + uy * along + ny * across,
	];
	const poly = (points: [number, number][]) => {
		ctx.beginPath();
		ctx.moveTo(points[0][0], points[0][1]);
		for (let i = 1; i < points.length; i++) ctx.lineTo(points[i][0], points[i][1]);
		ctx.closePath();
		ctx.fill();
	};

	if (garment === 'dress' || garment === 'skirt') {
		const kx = (ex(B.thighNear) + ex(B.thighFar)) / 2;
		const ky = (ey(B.thighNear) + ey(B.thighFar)) / 2;
		const mx = kx - hx;
		const my = ky - hy;
		const ml = Math.hypot(mx, my) || 1;
		const px = -my / ml;
		const py = mx / ml;
		const spread =
			Math.abs((ex(B.thighNear) - ex(B.thighFar)) * px + (ey(B.thighNear) - ey(B.thighFar)) * py) /
			2;
		const hem = Math.max(H * 0.13, spread + H * 0.05);
		const hemX = kx + (mx / ml) * H * 0.03;
		const hemY = ky + (my / ml) * H * 0.03;
		ctx.fillStyle = ink(garment === 'dress' ? look.outfit : look.accent);
		poly([
			at(H * 0.04, -torsoHalf * 0.9),
			at(H * 0.04, torsoHalf * 0.9),
			[hemX + px * hem, hemY + py * hem],
			[hemX - px * hem, hemY - py * hem],
		]);
	}

	// Torso: the outfit, an accent stripe at the waist and a collar.
	const band = (from: number, to: number, half: number) => {
		if (upright) ctx.fillRect(hx - half, hy - to, 2 * half, to - from);
		else poly([at(from, -half), at(from, half), at(to, half), at(to, -half)]);
	};
	ctx.fillStyle = ink(look.outfit);
	poly([
		at(length, -torsoHalf),
		at(length, torsoHalf),
		at(-lw * 0.3, torsoHalf * 0.9),
		at(-lw * 0.3, -torsoHalf * 0.9),
	]);
	if (garment === 'swimsuit' || garment === 'leotard') {
		// Bare shoulders above a scoop neckline.
		ctx.fillStyle = ink(look.skin);
		poly([
			at(length, -torsoHalf * 0.7),
			at(length, torsoHalf * 0.7),
			at(length - H * 0.06, torsoHalf * 0.35),
			at(length - H * 0.06, -torsoHalf * 0.35),
		]);
	} else {
		ctx.fillStyle = ink(look.accent);
		band(H * 0.005, H * 0.03, torsoHalf * 0.9);
		poly([at(length, -torsoHalf * 0.35), at(length - H * 0.05, 0), at(length, torsoHalf * 0.35)]);
	}

	const [handX, handY] = arm(B.upperArmNear, B.forearmNear, false);
	if (d.held) {
		ctx.save();
		ctx.translate(handX, handY);
		drawHeldProp(ctx, d.held, d.unit, ink);
		ctx.restore();
	}

	// Head, turned with the neck and the way the body faces.
	const headR = H * 0.105;
	const nx0 = sx(B.neck);
	const ny0 = sy(B.neck);
	const hx1 = ex(B.neck);
	const hy1 = ey(B.neck);
	ctx.translate(hx1 + facing * torsoHalf * 0.1, hy1);
	const headTurn = Math.atan2(hx1 - nx0, -(hy1 - ny0));
	// Upright heads stay axis-aligned (see the spine above): their arcs rasterise far faster.
	if (Math.abs(headTurn) >= SNAP) ctx.rotate(headTurn);
	if (facing < 0) ctx.scale(-1, 1);
	if (d.cameo) {
		const size = headR * 2.5;
		const aspect = d.cameo.width / Math.max(1, d.cameo.height);
		ctx.drawImage(d.cameo, -size * aspect * 0.5, -size * 0.55, size * aspect, size);
	} else {
		drawHead(
			ctx,
			look,
			headR,
			{ seconds: d.seconds, blinkPhase: d.blinkPhase, viseme: d.viseme },
			ink,
		);
	}
	if (garment === 'spacesuit') drawHelmet(ctx, headR, ink);
	ctx.restore();
}

/** A spacesuit's helmet: a glass bubble round the head with a white rim and a gold visor glint. */
function drawHelmet(ctx: SKRSContext2D, headR: number, ink: Ink): void {
	const r = headR * 1.4;
	ctx.fillStyle = ink('rgba(190,225,255,0.28)');
	ctx.beginPath();
	ctx.arc(0, -headR * 0.05, r, 0, Math.PI * 2);
	ctx.fill();
	ctx.strokeStyle = ink('#f4f6f8');
	ctx.lineWidth = Math.max(1, headR * 0.18);
	ctx.stroke();
	ctx.fillStyle = ink('rgba(255,215,120,0.55)');
	ctx.beginPath();
	ctx.ellipse(headR * 0.45, -headR * 0.55, headR * 0.35, headR * 0.16, -0.6, 0, Math.PI * 2);
	ctx.fill();
	// The collar ring where the helmet meets the suit.
	ctx.fillStyle = ink('#b8bec4');
	ctx.fillRect(-r * 0.75, r * 0.78, r * 1.5, headR * 0.3);
}

/**
 * Draws what the performers act on and leave behind: the balance beam (bending as its physics
 * says) on its legs over the landing mats, the floating plank in open water with the moving
 * surface, ripples and splash drops, the volleyball net and ball, the surf wave with its curling
 * lip, skate and surf boards, a dribbled ball, sandcastles that rise as they are built, and the
 * prints feet and paws leave in snow and sand. Splashes and ripples are pure functions of the time
 * since their contact, so any frame can be drawn alone.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { BodyPose, ContactEvent } from '../storyboard';
import type { BoardTrack } from '../motion/perform';
import { FISHBOWL, waveSurface, surfWave } from '../motion/perform';
import { BEAM, NET } from '../motion/stage';
import type { StageMap } from './stageMap';
import { plainInk, type Ink } from './ink';
import { seededRandom } from './random';

const X = (m: StageMap, x: number) => m.originX + x * m.ppm;
const Y = (m: StageMap, y: number) => m.originY - y * m.ppm;

/** The beam on its legs, with mats beneath; segments give its bent shape. */
export function drawBalanceBeam(
	ctx: SKRSContext2D,
	segments: readonly BodyPose[],
	map: StageMap,
	ink: Ink = plainInk,
): void {
	const p = map.ppm;
	// Landing mats.
	ctx.fillStyle = ink('#5b6f8f');
	ctx.fillRect(
		X(map, -BEAM.halfLength - 1.2),
		Y(map, 0.12),
		(2 * BEAM.halfLength + 2.4) * p,
		0.12 * p,
	);
	ctx.fillStyle = ink('#7488a8');
	ctx.fillRect(
		X(map, -BEAM.halfLength - 1.2),
		Y(map, 0.12),
		(2 * BEAM.halfLength + 2.4) * p,
		0.025 * p,
	);
	// Legs: splayed steel stands.
	ctx.fillStyle = ink('#9aa3ad');
	for (const side of [-1, 1]) {
		const x = X(map, side * BEAM.legX);
		const top = Y(map, BEAM.top - BEAM.thickness);
		ctx.fillRect(x - 0.03 * p, top, 0.06 * p, Y(map, 0.12) - top);
		ctx.beginPath();
		ctx.moveTo(x - 0.28 * p, Y(map, 0.12));
		ctx.lineTo(x, Y(map, 0.45));
		ctx.lineTo(x + 0.28 * p, Y(map, 0.12));
		ctx.lineWidth = 0.04 * p;
		ctx.strokeStyle = ink('#8a939d');
		ctx.stroke();
	}
	// The beam: suede top, a darker side.
	if (!segments.length) return;
	const top = (s: BodyPose) => s.y + s.h;
	ctx.fillStyle = ink('#c9a77c');
	ctx.beginPath();
	const first = segments[0];
	ctx.moveTo(X(map, first.x - first.w), Y(map, top(first)));
	for (const s of segments) ctx.lineTo(X(map, s.x + s.w), Y(map, top(s)));
	for (let i = segments.length - 1; i >= 0; i--) {
		const s = segments[i];
		ctx.lineTo(X(map, s.x + s.w), Y(map, s.y - s.h));
		ctx.lineTo(X(map, s.x - s.w), Y(map, s.y - s.h));
	}
	ctx.closePath();
	ctx.fill();
	ctx.strokeStyle = ink('#f0dcc0');
	ctx.lineWidth = Math.max(1, 0.015 * p);
	ctx.beginPath();
	ctx.moveTo(X(map, first.x - first.w), Y(map, top(first)));
	for (const s of segments) ctx.lineTo(X(map, s.x + s.w), Y(map, top(s)));
	ctx.stroke();
}

/** How far the beam's top at x is below where it rests (negative: it sags). */
export function beamDip(segments: readonly BodyPose[], x: number): number {
	let best: BodyPose | undefined;
	for (const s of segments) if (!best || Math.abs(s.x - x) < Math.abs(best.x - x)) best = s;
	if (!best) return 0;
	const top = best.y + best.h + Math.tan(best.angle) * (x - best.x);
	return top - BEAM.top;
}

/** The water behind what floats in it: nothing to draw (the setting paints the far water). */
export function drawFloatingPlank(
	ctx: SKRSContext2D,
	poses: readonly BodyPose[],
	map: StageMap,
	ink: Ink = plainInk,
): void {
	const plank = poses.find((b) => b.kind === 'floating-plank');
	if (!plank) return;
	ctx.save();
	ctx.translate(X(map, plank.x), Y(map, plank.y));
	ctx.rotate(-plank.angle);
	const w = plank.w * map.ppm;
	const h = plank.h * map.ppm;
	ctx.fillStyle = ink('#a8784a');
	ctx.fillRect(-w, -h, 2 * w, 2 * h);
	ctx.fillStyle = ink('#c89868');
	ctx.fillRect(-w, -h, 2 * w, h * 0.5);
	ctx.strokeStyle = ink('#6b4526');
	ctx.lineWidth = Math.max(1, h * 0.25);
	ctx.strokeRect(-w, -h, 2 * w, 2 * h);
	ctx.beginPath();
	for (const u of [-0.5, 0, 0.5]) {
		ctx.moveTo(u * w, -h);
		ctx.lineTo(u * w, h);
	}
	ctx.stroke();
	ctx.restore();
}

/**
 * The near water in front of the plank and the performers: the moving surface line (from the
 * physics' columns), translucent water below it, ripples spreading from each splash and the
 * drops it throws up.
 */
export function drawOpenWaterFront(
	ctx: SKRSContext2D,
	columns: readonly BodyPose[],
	splashes: readonly ContactEvent[],
	seconds: number,
	fps: number,
	map: StageMap,
	frameHeight: number,
	ink: Ink = plainInk,
): void {
	if (columns.length < 2) return;
	const surface = (c: BodyPose) => c.y + c.h;
	ctx.fillStyle = ink('rgba(32,92,128,0.62)');
	ctx.beginPath();
	ctx.moveTo(X(map, columns[0].x), frameHeight + 10);
	for (const c of columns) ctx.lineTo(X(map, c.x), Y(map, surface(c)));
	ctx.lineTo(X(map, columns[columns.length - 1].x), frameHeight + 10);
	ctx.closePath();
	ctx.fill();
	ctx.strokeStyle = ink('rgba(225,242,255,0.85)');
	ctx.lineWidth = Math.max(1, map.ppm * 0.018);
	ctx.beginPath();
	columns.forEach((c, i) =>
		i ? ctx.lineTo(X(map, c.x), Y(map, surface(c))) : ctx.moveTo(X(map, c.x), Y(map, surface(c))),
	);
	ctx.stroke();
	drawSplashes(ctx, splashes, seconds, fps, map, ink);
}

/** Ripple rings and drops for each splash, a pure function of the time since it. */
export function drawSplashes(
	ctx: SKRSContext2D,
	splashes: readonly ContactEvent[],
	seconds: number,
	fps: number,
	map: StageMap,
	ink: Ink,
	at: (splash: ContactEvent) => { x: number; y: number; halfWidth: number } = () => ({
		x: 0,
		y: 0,
		halfWidth: 1.5,
	}),
): void {
	for (const s of splashes) {
		const age = seconds - s.frame / fps;
		if (age < 0 || age > 2.5) continue;
		const where = at(s);
		const strength = Math.min(1.6, 0.4 + Math.sqrt(s.energy) * 0.12);
		// Rings: flattened ellipses on the surface, growing and fading.
		for (let ring = 0; ring < 3; ring++) {
			const a = age - ring * 0.25;
			if (a <= 0) continue;
			const r = (where.halfWidth + a * 1.3) * map.ppm;
			const alpha = Math.max(0, 0.5 * (1 - a / 2.2));
			ctx.strokeStyle = ink(`rgba(235,248,255,${alpha.toFixed(3)})`);
			ctx.lineWidth = Math.max(1, map.ppm * 0.012);
			ctx.beginPath();
			ctx.ellipse(
				X(map, where.x),
				Y(map, where.y) + map.ppm * 0.05,
				r,
				r * 0.12,
				0,
				0,
				Math.PI * 2,
			);
			ctx.stroke();
		}
		// Drops: thrown from both ends, falling back under gravity.
		if (age > 1.2) continue;
		const random = seededRandom(s.frame * 7919 + Math.round(s.energy * 100), 3);
		const count = Math.round(22 * strength);
		ctx.fillStyle = ink('rgba(235,248,255,0.85)');
		for (let i = 0; i < count; i++) {
			const side = i % 2 ? 1 : -1;
			const vx = side * random.range(0.4, 1.6) * strength;
			const vy = random.range(1.2, 3.2) * strength;
			const x0 = where.x + side * where.halfWidth * random.range(0.6, 1.05);
			const y = where.y + vy * age - 4.9 * age * age;
			if (y < where.y - 0.05) continue;
			const r = Math.max(1.5, map.ppm * random.range(0.018, 0.04));
			ctx.beginPath();
			ctx.arc(X(map, x0 + vx * age), Y(map, y), r, 0, Math.PI * 2);
			ctx.fill();
		}
	}
}

/** The beach volleyball net on its posts. */
export function drawNet(ctx: SKRSContext2D, map: StageMap, ink: Ink = plainInk): void {
	const p = map.ppm;
	ctx.fillStyle = ink('#e8e2d0');
	ctx.fillRect(X(map, 0) - 0.04 * p, Y(map, NET.top + 0.1), 0.08 * p, (NET.top + 0.1) * p);
	const top = Y(map, NET.top);
	const bottom = Y(map, NET.top - NET.band);
	ctx.strokeStyle = ink('rgba(30,30,35,0.8)');
	ctx.lineWidth = Math.max(1, p * 0.008);
	ctx.beginPath();
	const w = 0.09 * p;
	for (let y = top; y <= bottom + 0.5; y += 0.1 * p) {
		ctx.moveTo(X(map, 0) - w, y);
		ctx.lineTo(X(map, 0) + w, y);
	}
	for (let x = -w; x <= w + 0.5; x += w / 2) {
		ctx.moveTo(X(map, 0) + x, top);
		ctx.lineTo(X(map, 0) + x, bottom);
	}
	ctx.stroke();
	ctx.fillStyle = ink('#f4f4f4');
	ctx.fillRect(X(map, 0) - w, top - 0.03 * p, 2 * w, 0.06 * p);
}

/** A volleyball: white with coloured panels, turning as it flies. */
export function drawVolleyball(
	ctx: SKRSContext2D,
	pose: BodyPose,
	map: StageMap,
	ink: Ink = plainInk,
): void {
	const r = pose.w * map.ppm;
	ctx.save();
	ctx.translate(X(map, pose.x), Y(map, pose.y));
	ctx.rotate(-pose.angle);
	ctx.fillStyle = ink('#f7f5ec');
	ctx.beginPath();
	ctx.arc(0, 0, r, 0, Math.PI * 2);
	ctx.fill();
	ctx.strokeStyle = ink('#2f5fd0');
	ctx.lineWidth = Math.max(1, r * 0.28);
	ctx.beginPath();
	ctx.arc(-r * 0.2, 0, r * 0.7, -1.1, 1.1);
	ctx.stroke();
	ctx.strokeStyle = ink('#f2c230');
	ctx.beginPath();
	ctx.arc(r * 0.6, -r * 0.3, r * 0.7, 1.9, 3.6);
	ctx.stroke();
	ctx.restore();
}

/** The big wave: its body to the bottom of the frame, a curling lip and foam on the crest. */
export function drawSurfWave(
	ctx: SKRSContext2D,
	seconds: number,
	map: StageMap,
	frameWidth: number,
	frameHeight: number,
	ink: Ink = plainInk,
): void {
	const wave = surfWave(seconds);
	const x0 = (0 - map.originX) / map.ppm - 0.5;
	const x1 = (frameWidth - map.originX) / map.ppm + 0.5;
	const step = (x1 - x0) / 48;
	const gradient = ctx.createLinearGradient(0, Y(map, wave.height), 0, frameHeight);
	gradient.addColorStop(0, ink('#5fc4c9'));
	gradient.addColorStop(0.45, ink('#1f7fa6'));
	gradient.addColorStop(1, ink('#0f4a70'));
	ctx.fillStyle = gradient;
	ctx.beginPath();
	ctx.moveTo(X(map, x0), frameHeight + 10);
	for (let x = x0; x <= x1 + 1e-9; x += step)
		ctx.lineTo(X(map, x), Y(map, waveSurface(x, seconds)));
	ctx.lineTo(X(map, x1), frameHeight + 10);
	ctx.closePath();
	ctx.fill();
	// Streaks of water running down the face.
	ctx.strokeStyle = ink('rgba(220,245,250,0.35)');
	ctx.lineWidth = Math.max(1, map.ppm * 0.02);
	ctx.beginPath();
	for (let i = 0; i < 7; i++) {
		const x = wave.crest + 0.2 + i * 0.3;
		const y = waveSurface(x, seconds) - 0.25 - ((seconds * 0.6 + i * 0.37) % 1) * 0.6;
		ctx.moveTo(X(map, x), Y(map, y));
		ctx.lineTo(X(map, x + 0.25), Y(map, y - 0.12));
	}
	ctx.stroke();
	// The lip curling forward over the face, with foam along it.
	const crestX = X(map, wave.crest);
	const crestY = Y(map, wave.height);
	const reach = wave.width * 0.9 * map.ppm;
	ctx.fillStyle = ink('#3fa9c0');
	ctx.beginPath();
	ctx.moveTo(crestX - 0.3 * map.ppm, crestY + 0.05 * map.ppm);
	ctx.quadraticCurveTo(
		crestX + reach * 0.6,
		crestY - 0.35 * map.ppm,
		crestX + reach,
		crestY + 0.45 * map.ppm,
	);
	ctx.quadraticCurveTo(
		crestX + reach * 0.6,
		crestY + 0.1 * map.ppm,
		crestX + 0.1 * map.ppm,
		crestY + 0.35 * map.ppm,
	);
	ctx.closePath();
	ctx.fill();
	ctx.strokeStyle = ink('rgba(255,255,255,0.92)');
	ctx.lineWidth = Math.max(2, map.ppm * 0.07);
	ctx.beginPath();
	ctx.moveTo(crestX - 0.8 * map.ppm, Y(map, waveSurface(wave.crest - 0.8, seconds)));
	ctx.quadraticCurveTo(
		crestX + reach * 0.6,
		crestY - 0.35 * map.ppm,
		crestX + reach,
		crestY + 0.45 * map.ppm,
	);
	ctx.stroke();
	// Spray falling from the lip.
	const random = seededRandom(Math.floor(seconds * 12), 17);
	ctx.fillStyle = ink('rgba(255,255,255,0.8)');
	for (let i = 0; i < 26; i++) {
		const u = random.next();
		ctx.beginPath();
		ctx.arc(
			crestX + reach * (0.7 + 0.35 * u),
			crestY + (0.4 + random.range(0, 0.9)) * map.ppm,
			Math.max(1, map.ppm * random.range(0.01, 0.03)),
			0,
			Math.PI * 2,
		);
		ctx.fill();
	}
}

/** A board under a rider: a skateboard on its wheels or a surfboard with its stringer. */
export function drawBoard(
	ctx: SKRSContext2D,
	board: BoardTrack,
	frame: number,
	seconds: number,
	map: StageMap,
	ink: Ink = plainInk,
): void {
	const f = Math.max(0, Math.min(board.x.length - 1, frame));
	const p = map.ppm;
	ctx.save();
	ctx.translate(X(map, board.x[f]), Y(map, board.y[f]));
	ctx.rotate(-board.angle[f]);
	if (board.kind === 'surfboard') {
		ctx.fillStyle = ink('#f4f1e6');
		ctx.beginPath();
		ctx.ellipse(0, 0.02 * p, 1.0 * p, 0.06 * p, 0, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = ink('#e0542e');
		ctx.fillRect(-0.95 * p, 0.01 * p, 1.9 * p, 0.02 * p);
		// Spray thrown from the tail.
		ctx.fillStyle = ink('rgba(255,255,255,0.75)');
		const random = seededRandom(Math.floor(seconds * 15), 23);
		for (let i = 0; i < 12; i++) {
			ctx.beginPath();
			ctx.arc(
				(-0.9 - random.range(0, 0.6)) * p,
				random.range(-0.35, 0.05) * p,
				Math.max(1, p * random.range(0.01, 0.03)),
				0,
				Math.PI * 2,
			);
			ctx.fill();
		}
	} else {
		// Black grip tape over a bright deck with kicked-up ends, so the board reads on a dark street.
		ctx.fillStyle = ink('#f08a24');
		ctx.beginPath();
		ctx.moveTo(-0.46 * p, -0.05 * p);
		ctx.lineTo(-0.38 * p, -0.005 * p);
		ctx.lineTo(0.38 * p, -0.005 * p);
		ctx.lineTo(0.46 * p, -0.05 * p);
		ctx.lineTo(0.47 * p, -0.03 * p);
		ctx.lineTo(0.39 * p, 0.025 * p);
		ctx.lineTo(-0.39 * p, 0.025 * p);
		ctx.lineTo(-0.47 * p, -0.03 * p);
		ctx.closePath();
		ctx.fill();
		ctx.fillStyle = ink('#1e1e1e');
		ctx.fillRect(-0.38 * p, -0.02 * p, 0.76 * p, 0.015 * p);
		ctx.fillStyle = ink('#b0b0b0');
		ctx.fillRect(-0.3 * p, 0.025 * p, 0.06 * p, 0.03 * p);
		ctx.fillRect(0.24 * p, 0.025 * p, 0.06 * p, 0.03 * p);
		ctx.fillStyle = ink('#f7f1dc');
		for (const wx of [-0.27, 0.27]) {
			ctx.beginPath();
			ctx.arc(wx * p, 0.07 * p, 0.035 * p, 0, Math.PI * 2);
			ctx.fill();
		}
	}
	ctx.restore();
}

/** A basketball at a point (metres). */
export function drawBall(
	ctx: SKRSContext2D,
	x: number,
	y: number,
	radius: number,
	map: StageMap,
	ink: Ink = plainInk,
): void {
	if (!Number.isFinite(x)) return;
	const r = radius * map.ppm;
	ctx.fillStyle = ink('#e3741e');
	ctx.beginPath();
	ctx.arc(X(map, x), Y(map, y), r, 0, Math.PI * 2);
	ctx.fill();
	ctx.strokeStyle = ink('#2b1206');
	ctx.lineWidth = Math.max(1, r * 0.1);
	ctx.beginPath();
	ctx.moveTo(X(map, x) - r, Y(map, y));
	ctx.lineTo(X(map, x) + r, Y(map, y));
	ctx.moveTo(X(map, x), Y(map, y) - r);
	ctx.lineTo(X(map, x), Y(map, y) + r);
	ctx.stroke();
}

export interface Print {
	x: number;
	/** Seconds (shot time) it was made. */
	at: number;
	paw: boolean;
	/** Which way the maker faced. */
	facing: 1 | -1;
	/** Near-side limbs print a little in front of far-side ones. */
	near: boolean;
}

/** Prints pressed into snow or sand, each from the moment its foot or paw came down. */
export function drawPrints(
	ctx: SKRSContext2D,
	prints: readonly Print[],
	seconds: number,
	material: 'snow' | 'sand',
	map: StageMap,
	ink: Ink = plainInk,
): number {
	const fill = ink(material === 'snow' ? 'rgba(95,120,165,0.7)' : 'rgba(110,80,40,0.55)');
	ctx.fillStyle = fill;
	let drawn = 0;
	for (const p of prints) {
		if (p.at > seconds) continue;
		drawn++;
		const x = X(map, p.x);
		const y = Y(map, 0) + map.ppm * (p.near ? 0.05 : 0.015);
		const s = Math.max(1.5, map.ppm * (p.paw ? 0.03 : 0.055));
		ctx.beginPath();
		if (p.paw) {
			ctx.ellipse(x, y, s, s * 0.4, 0, 0, Math.PI * 2);
			for (const k of [-1, 0, 1])
				ctx.ellipse(
					x + p.facing * s * 1.1 + k * s * 0.2,
					y + k * s * 0.25,
					s * 0.35,
					s * 0.18,
					0,
					0,
					Math.PI * 2,
				);
		} else ctx.ellipse(x + p.facing * s * 0.3, y, s * 1.5, s * 0.35, 0, 0, Math.PI * 2);
		ctx.fill();
	}
	return drawn;
}

/** A sandcastle rising as it is built: a mound, walls, towers, battlements, a flag. */
export function drawSandcastle(
	ctx: SKRSContext2D,
	x: number,
	progress: number,
	map: StageMap,
	ink: Ink = plainInk,
): void {
	if (progress <= 0) return;
	// A generous beach castle: about knee-high to a grown-up at its towers.
	const p = map.ppm * 1.35;
	const u = Math.min(1, progress);
	const cx = X(map, x);
	const base = Y(map, 0);
	const sand = ink('#d8b878');
	const shadow = ink('#b8985a');
	// Mound, then the keep, then the towers, then the flag.
	const mound = Math.min(1, u / 0.25);
	ctx.fillStyle = shadow;
	ctx.beginPath();
	ctx.ellipse(cx, base, 0.42 * p * mound, 0.1 * p * mound, 0, Math.PI, 0);
	ctx.fill();
	const keep = Math.max(0, Math.min(1, (u - 0.2) / 0.35));
	if (keep > 0) {
		ctx.fillStyle = sand;
		const h = 0.26 * p * keep;
		ctx.fillRect(cx - 0.22 * p, base - 0.06 * p - h, 0.44 * p, h);
		ctx.fillStyle = shadow;
		ctx.fillRect(cx - 0.05 * p, base - 0.06 * p - h * 0.5, 0.1 * p, h * 0.5);
	}
	const towers = Math.max(0, Math.min(1, (u - 0.5) / 0.35));
	if (towers > 0) {
		ctx.fillStyle = sand;
		for (const dx of [-0.3, 0.3]) {
			const h = 0.4 * p * towers;
			ctx.fillRect(cx + dx * p - 0.08 * p, base - 0.04 * p - h, 0.16 * p, h);
			// Battlements.
			if (towers > 0.7)
				for (const k of [-1, 0, 1])
					ctx.fillRect(
						cx + dx * p + k * 0.055 * p - 0.02 * p,
						base - 0.04 * p - h - 0.04 * p,
						0.04 * p,
						0.04 * p,
					);
		}
		if (keep >= 1)
			for (const k of [-2, -1, 0, 1, 2])
				ctx.fillRect(cx + k * 0.09 * p - 0.025 * p, base - 0.36 * p, 0.05 * p, 0.04 * p);
	}
	if (u > 0.9) {
		ctx.strokeStyle = ink('#5a4a3a');
		ctx.lineWidth = Math.max(1, 0.012 * p);
		ctx.beginPath();
		ctx.moveTo(cx + 0.3 * p, base - 0.48 * p);
		ctx.lineTo(cx + 0.3 * p, base - 0.68 * p);
		ctx.stroke();
		ctx.fillStyle = ink('#d7263d');
		ctx.beginPath();
		ctx.moveTo(cx + 0.3 * p, base - 0.68 * p);
		ctx.lineTo(cx + 0.44 * p, base - 0.63 * p);
		ctx.lineTo(cx + 0.3 * p, base - 0.58 * p);
		ctx.fill();
	}
	// A bucket and a spade beside it.
	ctx.fillStyle = ink('#2f8fd0');
	ctx.beginPath();
	ctx.moveTo(cx + 0.55 * p, base);
	ctx.lineTo(cx + 0.52 * p, base - 0.16 * p);
	ctx.lineTo(cx + 0.7 * p, base - 0.16 * p);
	ctx.lineTo(cx + 0.67 * p, base);
	ctx.fill();
	ctx.fillStyle = ink('#f2c230');
	ctx.fillRect(cx - 0.62 * p, base - 0.22 * p, 0.025 * p, 0.2 * p);
	ctx.fillRect(cx - 0.66 * p, base - 0.05 * p, 0.1 * p, 0.05 * p);
}

/** A round fishbowl on a stand: the stand and water behind the fish, the glass in front. */
export function drawFishbowl(
	ctx: SKRSContext2D,
	x: number,
	map: StageMap,
	ink: Ink,
	part: 'back' | 'front',
): void {
	const r = FISHBOWL.radius * map.ppm;
	const cx = X(map, x);
	const cy = Y(map, FISHBOWL.centre);
	if (part === 'back') {
		ctx.fillStyle = ink('#6b4a2f');
		ctx.fillRect(cx - r * 0.9, cy + r * 0.85, r * 1.8, r * 0.15);
		ctx.fillRect(cx - r * 0.1, cy + r, r * 0.2, Y(map, 0) - cy - r);
		ctx.fillRect(cx - r * 0.6, Y(map, 0) - r * 0.08, r * 1.2, r * 0.08);
		ctx.fillStyle = ink('rgba(120,190,230,0.55)');
		ctx.beginPath();
		ctx.arc(cx, cy, r, -0.2 * Math.PI, 1.2 * Math.PI);
		ctx.closePath();
		ctx.fill();
		return;
	}
	ctx.strokeStyle = ink('rgba(235,245,255,0.85)');
	ctx.lineWidth = Math.max(1.5, r * 0.05);
	ctx.beginPath();
	ctx.arc(cx, cy, r, -1.25 * Math.PI, 0.25 * Math.PI);
	ctx.stroke();
	ctx.fillStyle = ink('rgba(255,255,255,0.35)');
	ctx.beginPath();
	ctx.ellipse(cx - r * 0.45, cy - r * 0.35, r * 0.12, r * 0.3, 0.5, 0, Math.PI * 2);
	ctx.fill();
}

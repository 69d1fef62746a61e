/**
 * Draws what performers use (`motion/gear.ts`): the football and the goal it flies into,
 * snowballs in the hand, in flight and bursting, the frying pan and the pancake turning over above
 * it with the stove beneath, the flag carried and then planted, a guitar across the player's body,
 * a bicycle under its rider with turning wheels and cranks, the edge a diver springs from with the
 * splash and the water in front of the swimmer, and a lighthouse sweeping its beam over the sea.
 * Everything is a pure function of the frame, so any frame can be drawn alone.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { GOAL, type Gear, type SnowballThrow } from '../motion/gear';
import { CRANK } from '../motion/person';
import { PERSON_BONES as B } from '../motion/person';
import type { Skeleton } from '../motion/rig';
import { plainInk, type Ink } from './ink';
import { seededRandom } from './random';
import type { StageMap } from './stageMap';

const X = (m: StageMap, x: number) => m.originX + x * m.ppm;
const Y = (m: StageMap, y: number) => m.originY - y * m.ppm;
const TAU = Math.PI * 2;
/** Bigger than a real one (about 4 cm), so it reads in a small frame. */
const SNOWBALL_RADIUS = 0.075;

export interface GearFrame {
	gear: Gear;
	skeleton: Skeleton;
	/** The performer's height (metres) and which way it faces. */
	size: number;
	facing: 1 | -1;
	/** The clip playing, the solved frame and the shot's seconds. */
	clip: string;
	frame: number;
	seconds: number;
	fps: number;
	map: StageMap;
	ink: Ink;
	/** The performer's skin colour (a hand drawn over what it holds). */
	skin: string;
}

/** Gear drawn behind the body: the goal, the stove, a planted flag, the bicycle, the diving edge. */
export function drawGearBehind(ctx: SKRSContext2D, d: GearFrame): void {
	const { gear, map, ink } = d;
	switch (gear.kind) {
		case 'football':
			drawGoal(ctx, X(map, gear.goal.x), Y(map, 0), map.ppm, gear.goal.side, ink);
			break;
		case 'pancake':
			drawStove(ctx, X(map, gear.stove.x), Y(map, 0), map.ppm, gear.stove.top, d.seconds, ink);
			break;
		case 'flag':
			if (gear.planted !== undefined && d.frame >= gear.planted)
				drawFlag(ctx, X(map, gear.x), Y(map, -0.12), map.ppm, 1.9, d.seconds, d.facing, ink);
			break;
		case 'bicycle':
			if (d.clip === gear.clip) drawBicycleUnder(ctx, d);
			break;
		case 'water':
			if (gear.edge) drawDiveEdge(ctx, map, gear.edge.x, gear.edge.top, ink);
			break;
		default:
	}
}

/** Gear drawn in front of the body: balls, snowballs, the pan, a carried flag, the guitar, water. */
export function drawGearFront(ctx: SKRSContext2D, d: GearFrame): void {
	const { gear, map, ink, skeleton: k } = d;
	const p = map.ppm;
	switch (gear.kind) {
		case 'football': {
			const f = Math.min(d.frame, gear.x.length - 1);
			const spin = gear.strike !== undefined && f > gear.strike ? (f - gear.strike) * 0.6 : 0;
			drawFootball(ctx, X(map, gear.x[f]), Y(map, gear.y[f]), gear.radius * p, spin, ink);
			break;
		}
		case 'snowballs': {
			if (gear.inHand[d.frame])
				drawSnowball(
					ctx,
					X(map, k.ex[B.forearmNear]),
					Y(map, k.ey[B.forearmNear]),
					SNOWBALL_RADIUS * p,
					ink,
				);
			for (const thrown of gear.throws) drawThrow(ctx, thrown, d.frame, d.fps, map, ink);
			break;
		}
		case 'pancake': {
			if (d.clip !== 'flip-pancake') break;
			const hand: [number, number] = [X(map, k.ex[B.forearmNear]), Y(map, k.ey[B.forearmNear])];
			const flights = gear.tosses
				.map((f) => (d.frame - f) / (gear.flight * d.fps))
				.filter((s) => s >= 0 && s < 1);
			drawPanAndPancake(ctx, hand, d.facing, p, flights[0], ink);
			break;
		}
		case 'flag':
			if (gear.planted === undefined || d.frame < gear.planted)
				drawFlag(
					ctx,
					X(map, k.ex[B.forearmNear]),
					Y(map, k.ey[B.forearmNear] - 0.55),
					p,
					1.9,
					d.seconds,
					d.facing,
					ink,
				);
			break;
		case 'guitar':
			if (d.clip === gear.clip) drawGuitarOnBody(ctx, d);
			break;
		case 'frisbee': {
			const f = Math.min(d.frame, gear.x.length - 1);
			drawFrisbee(ctx, X(map, gear.x[f]), Y(map, gear.y[f]), 0.16 * p, d.seconds, ink);
			break;
		}
		case 'water':
			drawSwimmersWater(ctx, d, gear.entry);
			break;
		default:
	}
}

// ---- the football ----------------------------------------------------------------------------

export function drawFootball(
	ctx: SKRSContext2D,
	cx: number,
	cy: number,
	r: number,
	spin: number,
	ink: Ink = plainInk,
): void {
	if (!Number.isFinite(cx)) return;
	ctx.fillStyle = ink('#f7f7f2');
	ctx.strokeStyle = ink('#1b1b1b');
	ctx.lineWidth = Math.max(1, r * 0.12);
	ctx.beginPath();
	ctx.arc(cx, cy, r, 0, TAU);
	ctx.fill();
	ctx.stroke();
	// A black pentagon in the middle and patches round it, turning as the ball spins.
	ctx.fillStyle = ink('#1b1b1b');
	const patch = (px: number, py: number, s: number, turn: number) => {
		ctx.beginPath();
		for (let i = 0; i < 5; i++) {
			const a = turn + (i * TAU) / 5;
			const x = px + Math.cos(a) * s;
			const y = py + Math.sin(a) * s;
			if (i === 0) ctx.moveTo(x, y);
			else ctx.lineTo(x, y);
		}
		ctx.closePath();
		ctx.fill();
	};
	patch(cx + Math.cos(spin) * r * 0.15, cy + Math.sin(spin) * r * 0.15, r * 0.32, spin);
	for (let i = 0; i < 5; i++) {
		const a = spin + (i * TAU) / 5 + Math.PI / 5;
		patch(cx + Math.cos(a) * r * 0.78, cy + Math.sin(a) * r * 0.78, r * 0.2, a);
	}
}

/**
 * A goal seen three-quarter on: the near post at `x`, the far post behind it (higher on screen,
 * further away), the crossbar between their tops and the net running back to the ground.
 */
export function drawGoal(
	ctx: SKRSContext2D,
	x: number,
	groundY: number,
	p: number,
	side: 1 | -1,
	ink: Ink = plainInk,
): void {
	const height = GOAL.height * p;
	const far = { x: x + side * GOAL.depth * p, y: groundY - 0.3 * p };
	const back = { x: x + side * GOAL.depth * 0.6 * p, y: groundY - 0.15 * p };
	// The net: a mesh between the posts and back to the ground behind them.
	ctx.fillStyle = ink('rgba(255,255,255,0.12)');
	ctx.beginPath();
	ctx.moveTo(x, groundY - height);
	ctx.lineTo(far.x, far.y - height * 0.88);
	ctx.lineTo(far.x + side * 0.45 * p, far.y - 0.1 * p);
	ctx.lineTo(back.x + side * 0.45 * p, back.y);
	ctx.lineTo(x, groundY);
	ctx.closePath();
	ctx.fill();
	ctx.strokeStyle = ink('rgba(235,235,235,0.55)');
	ctx.lineWidth = Math.max(1, 0.015 * p);
	ctx.beginPath();
	for (let i = 1; i < 8; i++) {
		const s = i / 8;
		// Lines from the crossbar down the back of the net…
		const topX = x + (far.x - x) * s;
		const topY = groundY - height + (far.y - height * 0.88 - (groundY - height)) * s;
		ctx.moveTo(topX, topY);
		ctx.lineTo(topX + side * 0.45 * p, groundY - 0.02 * p - (groundY - far.y) * s * 0.8);
		// …and across it.
		const y = groundY - height * (1 - s);
		ctx.moveTo(x, y);
		ctx.lineTo(far.x + side * 0.45 * p * s, far.y - height * 0.88 * (1 - s));
	}
	ctx.stroke();
	// Posts and crossbar.
	ctx.strokeStyle = ink('#f4f4f4');
	ctx.lineCap = 'round';
	ctx.lineWidth = Math.max(2, 0.09 * p);
	ctx.beginPath();
	ctx.moveTo(far.x, far.y);
	ctx.lineTo(far.x, far.y - height * 0.88);
	ctx.lineTo(x, groundY - height);
	ctx.lineTo(x, groundY);
	ctx.stroke();
	ctx.lineCap = 'butt';
}

/** A flying disc seen nearly edge on, tilting as it glides. */
export function drawFrisbee(
	ctx: SKRSContext2D,
	cx: number,
	cy: number,
	r: number,
	seconds: number,
	ink: Ink = plainInk,
): void {
	ctx.save();
	ctx.translate(cx, cy);
	ctx.rotate(0.18 * Math.sin(seconds * 3.1));
	ctx.fillStyle = ink('#ff3d7f');
	ctx.beginPath();
	ctx.ellipse(0, 0, r, r * 0.32, 0, 0, TAU);
	ctx.fill();
	ctx.fillStyle = ink('#c21f5a');
	ctx.fillRect(-r, 0, 2 * r, r * 0.14);
	ctx.fillStyle = ink('rgba(255,255,255,0.6)');
	ctx.beginPath();
	ctx.ellipse(-r * 0.2, -r * 0.08, r * 0.45, r * 0.09, 0, 0, TAU);
	ctx.fill();
	ctx.restore();
}

// ---- snowballs --------------------------------------------------------------------------------

export function drawSnowball(
	ctx: SKRSContext2D,
	cx: number,
	cy: number,
	r: number,
	ink: Ink = plainInk,
): void {
	ctx.fillStyle = ink('#aab8cc');
	ctx.beginPath();
	ctx.arc(cx, cy, r * 1.12, 0, TAU);
	ctx.fill();
	ctx.fillStyle = ink('#fbfdff');
	ctx.beginPath();
	ctx.arc(cx - r * 0.1, cy - r * 0.1, r, 0, TAU);
	ctx.fill();
}

/** A snowball on its arc from the hand, then a puff of snow where it hits. */
function drawThrow(
	ctx: SKRSContext2D,
	thrown: SnowballThrow,
	frame: number,
	fps: number,
	map: StageMap,
	ink: Ink,
): void {
	const p = map.ppm;
	if (frame >= thrown.release && frame < thrown.land) {
		const s = (frame - thrown.release) / (thrown.land - thrown.release);
		const x = thrown.from[0] + (thrown.to[0] - thrown.from[0]) * s;
		const y = thrown.from[1] + (thrown.to[1] - thrown.from[1]) * s + 0.9 * s * (1 - s);
		drawSnowball(ctx, X(map, x), Y(map, y), SNOWBALL_RADIUS * p, ink);
		return;
	}
	const since = (frame - thrown.land) / fps;
	if (since < 0 || since > 0.45) return;
	const random = seededRandom(thrown.release * 7919 + thrown.land, 31);
	ctx.fillStyle = ink(`rgba(250,252,255,${(1 - since / 0.45).toFixed(3)})`);
	for (let i = 0; i < 10; i++) {
		const a = random.range(0, TAU);
		const v = random.range(0.6, 1.8);
		const x = thrown.to[0] + Math.cos(a) * v * since;
		const y = thrown.to[1] + Math.sin(a) * v * since - 2.5 * since * since;
		ctx.beginPath();
		ctx.arc(X(map, x), Y(map, y), Math.max(1, random.range(0.015, 0.035) * p), 0, TAU);
		ctx.fill();
	}
}

// ---- the pan, the pancake and the stove -----------------------------------------------------

/**
 * The pan held by its handle at `hand`; the pancake lies in it, or is `flight` (0..1) of the way
 * through a toss: up and back down while it turns over once.
 */
export function drawPanAndPancake(
	ctx: SKRSContext2D,
	hand: [number, number],
	facing: 1 | -1,
	p: number,
	flight: number | undefined,
	ink: Ink = plainInk,
): void {
	const [hx, hy] = hand;
	const panX = hx + facing * 0.3 * p;
	const panY = hy - 0.02 * p;
	ctx.strokeStyle = ink('#2a2a2a');
	ctx.lineWidth = Math.max(1, 0.03 * p);
	ctx.beginPath();
	ctx.moveTo(hx - facing * 0.04 * p, hy + 0.01 * p);
	ctx.lineTo(panX - facing * 0.13 * p, panY);
	ctx.stroke();
	const cake = (y: number, turn: number) => {
		ctx.fillStyle = ink('#d99a3e');
		ctx.beginPath();
		ctx.ellipse(
			panX,
			y,
			0.11 * p,
			Math.max(0.5, 0.025 * p + 0.09 * p * Math.abs(Math.sin(turn))),
			0,
			0,
			TAU,
		);
		ctx.fill();
		ctx.fillStyle = ink('#b5742a');
		ctx.beginPath();
		ctx.ellipse(panX, y, 0.06 * p, Math.max(0.5, 0.012 * p), 0, 0, TAU);
		ctx.fill();
	};
	if (flight !== undefined)
		cake(panY - 0.03 * p - 0.55 * p * 4 * flight * (1 - flight), Math.PI * flight);
	// The pan: a dark dish seen from the side.
	ctx.fillStyle = ink('#303030');
	ctx.beginPath();
	ctx.moveTo(panX - 0.14 * p, panY - 0.02 * p);
	ctx.lineTo(panX + 0.14 * p, panY - 0.02 * p);
	ctx.lineTo(panX + 0.11 * p, panY + 0.035 * p);
	ctx.lineTo(panX - 0.11 * p, panY + 0.035 * p);
	ctx.closePath();
	ctx.fill();
	if (flight === undefined) cake(panY - 0.03 * p, 0);
}

/** A kitchen range: steel body with an oven door, a dark hob and a lit burner. */
export function drawStove(
	ctx: SKRSContext2D,
	cx: number,
	groundY: number,
	p: number,
	top: number,
	seconds: number,
	ink: Ink = plainInk,
): void {
	const w = 0.8 * p;
	const h = top * p;
	ctx.fillStyle = ink('#b9bec4');
	ctx.fillRect(cx - w / 2, groundY - h, w, h);
	ctx.fillStyle = ink('#8d949b');
	ctx.fillRect(cx - w * 0.4, groundY - h * 0.72, w * 0.8, h * 0.5);
	ctx.fillStyle = ink('#3a3f45');
	ctx.fillRect(cx - w * 0.34, groundY - h * 0.66, w * 0.68, h * 0.3);
	ctx.fillStyle = ink('#2b2b2b');
	ctx.fillRect(cx - w / 2 - 0.02 * p, groundY - h - 0.05 * p, w + 0.04 * p, 0.05 * p);
	// Knobs and the burner's flame (it flickers with time).
	ctx.fillStyle = ink('#1e1e1e');
	for (let i = 0; i < 4; i++) {
		ctx.beginPath();
		ctx.arc(cx - w * 0.3 + i * w * 0.2, groundY - h * 0.86, 0.025 * p, 0, TAU);
		ctx.fill();
	}
	const flicker = 0.8 + 0.2 * Math.sin(seconds * 23) * Math.sin(seconds * 7);
	ctx.fillStyle = ink('rgba(70,140,255,0.85)');
	ctx.fillRect(cx - 0.16 * p, groundY - h - 0.08 * p * flicker, 0.32 * p, 0.035 * p * flicker);
}

// ---- the flag ----------------------------------------------------------------------------------

/** A flag on a pole whose foot is at (x, y); the cloth ripples with time and flies to the back. */
export function drawFlag(
	ctx: SKRSContext2D,
	x: number,
	y: number,
	p: number,
	pole: number,
	seconds: number,
	facing: 1 | -1,
	ink: Ink = plainInk,
): void {
	const top = y - pole * p;
	ctx.strokeStyle = ink('#c9c9c9');
	ctx.lineWidth = Math.max(1, 0.035 * p);
	ctx.beginPath();
	ctx.moveTo(x, y);
	ctx.lineTo(x, top);
	ctx.stroke();
	const side = -facing;
	const w = 0.85 * p;
	const h = 0.52 * p;
	const wave = (s: number) => Math.sin(seconds * 5 - s * 5) * 0.05 * p * s;
	const edge = (s: number, v: number): [number, number] => [
		x + side * w * s,
		top + v * h + wave(s),
	];
	const quad = (s0: number, s1: number, v0: number, v1: number, colour: string) => {
		ctx.fillStyle = ink(colour);
		ctx.beginPath();
		const steps = 4;
		for (let i = 0; i <= steps; i++) {
			const [px, py] = edge(s0 + ((s1 - s0) * i) / steps, v0);
			if (i === 0) ctx.moveTo(px, py);
			else ctx.lineTo(px, py);
		}
		for (let i = steps; i >= 0; i--) {
			const [px, py] = edge(s0 + ((s1 - s0) * i) / steps, v1);
			ctx.lineTo(px, py);
		}
		ctx.closePath();
		ctx.fill();
	};
	// Stripes, and a canton by the pole.
	for (let i = 0; i < 7; i++) quad(0, 1, i / 7, (i + 1) / 7, i % 2 === 0 ? '#c8102e' : '#f5f5f5');
	quad(0, 0.42, 0, 4 / 7, '#1f3a7a');
	ctx.fillStyle = ink('#d9b44a');
	ctx.beginPath();
	ctx.arc(x, top, 0.035 * p, 0, TAU);
	ctx.fill();
}

// ---- the guitar --------------------------------------------------------------------------------

/** A guitar slung across the body: its body at the hips, its neck running up to the far hand. */
function drawGuitarOnBody(ctx: SKRSContext2D, d: GearFrame): void {
	const { skeleton: k, map, ink, size, facing } = d;
	const p = map.ppm;
	const hipX = X(map, k.sx[B.spine]);
	const hipY = Y(map, k.sy[B.spine]);
	const bodyX = hipX + facing * 0.06 * size * p;
	const bodyY = hipY - 0.07 * size * p;
	const neckX = X(map, k.ex[B.forearmFar]);
	const neckY = Y(map, k.ey[B.forearmFar]);
	const angle = Math.atan2(neckY - bodyY, neckX - bodyX);
	const reach = Math.hypot(neckX - bodyX, neckY - bodyY) + 0.12 * p;
	const s = (size / 1.75) * p;
	ctx.save();
	ctx.translate(bodyX, bodyY);
	ctx.rotate(angle);
	ctx.fillStyle = ink('#3b2410');
	ctx.fillRect(0, -0.025 * s, reach, 0.05 * s);
	ctx.fillStyle = ink('#1c1108');
	ctx.fillRect(reach - 0.1 * s, -0.035 * s, 0.12 * s, 0.07 * s);
	ctx.fillStyle = ink('#c4702a');
	ctx.beginPath();
	ctx.ellipse(-0.1 * s, 0, 0.2 * s, 0.17 * s, 0, 0, TAU);
	ctx.fill();
	ctx.beginPath();
	ctx.ellipse(0.12 * s, 0, 0.14 * s, 0.13 * s, 0, 0, TAU);
	ctx.fill();
	ctx.fillStyle = ink('#1a1a1a');
	ctx.beginPath();
	ctx.arc(0.04 * s, 0, 0.055 * s, 0, TAU);
	ctx.fill();
	ctx.strokeStyle = ink('rgba(240,240,240,0.8)');
	ctx.lineWidth = Math.max(0.5, 0.006 * s);
	ctx.beginPath();
	ctx.moveTo(-0.22 * s, 0);
	ctx.lineTo(reach, 0);
	ctx.stroke();
	ctx.restore();
	// The strumming hand over the strings.
	ctx.fillStyle = ink(d.skin);
	ctx.beginPath();
	ctx.arc(X(map, k.ex[B.forearmNear]), Y(map, k.ey[B.forearmNear]), 0.04 * s, 0, TAU);
	ctx.fill();
}

// ---- the bicycle -----------------------------------------------------------------------------

/** The bicycle under its rider: saddle at the hips, cranks at the feet, wheels turning as it rolls. */
function drawBicycleUnder(ctx: SKRSContext2D, d: GearFrame): void {
	const { skeleton: k, map, ink, size, facing } = d;
	const p = map.ppm;
	const saddle: [number, number] = [k.sx[B.spine], k.sy[B.spine] - 0.02 * size];
	const crank: [number, number] = [
		saddle[0] + facing * CRANK.x * size,
		saddle[1] + CRANK.y * size + 0.02 * size,
	];
	const r = 0.2 * size;
	const rear: [number, number] = [crank[0] - facing * 0.26 * size, r];
	const front: [number, number] = [crank[0] + facing * 0.36 * size, r];
	const bar: [number, number] = [
		(k.ex[B.forearmNear] + k.ex[B.forearmFar]) / 2,
		(k.ey[B.forearmNear] + k.ey[B.forearmFar]) / 2,
	];
	const head: [number, number] = [bar[0] - facing * 0.04 * size, bar[1] - 0.08 * size];
	const P = (pt: [number, number]): [number, number] => [X(map, pt[0]), Y(map, pt[1])];
	// Wheels: tyre, rim and spokes turned by the distance rolled.
	const turn = (-facing * saddle[0]) / r;
	for (const hub of [rear, front]) {
		const [cx, cy] = P(hub);
		ctx.strokeStyle = ink('#1a1a1a');
		ctx.lineWidth = Math.max(1.5, 0.045 * p);
		ctx.beginPath();
		ctx.arc(cx, cy, r * p, 0, TAU);
		ctx.stroke();
		ctx.strokeStyle = ink('#9aa0a6');
		ctx.lineWidth = Math.max(0.5, 0.008 * p);
		ctx.beginPath();
		for (let i = 0; i < 6; i++) {
			const a = turn + (i * Math.PI) / 6;
			ctx.moveTo(cx - Math.cos(a) * r * p * 0.95, cy - Math.sin(a) * r * p * 0.95);
			ctx.lineTo(cx + Math.cos(a) * r * p * 0.95, cy + Math.sin(a) * r * p * 0.95);
		}
		ctx.stroke();
	}
	// The frame.
	ctx.strokeStyle = ink('#2f6fb5');
	ctx.lineWidth = Math.max(1.5, 0.04 * p);
	ctx.lineJoin = 'round';
	ctx.beginPath();
	const line = (...pts: Array<[number, number]>) => {
		pts.map(P).forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
	};
	line(rear, crank, saddle, rear);
	line(crank, head, saddle);
	line(head, front);
	ctx.stroke();
	ctx.strokeStyle = ink('#222');
	ctx.lineWidth = Math.max(1, 0.03 * p);
	ctx.beginPath();
	line(head, bar);
	line(
		[saddle[0] - facing * 0.08 * size, saddle[1]],
		[saddle[0] + facing * 0.05 * size, saddle[1]],
	);
	// Cranks to the feet.
	line([k.ex[B.shinNear], k.ey[B.shinNear]], crank, [k.ex[B.shinFar], k.ey[B.shinFar]]);
	ctx.stroke();
	ctx.lineJoin = 'miter';
}

// ---- the dive --------------------------------------------------------------------------------

/** The edge the diver stands on: tiled pool coping (or a jetty) from the frame's left to `edge`. */
function drawDiveEdge(
	ctx: SKRSContext2D,
	map: StageMap,
	edge: number,
	top: number,
	ink: Ink,
): void {
	const right = X(map, edge);
	const y = Y(map, top);
	const bottom = ctx.canvas.height;
	ctx.fillStyle = ink('#d9dde0');
	ctx.fillRect(-ctx.canvas.width, y, right + ctx.canvas.width, bottom - y);
	ctx.fillStyle = ink('#f3f5f6');
	ctx.fillRect(-ctx.canvas.width, y, right + ctx.canvas.width, 0.06 * map.ppm);
	ctx.fillStyle = ink('#2d6fa3');
	ctx.fillRect(right - 0.05 * map.ppm, y, 0.05 * map.ppm, bottom - y);
}

/**
 * The water at the diver's depth, drawn over the body (a swimmer shows through it), and the splash
 * of the entry: a crown of drops thrown up and falling back, then rings spreading from the spot.
 */
function drawSwimmersWater(
	ctx: SKRSContext2D,
	d: GearFrame,
	entry: { frame: number; x: number } | undefined,
): void {
	const { map, ink } = d;
	const p = map.ppm;
	const surface = Y(map, 0);
	ctx.fillStyle = ink('rgba(40,150,200,0.55)');
	ctx.fillRect(-ctx.canvas.width, surface, ctx.canvas.width * 3, ctx.canvas.height - surface);
	ctx.fillStyle = ink('rgba(220,245,255,0.7)');
	ctx.fillRect(-ctx.canvas.width, surface - 0.01 * p, ctx.canvas.width * 3, Math.max(1, 0.02 * p));
	if (!entry) return;
	const since = (d.frame - entry.frame) / d.fps;
	const x = entry.x;
	if (since < 0) return;
	const sx = X(map, x);
	if (since < 1.2) {
		const random = seededRandom(entry.frame * 104729, 37);
		ctx.fillStyle = ink(`rgba(235,250,255,${(0.95 * (1 - since / 1.2)).toFixed(3)})`);
		for (let i = 0; i < 40; i++) {
			const vx = random.range(-1.8, 1.8);
			const vy = random.range(2, 4.6);
			const px = x + vx * since;
			const py = vy * since - 4.9 * since * since;
			if (py < -0.02) continue;
			ctx.beginPath();
			ctx.arc(X(map, px), Y(map, py), Math.max(1.5, random.range(0.03, 0.07) * p), 0, TAU);
			ctx.fill();
		}
		// The white crown at the spot.
		const crown =
			(0.2 + 0.5 * Math.sin(Math.min(1, since / 0.7) * Math.PI)) * (1 - since / 1.2) * p;
		ctx.beginPath();
		ctx.ellipse(sx, surface, 0.45 * p, Math.max(1, crown), 0, Math.PI, TAU);
		ctx.fill();
	}
	ctx.strokeStyle = ink('rgba(235,250,255,0.6)');
	ctx.lineWidth = Math.max(1, 0.02 * p);
	for (let i = 0; i < 3; i++) {
		const age = since - i * 0.35;
		if (age <= 0 || age > 2.5) continue;
		ctx.globalAlpha = 1 - age / 2.5;
		ctx.beginPath();
		ctx.ellipse(sx, surface, (0.3 + age * 0.9) * p, (0.05 + age * 0.08) * p, 0, 0, TAU);
		ctx.stroke();
	}
	ctx.globalAlpha = 1;
}

// ---- the lighthouse ------------------------------------------------------------------------

/**
 * A lighthouse on a rock out at sea (pixels: its base at (x, baseY), `height` tall): a striped
 * tower, the lantern room, a beam that sweeps round, and waves breaking white on the rock.
 */
export function drawLighthouse(
	ctx: SKRSContext2D,
	x: number,
	baseY: number,
	height: number,
	seconds: number,
	lit: boolean,
	ink: Ink = plainInk,
): void {
	const w = height * 0.2;
	const topY = baseY - height;
	// The rock.
	ctx.fillStyle = ink('#3d3a36');
	ctx.beginPath();
	ctx.moveTo(x - w * 1.6, baseY + height * 0.06);
	ctx.quadraticCurveTo(x - w * 1.2, baseY - height * 0.06, x - w * 0.4, baseY - height * 0.04);
	ctx.lineTo(x + w * 0.5, baseY - height * 0.05);
	ctx.quadraticCurveTo(x + w * 1.3, baseY - height * 0.04, x + w * 1.7, baseY + height * 0.06);
	ctx.closePath();
	ctx.fill();
	// The tower, tapering, in red and white bands.
	const bands = 5;
	for (let i = 0; i < bands; i++) {
		const y0 = baseY - height * 0.04 - ((height * 0.78) / bands) * i;
		const y1 = y0 - (height * 0.78) / bands;
		const half = (y: number) => w * 0.5 - ((baseY - y) / height) * w * 0.18;
		ctx.fillStyle = ink(i % 2 === 0 ? '#c0392b' : '#f2f2ee');
		ctx.beginPath();
		ctx.moveTo(x - half(y0), y0);
		ctx.lineTo(x + half(y0), y0);
		ctx.lineTo(x + half(y1), y1);
		ctx.lineTo(x - half(y1), y1);
		ctx.closePath();
		ctx.fill();
	}
	// Gallery, lantern and roof.
	const galleryY = baseY - height * 0.82;
	ctx.fillStyle = ink('#2b2b2b');
	ctx.fillRect(x - w * 0.45, galleryY - height * 0.015, w * 0.9, height * 0.03);
	ctx.fillStyle = ink(lit ? '#fff3b0' : '#cfd8dc');
	ctx.fillRect(x - w * 0.25, galleryY - height * 0.1, w * 0.5, height * 0.085);
	ctx.fillStyle = ink('#2b2b2b');
	ctx.beginPath();
	ctx.moveTo(x - w * 0.32, galleryY - height * 0.1);
	ctx.lineTo(x, topY);
	ctx.lineTo(x + w * 0.32, galleryY - height * 0.1);
	ctx.closePath();
	ctx.fill();
	if (lit) {
		// The beam sweeps round: long when it points across the frame, short when at the viewer.
		const lampY = galleryY - height * 0.055;
		const phase = (seconds / 4) * TAU;
		const reach = Math.cos(phase) * height * 3.2;
		const spread = height * 0.05 + Math.abs(Math.sin(phase)) * height * 0.12;
		const beam = ctx.createLinearGradient(x, lampY, x + reach, lampY);
		beam.addColorStop(0, ink('rgba(255,244,190,0.55)'));
		beam.addColorStop(1, ink('rgba(255,244,190,0)'));
		ctx.fillStyle = beam;
		ctx.beginPath();
		ctx.moveTo(x, lampY - height * 0.02);
		ctx.lineTo(x + reach, lampY - spread);
		ctx.lineTo(x + reach, lampY + spread);
		ctx.lineTo(x, lampY + height * 0.02);
		ctx.closePath();
		ctx.fill();
		const glow = ctx.createRadialGradient(x, lampY, 0, x, lampY, height * 0.12);
		glow.addColorStop(0, ink('rgba(255,246,200,0.9)'));
		glow.addColorStop(1, ink('rgba(255,246,200,0)'));
		ctx.fillStyle = glow;
		ctx.fillRect(x - height * 0.12, lampY - height * 0.12, height * 0.24, height * 0.24);
	}
	// Waves breaking against the rock: a white plume thrown up the tower and falling back, again
	// and again from alternate sides, and foam washing round the foot of the rock.
	ctx.fillStyle = ink('rgba(235,245,255,0.75)');
	const wash = 0.5 + 0.5 * Math.sin(seconds * 2.8);
	ctx.beginPath();
	ctx.ellipse(x, baseY + height * 0.045, w * (1.7 + 0.25 * wash), height * 0.025, 0, 0, TAU);
	ctx.fill();
	const period = 2.2;
	for (const offset of [0, 0.5]) {
		const cycle = Math.floor(seconds / period + offset);
		const t = seconds / period + offset - cycle;
		const rise = Math.sin(Math.min(1, t * 1.6) * Math.PI * 0.5);
		const fall = Math.max(0, t - 0.45) / 0.55;
		const random = seededRandom(cycle * 977 + (offset ? 1 : 0), 41);
		ctx.fillStyle = ink(`rgba(245,250,255,${(0.9 * (1 - fall)).toFixed(3)})`);
		const side = offset ? 1 : -1;
		for (let i = 0; i < 34; i++) {
			const spread = random.range(0, 1);
			const px = x + side * w * (0.4 + 1.3 * spread * (0.4 + t));
			const py =
				baseY -
				height * random.range(0.02, 0.55) * (1 - spread * 0.6) * rise +
				fall * fall * height * 0.3;
			ctx.beginPath();
			ctx.arc(px, py, Math.max(1, height * random.range(0.01, 0.03)), 0, TAU);
			ctx.fill();
		}
	}
}

// ---- traffic -----------------------------------------------------------------------------------

export type VehicleKind = 'car' | 'taxi' | 'bus';
/** Vehicles drive on a far lane: drawn at this fraction of the actors' scale. */
export const TRAFFIC_SCALE = 0.42;

const CAR_COLOURS = ['#b3261e', '#2d5da8', '#d8d8d8', '#2f2f2f', '#3f7d4a'];

/**
 * Traffic on the far lane behind the action: the named kinds of vehicle in turn, crawling along
 * at a walking pace, each wrapping round past the frame's edges; a pure function of the time.
 * `groundY` is the near ground line (pixels), `p` pixels per metre at the actors' depth.
 */
export function drawTraffic(
	ctx: SKRSContext2D,
	kinds: readonly VehicleKind[],
	seconds: number,
	width: number,
	groundY: number,
	p: number,
	night: boolean,
	ink: Ink = plainInk,
): void {
	if (!kinds.length) return;
	// The far lane: a little smaller and higher than the actors' plane.
	const scale = TRAFFIC_SCALE * p;
	const laneY = groundY - 0.4 * p;
	const fleet = Array.from({ length: 4 }, (_, i) => kinds[i % kinds.length]);
	const lengths = fleet.map((k) => (k === 'bus' ? 10 : 4.4) * scale);
	const gap = 1.6 * scale;
	const loop = lengths.reduce((sum, l) => sum + l + gap, 0) + width;
	const speed = 1.4 * scale;
	// The first vehicle is already in the picture when the shot starts.
	let offset = lengths[0] + 0.2 * width;
	fleet.forEach((kind, i) => {
		const x = ((((offset + seconds * speed) % loop) + loop) % loop) - lengths[i];
		offset += lengths[i] + gap;
		if (x > width || x + lengths[i] < 0) return;
		drawVehicle(
			ctx,
			kind,
			x,
			laneY,
			scale,
			CAR_COLOURS[i % CAR_COLOURS.length],
			night,
			seconds,
			ink,
		);
	});
}

/** One vehicle seen side on, driving right: its rear at `x`, its wheels on `y`. */
function drawVehicle(
	ctx: SKRSContext2D,
	kind: VehicleKind,
	x: number,
	y: number,
	s: number,
	colour: string,
	night: boolean,
	seconds: number,
	ink: Ink,
): void {
	const wheel = (wx: number) => {
		ctx.fillStyle = ink('#151515');
		ctx.beginPath();
		ctx.arc(wx, y - 0.34 * s, 0.34 * s, 0, TAU);
		ctx.fill();
		ctx.fillStyle = ink('#8a8a8a');
		ctx.beginPath();
		ctx.arc(wx, y - 0.34 * s, 0.15 * s, 0, TAU);
		ctx.fill();
	};
	if (kind === 'bus') {
		const L = 10 * s;
		ctx.fillStyle = ink('#c8372d');
		ctx.fillRect(x, y - 3.1 * s, L, 2.75 * s);
		ctx.fillStyle = ink('#f0e6d2');
		ctx.fillRect(x, y - 1.25 * s, L, 0.25 * s);
		ctx.fillStyle = ink(night ? '#f6e7a1' : '#2b3a46');
		for (let i = 0; i < 7; i++)
			ctx.fillRect(x + (0.4 + i * 1.3) * s, y - 2.8 * s, 1.05 * s, 0.95 * s);
		ctx.fillStyle = ink('#1e2a33');
		ctx.fillRect(x + L - 1.2 * s, y - 2.8 * s, 1.0 * s, 2.3 * s);
		wheel(x + 1.8 * s);
		wheel(x + L - 2.0 * s);
		headlight(ctx, x + L, y - 0.8 * s, s, night, ink);
		return;
	}
	const L = 4.4 * s;
	const body = kind === 'taxi' ? '#f2c21b' : colour;
	ctx.fillStyle = ink(body);
	ctx.beginPath();
	ctx.moveTo(x, y - 0.35 * s);
	ctx.lineTo(x, y - 1.0 * s);
	ctx.lineTo(x + 0.9 * s, y - 1.05 * s);
	ctx.lineTo(x + 1.4 * s, y - 1.5 * s);
	ctx.lineTo(x + 3.0 * s, y - 1.5 * s);
	ctx.lineTo(x + 3.6 * s, y - 1.05 * s);
	ctx.lineTo(x + L, y - 0.95 * s);
	ctx.lineTo(x + L, y - 0.35 * s);
	ctx.closePath();
	ctx.fill();
	ctx.fillStyle = ink(night ? '#3a4450' : '#9fc3d8');
	ctx.beginPath();
	ctx.moveTo(x + 1.5 * s, y - 1.42 * s);
	ctx.lineTo(x + 2.9 * s, y - 1.42 * s);
	ctx.lineTo(x + 3.4 * s, y - 1.08 * s);
	ctx.lineTo(x + 1.15 * s, y - 1.08 * s);
	ctx.closePath();
	ctx.fill();
	if (kind === 'taxi') {
		// The roof sign and the chequered band.
		ctx.fillStyle = ink(night ? '#fff4b0' : '#fafafa');
		ctx.fillRect(x + 1.9 * s, y - 1.75 * s, 0.6 * s, 0.25 * s);
		ctx.fillStyle = ink('#1a1a1a');
		for (let i = 0; i < 10; i++)
			ctx.fillRect(x + (0.3 + i * 0.38) * s, y - (i % 2 ? 0.72 : 0.82) * s, 0.19 * s, 0.1 * s);
	}
	wheel(x + 0.95 * s);
	wheel(x + L - 0.95 * s);
	headlight(ctx, x + L, y - 0.8 * s, s, night, ink);
	// Brake lights flicker on as the traffic crawls.
	ctx.fillStyle = ink(Math.sin(seconds * 1.7 + x * 0.01) > 0.3 ? '#ff3b30' : '#8a1c16');
	ctx.fillRect(x - 0.05 * s, y - 0.95 * s, 0.12 * s, 0.22 * s);
}

function headlight(
	ctx: SKRSContext2D,
	x: number,
	y: number,
	s: number,
	night: boolean,
	ink: Ink,
): void {
	ctx.fillStyle = ink('#fff6cc');
	ctx.fillRect(x - 0.12 * s, y - 0.1 * s, 0.14 * s, 0.2 * s);
	if (!night) return;
	const glow = ctx.createLinearGradient(x, y, x + 3 * s, y);
	glow.addColorStop(0, ink('rgba(255,246,204,0.45)'));
	glow.addColorStop(1, ink('rgba(255,246,204,0)'));
	ctx.fillStyle = glow;
	ctx.beginPath();
	ctx.moveTo(x, y - 0.1 * s);
	ctx.lineTo(x + 3 * s, y - 0.6 * s);
	ctx.lineTo(x + 3 * s, y + 0.5 * s);
	ctx.closePath();
	ctx.fill();
}

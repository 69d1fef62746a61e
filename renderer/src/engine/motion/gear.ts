/**
 * The things a performer uses, worked out from the solved motion so they follow the body: a
 * football struck by the kicking foot and flying into the goal, snowballs scooped, packed and
 * thrown from the hand at the other player, a pancake tossed from the pan and caught, a flag
 * driven into the ground where the hand pushed it, the water entry of a dive. Like the motion, a
 * pure function of the shot: the pictures (and any later sound) read the same frames.
 */
import type { Clip } from './clip';
import { PERSON_CLIPS } from './person';
import { endOf, type Performance } from './solve';
import type { Stage } from './stage';

/** The goal as drawn three-quarter on: its height and how far behind the near post the far one is. */
export const GOAL = { height: 2.0, depth: 1.0 } as const;

export interface FootballGear {
	kind: 'football';
	/** The ball's centre per frame (metres). */
	x: Float64Array;
	y: Float64Array;
	radius: number;
	/** The goal's front post (metres) and the side its net goes back to. */
	goal: { x: number; side: 1 | -1 };
	/** The frame the foot strikes the ball, and the one it hits the net (undefined: not kicked). */
	strike?: number;
	inNet?: number;
}

export interface SnowballThrow {
	/** The frame it leaves the hand and the frame it lands (bursts). */
	release: number;
	land: number;
	from: [number, number];
	to: [number, number];
}

export interface SnowballGear {
	kind: 'snowballs';
	/** Frames during which a packed snowball is in the throwing hand. */
	inHand: Uint8Array;
	throws: SnowballThrow[];
}

export interface PancakeGear {
	kind: 'pancake';
	/** Frames at which the pan tosses the pancake; each flight lasts `flight` seconds. */
	tosses: number[];
	flight: number;
	/** The stove's centre x (metres) and the height of its top. */
	stove: { x: number; top: number };
}

export interface FlagGear {
	kind: 'flag';
	/** The frame the pole is driven in and where (metres); undefined: still carried. */
	planted?: number;
	x: number;
}

/** A swimmer's water: the surface drawn in front of the body, and a dive's edge and entry splash. */
export interface WaterGear {
	kind: 'water';
	/** The frame the hands break the surface, and where (a dive). */
	entry?: { frame: number; x: number };
	/** The edge the diver springs from: x and the height of its top (metres). */
	edge?: { x: number; top: number; side: 1 | -1 };
}

/** A guitar played (drawn across the body) or a bicycle ridden (drawn under it), while its clip plays. */
export interface BodyGear {
	kind: 'guitar' | 'bicycle';
	clip: string;
}

/** A frisbee sailing just ahead of whoever chases it, bobbing as it glides. */
export interface FrisbeeGear {
	kind: 'frisbee';
	x: Float64Array;
	y: Float64Array;
}

export type Gear =
	| FootballGear
	| SnowballGear
	| PancakeGear
	| FlagGear
	| WaterGear
	| BodyGear
	| FrisbeeGear;

/** Frames at which a clip reaches its `hit` moment (every cycle of a loop). */
export function hitFrames(p: Performance, clip: Clip): number[] {
	const at = clip.hit?.at;
	if (at === undefined) return [];
	const frames: number[] = [];
	// Clip time as cycles (a one-shot stops at 1); the hit is where cycles − at crosses a whole number.
	const cycles = (f: number) => {
		const u = p.clipSeconds[f] / clip.duration;
		return clip.loop ? u : Math.min(1, u);
	};
	for (let f = 0; f < p.frames; f++) {
		if (p.clipAt[f] !== clip.id) continue;
		const cur = cycles(f);
		const fresh = f === 0 || p.clipAt[f - 1] !== clip.id || cycles(f - 1) > cur;
		const prev = fresh ? cur - 1 / (clip.duration * p.fps) : cycles(f - 1);
		if (Math.floor(cur - at) > Math.floor(prev - at)) frames.push(f);
	}
	return frames;
}

/** A ball at the kicker's foot, struck once, flying into a goal on the side the kicker faces. */
export function footballGear(p: Performance, stage: Stage): FootballGear {
	const radius = 0.11;
	const strike = hitFrames(p, PERSON_CLIPS.kick)[0];
	const aim = strike ?? 0;
	const side = p.facing[aim] as 1 | -1;
	const [footX] = endOf(p, aim, 'footNear');
	const restX = footX + side * (radius + 0.04);
	// The goal's near post ahead of the kicker, its far post (1 m further) at the frame's edge.
	const edge = side > 0 ? stage.right - GOAL.depth - 0.1 : stage.left + GOAL.depth + 0.1;
	const goalX = side > 0 ? Math.max(edge, restX + 0.6) : Math.min(edge, restX - 0.6);
	const x = new Float64Array(p.frames).fill(restX);
	const y = new Float64Array(p.frames).fill(radius);
	const gear: FootballGear = { kind: 'football', x, y, radius, goal: { x: goalX, side } };
	if (strike === undefined) return gear;
	const flight = Math.max(6, Math.round(0.55 * p.fps));
	const drop = Math.max(3, Math.round(0.3 * p.fps));
	// Into the middle of the goal mouth (the goal is drawn three-quarter on).
	const target: [number, number] = [goalX + side * GOAL.depth * 0.55, GOAL.height * 0.55];
	for (let f = strike; f < p.frames; f++) {
		const s = (f - strike) / flight;
		if (s <= 1) {
			x[f] = restX + (target[0] - restX) * s;
			y[f] = radius + (target[1] - radius) * s + 1.1 * s * (1 - s);
		} else {
			// Caught by the net: it falls to the ground inside the goal and stays there.
			const d = Math.min(1, (f - strike - flight) / drop);
			x[f] = target[0] + side * 0.15 * d;
			y[f] = target[1] + (radius - target[1]) * d * d;
		}
	}
	gear.strike = strike;
	gear.inNet = strike + flight;
	return gear;
}

/**
 * Snowballs: one in the hand from the scoop to the release, then a flight to the chest of the
 * player it is aimed at (or a few metres ahead onto the snow), bursting where it lands.
 */
export function snowballGear(
	p: Performance,
	target: ((frame: number) => [number, number] | undefined) | undefined,
): SnowballGear {
	const clip = PERSON_CLIPS['throw-snowball'];
	const inHand = new Uint8Array(p.frames);
	for (let f = 0; f < p.frames; f++) {
		if (p.clipAt[f] !== clip.id) continue;
		const u = (p.clipSeconds[f] / clip.duration) % 1;
		if (u >= 0.24 && u < clip.hit!.at) inHand[f] = 1;
	}
	const throws: SnowballThrow[] = [];
	for (const release of hitFrames(p, clip)) {
		const from = endOf(p, release, 'handNear');
		const side = p.facing[release];
		const aimed = target?.(release);
		const to: [number, number] =
			aimed && Math.sign(aimed[0] - from[0]) === side ? aimed : [from[0] + side * 5, 0.1];
		const distance = Math.hypot(to[0] - from[0], to[1] - from[1]);
		const land = release + Math.max(4, Math.round((distance / 9) * p.fps));
		throws.push({ release, land, from, to });
	}
	return { kind: 'snowballs', inHand, throws };
}

/** Tosses of the pancake, and the stove in front of the cook. */
export function pancakeGear(p: Performance): PancakeGear {
	const clip = PERSON_CLIPS['flip-pancake'];
	const side = p.facing[0];
	return {
		kind: 'pancake',
		tosses: hitFrames(p, clip),
		flight: 0.5 * clip.duration,
		stove: { x: p.x[0] + side * p.size * 0.32, top: p.size * 0.5 },
	};
}

/** The flag: carried until the plant's push, then standing where the hand drove it. */
export function flagGear(p: Performance): FlagGear {
	const planted = hitFrames(p, PERSON_CLIPS['plant-flag'])[0];
	const x = planted === undefined ? p.x[0] : endOf(p, planted, 'handNear')[0];
	return { kind: 'flag', planted, x };
}

/** A swimmer's water; for a dive from `edge`, the first frame the hands go below the surface. */
export function waterGear(p: Performance, edge: WaterGear['edge']): WaterGear {
	if (!edge) return { kind: 'water' };
	for (let f = 0; f < p.frames; f++) {
		if (p.clipAt[f] !== 'dive' && p.clipAt[f] !== 'swim') continue;
		const [x, y] = endOf(p, f, 'handNear');
		if (y < 0 && (x - edge.x) * edge.side > 0)
			return { kind: 'water', entry: { frame: f, x }, edge };
	}
	return { kind: 'water', edge };
}

/** The frisbee a chaser runs after: ahead of its nose (`reach` metres before the root), bobbing. */
export function frisbeeGear(p: Performance, reach: number): FrisbeeGear {
	const x = new Float64Array(p.frames);
	const y = new Float64Array(p.frames);
	for (let f = 0; f < p.frames; f++) {
		const t = f / p.fps;
		x[f] = p.x[f] + p.facing[f] * (reach + 0.45 + 0.25 * Math.sin(1.3 * t));
		y[f] = 0.8 + 0.18 * Math.sin(2.1 * t + 0.5);
	}
	return { kind: 'frisbee', x, y };
}

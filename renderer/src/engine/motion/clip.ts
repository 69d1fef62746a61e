/**
 * Keyframed motions. A clip is a list of keyframes over its own time (0..1 of its duration), each
 * a full set of channels: the root's height above what it stands on and its rotation, the travel
 * it makes while airborne, and every bone's local angle. Between keys the channels follow a
 * Catmull-Rom spline (wrapping round for a loop), so motion is smooth through the keys. A clip
 * also says when each limb end touches what it stands on (its contact phases): the solver pins
 * those ends and derives the root's travel from them, so feet never slide.
 */
import type { Rig } from './rig';

/** Channel layout of a clip's key: [h, dx, theta, ...one local angle per bone]. */
export const H = 0;
export const DX = 1;
export const THETA = 2;
export const FIRST_ANGLE = 3;

export interface ContactPhase {
	effector: string;
	/** 0..1 of the clip; for a loop `from > to` wraps round the end. */
	from: number;
	to: number;
	/** Which support the limb lands on: 'board' for a rider's feet, else whatever is underneath. */
	on?: 'board' | 'ground';
}

export interface Clip {
	id: string;
	/** Seconds; for a loop, one cycle. */
	duration: number;
	loop: boolean;
	/** Key times 0..1, increasing, the first at 0 (and for a one-shot the last at 1). */
	times: number[];
	/** One channel array per key (see the layout above); h and dx are in units of the body's size. */
	keys: Float64Array[];
	contacts: ContactPhase[];
	/** A one-shot that turns the body round: facing flips at this fraction of the clip. */
	flipAt?: number;
	/** A one-shot that strikes something (a ball): when, and with which limb end. */
	hit?: { at: number; effector: string };
	/** A clip with no limb on the ground that still travels (a bike, a swimmer): body heights per second. */
	speed?: number;
}

export function channelCount(rig: Rig): number {
	return FIRST_ANGLE + rig.bones.length;
}

/** Catmull-Rom through p1..p2 with neighbours p0, p3 at parameter u (uniform). */
function catmullRom(p0: number, p1: number, p2: number, p3: number, u: number): number {
	const u2 = u * u;
	const u3 = u2 * u;
	return (
		0.5 *
		(2 * p1 +
			(-p0 + p2) * u +
			(2 * p0 - 5 * p1 + 4 * p2 - p3) * u2 +
			(-p0 + 3 * p1 - 3 * p2 + p3) * u3)
	);
}

/** Where `u` (0..1 of the clip) falls: the key before it, the key after it and the fraction. */
function segment(clip: Clip, u: number): { i: number; j: number; f: number } {
	const { times } = clip;
	const n = times.length;
	if (clip.loop) {
		const x = ((u % 1) + 1) % 1;
		let i = n - 1;
		for (let k = 0; k < n; k++) if (times[k] <= x) i = k;
		const j = (i + 1) % n;
		const t0 = times[i];
		const t1 = j === 0 ? 1 + times[0] : times[j];
		return { i, j, f: t1 > t0 ? (x - t0) / (t1 - t0) : 0 };
	}
	const x = Math.max(0, Math.min(1, u));
	let i = 0;
	for (let k = 0; k < n - 1; k++) if (times[k] <= x) i = k;
	const j = Math.min(n - 1, i + 1);
	const span = times[j] - times[i];
	return { i, j, f: span > 0 ? (x - times[i]) / span : 0 };
}

/** The clip's channels at `u` (0..1 of the clip; a loop wraps). */
export function sampleClip(clip: Clip, u: number, out: Float64Array): Float64Array {
	const { i, j, f } = segment(clip, u);
	const n = clip.keys.length;
	const prev = clip.loop ? (i - 1 + n) % n : Math.max(0, i - 1);
	const next = clip.loop ? (j + 1) % n : Math.min(n - 1, j + 1);
	const k0 = clip.keys[prev];
	const k1 = clip.keys[i];
	const k2 = clip.keys[j];
	const k3 = clip.keys[next];
	for (let c = 0; c < out.length; c++) out[c] = catmullRom(k0[c], k1[c], k2[c], k3[c], f);
	return out;
}

/** Whether an effector is in contact at `u` (0..1 of the clip), and on what. */
export function contactAt(clip: Clip, effector: string, u: number): ContactPhase | undefined {
	const x = clip.loop ? ((u % 1) + 1) % 1 : u;
	for (const c of clip.contacts) {
		if (c.effector !== effector) continue;
		const inside = c.from <= c.to ? x >= c.from && x < c.to : x >= c.from || x < c.to;
		if (inside) return c;
	}
	return undefined;
}

/** Smooth 0→1 step (cubic), for cross-fades. */
export const smoothstep = (x: number): number => {
	const u = Math.max(0, Math.min(1, x));
	return u * u * (3 - 2 * u);
};

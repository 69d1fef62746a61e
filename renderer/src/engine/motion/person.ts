/**
 * The person: a 12-bone rig (spine, neck, and for the near and far side a thigh, shin, foot, upper
 * arm and forearm) in units of the body's height, with the same proportions the stylised
 * characters have always had, and its keyframed motions. Keys are written as joint angles a
 * choreographer thinks in (hip flexion, knee bend, shoulder raise…) and each key holds whatever
 * it does not change from the key before.
 *
 * Semantic angles (radians): `hip` + swings the thigh forward; `knee` + bends it; `ankle` + points
 * the toes; `shoulder` + raises the arm forward (π = straight overhead); `elbow` + bends it;
 * `lean` + tips the whole body backward (a back flip turns it by +2π, a front handspring by −2π);
 * `spine` + arches the back; `h` is the hip's height above the support and `dx` the travel made
 * while airborne, both in body heights. Pairs are [near, far].
 */
import { FIRST_ANGLE, type Clip, type ContactPhase } from './clip';
import type { Rig } from './rig';

export const PERSON_BONES = {
	spine: 0,
	neck: 1,
	hipFar: 2,
	thighFar: 3,
	shinFar: 4,
	footFar: 5,
	hipNear: 6,
	thighNear: 7,
	shinNear: 8,
	footNear: 9,
	shoulderFar: 10,
	upperArmFar: 11,
	forearmFar: 12,
	shoulderNear: 13,
	upperArmNear: 14,
	forearmNear: 15,
} as const;

/** Bone lengths in body heights: hip at 0.44, shoulder at 0.74, head centre at 0.84. */
export const PERSON_PROPORTIONS = {
	thigh: 0.22,
	shin: 0.22,
	foot: 0.07,
	spine: 0.3,
	neck: 0.1,
	upperArm: 0.16,
	forearm: 0.16,
	shoulderAt: 0.945,
	/** Half the torso's width at build 1; hips and shoulders sit a little fore and aft of the spine. */
	torsoHalf: 0.1,
	hipSpread: 0.4,
	shoulderSpread: 0.5,
} as const;

/** The person's rig for a body `height` metres tall and a relative `build` (width). */
export function personRig(height: number, build = 1): Rig {
	const P = PERSON_PROPORTIONS;
	const b = (name: string, parent: number, at: number, length: number) => ({
		name,
		parent,
		at,
		length: length * height,
	});
	const hip = P.torsoHalf * P.hipSpread * build;
	const shoulder = P.torsoHalf * P.shoulderSpread * build;
	return {
		bones: [
			b('spine', -1, 0, P.spine),
			b('neck', 0, 1, P.neck),
			b('hipFar', -1, 0, hip),
			b('thighFar', 2, 1, P.thigh),
			b('shinFar', 3, 1, P.shin),
			b('footFar', 4, 1, P.foot),
			b('hipNear', -1, 0, hip),
			b('thighNear', 6, 1, P.thigh),
			b('shinNear', 7, 1, P.shin),
			b('footNear', 8, 1, P.foot),
			b('shoulderFar', 0, P.shoulderAt, shoulder),
			b('upperArmFar', 10, 1, P.upperArm),
			b('forearmFar', 11, 1, P.forearm),
			b('shoulderNear', 0, P.shoulderAt, shoulder),
			b('upperArmNear', 13, 1, P.upperArm),
			b('forearmNear', 14, 1, P.forearm),
		],
		effectors: {
			footNear: { upper: 7, lower: 8, bend: 1 },
			footFar: { upper: 3, lower: 4, bend: 1 },
			handNear: { upper: 14, lower: 15, bend: -1 },
			handFar: { upper: 11, lower: 12, bend: -1 },
		},
	};
}

export interface PersonKey {
	t: number;
	h?: number;
	dx?: number;
	lean?: number;
	spine?: number;
	neck?: number;
	hip?: [number, number];
	knee?: [number, number];
	ankle?: [number, number];
	shoulder?: [number, number];
	elbow?: [number, number];
}

type FullKey = Required<PersonKey>;

const STAND: Omit<FullKey, 't'> = {
	h: 0.435,
	dx: 0,
	lean: 0,
	spine: 0,
	neck: 0,
	hip: [0.05, -0.05],
	knee: [0.05, 0.05],
	ankle: [0, 0],
	shoulder: [0.12, -0.12],
	elbow: [0.1, 0.1],
};

function channels(k: FullKey): Float64Array {
	const c = new Float64Array(FIRST_ANGLE + 16);
	c[0] = k.h;
	c[1] = k.dx;
	c[2] = k.lean;
	const B = PERSON_BONES;
	const a = (bone: number, v: number) => (c[FIRST_ANGLE + bone] = v);
	const half = Math.PI / 2;
	a(B.spine, Math.PI + k.spine);
	a(B.neck, k.neck);
	// The near hip sits forward of the spine, the far one behind; the thighs are set relative to
	// the pelvis, so their local angle takes the hip bone's direction back out.
	a(B.hipNear, half);
	a(B.hipFar, -half);
	a(B.thighNear, k.hip[0] - half);
	a(B.thighFar, k.hip[1] + half);
	a(B.shinNear, -k.knee[0]);
	a(B.shinFar, -k.knee[1]);
	a(B.footNear, half - k.ankle[0]);
	a(B.footFar, half - k.ankle[1]);
	// The far shoulder sits forward, the near one back (the torso is turned a little to the viewer).
	a(B.shoulderFar, -half);
	a(B.shoulderNear, half);
	a(B.upperArmFar, k.shoulder[1] - Math.PI + half);
	a(B.upperArmNear, k.shoulder[0] - Math.PI - half);
	a(B.forearmNear, k.elbow[0]);
	a(B.forearmFar, k.elbow[1]);
	return c;
}

/** Builds a clip from keys that each hold what they do not change from the key before. */
function clip(
	id: string,
	duration: number,
	loop: boolean,
	keys: PersonKey[],
	contacts: ContactPhase[],
	extra: Partial<Clip> = {},
): Clip {
	let current: FullKey = { t: 0, ...STAND };
	const full = keys.map((k) => (current = { ...current, ...k }));
	return {
		id,
		duration,
		loop,
		times: full.map((k) => k.t),
		keys: full.map(channels),
		contacts,
		...extra,
	};
}

const both = (from: number, to: number, on?: 'board' | 'ground'): ContactPhase[] => [
	{ effector: 'footNear', from, to, ...(on ? { on } : {}) },
	{ effector: 'footFar', from, to, ...(on ? { on } : {}) },
];
const ALWAYS = both(0, 1);
/** A one-shot's contacts run to just past its end, so the last key is still planted. */
const END = 1.01;

/** Cyclic gait keys for a biped: stance hip sweep ±`sweep`, knee lift in swing, a bounce. */
function gaitKeys(opts: {
	sweep: number;
	duty: number;
	swingKnee: number;
	h: number;
	bounce: number;
	lean: number;
	arms: number;
	elbow: number;
	steps?: number;
	ankle?: number;
	armBase?: number;
}): { keys: PersonKey[]; contacts: ContactPhase[] } {
	const steps = opts.steps ?? 16;
	const legAt = (phase: number) => {
		// phase 0 = touch-down; stance until `duty`, then swing back to the front.
		const p = ((phase % 1) + 1) % 1;
		if (p < opts.duty) return { hip: opts.sweep * (1 - (2 * p) / opts.duty), knee: 0.08, ankle: 0 };
		const s = (p - opts.duty) / (1 - opts.duty);
		const ease = 0.5 - 0.5 * Math.cos(Math.PI * s);
		return {
			hip: -opts.sweep + 2 * opts.sweep * ease,
			knee: 0.08 + opts.swingKnee * Math.sin(Math.PI * Math.min(1, s * 1.15)),
			ankle: (opts.ankle ?? 0) * Math.sin(Math.PI * s),
		};
	};
	const keys: PersonKey[] = [];
	for (let i = 0; i < steps; i++) {
		const t = i / steps;
		const near = legAt(t);
		const far = legAt(t + 0.5);
		const swing = Math.sin(2 * Math.PI * t);
		keys.push({
			t,
			h: opts.h + opts.bounce * Math.cos(4 * Math.PI * t),
			lean: opts.lean,
			hip: [near.hip, far.hip],
			knee: [near.knee, far.knee],
			ankle: [near.ankle, far.ankle],
			// Arms swing opposite to the legs.
			shoulder: [(opts.armBase ?? 0) - opts.arms * swing, (opts.armBase ?? 0) + opts.arms * swing],
			elbow: [opts.elbow, opts.elbow],
		});
	}
	return {
		keys,
		contacts: [
			{ effector: 'footNear', from: 0, to: opts.duty },
			{ effector: 'footFar', from: 0.5, to: (0.5 + opts.duty) % 1 },
		],
	};
}

const walk = gaitKeys({
	sweep: 0.34,
	duty: 0.6,
	swingKnee: 0.75,
	h: 0.425,
	bounce: 0.006,
	lean: -0.03,
	arms: 0.38,
	elbow: 0.25,
});
const run = gaitKeys({
	sweep: 0.5,
	duty: 0.36,
	swingKnee: 1.7,
	h: 0.41,
	bounce: -0.02,
	lean: -0.2,
	arms: 0.9,
	elbow: 1.5,
	ankle: 0.3,
});
const beamWalk = gaitKeys({
	sweep: 0.26,
	duty: 0.62,
	swingKnee: 0.5,
	h: 0.43,
	bounce: 0.004,
	lean: 0,
	arms: 0.08,
	elbow: 0.15,
	ankle: 0.6,
	armBase: 1.6,
});

const TAU = 2 * Math.PI;

const BACKFLIP_KEYS: PersonKey[] = [
	{ t: 0 },
	{ t: 0.12, shoulder: [1.4, 1.4], elbow: [0.2, 0.2] },
	{ t: 0.25, h: 0.34, hip: [0.9, 0.9], lean: -0.45, shoulder: [-0.9, -0.9] },
	{ t: 0.33, h: 0.455, hip: [0, 0], lean: 0.15, shoulder: [3.0, 3.0], ankle: [0.5, 0.5] },
	{ t: 0.4, h: 0.66, lean: 0.9, hip: [1.3, 1.3], knee: [1.6, 1.6], shoulder: [2.2, 2.2] },
	{
		t: 0.48,
		h: 0.79,
		lean: 2.2,
		hip: [2.1, 2.1],
		knee: [2.3, 2.3],
		shoulder: [1.2, 1.2],
		elbow: [0.8, 0.8],
	},
	{ t: 0.57, h: 0.81, lean: 3.7 },
	{ t: 0.65, h: 0.72, lean: 5.0, hip: [1.5, 1.5], knee: [1.6, 1.6] },
	{
		t: 0.72,
		h: 0.58,
		lean: 5.9,
		hip: [0.5, 0.5],
		knee: [0.4, 0.4],
		shoulder: [2.4, 2.4],
		elbow: [0.1, 0.1],
	},
	{ t: 0.78, h: 0.44, lean: TAU - 0.05, hip: [0.25, 0.25], knee: [0.2, 0.2], ankle: [0.1, 0.1] },
	{ t: 0.87, h: 0.35, lean: TAU - 0.35, hip: [0.8, 0.8], shoulder: [1.4, 1.4], ankle: [0, 0] },
	{ t: 1, ...STAND, lean: TAU },
];

/** Where a rider's pedals turn, relative to the hip (body heights, x forward, y up). */
export const CRANK = { x: 0.07, y: -0.33, radius: 0.075 } as const;
/** Saddle height of the hip (body heights above the ground) and the bike's wheel radius (metres per body metre). */
export const SADDLE_H = 0.5;

/**
 * Pedalling: each foot follows the crank circle, half a turn apart; hip and knee angles come
 * from two-bone IK of thigh and shin onto the pedal, so the legs turn the cranks exactly.
 */
function pedalKeys(steps = 12): PersonKey[] {
	const P = PERSON_PROPORTIONS;
	const leg = (angle: number) => {
		const tx = CRANK.x + CRANK.radius * Math.cos(angle);
		const ty = CRANK.y + CRANK.radius * Math.sin(angle);
		const d = Math.min(P.thigh + P.shin - 1e-4, Math.hypot(tx, ty));
		const alpha = Math.acos((P.thigh ** 2 + d * d - P.shin ** 2) / (2 * P.thigh * d));
		const inner = Math.acos((P.thigh ** 2 + P.shin ** 2 - d * d) / (2 * P.thigh * P.shin));
		return { hip: Math.atan2(tx, -ty) + alpha, knee: Math.PI - inner };
	};
	return Array.from({ length: steps }, (_, i) => {
		const a = -2 * Math.PI * (i / steps);
		const near = leg(a);
		const far = leg(a + Math.PI);
		return {
			t: i / steps,
			h: SADDLE_H,
			lean: -0.3,
			spine: -0.05,
			hip: [near.hip, far.hip] as [number, number],
			knee: [near.knee, far.knee] as [number, number],
			ankle: [0.25 + 0.15 * Math.sin(a), 0.25 - 0.15 * Math.sin(a)] as [number, number],
			// Hands on the handlebar, ahead of the shoulders.
			shoulder: [1.05, 1.0] as [number, number],
			elbow: [0.35, 0.4] as [number, number],
		};
	});
}

/** A front crawl at the surface: the body lies prone, the arms reach over in turn, the legs flutter. */
function crawlKeys(): PersonKey[] {
	const prone = -Math.PI / 2;
	return [
		{
			t: 0,
			h: -0.03,
			lean: prone,
			shoulder: [3.1, 0.2],
			elbow: [0.1, 0.3],
			hip: [0.15, -0.15],
			knee: [0.1, 0.3],
			ankle: [0.6, 0.6],
			neck: -0.3,
		},
		{ t: 0.25, shoulder: [1.6, 1.6], elbow: [0.4, 1.4], hip: [-0.1, 0.1] },
		{ t: 0.5, shoulder: [0.2, 3.1], elbow: [0.3, 0.1], hip: [0.15, -0.15], knee: [0.3, 0.1] },
		{ t: 0.75, shoulder: [1.6, 1.6], elbow: [1.4, 0.4], hip: [-0.1, 0.1] },
	];
}

export const PERSON_CLIPS: Record<string, Clip> = {
	idle: clip('idle', 4, true, [{ t: 0 }, { t: 0.5, shoulder: [0.16, -0.16], h: 0.433 }], ALWAYS),
	talk: clip(
		'talk',
		2,
		true,
		[
			{ t: 0, shoulder: [0.5, 0.15], elbow: [0.9, 0.2], neck: 0.04 },
			{ t: 0.25, shoulder: [0.7, 0.15], neck: -0.03 },
			{ t: 0.5, shoulder: [0.5, 0.15], neck: 0.04 },
			{ t: 0.75, shoulder: [0.3, 0.15], neck: -0.02 },
		],
		ALWAYS,
	),
	gesture: clip(
		'gesture',
		1.4,
		true,
		[
			{ t: 0, shoulder: [1.2, 0.6], elbow: [0.7, 0.9], neck: 0 },
			{ t: 0.25, shoulder: [1.45, 0.4], neck: 0.05 },
			{ t: 0.5, shoulder: [1.2, 0.6], neck: 0 },
			{ t: 0.75, shoulder: [0.95, 0.8], neck: -0.05 },
		],
		ALWAYS,
	),
	wave: clip(
		'wave',
		0.4,
		true,
		[
			{ t: 0, shoulder: [2.7, -0.1], elbow: [0.5, 0.1], neck: 0.04 },
			{ t: 0.25, shoulder: [3.0, -0.1], elbow: [0.8, 0.1] },
			{ t: 0.5, shoulder: [2.7, -0.1], elbow: [0.5, 0.1] },
			{ t: 0.75, shoulder: [2.4, -0.1], elbow: [0.2, 0.1] },
		],
		ALWAYS,
	),
	walk: clip('walk', 1.1, true, walk.keys, walk.contacts),
	run: clip('run', 0.66, true, run.keys, run.contacts),
	'beam-walk': clip('beam-walk', 1.3, true, beamWalk.keys, beamWalk.contacts),
	jump: clip(
		'jump',
		1.1,
		false,
		[
			{ t: 0 },
			{ t: 0.16, h: 0.35, hip: [0.7, 0.7], lean: -0.35, shoulder: [-0.7, -0.7], elbow: [0.2, 0.2] },
			{ t: 0.25, h: 0.445, hip: [0, 0], lean: 0, shoulder: [2.6, 2.6], ankle: [0.5, 0.5] },
			{ t: 0.4, h: 0.64, knee: [0.5, 0.5], hip: [0.3, 0.3] },
			{ t: 0.52, h: 0.69, shoulder: [3.0, 3.0] },
			{ t: 0.66, h: 0.62 },
			{ t: 0.8, h: 0.44, knee: [0.2, 0.2], hip: [0.2, 0.2], ankle: [0.2, 0.2] },
			{ t: 0.9, h: 0.36, hip: [0.6, 0.6], lean: -0.25, shoulder: [1.2, 1.2], ankle: [0, 0] },
			{ t: 1, ...STAND },
		],
		[...both(0, 0.25), ...both(0.8, END)],
	),
	backflip: clip('backflip', 1.6, false, withTravel(BACKFLIP_KEYS, 0.33, 0.78, -0.28), [
		...both(0, 0.33),
		...both(0.78, END),
	]),
	// The same flip thrown further back: off the end of a beam onto the mat.
	dismount: clip('dismount', 1.6, false, withTravel(BACKFLIP_KEYS, 0.33, 0.78, -0.43), [
		...both(0, 0.33),
		...both(0.78, END),
	]),
	handspring: clip(
		'handspring',
		1.7,
		false,
		withTravel(
			[
				{ t: 0 },
				{
					t: 0.12,
					shoulder: [3.0, 3.0],
					elbow: [0, 0],
					hip: [0.5, -0.3],
					knee: [0.5, 0.05],
					h: 0.4,
					lean: -0.1,
				},
				{ t: 0.22, lean: -0.7, hip: [1.0, 0.3], knee: [0.3, 0.05], h: 0.39 },
				{ t: 0.3, lean: -1.3, hip: [1.3, -0.8], knee: [0.1, 0.05], h: 0.43, ankle: [0.4, 0.4] },
				{ t: 0.37, lean: -2.5, hip: [0.4, -0.5], h: 0.52 },
				{ t: 0.47, lean: -3.14, hip: [0.05, -0.2], h: 0.62, spine: 0.1 },
				{ t: 0.56, lean: -3.7, hip: [-0.1, -0.2], h: 0.58, spine: 0.3 },
				{ t: 0.66, lean: -5.0, hip: [-0.3, -0.3], h: 0.6, spine: 0.35 },
				{
					t: 0.76,
					lean: -TAU + 0.08,
					hip: [0.2, 0.2],
					h: 0.44,
					spine: 0,
					ankle: [0.1, 0.1],
					knee: [0.15, 0.15],
				},
				{
					t: 0.86,
					lean: -TAU - 0.25,
					hip: [0.7, 0.7],
					h: 0.36,
					ankle: [0, 0],
					shoulder: [2.6, 2.6],
				},
				{ t: 1, ...STAND, lean: -TAU, shoulder: [2.9, 2.9], elbow: [0, 0] },
			],
			0.56,
			0.76,
			0.3,
		),
		[
			{ effector: 'footNear', from: 0, to: 0.3 },
			{ effector: 'footFar', from: 0, to: 0.24 },
			{ effector: 'handNear', from: 0.37, to: 0.56 },
			{ effector: 'handFar', from: 0.37, to: 0.56 },
			...both(0.76, END),
		],
	),
	cartwheel: clip(
		'cartwheel',
		1.7,
		false,
		[
			{ t: 0 },
			{
				t: 0.12,
				shoulder: [3.0, 3.0],
				elbow: [0, 0],
				hip: [0.5, -0.2],
				knee: [0.4, 0.05],
				h: 0.41,
				lean: -0.1,
			},
			{ t: 0.22, lean: -0.8, hip: [1.1, 0.0], h: 0.4 },
			{ t: 0.3, lean: -2.2, hip: [2.35, -0.6], knee: [0.5, 0], h: 0.38 },
			{ t: 0.42, lean: -2.9, hip: [1.6, -1.1], knee: [0.1, 0], h: 0.56 },
			{ t: 0.52, lean: -3.5, hip: [1.3, -1.3], h: 0.6 },
			{ t: 0.6, lean: -4.3, hip: [1.2, -1.78], knee: [0, 0.2], h: 0.43 },
			{ t: 0.72, lean: -5.2, hip: [-0.58, -1.28], knee: [0.3, 0.2], h: 0.4 },
			{ t: 0.82, lean: -5.9, hip: [-0.18, -0.58], knee: [0.1, 0.15], h: 0.42 },
			{ t: 1, ...STAND, lean: -TAU, shoulder: [2.9, 2.9], elbow: [0, 0] },
		],
		[
			{ effector: 'footNear', from: 0, to: 0.36 },
			{ effector: 'footFar', from: 0, to: 0.26 },
			{ effector: 'handNear', from: 0.3, to: 0.52 },
			{ effector: 'handFar', from: 0.4, to: 0.56 },
			{ effector: 'footFar', from: 0.58, to: END },
			{ effector: 'footNear', from: 0.8, to: END },
		],
	),
	'split-leap': clip(
		'split-leap',
		1.0,
		false,
		withTravel(
			[
				{ t: 0, shoulder: [1.6, 1.6] },
				{ t: 0.18, h: 0.37, hip: [0.5, -0.3], lean: -0.2, shoulder: [0.6, 0.6] },
				{ t: 0.3, h: 0.45, hip: [0.9, -0.6], shoulder: [2.4, 2.0], ankle: [0.6, 0.6], lean: 0 },
				{ t: 0.45, h: 0.62, hip: [1.55, -1.35], knee: [0, 0], shoulder: [2.6, 1.9] },
				{ t: 0.58, h: 0.6, hip: [1.5, -1.3] },
				{ t: 0.72, h: 0.45, hip: [0.4, -0.3], knee: [0.1, 0.1], ankle: [0.2, 0.2] },
				{ t: 0.85, h: 0.38, hip: [0.5, -0.2], shoulder: [1.7, 1.5], ankle: [0, 0] },
				{ t: 1, h: 0.43, hip: [0.1, -0.1], shoulder: [1.6, 1.6] },
			],
			0.3,
			0.72,
			0.45,
		),
		[...both(0, 0.3), ...both(0.72, END)],
	),
	pivot: clip(
		'pivot',
		0.9,
		false,
		[
			{ t: 0, shoulder: [1.6, 1.6], hip: [0.08, -0.08] },
			{ t: 0.25, h: 0.445, ankle: [0.6, 0.6], shoulder: [2.9, 2.9], hip: [0.03, -0.03] },
			{ t: 0.75, h: 0.445 },
			{ t: 1, h: 0.43, ankle: [0, 0], shoulder: [1.6, 1.6], hip: [0.08, -0.08] },
		],
		both(0, END),
		{ flipAt: 0.5 },
	),
	arabesque: clip(
		'arabesque',
		1.6,
		false,
		[
			{ t: 0, shoulder: [1.6, 1.6] },
			{
				t: 0.3,
				lean: -0.55,
				hip: [0.55, -1.25],
				knee: [0.02, 0],
				ankle: [0, 0.7],
				shoulder: [2.3, 1.4],
			},
			{ t: 0.7, lean: -0.6, hip: [0.6, -1.45] },
			{ t: 1, lean: 0, hip: [0.08, -0.08], ankle: [0, 0], shoulder: [1.6, 1.6] },
		],
		[
			{ effector: 'footNear', from: 0, to: END },
			{ effector: 'footFar', from: 0, to: 0.18 },
			{ effector: 'footFar', from: 0.9, to: END },
		],
	),
	salute: clip(
		'salute',
		1.2,
		false,
		[
			{ t: 0 },
			{ t: 0.3, shoulder: [2.7, 2.7], elbow: [0, 0], h: 0.44, spine: 0.1 },
			{ t: 1, shoulder: [2.75, 2.75], spine: 0.12 },
		],
		both(0, END),
	),
	sit: clip(
		'sit',
		0.6,
		false,
		[
			{ t: 0 },
			{
				t: 0.5,
				h: 0.26,
				hip: [1.45, 1.4],
				knee: [1.45, 1.4],
				lean: -0.05,
				shoulder: [0.5, 0.4],
				elbow: [0.8, 0.9],
			},
			{ t: 1, h: 0.26 },
		],
		both(0, END),
	),
	seated: clip(
		'seated',
		3,
		true,
		[
			{
				t: 0,
				h: 0.26,
				hip: [1.45, 1.4],
				knee: [1.45, 1.4],
				lean: -0.05,
				shoulder: [0.5, 0.4],
				elbow: [0.8, 0.9],
			},
			{ t: 0.5, shoulder: [0.55, 0.42] },
		],
		ALWAYS,
	),
	'sit-ground': clip(
		'sit-ground',
		0.9,
		false,
		[
			{ t: 0 },
			{ t: 0.4, h: 0.25, hip: [0.9, 0.8], knee: [1.6, 1.5], lean: -0.25 },
			{
				t: 1,
				h: 0.06,
				hip: [1.25, 1.2],
				knee: [1.9, 1.8],
				lean: 0.2,
				shoulder: [-0.5, -0.6],
				elbow: [0, 0],
			},
		],
		both(0, END),
	),
	'seated-ground': clip(
		'seated-ground',
		4,
		true,
		[
			{
				t: 0,
				h: 0.06,
				hip: [1.25, 1.2],
				knee: [1.9, 1.8],
				lean: 0.2,
				shoulder: [-0.5, -0.6],
				elbow: [0, 0],
			},
			{ t: 0.5, lean: 0.24, neck: -0.08 },
		],
		ALWAYS,
	),
	shoot: clip(
		'shoot',
		1.2,
		false,
		[
			{ t: 0, shoulder: [2.2, 2.0], elbow: [1.3, 1.1], neck: -0.1 },
			{ t: 0.2, h: 0.38, hip: [0.4, 0.4] },
			{ t: 0.42, h: 0.47, hip: [0, 0], shoulder: [2.7, 2.4], elbow: [0, 0], ankle: [0.4, 0.4] },
			{ t: 0.6, h: 0.44, ankle: [0, 0] },
			{ t: 1, shoulder: [2.6, 2.3] },
		],
		both(0, END),
	),
	dribble: clip(
		'dribble',
		0.6,
		true,
		[
			{ t: 0, h: 0.39, hip: [0.45, 0.1], lean: -0.3, shoulder: [0.55, 0.3], elbow: [0.9, 1.2] },
			{ t: 0.5, shoulder: [0.35, 0.3], elbow: [0.3, 1.2], h: 0.38 },
		],
		ALWAYS,
	),
	dance: clip(
		'dance',
		2,
		true,
		[
			{
				t: 0,
				h: 0.42,
				lean: 0.08,
				hip: [0.15, -0.1],
				knee: [0.25, 0.1],
				shoulder: [2.7, 0.5],
				elbow: [0.3, 1.4],
				neck: 0.08,
			},
			{ t: 0.125, h: 0.4, hip: [0.45, -0.1], knee: [0.9, 0.3], ankle: [0.4, 0] },
			{
				t: 0.25,
				h: 0.42,
				lean: -0.08,
				hip: [0.1, -0.15],
				knee: [0.1, 0.25],
				shoulder: [0.5, 2.7],
				elbow: [1.4, 0.3],
				neck: -0.08,
				ankle: [0, 0],
			},
			{ t: 0.375, h: 0.4, hip: [0.1, 0.45], knee: [0.3, 0.9], ankle: [0, 0.4] },
			{
				t: 0.5,
				h: 0.42,
				lean: 0.08,
				hip: [0.15, -0.1],
				knee: [0.25, 0.1],
				shoulder: [2.9, 2.9],
				elbow: [0.2, 0.2],
				neck: 0.1,
				ankle: [0, 0],
			},
			{ t: 0.625, h: 0.39, knee: [0.6, 0.6], shoulder: [1.2, 1.2], elbow: [1.6, 1.6] },
			{
				t: 0.75,
				h: 0.42,
				lean: -0.1,
				shoulder: [3.0, 2.2],
				elbow: [0.1, 0.6],
				neck: -0.1,
				knee: [0.2, 0.2],
			},
			{ t: 0.875, h: 0.39, lean: 0, shoulder: [0.8, 0.8], elbow: [1.2, 1.2], knee: [0.6, 0.6] },
		],
		[
			{ effector: 'footNear', from: 0.2, to: 0.1 },
			{ effector: 'footFar', from: 0, to: 0.3 },
			{ effector: 'footFar', from: 0.45, to: 1 },
		],
	),
	surf: clip(
		'surf',
		3,
		true,
		[
			{
				t: 0,
				h: 0.33,
				lean: -0.2,
				hip: [0.55, -0.45],
				knee: [0.9, 0.5],
				shoulder: [1.4, -0.9],
				elbow: [0.2, 0.3],
				spine: 0.05,
			},
			{ t: 0.25, h: 0.35, lean: -0.12, shoulder: [1.6, -0.7] },
			{ t: 0.5, h: 0.31, lean: -0.26, shoulder: [1.2, -1.1] },
			{ t: 0.75, h: 0.34, lean: -0.16, shoulder: [1.5, -0.8] },
		],
		both(0, 1, 'board'),
	),
	skate: clip(
		'skate',
		1.8,
		true,
		[
			{
				t: 0,
				h: 0.38,
				lean: -0.12,
				hip: [0.25, -0.05],
				knee: [0.5, 0.5],
				shoulder: [0.5, -0.5],
				elbow: [0.3, 0.3],
			},
			{ t: 0.15, hip: [0.3, 0.35], knee: [0.7, 0.6], h: 0.35 },
			{ t: 0.3, hip: [0.35, -0.1], knee: [0.7, 0.3] },
			{ t: 0.45, hip: [0.35, -0.5], knee: [0.6, 0.2], shoulder: [0.8, -0.7] },
			{ t: 0.6, hip: [0.3, 0.1], knee: [0.5, 0.9], h: 0.37 },
			{ t: 0.75, hip: [0.25, -0.15], knee: [0.45, 0.45], h: 0.39, shoulder: [0.45, -0.45] },
		],
		[
			{ effector: 'footNear', from: 0, to: 1, on: 'board' },
			{ effector: 'footFar', from: 0.22, to: 0.48, on: 'ground' },
			{ effector: 'footFar', from: 0.72, to: 0.12, on: 'board' },
		],
	),
	build: clip(
		'build',
		1.2,
		true,
		[
			{
				t: 0,
				h: 0.21,
				lean: -0.45,
				hip: [1.7, 0.15],
				knee: [1.75, 1.7],
				ankle: [0, 0.9],
				shoulder: [1.1, 0.8],
				elbow: [0.5, 0.3],
				neck: 0.2,
			},
			{ t: 0.25, shoulder: [0.8, 1.15], elbow: [0.2, 0.6] },
			{ t: 0.5, shoulder: [1.15, 0.75], elbow: [0.6, 0.2] },
			{ t: 0.75, shoulder: [0.75, 1.1], elbow: [0.2, 0.5] },
		],
		[{ effector: 'footNear', from: 0, to: 1 }],
	),
	kneel: clip(
		'kneel',
		0.7,
		false,
		[
			{ t: 0 },
			{ t: 0.5, h: 0.3, lean: -0.3, hip: [1.2, 0.5], knee: [1.5, 1.4] },
			{
				t: 1,
				h: 0.21,
				lean: -0.45,
				hip: [1.7, 0.15],
				knee: [1.75, 1.7],
				ankle: [0, 0.9],
				shoulder: [1.1, 0.8],
				elbow: [0.5, 0.3],
				neck: 0.2,
			},
		],
		[
			{ effector: 'footNear', from: 0, to: END },
			{ effector: 'footFar', from: 0, to: 0.4 },
		],
	),
	ready: clip(
		'ready',
		1.2,
		true,
		[
			{
				t: 0,
				h: 0.385,
				lean: -0.3,
				hip: [0.55, 0.2],
				knee: [0.8, 0.6],
				shoulder: [0.9, 0.8],
				elbow: [0.5, 0.5],
			},
			{ t: 0.5, h: 0.375 },
		],
		ALWAYS,
	),
	bump: clip(
		'bump',
		0.9,
		false,
		[
			{
				t: 0,
				h: 0.385,
				lean: -0.3,
				hip: [0.55, 0.2],
				knee: [0.8, 0.6],
				shoulder: [0.9, 0.8],
				elbow: [0.5, 0.5],
			},
			{ t: 0.3, h: 0.33, hip: [0.9, 0.5], shoulder: [0.7, 0.7], elbow: [0, 0] },
			{ t: 0.5, h: 0.42, hip: [0.4, 0.1], lean: -0.1, shoulder: [1.25, 1.25], elbow: [0, 0] },
			{ t: 0.7, h: 0.43, shoulder: [1.35, 1.35] },
			{ t: 1, h: 0.385, lean: -0.3, hip: [0.55, 0.2], shoulder: [0.9, 0.8], elbow: [0.5, 0.5] },
		],
		both(0, END),
		{ hit: { at: 0.5, effector: 'handNear' } },
	),
	spike: clip(
		'spike',
		1.2,
		false,
		[
			{
				t: 0,
				h: 0.385,
				lean: -0.3,
				hip: [0.55, 0.2],
				knee: [0.8, 0.6],
				shoulder: [0.9, 0.8],
				elbow: [0.5, 0.5],
			},
			{ t: 0.2, h: 0.33, hip: [0.9, 0.9], lean: -0.4, shoulder: [-0.8, -0.8], elbow: [0.1, 0.1] },
			{
				t: 0.3,
				h: 0.45,
				hip: [0.05, 0.05],
				lean: 0.1,
				shoulder: [2.6, 2.8],
				elbow: [1.6, 0.2],
				ankle: [0.5, 0.5],
			},
			{ t: 0.42, h: 0.68, spine: 0.25, shoulder: [3.1, 2.8], elbow: [1.9, 0.1], knee: [0.5, 0.5] },
			{ t: 0.5, h: 0.73, spine: 0.1, shoulder: [3.05, 2.2], elbow: [0.1, 0.1] },
			{ t: 0.58, h: 0.7, spine: -0.1, lean: -0.2, shoulder: [1.4, 1.2], knee: [0.3, 0.3] },
			{ t: 0.75, h: 0.44, spine: 0, shoulder: [0.6, 0.6], knee: [0.2, 0.2], ankle: [0.1, 0.1] },
			{ t: 0.85, h: 0.35, hip: [0.8, 0.6], lean: -0.35, shoulder: [0.8, 0.8], ankle: [0, 0] },
			{ t: 1, h: 0.385, lean: -0.3, hip: [0.55, 0.2], shoulder: [0.9, 0.8], elbow: [0.5, 0.5] },
		],
		[...both(0, 0.3), ...both(0.75, END)],
		{ hit: { at: 0.5, effector: 'handNear' } },
	),
	// A kick at a ball on the ground: plant the far foot, draw the kicking leg back, strike, follow through.
	kick: clip(
		'kick',
		1.1,
		false,
		[
			{ t: 0 },
			{
				t: 0.22,
				h: 0.41,
				lean: 0.02,
				hip: [-0.7, 0.15],
				knee: [1.6, 0.25],
				shoulder: [-0.5, 0.7],
				elbow: [0.4, 0.5],
			},
			{ t: 0.34, h: 0.405, hip: [-0.15, 0.1], knee: [1.0, 0.25], shoulder: [0.3, 0.2] },
			// The strike: the foot at its lowest, just ahead of the hip, the toes pointed.
			{
				t: 0.42,
				h: 0.41,
				lean: 0.1,
				hip: [0.32, 0.05],
				knee: [0.12, 0.2],
				ankle: [0.7, 0],
				shoulder: [0.9, -0.4],
			},
			{ t: 0.56, lean: 0.2, hip: [1.35, 0.05], knee: [0.15, 0.2], shoulder: [1.2, -0.5] },
			{
				t: 0.75,
				h: 0.43,
				lean: 0.05,
				hip: [0.5, 0.05],
				knee: [0.5, 0.1],
				ankle: [0, 0],
				shoulder: [0.4, 0.1],
			},
			{ t: 1, ...STAND },
		],
		[
			{ effector: 'footNear', from: 0, to: 0.12 },
			{ effector: 'footNear', from: 0.82, to: END },
			{ effector: 'footFar', from: 0, to: END },
		],
		{ hit: { at: 0.42, effector: 'footNear' } },
	),
	// A snowball fight: crouch and scoop, pack it standing, wind up and throw overarm, follow through.
	'throw-snowball': clip(
		'throw-snowball',
		2.4,
		true,
		[
			{ t: 0 },
			{
				t: 0.16,
				h: 0.29,
				lean: -0.55,
				hip: [1.4, 1.0],
				knee: [1.9, 1.6],
				shoulder: [0.5, 0.45],
				elbow: [0.2, 0.2],
				neck: 0.2,
			},
			{ t: 0.26, h: 0.3, shoulder: [0.65, 0.6], elbow: [0.6, 0.6] },
			{
				t: 0.38,
				h: 0.43,
				lean: 0,
				hip: [0.25, -0.2],
				knee: [0.1, 0.1],
				shoulder: [0.9, 0.9],
				elbow: [1.7, 1.7],
				neck: 0,
			},
			{ t: 0.5, lean: 0.18, shoulder: [3.7, 1.2], elbow: [1.5, 0.3] },
			{ t: 0.6, lean: -0.22, hip: [0.35, -0.3], shoulder: [2.0, 0.4], elbow: [0.15, 0.3] },
			{ t: 0.7, lean: -0.28, shoulder: [0.7, 0.2], elbow: [0.3, 0.3] },
			{ t: 0.85, lean: 0, hip: [0.05, -0.05], shoulder: [0.12, -0.12], elbow: [0.1, 0.1] },
		],
		ALWAYS,
		{ hit: { at: 0.6, effector: 'handNear' } },
	),
	// Riding a bicycle: seated, hands on the bar, legs turning the cranks; no foot touches the ground.
	cycle: clip('cycle', 0.9, true, pedalKeys(), [], { speed: 2.2 }),
	// Playing a guitar: the far hand on the neck, the near hand strumming across the body.
	'play-guitar': clip(
		'play-guitar',
		0.5,
		true,
		[
			{ t: 0, hip: [0.08, -0.08], shoulder: [0.55, 1.25], elbow: [1.65, 0.75], neck: 0.12 },
			{ t: 0.25, shoulder: [0.35, 1.25], elbow: [1.95, 0.8], neck: 0.05, h: 0.43 },
			{ t: 0.5, shoulder: [0.55, 1.3], elbow: [1.65, 0.75], neck: 0.12 },
			{ t: 0.75, shoulder: [0.38, 1.25], elbow: [1.9, 0.75], neck: 0.06, h: 0.43 },
		],
		ALWAYS,
	),
	// Cooking: the pan held out over the stove; a flick of the wrist tosses the pancake, the pan
	// comes back under it to catch it.
	'flip-pancake': clip(
		'flip-pancake',
		1.8,
		true,
		[
			{ t: 0, lean: -0.08, shoulder: [1.05, 0.9], elbow: [0.55, 0.9], neck: 0.15 },
			{ t: 0.18, shoulder: [0.9, 0.9], elbow: [0.75, 0.9] },
			{ t: 0.26, shoulder: [1.45, 0.9], elbow: [0.35, 0.9], neck: -0.15 },
			{ t: 0.4, shoulder: [1.1, 0.9], elbow: [0.55, 0.9], neck: -0.25 },
			{ t: 0.62, shoulder: [1.0, 0.9], elbow: [0.6, 0.9], neck: 0.05 },
			{ t: 0.72, shoulder: [0.95, 0.9], elbow: [0.65, 0.9], neck: 0.15 },
		],
		ALWAYS,
		{ hit: { at: 0.26, effector: 'handNear' } },
	),
	// Planting a flag: carried upright, lifted, driven down into the ground, let go, a step back.
	'plant-flag': clip(
		'plant-flag',
		2.4,
		false,
		[
			{ t: 0, shoulder: [0.7, -0.1], elbow: [1.1, 0.2] },
			{ t: 0.2, h: 0.44, lean: 0.05, shoulder: [1.6, 1.3], elbow: [0.9, 1.0] },
			{
				t: 0.4,
				h: 0.35,
				lean: -0.35,
				hip: [0.9, 0.3],
				knee: [1.1, 0.8],
				shoulder: [0.75, 0.7],
				elbow: [0.35, 0.4],
			},
			{ t: 0.5, h: 0.33, shoulder: [0.65, 0.6] },
			{
				t: 0.62,
				h: 0.43,
				lean: 0,
				hip: [0.05, -0.05],
				knee: [0.05, 0.05],
				shoulder: [0.9, 0.3],
				elbow: [0.2, 0.2],
			},
			{ t: 0.8, shoulder: [2.9, 0.2], elbow: [0.3, 0.2] },
			{ t: 1, shoulder: [0.12, -0.12], elbow: [0.1, 0.1] },
		],
		both(0, END),
		{ hit: { at: 0.5, effector: 'handNear' } },
	),
	// A dive from the edge: arms up, a crouch, the spring, a head-first arc into the water.
	dive: clip(
		'dive',
		1.5,
		false,
		withTravel(
			[
				{ t: 0 },
				{ t: 0.15, shoulder: [3.0, 3.0], elbow: [0, 0] },
				{ t: 0.3, h: 0.33, lean: -0.6, hip: [1.2, 1.2], knee: [1.3, 1.3], shoulder: [2.6, 2.6] },
				{
					t: 0.4,
					h: 0.46,
					lean: -0.9,
					hip: [0.1, 0.1],
					knee: [0, 0],
					ankle: [0.7, 0.7],
					shoulder: [2.9, 2.9],
				},
				{ t: 0.55, h: 0.52, lean: -1.6, hip: [0.3, 0.3] },
				{ t: 0.7, h: 0.15, lean: -2.5, hip: [0, 0] },
				{ t: 0.85, h: -0.25, lean: -2.8 },
				{ t: 1, h: -0.1, lean: -Math.PI / 2 - 0.2, shoulder: [3.1, 3.1] },
			],
			0.38,
			0.85,
			0.85,
		),
		both(0, 0.38),
	),
	swim: clip('swim', 1.2, true, crawlKeys(), [], { speed: 0.8 }),
	// Drinking from the cup in hand: lifted to the mouth, a sip with the head tipped back, lowered.
	drink: clip(
		'drink',
		3,
		true,
		[
			{ t: 0, shoulder: [0.45, -0.1], elbow: [1.2, 0.15] },
			{ t: 0.25, shoulder: [1.05, -0.1], elbow: [2.35, 0.15], neck: 0 },
			{ t: 0.35, shoulder: [1.25, -0.1], elbow: [2.45, 0.15], neck: -0.18 },
			{ t: 0.55, shoulder: [1.2, -0.1], elbow: [2.4, 0.15], neck: -0.15 },
			{ t: 0.7, shoulder: [0.5, -0.1], elbow: [1.25, 0.15], neck: 0 },
		],
		ALWAYS,
	),
};

/**
 * The airborne travel of a one-shot as a key channel: 0 until take-off at `from`, `total` from
 * landing at `to`, eased in between (a body in the air keeps its horizontal speed, so the travel
 * is close to linear).
 */
function withTravel(keys: PersonKey[], from: number, to: number, total: number): PersonKey[] {
	return keys.map((k) => ({
		...k,
		dx: k.t <= from ? 0 : k.t >= to ? total : (total * (k.t - from)) / (to - from),
	}));
}

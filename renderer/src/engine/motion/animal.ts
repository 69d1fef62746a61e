/**
 * Four-legged animals (dog, cat, horse, deer): one rig — a spine from the hips to the shoulders, neck,
 * head, tail, and four three-bone legs whose paws (or hooves) are the pinned tips — with per-species
 * proportions, and gaits generated from footfall patterns: each leg's stance sweeps it from front
 * to back while its paw stays planted (the solver pins it); its swing lifts and folds it forward.
 * Walk is a four-beat lateral sequence, trot moves diagonal pairs, gallop is a rotary gallop with
 * a flight phase and a flexing spine.
 */
import { FIRST_ANGLE, type Clip, type ContactPhase } from './clip';
import type { Rig } from './rig';

export type Quadruped = 'dog' | 'cat' | 'horse' | 'deer';

/** Proportions in units of the spine (hip to shoulder). */
interface Build {
	neck: number;
	neckAngle: number;
	head: number;
	headAngle: number;
	tail: number;
	tailAngle: number;
	thigh: number;
	shin: number;
	hock: number;
	upperFore: number;
	lowerFore: number;
	paw: number;
}

export const BUILDS: Record<Quadruped, Build> = {
	dog: {
		neck: 0.36,
		neckAngle: 0.95,
		head: 0.42,
		headAngle: -1.2,
		tail: 0.6,
		tailAngle: -2.3,
		thigh: 0.4,
		shin: 0.38,
		hock: 0.24,
		upperFore: 0.42,
		lowerFore: 0.42,
		paw: 0.1,
	},
	cat: {
		neck: 0.26,
		neckAngle: 1.0,
		head: 0.26,
		headAngle: -1.2,
		tail: 0.95,
		tailAngle: -2.6,
		thigh: 0.36,
		shin: 0.34,
		hock: 0.22,
		upperFore: 0.38,
		lowerFore: 0.36,
		paw: 0.08,
	},
	horse: {
		neck: 0.62,
		neckAngle: 1.05,
		head: 0.55,
		headAngle: -1.95,
		tail: 0.45,
		tailAngle: -2.5,
		thigh: 0.48,
		shin: 0.46,
		hock: 0.4,
		upperFore: 0.55,
		lowerFore: 0.52,
		paw: 0.12,
	},
	// Long slim legs under a light body, a short tail.
	deer: {
		neck: 0.5,
		neckAngle: 1.1,
		head: 0.42,
		headAngle: -1.85,
		tail: 0.16,
		tailAngle: -2.2,
		thigh: 0.5,
		shin: 0.5,
		hock: 0.42,
		upperFore: 0.56,
		lowerFore: 0.56,
		paw: 0.1,
	},
};

export const QUADRUPED_BONES = {
	spine: 0,
	neck: 1,
	head: 2,
	tail: 3,
	hindThighFar: 4,
	hindShinFar: 5,
	hindFootFar: 6,
	foreUpperFar: 7,
	foreLowerFar: 8,
	forePawFar: 9,
	hindThighNear: 10,
	hindShinNear: 11,
	hindFootNear: 12,
	foreUpperNear: 13,
	foreLowerNear: 14,
	forePawNear: 15,
} as const;

export function quadrupedRig(species: Quadruped, spine: number): Rig {
	const B = BUILDS[species];
	const b = (name: string, parent: number, at: number, length: number) => ({
		name,
		parent,
		at,
		length: length * spine,
	});
	return {
		bones: [
			b('spine', -1, 0, 1),
			b('neck', 0, 1, B.neck),
			b('head', 1, 1, B.head),
			b('tail', -1, 0, B.tail),
			b('hindThighFar', -1, 0, B.thigh),
			b('hindShinFar', 4, 1, B.shin),
			b('hindFootFar', 5, 1, B.hock),
			b('foreUpperFar', 0, 0.97, B.upperFore),
			b('foreLowerFar', 7, 1, B.lowerFore),
			b('forePawFar', 8, 1, B.paw),
			b('hindThighNear', -1, 0, B.thigh),
			b('hindShinNear', 10, 1, B.shin),
			b('hindFootNear', 11, 1, B.hock),
			b('foreUpperNear', 0, 0.97, B.upperFore),
			b('foreLowerNear', 13, 1, B.lowerFore),
			b('forePawNear', 14, 1, B.paw),
		],
		effectors: {
			hindFar: { upper: 4, lower: 5, tip: 6, bend: 1 },
			foreFar: { upper: 7, lower: 8, tip: 9, bend: -1 },
			hindNear: { upper: 10, lower: 11, tip: 12, bend: 1 },
			foreNear: { upper: 13, lower: 14, tip: 15, bend: -1 },
		},
	};
}

/** Height of the hips above the ground when standing, in spine units. */
export function standingHipHeight(species: Quadruped): number {
	const B = BUILDS[species];
	// Thigh forward-down, shin back-down, hock near vertical (the angles of LEG_REST below).
	return B.thigh * Math.cos(0.35) + B.shin * Math.cos(0.55) + B.hock * 0.98 - 0.02;
}

/** Local angles of a leg at rest: [upper, lower, tip] for hind and fore legs. */
const HIND_REST = [0.35, -0.9, 0.55];
const FORE_REST = [-Math.PI / 2, 0.05, 0.35];

interface GaitSpec {
	period: number;
	duty: number;
	/** Touch-down phase of each leg: hindFar, foreFar, hindNear, foreNear. */
	phases: [number, number, number, number];
	sweep: number;
	lift: number;
	/** Root height bounce (spine units) and pitch swing. */
	bounce: number;
	pitch: number;
	/** Spine-to-neck flex through the stride (gallop). */
	flex: number;
	headBob: number;
	tailWag: number;
	crouch?: number;
}

export const GAITS: Record<'walk' | 'trot' | 'gallop', GaitSpec> = {
	walk: {
		period: 1.0,
		duty: 0.68,
		phases: [0, 0.25, 0.5, 0.75],
		sweep: 0.3,
		lift: 0.7,
		bounce: 0.008,
		pitch: 0.02,
		flex: 0,
		headBob: 0.05,
		tailWag: 0.25,
	},
	trot: {
		period: 0.56,
		duty: 0.46,
		phases: [0, 0.5, 0.5, 0],
		sweep: 0.42,
		lift: 1.0,
		bounce: 0.02,
		pitch: 0.02,
		flex: 0,
		headBob: 0.04,
		tailWag: 0.3,
	},
	gallop: {
		period: 0.42,
		duty: 0.3,
		phases: [0, 0.5, 0.1, 0.38],
		sweep: 0.5,
		lift: 1.3,
		bounce: 0.06,
		pitch: 0.12,
		flex: 0.14,
		headBob: 0.08,
		tailWag: 0.1,
		crouch: 0.04,
	},
};

function legAngles(
	rest: number[],
	hind: boolean,
	p: number,
	gait: GaitSpec,
): [number, number, number] {
	const u = ((p % 1) + 1) % 1;
	if (u < gait.duty) {
		// Stance: the leg sweeps back as a whole; the paw is pinned by the solver.
		const a = gait.sweep * (1 - (2 * u) / gait.duty);
		return [rest[0] + a, rest[1], rest[2] - a];
	}
	const s = (u - gait.duty) / (1 - gait.duty);
	const ease = 0.5 - 0.5 * Math.cos(Math.PI * s);
	const a = -gait.sweep + 2 * gait.sweep * ease;
	const fold = gait.lift * Math.sin(Math.PI * s);
	return hind
		? [rest[0] + a, rest[1] - fold * 0.9, rest[2] + fold * 0.8]
		: [rest[0] + a - fold * 0.2, rest[1] + fold * 1.1, rest[2] + fold * 0.5];
}

function restKey(species: Quadruped): Float64Array {
	const B = BUILDS[species];
	const c = new Float64Array(FIRST_ANGLE + 16);
	c[0] = standingHipHeight(species);
	const Q = QUADRUPED_BONES;
	const a = (bone: number, v: number) => (c[FIRST_ANGLE + bone] = v);
	a(Q.spine, Math.PI / 2);
	a(Q.neck, B.neckAngle);
	a(Q.head, B.headAngle);
	a(Q.tail, B.tailAngle);
	for (const [thigh, shin, foot] of [
		[Q.hindThighFar, Q.hindShinFar, Q.hindFootFar],
		[Q.hindThighNear, Q.hindShinNear, Q.hindFootNear],
	]) {
		a(thigh, HIND_REST[0]);
		a(shin, HIND_REST[1]);
		a(foot, HIND_REST[2]);
	}
	for (const [upper, lower, paw] of [
		[Q.foreUpperFar, Q.foreLowerFar, Q.forePawFar],
		[Q.foreUpperNear, Q.foreLowerNear, Q.forePawNear],
	]) {
		a(upper, FORE_REST[0]);
		a(lower, FORE_REST[1]);
		a(paw, FORE_REST[2]);
	}
	return c;
}

const LEGS = ['hindFar', 'foreFar', 'hindNear', 'foreNear'] as const;

/** A gait loop for a species, sampled into keys from its footfall pattern. */
export function gaitClip(species: Quadruped, gaitName: keyof typeof GAITS, spine: number): Clip {
	const gait = GAITS[gaitName];
	const base = restKey(species);
	const Q = QUADRUPED_BONES;
	const steps = 24;
	const times: number[] = [];
	const keys: Float64Array[] = [];
	// Bigger animals stride slower: the period scales with the square root of size (Froude).
	const scale = Math.sqrt(spine / 0.5);
	for (let i = 0; i < steps; i++) {
		const t = i / steps;
		const k = Float64Array.from(base);
		const wave = Math.cos(2 * Math.PI * t * (gaitName === 'gallop' ? 1 : 2));
		k[0] = base[0] * (1 - (gait.crouch ?? 0)) + gait.bounce * wave;
		k[2] = gait.pitch * Math.sin(2 * Math.PI * t);
		k[FIRST_ANGLE + Q.spine] = Math.PI / 2 + gait.flex * Math.sin(2 * Math.PI * t);
		k[FIRST_ANGLE + Q.neck] = base[FIRST_ANGLE + Q.neck] + gait.headBob * Math.sin(4 * Math.PI * t);
		k[FIRST_ANGLE + Q.tail] =
			base[FIRST_ANGLE + Q.tail] + gait.tailWag * Math.sin(2 * Math.PI * t * 2);
		const set = (bones: number[], v: [number, number, number]) =>
			bones.forEach((bone, j) => (k[FIRST_ANGLE + bone] = v[j]));
		set(
			[Q.hindThighFar, Q.hindShinFar, Q.hindFootFar],
			legAngles(HIND_REST, true, t - gait.phases[0], gait),
		);
		set(
			[Q.foreUpperFar, Q.foreLowerFar, Q.forePawFar],
			legAngles(FORE_REST, false, t - gait.phases[1], gait),
		);
		set(
			[Q.hindThighNear, Q.hindShinNear, Q.hindFootNear],
			legAngles(HIND_REST, true, t - gait.phases[2], gait),
		);
		set(
			[Q.foreUpperNear, Q.foreLowerNear, Q.forePawNear],
			legAngles(FORE_REST, false, t - gait.phases[3], gait),
		);
		times.push(t);
		keys.push(k);
	}
	const contacts: ContactPhase[] = LEGS.map((effector, i) => ({
		effector,
		from: gait.phases[i] % 1,
		to: (gait.phases[i] + gait.duty) % 1,
	}));
	return { id: gaitName, duration: gait.period * scale, loop: true, times, keys, contacts };
}

/** Standing (tail wagging, head turning), sitting, and a leap. */
export function quadrupedClips(species: Quadruped, spine: number): Record<string, Clip> {
	const base = restKey(species);
	const Q = QUADRUPED_BONES;
	const all = LEGS.map((effector) => ({ effector, from: 0, to: 1 }));
	const key = (t: number, edit: (k: Float64Array) => void) => {
		const k = Float64Array.from(base);
		edit(k);
		return { t, k };
	};
	const make = (
		id: string,
		duration: number,
		loop: boolean,
		ks: { t: number; k: Float64Array }[],
		contacts: ContactPhase[],
	): Clip => ({
		id,
		duration,
		loop,
		times: ks.map((k) => k.t),
		keys: ks.map((k) => k.k),
		contacts,
	});
	const tail = (k: Float64Array, v: number) =>
		(k[FIRST_ANGLE + Q.tail] = base[FIRST_ANGLE + Q.tail] + v);
	const sitting = (k: Float64Array) => {
		k[0] = base[0] * 0.42;
		k[2] = 0.55;
		k[FIRST_ANGLE + Q.hindThighFar] = 1.6;
		k[FIRST_ANGLE + Q.hindThighNear] = 1.6;
		k[FIRST_ANGLE + Q.hindShinFar] = -2.4;
		k[FIRST_ANGLE + Q.hindShinNear] = -2.4;
		k[FIRST_ANGLE + Q.foreUpperFar] = FORE_REST[0] - 0.55;
		k[FIRST_ANGLE + Q.foreUpperNear] = FORE_REST[0] - 0.5;
		k[FIRST_ANGLE + Q.neck] = base[FIRST_ANGLE + Q.neck] - 0.45;
		k[FIRST_ANGLE + Q.tail] = -1.6;
	};
	const drinking = (k: Float64Array, lap: number) => {
		k[0] = base[0] * 0.93;
		k[2] = -0.12;
		k[FIRST_ANGLE + Q.neck] = base[FIRST_ANGLE + Q.neck] - 1.25;
		k[FIRST_ANGLE + Q.head] = base[FIRST_ANGLE + Q.head] - 0.35 + lap;
		k[FIRST_ANGLE + Q.foreUpperFar] = FORE_REST[0] - 0.12;
		k[FIRST_ANGLE + Q.foreUpperNear] = FORE_REST[0] + 0.12;
		tail(k, -0.2);
	};
	return {
		walk: gaitClip(species, 'walk', spine),
		trot: gaitClip(species, 'trot', spine),
		gallop: gaitClip(species, 'gallop', spine),
		idle: make(
			'idle',
			1.6,
			true,
			[
				key(0, (k) => tail(k, 0.35)),
				key(0.25, (k) => tail(k, -0.3)),
				key(0.5, (k) => {
					tail(k, 0.35);
					k[FIRST_ANGLE + Q.head] += 0.12;
				}),
				key(0.75, (k) => tail(k, -0.3)),
			],
			all,
		),
		sit: make('sit', 0.7, false, [key(0, () => undefined), key(1, sitting)], all),
		// Drinking: the neck stretched down to the water (or a bowl), the head lapping, the tail still.
		drink: make(
			'drink',
			1.2,
			true,
			[key(0, (k) => drinking(k, 0)), key(0.5, (k) => drinking(k, 0.12))],
			all,
		),
		seated: make(
			'seated',
			2,
			true,
			[key(0, sitting), key(0.5, (k) => (sitting(k), (k[FIRST_ANGLE + Q.head] += 0.1)))],
			all,
		),
		jump: make(
			'jump',
			0.9,
			false,
			[
				key(0, () => undefined),
				key(0.2, (k) => {
					k[0] = base[0] * 0.8;
					k[2] = 0.15;
				}),
				key(0.32, (k) => {
					k[2] = 0.3;
					k[FIRST_ANGLE + Q.foreUpperFar] = FORE_REST[0] + 0.9;
					k[FIRST_ANGLE + Q.foreUpperNear] = FORE_REST[0] + 0.8;
					k[FIRST_ANGLE + Q.foreLowerFar] = 1.2;
					k[FIRST_ANGLE + Q.foreLowerNear] = 1.2;
				}),
				key(0.55, (k) => {
					k[0] = base[0] * 1.9;
					k[2] = 0;
					k[FIRST_ANGLE + Q.hindThighFar] = -0.5;
					k[FIRST_ANGLE + Q.hindThighNear] = -0.6;
					k[FIRST_ANGLE + Q.foreUpperFar] = FORE_REST[0] + 1.0;
					k[FIRST_ANGLE + Q.foreUpperNear] = FORE_REST[0] + 0.9;
				}),
				key(0.78, (k) => {
					k[0] = base[0] * 1.05;
					k[2] = -0.25;
				}),
				key(1, () => undefined),
			].map((k, i) => (i >= 2 ? { ...k, k: withDx(k.k, (k.t - 0.32) / 0.46, 1.6) } : k)),
			[
				{ effector: 'hindFar', from: 0, to: 0.34 },
				{ effector: 'hindNear', from: 0, to: 0.34 },
				{ effector: 'foreFar', from: 0, to: 0.28 },
				{ effector: 'foreNear', from: 0, to: 0.28 },
				{ effector: 'foreFar', from: 0.76, to: 1.01 },
				{ effector: 'foreNear', from: 0.78, to: 1.01 },
				{ effector: 'hindFar', from: 0.82, to: 1.01 },
				{ effector: 'hindNear', from: 0.84, to: 1.01 },
			],
		),
	};
}

function withDx(k: Float64Array, u: number, total: number): Float64Array {
	const c = Float64Array.from(k);
	c[1] = total * Math.max(0, Math.min(1, u));
	return c;
}

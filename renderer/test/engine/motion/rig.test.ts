import { contactAt, sampleClip, FIRST_ANGLE, type Clip } from '../../../src/engine/motion/clip';
import { PERSON_BONES, PERSON_CLIPS, personRig } from '../../../src/engine/motion/person';
import {
	effectorEnd,
	forwardKinematics,
	reach,
	solveTwoBone,
	type Pose,
	type Rig,
} from '../../../src/engine/motion/rig';

/** A two-bone arm hanging from the root: lengths 1 and 0.5. */
const ARM: Rig = {
	bones: [
		{ name: 'upper', parent: -1, at: 0, length: 1 },
		{ name: 'lower', parent: 0, at: 1, length: 0.5 },
	],
	effectors: { hand: { upper: 0, lower: 1, bend: -1 } },
};

const pose = (theta: number, ...angles: number[]): Pose => ({
	x: 2,
	y: 3,
	theta,
	angles: Float64Array.from(angles),
});

describe('skeleton forward kinematics', () => {
	it('places each bone from its parent: angles add down the chain', () => {
		// Upper arm forward (π/2 from straight down), forearm bent a further π/2: pointing up.
		const k = forwardKinematics(ARM, pose(0, Math.PI / 2, Math.PI / 2));
		expect(k.ex[0]).toBeCloseTo(3, 12);
		expect(k.ey[0]).toBeCloseTo(3, 12);
		expect(k.sx[1]).toBeCloseTo(3, 12);
		expect(k.ex[1]).toBeCloseTo(3, 12);
		expect(k.ey[1]).toBeCloseTo(3.5, 12);
		expect(k.phi[1]).toBeCloseTo(Math.PI, 12);
	});

	it('turns the whole chain with the root rotation', () => {
		const straight = forwardKinematics(ARM, pose(0, 0, 0));
		expect([straight.ex[1], straight.ey[1]]).toEqual([2, 1.5]);
		const turned = forwardKinematics(ARM, pose(Math.PI / 2, 0, 0));
		expect(turned.ex[1]).toBeCloseTo(3.5, 12);
		expect(turned.ey[1]).toBeCloseTo(3, 12);
	});

	it('attaches a bone part-way along its parent (a shoulder near the top of the spine)', () => {
		const rig = personRig(1.75);
		const angles = new Float64Array(rig.bones.length);
		angles[PERSON_BONES.spine] = Math.PI; // the spine points up
		const k = forwardKinematics(rig, { x: 0, y: 1, theta: 0, angles });
		const spineTop = k.ey[PERSON_BONES.spine];
		expect(spineTop).toBeCloseTo(1 + 0.3 * 1.75, 9);
		// The shoulder bone starts 94.5 % of the way up.
		expect(k.sy[PERSON_BONES.shoulderNear]).toBeCloseTo(1 + 0.945 * 0.3 * 1.75, 9);
	});
});

describe('two-bone inverse kinematics', () => {
	it('bends a chain so its end lands exactly on a reachable point, on the asked side', () => {
		for (const [tx, ty] of [
			[2.6, 2],
			[2, 1.7],
			[1.2, 3.4],
		]) {
			const p = pose(0.3, 0, 0);
			const k = forwardKinematics(ARM, p);
			expect(reach(ARM, p, k, 'hand', tx, ty)).toBe(true);
			const after = forwardKinematics(ARM, p);
			const [x, y] = effectorEnd(ARM, after, 'hand');
			expect(x).toBeCloseTo(tx, 9);
			expect(y).toBeCloseTo(ty, 9);
		}
		// A knee (bend +1) goes forward of the hip-to-ankle line, an elbow (−1) behind it.
		const knee = solveTwoBone(0, 0, 0, -1.2, 1, 1, 1)!;
		const elbow = solveTwoBone(0, 0, 0, -1.2, 1, 1, -1)!;
		expect(Math.sin(knee.upperPhi)).toBeGreaterThan(0);
		expect(Math.sin(elbow.upperPhi)).toBeLessThan(0);
	});

	it('refuses a point out of reach and leaves the pose alone', () => {
		const p = pose(0, 0.2, 0.1);
		const k = forwardKinematics(ARM, p);
		const before = Float64Array.from(p.angles);
		expect(reach(ARM, p, k, 'hand', 10, 10)).toBe(false);
		expect(p.angles).toEqual(before);
	});

	it('keeps a tip (a paw) at its world angle while the chain above it bends', () => {
		const rig: Rig = {
			bones: [
				{ name: 'thigh', parent: -1, at: 0, length: 0.4 },
				{ name: 'shin', parent: 0, at: 1, length: 0.4 },
				{ name: 'paw', parent: 1, at: 1, length: 0.2 },
			],
			effectors: { paw: { upper: 0, lower: 1, tip: 2, bend: 1 } },
		};
		const p: Pose = { x: 0, y: 0, theta: 0, angles: Float64Array.from([0.3, -0.8, 0.6]) };
		const k = forwardKinematics(rig, p);
		const tipPhi = k.phi[2];
		expect(reach(rig, p, k, 'paw', 0.25, -0.7)).toBe(true);
		const after = forwardKinematics(rig, p);
		expect(after.phi[2]).toBeCloseTo(tipPhi, 9);
		expect(after.ex[2]).toBeCloseTo(0.25, 9);
		expect(after.ey[2]).toBeCloseTo(-0.7, 9);
	});
});

describe('keyframed clips', () => {
	const keys = (...values: number[]) => values.map((v) => Float64Array.from([v, 0, 0]));
	const loop: Clip = {
		id: 'test',
		duration: 1,
		loop: true,
		times: [0, 0.25, 0.5, 0.75],
		keys: keys(0, 1, 0, -1),
		contacts: [{ effector: 'foot', from: 0.8, to: 0.2 }],
	};

	it('passes exactly through every key and wraps a loop round', () => {
		const out = new Float64Array(3);
		for (const [u, v] of [
			[0, 0],
			[0.25, 1],
			[0.5, 0],
			[0.75, -1],
			[1, 0],
			[1.25, 1],
		])
			expect(sampleClip(loop, u, out)[0]).toBeCloseTo(v, 12);
		// Between keys the curve is smooth and stays between its neighbours' range.
		const mid = sampleClip(loop, 0.125, out)[0];
		expect(mid).toBeGreaterThan(0.4);
		expect(mid).toBeLessThan(1.1);
	});

	it('reads contact phases, including one that wraps round the loop', () => {
		expect(contactAt(loop, 'foot', 0.9)).toBeDefined();
		expect(contactAt(loop, 'foot', 0.1)).toBeDefined();
		expect(contactAt(loop, 'foot', 1.1)).toBeDefined();
		expect(contactAt(loop, 'foot', 0.5)).toBeUndefined();
		expect(contactAt(loop, 'hand', 0.9)).toBeUndefined();
	});

	it('a back flip turns the body once round backwards, a handspring once forwards', () => {
		const out = new Float64Array(FIRST_ANGLE + personRig(1.75).bones.length);
		expect(sampleClip(PERSON_CLIPS.backflip, 1, out)[2]).toBeCloseTo(2 * Math.PI, 9);
		expect(sampleClip(PERSON_CLIPS.handspring, 1, out)[2]).toBeCloseTo(-2 * Math.PI, 9);
		expect(sampleClip(PERSON_CLIPS.cartwheel, 1, out)[2]).toBeCloseTo(-2 * Math.PI, 9);
		// Mid-flight the back flip is upside down.
		const mid = sampleClip(PERSON_CLIPS.backflip, 0.57, out)[2];
		expect(Math.abs(mid - Math.PI)).toBeLessThan(0.7);
	});
});

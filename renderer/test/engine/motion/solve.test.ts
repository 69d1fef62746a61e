import { quadrupedClips, quadrupedRig } from '../../../src/engine/motion/animal';
import { PERSON_CLIPS, personRig } from '../../../src/engine/motion/person';
import { actorMap } from '../../../src/engine/motion/stage';
import {
	endOf,
	skeletonAt,
	solvePerformance,
	type Performance,
	type Segment,
	type Support,
} from '../../../src/engine/motion/solve';

const FPS = 30;
const floor: Support = { id: 'floor', material: 'floor', top: () => 0 };
/** One pixel in metres, for a person in a 1080×1920 frame. */
const PIXEL = 1 / actorMap(1080, 1920, {}).ppm;

function person(
	schedule: Segment[],
	seconds: number,
	extra: Partial<Parameters<typeof solvePerformance>[0]> = {},
) {
	return solvePerformance({
		rig: personRig(1.75),
		size: 1.75,
		mass: 62,
		fps: FPS,
		frames: Math.round(seconds * FPS),
		startX: 0,
		facing: 1,
		schedule,
		supports: [floor],
		...extra,
	});
}

/** The largest distance any planted limb end moves from where it touched down, over its contact. */
function worstSlip(p: Performance): number {
	let worst = 0;
	for (const c of p.contacts)
		for (let f = c.startFrame; f < Math.min(c.endFrame, p.frames); f++) {
			const [x, y] = endOf(p, f, c.effector);
			worst = Math.max(worst, Math.hypot(x - c.x, y - c.y));
		}
	return worst;
}

const C = PERSON_CLIPS;
const after = (clip: keyof typeof PERSON_CLIPS): Segment[] => [
	{ clip: C.idle, start: 0 },
	{ clip: C[clip], start: 0.4 },
	{ clip: C.idle, start: 0.4 + C[clip].duration },
];

describe('the motion solver', () => {
	it.each([
		['walk', [{ clip: C.walk, start: 0 }]],
		['run', [{ clip: C.run, start: 0 }]],
		['dance', [{ clip: C.dance, start: 0 }]],
		['beam walk', [{ clip: C['beam-walk'], start: 0 }]],
		['jump', after('jump')],
		['back flip', after('backflip')],
		['handspring', after('handspring')],
		['cartwheel', after('cartwheel')],
		['split leap', after('split-leap')],
		[
			'walk into a run into a sit',
			[
				{ clip: C.walk, start: 0 },
				{ clip: C.run, start: 1.3 },
				{ clip: C.sit, start: 2.6 },
				{ clip: C.seated, start: 3.2 },
			],
		],
	] as Array<[string, Segment[]]>)(
		'%s: every planted foot or hand stays within a pixel of where it landed',
		(_, schedule) => {
			const p = person(schedule, 4);
			expect(p.contacts.length).toBeGreaterThan(1);
			expect(worstSlip(p)).toBeLessThan(PIXEL);
			// And a planted limb is on the floor, not in it or above it.
			for (const c of p.contacts) expect(Math.abs(c.y)).toBeLessThan(1e-9);
		},
	);

	it('derives travel from the stance: a walk moves the way it faces at a walking pace, a run faster', () => {
		const walk = person([{ clip: C.walk, start: 0 }], 4);
		const run = person([{ clip: C.run, start: 0 }], 4);
		const speed = (p: Performance) => (p.x[p.frames - 1] - p.x[30]) / ((p.frames - 31) / FPS);
		expect(speed(walk)).toBeGreaterThan(0.6);
		expect(speed(walk)).toBeLessThan(1.4);
		expect(speed(run)).toBeGreaterThan(2 * speed(walk));
		const left = person([{ clip: C.walk, start: 0 }], 4, { facing: -1 });
		expect(left.x[left.frames - 1]).toBeCloseTo(-walk.x[walk.frames - 1], 9);
	});

	it('a back flip leaves the floor, turns once round in the air and lands a little behind', () => {
		const p = person(after('backflip'), 3);
		const landing = p.contacts.find((c) => c.startFrame > 0)!;
		const airborne = Array.from({ length: p.frames }, (_, f) => f).filter(
			(f) => !p.contacts.some((c) => c.startFrame <= f && f < c.endFrame),
		);
		expect(airborne.length).toBeGreaterThan(0.5 * FPS);
		// Highest in the air, well above standing hip height.
		expect(Math.max(...airborne.map((f) => p.y[f]))).toBeGreaterThan(p.y[0] + 0.4);
		// Once round, backwards (+2π), by the landing, which is behind where it took off.
		expect(landing.startFrame).toBeGreaterThan(airborne[0]);
		expect(p.theta[landing.startFrame]).toBeGreaterThan(2 * Math.PI - 0.3);
		expect(landing.x).toBeLessThan(p.contacts[0].x - 0.2);
		// The landing is a real one: the feet come down with some speed.
		expect(landing.impactSpeed).toBeGreaterThan(0.5);
	});

	it('turns a traveller round at the bounds, so it stays in the picture', () => {
		const p = person([{ clip: C.run, start: 0 }], 8, {
			bounds: [-2, 2],
			travelling: new Set(['run']),
		});
		const xs = Array.from(p.x);
		expect(Math.max(...xs)).toBeLessThan(3);
		expect(Math.min(...xs)).toBeGreaterThan(-3);
		expect(new Set(Array.from(p.facing)).size).toBe(2);
		expect(worstSlip(p)).toBeLessThan(PIXEL);
	});

	it('cross-fades between clips: joint angles change smoothly across a switch', () => {
		const biggestStep = (fade: number) => {
			const p = person(
				[
					{ clip: C.walk, start: 0 },
					{ clip: C.wave, start: 1.0, fade },
				],
				2,
			);
			let worst = 0;
			for (let f = 25; f < 45; f++)
				for (let b = 0; b < p.angles[f].length; b++) {
					// Legs are bent by IK when a foot lands; arms and spine are pure blending.
					if (b >= 2 && b <= 9) continue;
					worst = Math.max(worst, Math.abs(p.angles[f][b] - p.angles[f - 1][b]));
				}
			return worst;
		};
		// Raising a swinging arm overhead takes the whole fade, not one frame.
		expect(biggestStep(0)).toBeGreaterThan(2);
		expect(biggestStep(0.5)).toBeLessThan(0.35);
	});

	it('rides a moving support: feet pinned to a board travel with it', () => {
		const board: Support = {
			id: 'board',
			material: 'board',
			kind: 'board',
			top: () => 0.1,
			pose: (t) => ({ x: t * 1.2, y: 0.1, angle: 0 }),
		};
		const p = person([{ clip: C.surf, start: 0 }], 2, { supports: [board, floor] });
		const foot = p.contacts.find((c) => c.effector === 'footNear')!;
		const [x0] = endOf(p, 0, 'footNear');
		const [x1] = endOf(p, 59, 'footNear');
		expect(foot.supportId).toBe('board');
		expect(x1 - x0).toBeCloseTo(1.2 * (59 / FPS), 6);
	});

	it('is deterministic: the same schedule gives the same frames', () => {
		const a = person(after('cartwheel'), 3);
		const b = person(after('cartwheel'), 3);
		expect(Array.from(a.x)).toEqual(Array.from(b.x));
		expect(a.angles.map((x) => Array.from(x))).toEqual(b.angles.map((x) => Array.from(x)));
	});

	it.each([
		['dog', 'gallop', 0.5],
		['dog', 'trot', 0.5],
		['cat', 'walk', 0.3],
		['horse', 'gallop', 1.05],
		['deer', 'trot', 0.7],
		['deer', 'gallop', 0.7],
	] as const)('%s %s: each paw or hoof stays where it came down', (species, gait, spine) => {
		const clips = quadrupedClips(species, spine);
		const p = solvePerformance({
			rig: quadrupedRig(species, spine),
			size: spine,
			mass: 20,
			fps: FPS,
			frames: 90,
			startX: 0,
			facing: 1,
			schedule: [{ clip: clips[gait], start: 0 }],
			supports: [floor],
		});
		expect(p.contacts.length).toBeGreaterThan(8);
		expect(worstSlip(p)).toBeLessThan(PIXEL);
		expect(p.x[89]).toBeGreaterThan(p.x[0] + spine);
		// The body stays up: the spine above the ground all along.
		for (let f = 0; f < 90; f++) {
			const k = skeletonAt(p, f);
			expect(Math.min(k.sy[0], k.ey[0])).toBeGreaterThan(0.3 * spine);
		}
	});
});

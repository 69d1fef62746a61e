/**
 * What performers use is drawn where the motion puts it, measured on the frames: the football at
 * the kicker's foot and then in the goal, a snowball on its way to the other player, the pancake
 * above the pan mid-toss, the flag in the hand and then planted, the guitar at the hips, the
 * bicycle under its rider, the splash where a diver goes in, a lighthouse sweeping its beam.
 * Positions come from the solved performance (`shotPerformance`), never from the pictures.
 */
import { initPhysics, shotPerformance } from '../../../src/engine/physics';
import { actorMap } from '../../../src/engine/motion/stage';
import { skeletonAt } from '../../../src/engine/motion/solve';
import { PERSON_BONES } from '../../../src/engine/motion/person';
import type {
	FlagGear,
	FootballGear,
	Gear,
	PancakeGear,
	SnowballGear,
	WaterGear,
} from '../../../src/engine/motion/gear';
import type { CharacterProfile, PlannedShot, Storyboard } from '../../../src/engine/storyboard';
import { meanDifference } from '../compose/pixels';
import { ALICE, BOB } from './storyboardFixture';
import {
	drawFrames,
	nearColour,
	oneShotBoard,
	type Rgb,
	faceToFace,
	fromTheStart,
	solo,
} from '../../support/scenes';

const W = 270;
const H = 480;
const FPS = 24;

/** A person in grey, so no colour of what they use is also their clothes'. */
const GREY: CharacterProfile = {
	...BOB,
	id: 'gus',
	look: { ...BOB.look, outfit: '#707070', accent: '#505050', hair: '#202020' },
};

const board = (overrides: Partial<PlannedShot>, frames: number, characters = [GREY]) =>
	oneShotBoard(overrides, frames, { fps: FPS, width: W, height: H }, characters);

const render = drawFrames;

/** Pixels within `tolerance` of a colour inside a box (pixels): how many and their centroid. */
function inBox(
	frame: Uint8Array,
	colour: Rgb,
	box: { x0: number; y0: number; x1: number; y1: number },
	tolerance = 20,
) {
	let n = 0;
	let sx = 0;
	let sy = 0;
	for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(H, Math.ceil(box.y1)); y++)
		for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(W, Math.ceil(box.x1)); x++) {
			const i = 4 * (y * W + x);
			if (nearColour(frame, i, colour, tolerance)) {
				n++;
				sx += x;
				sy += y;
			}
		}
	return { n, x: sx / n, y: sy / n };
}
const around = (x: number, y: number, r: number) => ({
	x0: x - r,
	y0: y - r,
	x1: x + r,
	y1: y + r,
});
const whole = { x0: 0, y0: 0, x1: W, y1: H };

function gearOf<T extends Gear>(sb: Storyboard, kind: T['kind'], actor = 0): T {
	const act = shotPerformance(sb, sb.shots[0]).actors[actor];
	const gear = act.gear.find((g) => g.kind === kind);
	if (!gear) throw new Error(`no ${kind} gear`);
	return gear as T;
}

describe('what performers use is drawn where the motion puts it', () => {
	beforeAll(() => initPhysics());

	it('a kick: the ball waits at the foot, then flies into the goal ahead of the kicker', async () => {
		const sb = board(
			{
				setting: 'forest',
				...solo('gus', 0.2, 'kick'),
				props: ['football', 'goal'],
			},
			72,
		);
		const ball = gearOf<FootballGear>(sb, 'football');
		expect(ball.strike).toBeGreaterThan(0);
		expect(ball.inNet).toBeLessThan(60);
		const map = actorMap(W, H, sb.shots[0]);
		const px = (x: number) => map.originX + x * map.ppm;
		const py = (y: number) => map.originY - y * map.ppm;
		const r = ball.radius * map.ppm;
		const before = ball.strike! - 2;
		const after = ball.inNet! + 6;
		const [waiting, scored] = await render(sb, [before, after]);
		const white: Rgb = [0xf7, 0xf7, 0xf2];
		// Before the strike the ball is at rest on the ground in front of the foot…
		const rest = around(px(ball.x[before]), py(ball.radius), r + 2);
		expect(inBox(waiting, white, rest).n).toBeGreaterThan(0.25 * Math.PI * r * r);
		expect(inBox(scored, white, rest).n).toBe(0);
		// …after it, it lies inside the goal: between the near post and the far one, on the ground.
		const inGoal = inBox(scored, white, around(px(ball.x[after]), py(ball.y[after]), r + 2));
		expect(inGoal.n).toBeGreaterThan(0.25 * Math.PI * r * r);
		expect(ball.x[after]).toBeGreaterThan(ball.goal.x);
		expect(ball.x[after]).toBeLessThan(ball.goal.x + 1.0);
		// The near post stands where the goal is: a white upright from the ground.
		const post = inBox(
			scored,
			[0xf4, 0xf4, 0xf4],
			{ x0: px(ball.goal.x) - 4, y0: py(1.8), x1: px(ball.goal.x) + 4, y1: py(0.2) },
			12,
		);
		expect(post.n).toBeGreaterThan(0.8 * 1.6 * map.ppm);
	});

	it('a snowball fight: a snowball flies from one player to the other and bursts there', async () => {
		const cast = [GREY, { ...GREY, id: 'gwen' }];
		const sb = board(
			{
				setting: 'forest',
				placements: faceToFace(['gus', 0.25], ['gwen', 0.75]),
				actions: fromTheStart(['gus', 'throw-snowball'], ['gwen', 'throw-snowball']),
			},
			120,
			cast,
		);
		const balls = gearOf<SnowballGear>(sb, 'snowballs');
		const thrown = balls.throws[0];
		expect(thrown).toBeDefined();
		// Aimed at the other player, in front of the thrower.
		expect(thrown.to[0]).toBeGreaterThan(thrown.from[0] + 0.5);
		const map = actorMap(W, H, sb.shots[0]);
		const mid = Math.round((thrown.release + thrown.land) / 2);
		const s = (mid - thrown.release) / (thrown.land - thrown.release);
		const x = thrown.from[0] + (thrown.to[0] - thrown.from[0]) * s;
		const y = thrown.from[1] + (thrown.to[1] - thrown.from[1]) * s + 0.9 * s * (1 - s);
		const [flying, bursting] = await render(sb, [mid, thrown.land + 2]);
		const snow: Rgb = [0xfb, 0xfd, 0xff];
		const r = 0.075 * map.ppm;
		const at = inBox(
			flying,
			snow,
			around(map.originX + x * map.ppm, map.originY - y * map.ppm, r + 2),
			12,
		);
		expect(at.n).toBeGreaterThan(0.3 * Math.PI * r * r);
		const target = around(
			map.originX + thrown.to[0] * map.ppm,
			map.originY - thrown.to[1] * map.ppm,
			0.3 * map.ppm,
		);
		expect(inBox(bursting, [0xfa, 0xfc, 0xff], target, 14).n).toBeGreaterThan(3);
	});

	it('a pancake: above the pan in the middle of a toss, in the pan between tosses', async () => {
		const sb = board(
			{
				setting: 'room',
				...solo('gus', 0.4, 'flip-pancake'),
			},
			96,
		);
		const pan = gearOf<PancakeGear>(sb, 'pancake');
		expect(pan.tosses.length).toBeGreaterThan(0);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const toss = pan.tosses[0];
		const top = toss + Math.round(0.5 * pan.flight * FPS);
		const resting = toss - 3;
		const map = actorMap(W, H, sb.shots[0]);
		const hand = (f: number) => {
			const k = skeletonAt(p, f);
			return [
				map.originX + k.ex[PERSON_BONES.forearmNear] * map.ppm,
				map.originY - k.ey[PERSON_BONES.forearmNear] * map.ppm,
			];
		};
		const [up, down] = await render(sb, [top, resting]);
		const cake: Rgb = [0xd9, 0x9a, 0x3e];
		const inAir = inBox(up, cake, whole, 14);
		const inPan = inBox(down, cake, whole, 14);
		expect(inAir.n).toBeGreaterThan(4);
		expect(inPan.n).toBeGreaterThan(4);
		// In the air it is well above the hand that holds the pan; at rest it sits at the hand's height.
		expect(hand(top)[1] - inAir.y).toBeGreaterThan(0.35 * map.ppm);
		expect(Math.abs(hand(resting)[1] - inPan.y)).toBeLessThan(0.12 * map.ppm);
		// The stove stands in front of the cook.
		const steel = inBox(down, [0xb9, 0xbe, 0xc4], whole, 10);
		expect(steel.n).toBeGreaterThan(200);
		expect(steel.x).toBeGreaterThan(map.originX + p.x[0] * map.ppm);
	});

	it('a flag: carried in the hand, then planted where the hand drove it, and left standing', async () => {
		const sb = board(
			{
				setting: 'space',
				timeOfDay: 'night',
				...solo('gus', 0.4, 'plant-flag'),
			},
			96,
		);
		const flag = gearOf<FlagGear>(sb, 'flag');
		expect(flag.planted).toBeGreaterThan(0);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const map = actorMap(W, H, sb.shots[0]);
		const [carried, planted] = await render(sb, [3, 90]);
		const red: Rgb = [0xc8, 0x10, 0x2e];
		const handX = map.originX + skeletonAt(p, 3).ex[PERSON_BONES.forearmNear] * map.ppm;
		const a = inBox(carried, red, whole, 30);
		const b = inBox(planted, red, whole, 30);
		expect(a.n).toBeGreaterThan(30);
		expect(b.n).toBeGreaterThan(30);
		// The cloth flies from the pole: beside the hand while carried, beside the planted pole after.
		expect(Math.abs(a.x - handX)).toBeLessThan(0.9 * map.ppm);
		const poleX = map.originX + flag.x * map.ppm;
		expect(Math.abs(b.x - poleX)).toBeLessThan(0.9 * map.ppm);
		// Planted: the pole reaches the ground (light grey just above the ground line at its x).
		const foot = inBox(planted, [0xc9, 0xc9, 0xc9], {
			x0: poleX - 3,
			y0: map.originY - 0.5 * map.ppm,
			x1: poleX + 3,
			y1: map.originY,
		});
		expect(foot.n).toBeGreaterThan(0.2 * map.ppm);
	});

	it('a guitar across the hips while playing', async () => {
		const sb = board(
			{
				setting: 'studio',
				...solo('gus', 0.5, 'play-guitar'),
			},
			24,
		);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const map = actorMap(W, H, sb.shots[0]);
		const [frame] = await render(sb, [12]);
		const k = skeletonAt(p, 12);
		const hips = around(
			map.originX + k.sx[PERSON_BONES.spine] * map.ppm,
			map.originY - k.sy[PERSON_BONES.spine] * map.ppm,
			0.35 * map.ppm,
		);
		expect(inBox(frame, [0xc4, 0x70, 0x2a], hips, 16).n).toBeGreaterThan(0.02 * map.ppm ** 2);
	});

	it('a bicycle under its rider, wheels on the ground, followed by the camera', async () => {
		const sb = board(
			{
				setting: 'forest',
				...solo('gus', 0.5, 'cycle'),
			},
			48,
		);
		const perf = shotPerformance(sb, sb.shots[0]);
		const p = perf.actors[0].performance!;
		expect(p.x[47] - p.x[0]).toBeGreaterThan(2);
		expect(p.contacts.filter((c) => c.supportId === 'ground')).toHaveLength(0);
		expect(perf.follow).toBeDefined();
		const map = actorMap(W, H, sb.shots[0]);
		const frames = await render(sb, [10, 40]);
		for (const [i, f] of [10, 40].entries()) {
			const k = skeletonAt(p, f);
			const x = map.originX + (k.sx[PERSON_BONES.spine] - perf.follow![f]) * map.ppm;
			const hipY = map.originY - k.sy[PERSON_BONES.spine] * map.ppm;
			const frame = inBox(frames[i], [0x2f, 0x6f, 0xb5], whole, 16);
			expect(frame.n).toBeGreaterThan(20);
			expect(Math.abs(frame.x - x)).toBeLessThan(0.4 * map.ppm);
			expect(frame.y).toBeGreaterThan(hipY);
			// The tyres reach the ground under it.
			const tyres = inBox(
				frames[i],
				[0x1a, 0x1a, 0x1a],
				{ x0: x - map.ppm, y0: map.originY - 0.1 * map.ppm, x1: x + map.ppm, y1: map.originY + 2 },
				20,
			);
			expect(tyres.n).toBeGreaterThan(4);
		}
	});

	it('a dive: on the edge, then under the surface with a splash where the hands went in', async () => {
		const sb = board(
			{
				setting: 'pool',
				...solo('gus', 0.3, 'dive'),
			},
			96,
		);
		const water = gearOf<WaterGear>(sb, 'water');
		expect(water.edge).toBeDefined();
		expect(water.entry).toBeDefined();
		const entry = water.entry!;
		expect(entry.x).toBeGreaterThan(water.edge!.x);
		const map = actorMap(W, H, sb.shots[0]);
		const [standing, splash] = await render(sb, [2, entry.frame + 4]);
		const sx = map.originX + entry.x * map.ppm;
		const above = {
			x0: sx - 0.8 * map.ppm,
			y0: map.originY - 1.2 * map.ppm,
			x1: sx + 0.8 * map.ppm,
			y1: map.originY - 2,
		};
		const spray = (f: Uint8Array) => inBox(f, [0xeb, 0xfa, 0xff], above, 16).n;
		expect(spray(splash)).toBeGreaterThan(spray(standing) + 15);
		// The water in front is drawn over the lower frame; the edge is left of the entry.
		const blue = inBox(
			splash,
			[0x36, 0x9c, 0xc8],
			{ x0: sx, y0: map.originY + 10, x1: W, y1: H },
			40,
		);
		expect(blue.n).toBeGreaterThan(0.5 * (W - sx) * (H - map.originY - 10));
		const edgeX = map.originX + water.edge!.x * map.ppm;
		expect(
			inBox(
				standing,
				[0xd9, 0xdd, 0xe0],
				{ x0: 0, y0: map.originY - 0.3 * map.ppm, x1: edgeX - 2, y1: H },
				12,
			).n,
		).toBeGreaterThan(100);
	});

	it('a lighthouse at night: a striped tower whose beam sweeps round', async () => {
		const sb = board(
			{ setting: 'beach', timeOfDay: 'night', weather: 'rain', props: ['lighthouse'] },
			96,
			[],
		);
		const [a, b] = await render(sb, [0, 24]);
		const tower = inBox(a, [0xc0, 0x39, 0x2b], whole, 30);
		expect(tower.n).toBeGreaterThan(100);
		expect(tower.x).toBeGreaterThan(0.55 * W);
		// The beam has moved a quarter turn on: the top of the frame differs, the tower not.
		const top = (f: Uint8Array) => f.subarray(0, 4 * W * Math.round(0.45 * H));
		expect(meanDifference(top(a), top(b), W)).toBeGreaterThan(1);
		expect(inBox(b, [0xc0, 0x39, 0x2b], whole, 30).n).toBeGreaterThan(0.8 * tower.n);
	});

	it('traffic: taxis and a bus drive along the street behind the action', async () => {
		const sb = board({ setting: 'city-night', timeOfDay: 'night', props: ['taxi', 'bus'] }, 96, []);
		const [start, later] = await render(sb, [0, 72]);
		const yellow: Rgb = [0xf2, 0xc2, 0x1b];
		const red: Rgb = [0xc8, 0x37, 0x2d];
		const taxi = inBox(start, yellow, whole, 40);
		expect(taxi.n).toBeGreaterThan(30);
		// Below the skyline, on the street.
		expect(taxi.y).toBeGreaterThan(0.5 * H);
		// Three seconds later it has moved on to the right, or gone; a bus comes by.
		const taxiLater = inBox(later, yellow, whole, 40);
		expect(taxiLater.n === 0 || taxiLater.x > taxi.x + 5).toBe(true);
		expect(inBox(start, red, whole, 30).n + inBox(later, red, whole, 30).n).toBeGreaterThan(200);
	});

	it('a frisbee flies just ahead of the dog that chases it', async () => {
		const pup: CharacterProfile = {
			...BOB,
			id: 'pup',
			animal: {
				species: 'dog',
				coat: '#f4f4f4',
				markings: '#222222',
				pattern: 'spots',
				ears: 'floppy',
				size: 1,
			},
		};
		const sb = board(
			{
				setting: 'beach',
				...solo('pup', 0.3, 'run'),
				props: ['frisbee'],
			},
			48,
			[pup],
		);
		const perf = shotPerformance(sb, sb.shots[0]);
		const dog = perf.actors[0];
		const disc = dog.gear.find((g) => g.kind === 'frisbee') as
			| { x: Float64Array; y: Float64Array }
			| undefined;
		expect(disc).toBeDefined();
		const [frame] = await render(sb, [30]);
		const follow = perf.follow?.[30] ?? 0;
		const map = actorMap(W, H, sb.shots[0]);
		const fx = map.originX + (disc!.x[30] - follow) * map.ppm;
		const fy = map.originY - disc!.y[30] * map.ppm;
		const pink = inBox(frame, [0xff, 0x3d, 0x7f], around(fx, fy, 0.25 * map.ppm), 30);
		expect(pink.n).toBeGreaterThan(6);
		// Ahead of the dog's body, at about a metre up.
		expect((disc!.x[30] - dog.performance!.x[30]) * dog.performance!.facing[30]).toBeGreaterThan(
			0.5,
		);
	});

	it('drinking: the cup in hand comes up to the mouth; a deer lowers its head below its back', () => {
		const sb = board(
			{
				setting: 'room',
				placements: faceToFace(['gus', 0.3], ['fawn', 0.7]),
				actions: fromTheStart(['gus', 'drink'], ['fawn', 'drink']),
			},
			96,
			[
				GREY,
				{
					...BOB,
					id: 'fawn',
					animal: {
						species: 'deer',
						coat: '#a0683a',
						markings: '#f1e6d6',
						pattern: 'solid',
						ears: 'pointed',
						size: 1,
					},
				},
			],
		);
		const [person, deer] = shotPerformance(sb, sb.shots[0]).actors;
		const p = person.performance!;
		// Mid-sip (0.45 of the 3 s cycle): the hand at the face, then back down by the hips.
		const sip = skeletonAt(p, Math.round(0.45 * 3 * FPS));
		const down = skeletonAt(p, Math.round(0.9 * 3 * FPS));
		const mouth = [sip.ex[PERSON_BONES.neck], sip.ey[PERSON_BONES.neck] - 0.02 * person.size];
		const hand = [sip.ex[PERSON_BONES.forearmNear], sip.ey[PERSON_BONES.forearmNear]];
		expect(Math.hypot(hand[0] - mouth[0], hand[1] - mouth[1])).toBeLessThan(0.2 * person.size);
		expect(down.ey[PERSON_BONES.forearmNear]).toBeLessThan(mouth[1] - 0.2 * person.size);
		const q = skeletonAt(deer.performance!, 48);
		const nose = q.ey[2];
		const withers = Math.max(q.sy[0], q.ey[0]);
		expect(nose).toBeLessThan(withers - 0.3 * deer.size);
	});

	it('is deterministic: the same storyboard gives byte-identical frames', async () => {
		const sb = board(
			{
				setting: 'yard',
				weather: 'snow',
				placements: faceToFace(['alice', 0.25], ['bob', 0.75]),
				actions: fromTheStart(['alice', 'throw-snowball'], ['bob', 'kick']),
			},
			48,
			[ALICE, BOB],
		);
		const one = await render(sb, [10, 30, 47]);
		const two = await render(sb, [10, 30, 47]);
		for (let i = 0; i < one.length; i++) expect(Buffer.compare(one[i], two[i])).toBe(0);
	});
});

import { createHash } from 'node:crypto';
import { initPhysics, shotPerformance, simulatePhysics } from '../../../src/engine/physics';
import { beamMode } from '../../../src/engine/physics/balanceBeam';
import { plankDip } from '../../../src/engine/physics/floatingPlank';
import { BEAM } from '../../../src/engine/motion/stage';
import { endOf } from '../../../src/engine/motion/solve';
import type { PlannedShot, Storyboard } from '../../../src/engine/storyboard';
import { ALICE, BOB } from '../scene/storyboardFixture';
import { oneShotBoard, PUP, faceToFace, fromTheStart, solo } from '../../support/scenes';

const FPS = 30;

function board(
	overrides: Partial<PlannedShot>,
	frames = 120,
	characters = [ALICE, BOB, PUP],
): Storyboard {
	return oneShotBoard(
		overrides,
		frames,
		{ fps: FPS, width: 540, height: 960, startFrame: 10 },
		characters,
	);
}

describe('performers in the physics', () => {
	beforeAll(() => initPhysics());

	it('emits each footfall as a contact event on the frame the foot lands, with the surface as its sound', () => {
		const sb = board({
			setting: 'studio',
			...solo('alice', 0.3, 'walk'),
		});
		const [track] = simulatePhysics(sb);
		const performance = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const steps = performance.contacts.filter((c) => c.startFrame > 0 && c.startFrame < 120);
		expect(steps.length).toBeGreaterThan(4);
		expect(track.scene).toBeUndefined();
		expect(track.contacts.map((c) => c.frame)).toEqual(
			steps.map((s) => 10 + s.startFrame).sort((a, b) => a - b),
		);
		for (const c of track.contacts) {
			expect(c.material).toBe('footstep');
			expect(c.time).toBeCloseTo(c.frame / FPS, 12);
			expect(c.bodies[0]).toMatch(/^alice:foot(Near|Far)$/);
		}
		// On the frame a foot is reported, it is down.
		for (const s of steps)
			expect(endOf(performance, s.startFrame, s.effector)[1]).toBeCloseTo(0, 9);
	});

	it('paws in snow crunch; a landing is louder than a step', () => {
		const snow = simulatePhysics(
			board({
				setting: 'yard',
				weather: 'snow',
				...solo('pup', 0.3, 'run'),
			}),
		)[0];
		expect(snow.contacts.length).toBeGreaterThan(10);
		expect(new Set(snow.contacts.map((c) => c.material))).toEqual(new Set(['foot-soft']));
		const flip = simulatePhysics(
			board({
				setting: 'studio',
				...solo('alice', 0.5, 'backflip'),
			}),
		)[0];
		const walk = simulatePhysics(
			board({
				setting: 'studio',
				...solo('alice', 0.5, 'walk'),
			}),
		)[0];
		const loudest = (t: typeof flip) => Math.max(...t.contacts.map((c) => c.energy));
		expect(loudest(flip)).toBeGreaterThan(5 * loudest(walk));
	});

	it('a plank floating on the water dips under a landing, bobs back, and the water splashes and ripples', () => {
		const sb = board({
			setting: 'lake',
			...solo('alice', 0.5, 'backflip'),
			physics: { scene: 'floating-plank', outcome: 'auto', objects: 1 },
		});
		const [track] = simulatePhysics(sb);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const landing = p.contacts.find((c) => c.startFrame > 0 && c.supportId === 'plank')!;
		expect(landing).toBeDefined();
		const dipAt = (f: number) => plankDip(track.frames[f], landing.x);
		const standing = dipAt(3);
		const deepest = Math.min(
			...Array.from({ length: 15 }, (_, k) => dipAt(landing.startFrame + k)),
		);
		// At least 5 cm further down than while standing, then back within two centimetres
		// a second later, while the performer still stands on it.
		expect(deepest).toBeLessThan(standing - 0.05);
		const settled = landing.startFrame + FPS;
		expect(landing.endFrame).toBeGreaterThan(settled);
		expect(Math.abs(dipAt(settled) - standing)).toBeLessThan(0.02);
		const splash = track.contacts.find(
			(c) => c.material === 'water' && c.frame >= 10 + landing.startFrame - 1,
		);
		expect(splash).toBeDefined();
		// The surface past the plank's end rises and falls after the landing (a wave runs out).
		const columns = (f: number) => track.frames[f].filter((b) => b.kind === 'water-column');
		const beyond = columns(0).findIndex((c) => c.x > 1.6);
		const surface = (f: number) => columns(f)[beyond].y + columns(f)[beyond].h;
		const before = surface(landing.startFrame - 1);
		const moved = Math.max(
			...Array.from({ length: 30 }, (_, k) => Math.abs(surface(landing.startFrame + k) - before)),
		);
		expect(moved).toBeGreaterThan(0.005);
	});

	it('the balance beam bends under the gymnast and more under a landing than a step', () => {
		const sb = board(
			{
				setting: 'gymnastics',
				...solo('alice', 0.3, 'beam-routine'),
				physics: { scene: 'balance-beam', outcome: 'auto', objects: 1 },
			},
			300,
		);
		const [track] = simulatePhysics(sb);
		const sag = (f: number) =>
			BEAM.top - BEAM.thickness / 2 - track.frames[f].find((b) => b.id === 'beam-9')!.y;
		const sags = track.frames.map((_, f) => sag(f));
		expect(Math.max(...sags)).toBeGreaterThan(0.005);
		expect(beamMode(0)).toBe(1);
		expect(beamMode(BEAM.legX)).toBeCloseTo(0, 12);
		expect(beamMode(BEAM.halfLength)).toBeLessThan(0);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		// Every touch-down before the dismount is on the beam; the dismount lands on the mat past its end.
		const onGround = p.contacts.filter((c) => c.supportId === 'ground');
		const onBeam = p.contacts.filter((c) => c.supportId === 'beam');
		expect(onBeam.length).toBeGreaterThan(8);
		expect(onGround.length).toBeGreaterThan(0);
		expect(Math.min(...onGround.map((c) => c.startFrame))).toBeGreaterThan(
			Math.max(...onBeam.map((c) => c.startFrame)),
		);
		for (const c of onGround) expect(Math.abs(c.x)).toBeGreaterThan(BEAM.halfLength);
		for (const element of ['beam-walk', 'split-leap', 'dismount'])
			expect(p.clipAt).toContain(element);
	});

	it('volleyball: players hit in turn from either side of the net and the ball meets each hand', () => {
		const sb = board(
			{
				setting: 'beach',
				placements: faceToFace(['alice', 0.3], ['bob', 0.7]),
				actions: fromTheStart(['alice', 'volley'], ['bob', 'volley']),
				physics: { scene: 'volleyball', outcome: 'auto', objects: 1 },
			},
			240,
		);
		const [track] = simulatePhysics(sb);
		const rally = shotPerformance(sb, sb.shots[0]).rally!;
		expect(rally.hits.length).toBeGreaterThanOrEqual(3);
		for (let i = 1; i < rally.hits.length; i++) {
			expect(rally.hits[i].character).not.toBe(rally.hits[i - 1].character);
			expect(Math.sign(rally.hits[i].x)).toBe(-Math.sign(rally.hits[i - 1].x));
		}
		for (const hit of rally.hits) {
			const ball = track.frames[hit.frame].find((b) => b.kind === 'volleyball')!;
			expect(Math.hypot(ball.x - hit.x, ball.y - hit.y)).toBeLessThan(0.12);
		}
		expect(track.contacts.filter((c) => c.material === 'hand-ball').length).toBe(rally.hits.length);
		expect(track.contacts.some((c) => c.material === 'rubber-sand')).toBe(true);
	});

	it('is deterministic: the same storyboard gives the same tracks', () => {
		const sb = board({
			setting: 'lake',
			...solo('alice', 0.5, 'backflip'),
			physics: { scene: 'floating-plank', outcome: 'auto', objects: 1 },
		});
		const hash = () =>
			createHash('sha256')
				.update(JSON.stringify(simulatePhysics(sb)))
				.digest('hex');
		expect(hash()).toBe(hash());
	});
});

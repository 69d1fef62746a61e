/**
 * Basketball set-piece: a side view of a shooter, a rim (front and back rim as small metal circles,
 * which is what a ball meets in 2D) and a backboard. The launch is searched deterministically from
 * the seed until the simulated ball does what the storyboard asked: a make passes down through
 * the hoop; a miss must touch the rim or backboard and never go in.
 */
import type { PhysicsTrack } from '../storyboard';
import { seededRandom } from '../scene/random';
import { Simulation, loadedRapier, type SetPieceTrack, type SimulationOptions } from './world';
import { setPieceView } from '../motion/stage';

export const COURT = {
	ballRadius: 0.12,
	rimY: 3.05,
	rimFrontX: 6.4,
	rimBackX: 6.85,
	rimTube: 0.02,
	backboardX: 7.03,
	backboardHalfW: 0.03,
	backboardHalfH: 0.53,
	backboardY: 3.45,
	releaseX: 2.2,
	releaseY: 2.3,
} as const;

interface Launch {
	/** Where the ball is aimed at rim height. */
	targetX: number;
	flightSeconds: number;
	spin: number;
}

function simulate(options: SimulationOptions, launch: Launch): Simulation {
	const R = loadedRapier();
	const sim = new Simulation(options);
	const floor = (d: ReturnType<typeof R.ColliderDesc.cuboid>) =>
		d.setRestitution(0.3).setFriction(0.8);
	sim.add(
		{ id: 'floor', kind: 'ground', w: 20, h: 0.5, material: 'floor' },
		R.RigidBodyDesc.fixed().setTranslation(4, -0.5),
		[floor(R.ColliderDesc.cuboid(20, 0.5))],
	);
	sim.add(
		{
			id: 'backboard',
			kind: 'backboard',
			w: COURT.backboardHalfW,
			h: COURT.backboardHalfH,
			material: 'wood',
		},
		R.RigidBodyDesc.fixed().setTranslation(COURT.backboardX, COURT.backboardY),
		[R.ColliderDesc.cuboid(COURT.backboardHalfW, COURT.backboardHalfH).setRestitution(0.6)],
	);
	for (const [id, x] of [
		['rim-front', COURT.rimFrontX],
		['rim-back', COURT.rimBackX],
	] as const) {
		sim.add(
			{ id, kind: 'rim', w: COURT.rimTube, h: COURT.rimTube, material: 'metal' },
			R.RigidBodyDesc.fixed().setTranslation(x, COURT.rimY),
			[R.ColliderDesc.ball(COURT.rimTube).setRestitution(0.55)],
		);
	}
	// The rim's bracket to the backboard, so a ball cannot slip between rim and board.
	sim.add(
		{
			id: 'rim-bracket',
			kind: 'rim',
			w: (COURT.backboardX - COURT.rimBackX) / 2,
			h: 0.015,
			material: 'metal',
		},
		R.RigidBodyDesc.fixed().setTranslation((COURT.backboardX + COURT.rimBackX) / 2, COURT.rimY),
		[R.ColliderDesc.cuboid((COURT.backboardX - COURT.rimBackX) / 2, 0.015).setRestitution(0.5)],
	);
	const T = launch.flightSeconds;
	const g = 9.81;
	const vx = (launch.targetX - COURT.releaseX) / T;
	const vy = (COURT.rimY - COURT.releaseY + 0.5 * g * T * T) / T;
	sim.add(
		{ id: 'ball', kind: 'ball', w: COURT.ballRadius, h: COURT.ballRadius, material: 'rubber' },
		R.RigidBodyDesc.dynamic()
			.setTranslation(COURT.releaseX, COURT.releaseY)
			.setLinvel(vx, vy)
			.setAngvel(launch.spin)
			.setCcdEnabled(true),
		[R.ColliderDesc.ball(COURT.ballRadius).setRestitution(0.75).setFriction(0.6).setDensity(100)],
	);
	sim.run();
	return sim;
}

/** Whether the ball's centre crossed the rim plane downwards between front and back rim. */
export function wentIn(frames: PhysicsTrack['frames']): boolean {
	for (let f = 1; f < frames.length; f++) {
		const a = frames[f - 1].find((p) => p.id === 'ball')!;
		const b = frames[f].find((p) => p.id === 'ball')!;
		if (a.y >= COURT.rimY && b.y < COURT.rimY) {
			const x = a.x + ((b.x - a.x) * (a.y - COURT.rimY)) / (a.y - b.y);
			if (x > COURT.rimFrontX + COURT.rimTube && x < COURT.rimBackX - COURT.rimTube) return true;
		}
	}
	return false;
}

const touchedHoop = (sim: Simulation) =>
	sim.contacts.some((c) => c.bodies.some((id) => id.startsWith('rim') || id === 'backboard'));

export function basketball(
	options: SimulationOptions,
	seed: number,
	outcome: 'auto' | 'make' | 'miss',
): SetPieceTrack {
	const random = seededRandom(seed, 7);
	const want = outcome === 'auto' ? (random.next() < 0.5 ? 'make' : 'miss') : outcome;
	const centre = (COURT.rimFrontX + COURT.rimBackX) / 2;
	let fallback: Simulation | undefined;
	for (let attempt = 0; attempt < 40; attempt++) {
		const launch: Launch =
			want === 'make'
				? {
						targetX: centre + random.range(-0.06, 0.06),
						flightSeconds: random.range(1.0, 1.2),
						spin: random.range(2, 6),
					}
				: // A miss aims at the front rim or high off the backboard, so it clangs rather than air-balls.
					{
						targetX:
							random.next() < 0.6
								? COURT.rimFrontX + random.range(-0.05, 0.04)
								: COURT.backboardX - random.range(0.0, 0.12),
						flightSeconds: random.range(0.95, 1.25),
						spin: random.range(2, 6),
					};
		const sim = simulate(options, launch);
		const made = wentIn(sim.frames);
		const ok = want === 'make' ? made : !made && touchedHoop(sim);
		if (ok) {
			fallback?.free();
			return finish(sim, want);
		}
		if (!fallback) fallback = sim;
		else sim.free();
	}
	// The shot is too short for the asked outcome to play out; report what actually happened.
	return finish(fallback!, wentIn(fallback!.frames) ? 'make' : 'miss');
}

function finish(sim: Simulation, outcome: 'make' | 'miss'): SetPieceTrack {
	const track = {
		scene: 'basketball' as const,
		frames: sim.frames,
		contacts: sim.contacts,
		outcome,
		view: setPieceView('basketball'),
	};
	sim.free();
	return track;
}

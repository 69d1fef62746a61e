/** Stack set-piece: wooden crates dropped one after another onto the floor, landing on each other. */
import type { PhysicsTrack } from '../storyboard';
import { seededRandom } from '../scene/random';
import { Simulation, loadedRapier, type SimulationOptions } from './world';
import { setPieceView } from '../motion/stage';

export function stack(
	options: SimulationOptions,
	seed: number,
	objects: number,
): Omit<PhysicsTrack, 'shotIndex'> {
	const R = loadedRapier();
	const random = seededRandom(seed, 11);
	const sim = new Simulation(options);
	sim.add(
		{ id: 'floor', kind: 'ground', w: 10, h: 0.5, material: 'floor' },
		R.RigidBodyDesc.fixed().setTranslation(0, -0.5),
		[R.ColliderDesc.cuboid(10, 0.5).setFriction(0.9)],
	);
	const count = Math.max(1, Math.min(objects, 12));
	for (let i = 0; i < count; i++) {
		const half = random.range(0.22, 0.32);
		sim.add(
			{ id: `box-${i}`, kind: 'box', w: half, h: half, material: 'wood' },
			R.RigidBodyDesc.dynamic()
				.setTranslation(random.range(-0.04, 0.04), 1.2 + i * 0.9)
				.setRotation(random.range(-0.04, 0.04))
				.setAngularDamping(1),
			[R.ColliderDesc.cuboid(half, half).setRestitution(0.15).setFriction(0.8).setDensity(300)],
		);
	}
	sim.run();
	const track = {
		scene: 'stack' as const,
		frames: sim.frames,
		contacts: sim.contacts,
		view: setPieceView('stack', count),
	};
	sim.free();
	return track;
}

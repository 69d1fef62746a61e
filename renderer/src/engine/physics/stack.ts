/** Stack set-piece: wooden crates dropped one after another onto the floor, landing on each other. */
import { seededRandom } from '../scene/random';
import { Simulation, type DroppedObjectsSetPiece } from './world';
import { setPieceView } from '../motion/stage';

export const stack: DroppedObjectsSetPiece = (options, seed, objects) => {
	const sim = new Simulation(options);
	const R = sim.R;
	const random = seededRandom(seed, 11);
	sim.addFloor(0.9);
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
	return sim.runToTrack('stack', setPieceView('stack', count));
};

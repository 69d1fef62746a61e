/**
 * Plank set-piece: a beam of wooden segments joined by revolute joints whose position motors act
 * as torsion springs, resting on two trestles; crates dropped on it make it sag visibly.
 */
import { seededRandom } from '../scene/random';
import { Simulation, type DroppedObjectsSetPiece, type TrackedBody } from './world';
import { setPieceView } from '../motion/stage';

export const PLANK = { segments: 12, halfLength: 2.0, halfThickness: 0.05, supportY: 1.0 } as const;

export const plank: DroppedObjectsSetPiece = (options, seed, objects) => {
	const sim = new Simulation(options);
	const R = sim.R;
	const random = seededRandom(seed, 13);
	sim.addFloor();
	const segHalf = PLANK.halfLength / PLANK.segments;
	const leftEnd = -PLANK.halfLength;
	const supports = [leftEnd - 0.05, PLANK.halfLength + 0.05].map((x, i) =>
		sim.add(
			{ id: `trestle-${i}`, kind: 'box', w: 0.08, h: PLANK.supportY / 2, material: 'wood' },
			R.RigidBodyDesc.fixed().setTranslation(x, PLANK.supportY / 2),
			[R.ColliderDesc.cuboid(0.08, PLANK.supportY / 2)],
		),
	);
	const y = PLANK.supportY + PLANK.halfThickness;
	const segments: TrackedBody[] = [];
	for (let i = 0; i < PLANK.segments; i++) {
		segments.push(
			sim.add(
				{
					id: `plank-${i}`,
					kind: 'plank-segment',
					w: segHalf,
					h: PLANK.halfThickness,
					material: 'wood',
				},
				R.RigidBodyDesc.dynamic()
					.setTranslation(leftEnd + segHalf * (2 * i + 1), y)
					.setAngularDamping(2),
				[R.ColliderDesc.cuboid(segHalf, PLANK.halfThickness).setDensity(400).setFriction(0.9)],
			),
		);
	}
	// Ends pinned on the trestles; inner joints are springs that let the beam bend and recover.
	const pin = (a: (typeof supports)[number], b: (typeof segments)[number], anchorB: number) =>
		sim.world.createImpulseJoint(
			R.JointData.revolute(
				{ x: anchorB === -segHalf ? 0.05 : -0.05, y: PLANK.supportY / 2 + PLANK.halfThickness },
				{ x: anchorB, y: 0 },
			),
			a.body,
			b.body,
			true,
		);
	pin(supports[0], segments[0], -segHalf);
	pin(supports[1], segments[segments.length - 1], segHalf);
	for (let i = 1; i < segments.length; i++) {
		const joint = sim.world.createImpulseJoint(
			R.JointData.revolute({ x: segHalf, y: 0 }, { x: -segHalf, y: 0 }),
			segments[i - 1].body,
			segments[i].body,
			true,
		);
		(joint as InstanceType<typeof R.RevoluteImpulseJoint>).configureMotorPosition(0, 2500, 60);
	}
	const count = Math.max(1, Math.min(objects, 6));
	for (let i = 0; i < count; i++) {
		const half = random.range(0.18, 0.24);
		sim.add(
			{ id: `box-${i}`, kind: 'box', w: half, h: half, material: 'wood' },
			R.RigidBodyDesc.dynamic().setTranslation(random.range(-0.5, 0.5), 2.4 + i * 0.9),
			[R.ColliderDesc.cuboid(half, half).setDensity(900).setRestitution(0.1).setFriction(0.9)],
		);
	}
	return sim.runToTrack('plank', setPieceView('plank'));
};

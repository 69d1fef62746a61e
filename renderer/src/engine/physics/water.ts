/**
 * Water set-piece: a pool whose surface is a row of spring columns (each pulled back to rest,
 * coupled to its neighbours so waves travel), and a crate or ball simulated by rapier that falls
 * in. Where the body crosses the surface it pushes the columns down, and the water buoys and drags
 * the body back; the moment it first meets the surface is a 'water' contact.
 */
import type { BodyPose } from '../storyboard';
import { seededRandom } from '../scene/random';
import { Simulation, type DroppedObjectsSetPiece, type TrackedBody } from './world';
import { setPieceView } from '../motion/stage';

export const POOL = {
	columns: 40,
	minX: -2.5,
	maxX: 2.5,
	restY: 1.2,
	stiffness: 60,
	damping: 1.8,
	spread: 0.25,
} as const;

export const water: DroppedObjectsSetPiece = (options, seed, objects) => {
	const sim = new Simulation(options);
	const R = sim.R;
	const random = seededRandom(seed, 17);
	sim.addFloor();
	const count = Math.max(1, Math.min(objects, 4));
	const drops: TrackedBody[] = [];
	for (let i = 0; i < count; i++) {
		const half = random.range(0.15, 0.22);
		drops.push(
			sim.add(
				{ id: `box-${i}`, kind: 'box', w: half, h: half, material: 'wood' },
				R.RigidBodyDesc.dynamic()
					.setTranslation(random.range(-1.2, 1.2), 3.2 + i * 1.5)
					.setRotation(random.range(-0.4, 0.4)),
				[R.ColliderDesc.cuboid(half, half).setDensity(500).setRestitution(0.1)],
			),
		);
	}
	const n = POOL.columns;
	const spacing = (POOL.maxX - POOL.minX) / (n - 1);
	const height = new Float64Array(n).fill(POOL.restY);
	const velocity = new Float64Array(n);
	const dt = sim.world.timestep;
	const submerged = new Set<string>();
	const columnPoses = (): BodyPose[] =>
		Array.from(height, (h, i) => ({
			id: `water-${i}`,
			kind: 'water-column' as const,
			x: POOL.minX + i * spacing,
			y: h / 2,
			angle: 0,
			w: spacing / 2,
			h: h / 2,
		}));

	const beforeStep = (subStep: number) => {
		for (const drop of drops) {
			const p = drop.body.translation();
			const column = Math.round((p.x - POOL.minX) / spacing);
			if (column < 0 || column >= n) continue;
			const surface = height[column];
			const depth = surface - (p.y - drop.h);
			if (depth <= 0) continue;
			const v = drop.body.linvel();
			if (!submerged.has(drop.id)) {
				submerged.add(drop.id);
				sim.recordContact(subStep, 0.5 * drop.body.mass() * (v.x * v.x + v.y * v.y), 'water', [
					drop.id,
					'water',
				]);
			}
			// The body displaces the columns under it; buoyancy and drag push back on the body.
			const reach = Math.max(1, Math.round(drop.w / spacing));
			for (let k = column - reach; k <= column + reach; k++)
				if (k >= 0 && k < n) velocity[k] += Math.min(0, v.y) * 0.02;
			const area = Math.min(depth, 2 * drop.h) * 2 * drop.w;
			drop.body.resetForces(true);
			drop.body.addForce(
				{ x: -v.x * 6 * drop.body.mass(), y: 1000 * 9.81 * area - v.y * 8 * drop.body.mass() },
				true,
			);
		}
		// Spring columns: Hooke's law towards rest, damping, then neighbours pull on each other.
		for (let i = 0; i < n; i++) {
			const a = -POOL.stiffness * (height[i] - POOL.restY) - POOL.damping * velocity[i];
			velocity[i] += a * dt;
		}
		for (let i = 0; i < n; i++) height[i] += velocity[i] * dt;
		for (let pass = 0; pass < 2; pass++) {
			for (let i = 0; i < n; i++) {
				const left = i > 0 ? height[i - 1] - height[i] : 0;
				const right = i < n - 1 ? height[i + 1] - height[i] : 0;
				velocity[i] += POOL.spread * POOL.stiffness * (left + right) * dt;
			}
		}
	};
	sim.extraPoses = columnPoses;
	return sim.runToTrack('water', setPieceView('water'), beforeStep);
};

/**
 * Physics for the local engine: every shot with a `physics` set-piece is simulated with rapier2d
 * (deterministic: a fresh world per shot, seeded choices only) into per-frame poses and contact
 * events on absolute video frames.
 */
import type { PhysicsTrack, PlannedShot, Storyboard } from '../storyboard';
import { basketball } from './basketball';
import { plank } from './plank';
import { stack } from './stack';
import { water } from './water';
import { initPhysics, type SimulationOptions } from './world';

export { initPhysics };

/** Sub-steps per frame: thin rims and fast balls need ~120 Hz or more to collide faithfully. */
const substepsFor = (fps: number) => Math.max(2, Math.ceil(180 / fps));

export function simulateShot(
	storyboard: Pick<Storyboard, 'fps' | 'seed'>,
	shot: PlannedShot,
): PhysicsTrack | undefined {
	if (!shot.physics) return undefined;
	const options: SimulationOptions = {
		fps: storyboard.fps,
		frameCount: shot.frameCount,
		startFrame: shot.startFrame,
		substeps: substepsFor(storyboard.fps),
	};
	const seed = (storyboard.seed ^ Math.imul(shot.index + 1, 0x27d4eb2d)) >>> 0;
	const { scene, outcome, objects } = shot.physics;
	const track =
		scene === 'basketball'
			? basketball(options, seed, outcome)
			: scene === 'stack'
				? stack(options, seed, objects)
				: scene === 'plank'
					? plank(options, seed, objects)
					: water(options, seed, objects);
	return { shotIndex: shot.index, ...track };
}

/** One track per shot that has physics. Call (and await) `initPhysics()` once before. */
export function simulatePhysics(storyboard: Storyboard): PhysicsTrack[] {
	return storyboard.shots
		.map((shot) => simulateShot(storyboard, shot))
		.filter((t): t is PhysicsTrack => t !== undefined);
}

/**
 * What performers do to the world, as physics: each footfall, paw-fall, hand-plant and landing of
 * a shot's bodies becomes a ContactEvent (so the mixer's contact sounds play footsteps, a landing
 * on a plank, a crunch in snow), and the vertical force a body puts on what it stands on becomes a
 * load a beam or a floating plank responds to.
 */
import type { ContactEvent, PlannedShot } from '../storyboard';
import type { ShotPerformance } from '../motion/perform';
import type { ContactRecord, Performance, SurfaceMaterial } from '../motion/solve';

const MATERIAL: Record<SurfaceMaterial, ContactEvent['material']> = {
	floor: 'footstep',
	wood: 'foot-wood',
	sand: 'foot-soft',
	snow: 'foot-soft',
	grass: 'foot-soft',
	water: 'water',
	board: 'foot-wood',
};

/** Share of the body's mass that hits the ground with a limb (a foot, not the whole body). */
const LIMB_MASS = 0.08;
/** Legs that bend on landing keep the force under about this many body weights. */
const MAX_LOAD_G = 3.2;
/** A step that barely moves vertically still makes a faint sound. */
const STEP_ENERGY = 0.02;

function contactEnergy(performance: Performance, record: ContactRecord): number {
	return STEP_ENERGY + 0.5 * performance.mass * LIMB_MASS * record.impactSpeed ** 2;
}

/** Every touch-down in the shot's frames, on the video's absolute frames. */
export function performerContacts(
	performances: ShotPerformance,
	shot: Pick<PlannedShot, 'startFrame' | 'frameCount'>,
	fps: number,
): ContactEvent[] {
	const events: ContactEvent[] = [];
	const at = (local: number) => {
		const frame = shot.startFrame + local;
		return { frame, time: frame / fps };
	};
	for (const actor of performances.actors) {
		const p = actor.performance;
		if (p) {
			for (const c of p.contacts) {
				// The first frame's stance is not a touch-down; only what lands during the shot sounds.
				if (c.startFrame === 0 || c.startFrame >= shot.frameCount) continue;
				events.push({
					...at(c.startFrame),
					energy: contactEnergy(p, c),
					material: MATERIAL[c.material],
					bodies: [`${actor.character}:${c.effector}`, c.supportId],
				});
			}
		}
		for (const f of actor.dribble?.bounces ?? [])
			if (f < shot.frameCount)
				events.push({
					...at(f),
					energy: 0.6,
					material: 'rubber-floor',
					bodies: [`${actor.character}:ball`, 'ground'],
				});
	}
	return events.sort((a, b) => a.frame - b.frame);
}

/**
 * The vertical force (newtons) a performer puts on the support `supportId` at each frame, and
 * where (the mean x of its limbs on it): body weight plus what it takes to stop or launch the body
 * (m·(g + a), a from the hips' height), zero while it is in the air.
 */
export function supportLoads(
	performance: Performance,
	supportId: string,
): { force: Float64Array; x: Float64Array } {
	const n = performance.frames;
	const force = new Float64Array(n);
	const x = new Float64Array(n);
	const dt = 1 / performance.fps;
	const on: ContactRecord[][] = Array.from({ length: n }, () => []);
	for (const c of performance.contacts)
		if (c.supportId === supportId)
			for (let f = c.startFrame; f < Math.min(n, c.endFrame); f++) on[f].push(c);
	for (let f = 0; f < n; f++) {
		if (!on[f].length) continue;
		const y0 = performance.y[Math.max(0, f - 1)];
		const y1 = performance.y[f];
		const y2 = performance.y[Math.min(n - 1, f + 1)];
		const accel = Math.max(-9.81, (y2 - 2 * y1 + y0) / (dt * dt));
		// A landing stops the fall within a frame or two: bound the spike to what legs can take.
		force[f] = performance.mass * Math.min(9.81 + accel, MAX_LOAD_G * 9.81);
		x[f] = on[f].reduce((s, c) => s + c.x, 0) / on[f].length;
	}
	// The first touch-down frame carries the momentum the body had in the air.
	for (const c of performance.contacts) {
		if (c.supportId !== supportId || c.startFrame === 0 || c.startFrame >= n) continue;
		// Stopping the fall takes about a tenth of a second of bent legs.
		const span = Math.max(2, Math.round(0.1 / dt));
		const stop = performance.mass * 9.81 + (performance.mass * c.impactSpeed) / (span * dt);
		for (let f = c.startFrame; f < Math.min(n, c.startFrame + span); f++)
			force[f] = Math.max(force[f], Math.min(stop, MAX_LOAD_G * 9.81 * performance.mass));
	}
	return { force, x };
}

/**
 * The load of everyone in the shot standing on `supportId`, per frame: the forces add, and where
 * they act is weighted by force.
 */
export function combinedSupportLoad(
	performance: ShotPerformance,
	supportId: string,
	frames: number,
): { force: Float64Array; at: Float64Array } {
	const force = new Float64Array(frames);
	const at = new Float64Array(frames);
	for (const actor of performance.actors) {
		if (!actor.performance) continue;
		const load = supportLoads(actor.performance, supportId);
		for (let f = 0; f < frames; f++) {
			if (!load.force[f]) continue;
			at[f] = (at[f] * force[f] + load.x[f] * load.force[f]) / (force[f] + load.force[f]);
			force[f] += load.force[f];
		}
	}
	return { force, at };
}

/**
 * Physics for the local engine: every shot with a `physics` set-piece is simulated with rapier2d
 * (deterministic: a fresh world per shot, seeded choices only) into per-frame poses and contact
 * events on absolute video frames. The performers of every shot add theirs: footfalls, landings
 * and hits are contacts too, and what they stand on (a balance beam, a floating plank) is loaded
 * by their weight and their landings.
 */
import type {
	ContactEvent,
	PhysicsSceneId,
	PhysicsTrack,
	PlannedShot,
	Storyboard,
} from '../storyboard';
import { performShot, type ShotPerformance } from '../motion/perform';
import { setPieceView } from '../motion/stage';
import { balanceBeam } from './balanceBeam';
import { basketball } from './basketball';
import { floatingPlank } from './floatingPlank';
import { performerContacts } from './performers';
import { plank } from './plank';
import { stack } from './stack';
import { volleyball } from './volleyball';
import { water } from './water';
import { initPhysics, type SetPieceTrack, type SimulationOptions } from './world';

export { initPhysics };

/** Sub-steps per frame: thin rims and fast balls need ~120 Hz or more to collide faithfully. */
const substepsFor = (fps: number) => Math.max(2, Math.ceil(180 / fps));

/** The performances of a shot as the pictures will solve them (same inputs, same answer). */
export function shotPerformance(
	storyboard: Pick<Storyboard, 'fps' | 'seed' | 'width' | 'height' | 'characters'>,
	shot: PlannedShot,
): ShotPerformance {
	return performShot({
		shot,
		characters: storyboard.characters,
		aspect: storyboard.width / storyboard.height,
		fps: storyboard.fps,
		seed: storyboard.seed,
	});
}

/** What a set-piece may draw on: the shot, its simulation clock and seed, and its performers. */
interface SetPieceInputs {
	options: SimulationOptions;
	seed: number;
	outcome: 'auto' | 'make' | 'miss';
	objects: number;
	shot: PlannedShot;
	fps: number;
	performance: ShotPerformance;
}

const SET_PIECES: Record<PhysicsSceneId, (inputs: SetPieceInputs) => SetPieceTrack> = {
	basketball: ({ options, seed, outcome }) => basketball(options, seed, outcome),
	stack: ({ options, seed, objects }) => stack(options, seed, objects),
	plank: ({ options, seed, objects }) => plank(options, seed, objects),
	water: ({ options, seed, objects }) => water(options, seed, objects),
	'balance-beam': ({ shot, fps, performance }) => balanceBeam(shot, fps, performance),
	'floating-plank': ({ options, shot, performance }) => floatingPlank(options, shot, performance),
	volleyball: ({ options, performance }) => volleyball(options, performance),
	surf: ({ shot, fps, performance }) => surf(shot, fps, performance),
};

export function simulateShot(
	storyboard: Pick<Storyboard, 'fps' | 'seed' | 'width' | 'height' | 'characters'>,
	shot: PlannedShot,
): PhysicsTrack | undefined {
	const performance = shot.placements.length ? shotPerformance(storyboard, shot) : undefined;
	const footfalls = performance ? performerContacts(performance, shot, storyboard.fps) : [];
	if (!shot.physics) {
		if (!footfalls.length) return undefined;
		return { shotIndex: shot.index, frames: [], contacts: footfalls };
	}
	const options: SimulationOptions = {
		fps: storyboard.fps,
		frameCount: shot.frameCount,
		startFrame: shot.startFrame,
		substeps: substepsFor(storyboard.fps),
	};
	const seed = (storyboard.seed ^ Math.imul(shot.index + 1, 0x27d4eb2d)) >>> 0;
	const { scene, outcome, objects } = shot.physics;
	const acted = performance ?? shotPerformance(storyboard, shot);
	const track = SET_PIECES[scene]({
		options,
		seed,
		outcome,
		objects,
		shot,
		fps: storyboard.fps,
		performance: acted,
	});
	const contacts: ContactEvent[] = [...track.contacts, ...footfalls].sort(
		(a, b) => a.frame - b.frame,
	);
	return { shotIndex: shot.index, ...track, contacts };
}

/** Surfing: the wave is drawn from its formula; the physics is the spray of each bottom turn. */
function surf(shot: PlannedShot, fps: number, performance: ShotPerformance): SetPieceTrack {
	const contacts: ContactEvent[] = [];
	for (const actor of performance.actors) {
		const board = actor.board;
		if (!board || board.kind !== 'surfboard') continue;
		for (let f = 2; f < Math.min(shot.frameCount, board.y.length); f++) {
			// The lowest point of a carve throws spray.
			if (board.y[f - 1] < board.y[f - 2] && board.y[f - 1] <= board.y[f]) {
				const frame = shot.startFrame + f - 1;
				contacts.push({
					frame,
					time: frame / fps,
					energy: 3,
					material: 'water',
					bodies: [`${actor.character}:board`, 'water'],
				});
			}
		}
	}
	return {
		scene: 'surf',
		frames: Array.from({ length: shot.frameCount }, () => []),
		contacts,
		view: setPieceView('surf'),
	};
}

/** One track per shot that has physics or performers who touch down. Call (and await) `initPhysics()` once before. */
export function simulatePhysics(storyboard: Storyboard): PhysicsTrack[] {
	return storyboard.shots
		.map((shot) => simulateShot(storyboard, shot))
		.filter((t): t is PhysicsTrack => t !== undefined);
}

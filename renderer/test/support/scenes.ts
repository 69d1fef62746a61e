/**
 * The set-up of tests that measure what the engine draws and solves for one shot: a one-shot
 * storyboard of a given frame, a dog to cast beside the fixture's people, frames drawn without a
 * style (so colours are the ones measured), and a colour test on RGBA pixels.
 */
import { createFrameRenderer } from '../../src/engine/compose/frames';
import { simulatePhysics } from '../../src/engine/physics';
import type {
	ActionId,
	CharacterProfile,
	Placement,
	PlannedAction,
	PlannedShot,
	Storyboard,
} from '../../src/engine/storyboard';
import { BOB, shot, storyboard } from '../engine/scene/storyboardFixture';

export type Rgb = [number, number, number];

/** A tuxedo dog, cast with the fixture's people. */
export const PUP: CharacterProfile = {
	...BOB,
	id: 'pup',
	animal: {
		species: 'dog',
		coat: '#c98a3a',
		markings: '#f1e6d6',
		pattern: 'tuxedo',
		ears: 'floppy',
		size: 0.6,
	},
};

/** Two characters facing each other: the first at its x facing right, the second at its x facing left. */
export const faceToFace = (
	[leftId, leftX]: [string, number],
	[rightId, rightX]: [string, number],
): Placement[] => [
	{ character: leftId, x: leftX, facing: 'right' },
	{ character: rightId, x: rightX, facing: 'left' },
];

/** Each character doing its action from the start of the shot. */
export const fromTheStart = (...doing: Array<[string, ActionId]>): PlannedAction[] =>
	doing.map(([character, action]) => ({ character, action, at: 0 }));

/** One character at `x`, facing right, doing `action` from the start of the shot. */
export const solo = (character: string, x: number, action: ActionId): Partial<PlannedShot> => ({
	placements: [{ character, x, facing: 'right' }],
	actions: fromTheStart([character, action]),
});

/** A storyboard of one shot of `frames` frames from `startFrame`, changed by `overrides`. */
export function oneShotBoard(
	overrides: Partial<PlannedShot>,
	frames: number,
	frame: { fps: number; width: number; height: number; startFrame?: number },
	characters: CharacterProfile[],
): Storyboard {
	return storyboard([shot(0, frame.startFrame ?? 0, frames, frame.fps, overrides)], {
		fps: frame.fps,
		width: frame.width,
		height: frame.height,
		characters,
	});
}

/** The frames at `indices`, drawn unstyled (RGBA) with the storyboard's own physics. */
export async function drawFrames(sb: Storyboard, indices: number[]): Promise<Uint8Array[]> {
	const r = await createFrameRenderer(
		sb,
		{ speech: { clips: [] }, physics: simulatePhysics(sb) },
		{ style: 'none' },
	);
	try {
		return indices.map((i) => Uint8Array.from(r.drawFrame(i)));
	} finally {
		r.close();
	}
}

/** Whether the pixel at byte `i` is within `tolerance` of `colour` on each channel. */
export const nearColour = (frame: Uint8Array, i: number, [r, g, b]: Rgb, tolerance: number) =>
	Math.abs(frame[i] - r) <= tolerance &&
	Math.abs(frame[i + 1] - g) <= tolerance &&
	Math.abs(frame[i + 2] - b) <= tolerance;

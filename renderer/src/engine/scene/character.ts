/**
 * Stylised characters drawn from a CharacterLook: proportions from height and build, colours from
 * skin, hair, outfit, accent and eyes, so the same id looks the same in every shot. The body is a
 * skeleton posed by keyframed motions (see engine/motion and body.ts); this module draws the head
 * — the mouth follows the speech's visemes, a cameo's cut-out replaces the drawn head — and a
 * standalone character.
 */
import type { Image, SKRSContext2D } from '@napi-rs/canvas';
import type { ActionId, CharacterLook, Viseme } from '../storyboard';
import { PERSON_CLIPS, personRig } from '../motion/person';
import { skeletonAt, solvePerformance, type Segment } from '../motion/solve';
import { drawPerson } from './body';
import type { Ink } from './ink';
import { PERSON_METRES } from './physicsView';

export interface CharacterPose {
	action: ActionId;
	/** Seconds since the action began. */
	actionSeconds: number;
	/** Seconds since the shot began (breathing, blinking). */
	seconds: number;
	viseme: Viseme;
	facing: 'left' | 'right';
	/** Blink phase from the character's seed, so characters do not blink in unison. */
	blinkPhase: number;
}

/** Draws one character alone from its action and look (a still, e.g. for a thumbnail or a test). */
export interface DrawCharacterOptions {
	look: CharacterLook;
	/** Feet position in pixels. */
	x: number;
	groundY: number;
	/** Pixel height of an average (height = 1) character. */
	unit: number;
	pose: CharacterPose;
	cameo?: Image;
	/** A prop held in the front hand (see props.ts). */
	held?: string;
	/** The style's colour mapping (see ink.ts). */
	ink?: Ink;
}

/**
 * The character at `pose.actionSeconds` into its action, standing at (x, groundY): the action's
 * clip is solved from its start on a flat floor (feet planted, as in a shot) and the frame at that
 * moment is drawn.
 */
export function drawCharacter(ctx: SKRSContext2D, options: DrawCharacterOptions): void {
	const { look, pose } = options;
	const metres = PERSON_METRES * look.height;
	const fps = 30;
	const frames = Math.max(1, Math.round(pose.actionSeconds * fps) + 1);
	const performance = solvePerformance({
		rig: personRig(metres, look.build),
		size: metres,
		mass: 65,
		fps,
		frames,
		startX: 0,
		facing: pose.facing === 'left' ? -1 : 1,
		schedule: scheduleFor(pose.action),
		supports: [{ id: 'floor', material: 'floor', top: () => 0 }],
	});
	const frame = frames - 1;
	const ppm = options.unit / PERSON_METRES;
	drawPerson(ctx, {
		look,
		skeleton: skeletonAt(performance, frame),
		facing: performance.facing[frame] as 1 | -1,
		map: { ppm, originX: options.x - performance.x[0] * ppm, originY: options.groundY },
		shadowAt: 0,
		viseme: pose.viseme,
		seconds: pose.seconds,
		blinkPhase: pose.blinkPhase,
		cameo: options.cameo,
		held: options.held,
		stool: pose.action === 'sit',
		ink: options.ink,
		unit: options.unit,
	});
}

/** The clips an action plays on a plain floor (one-shots settle into a loop). */
function scheduleFor(action: ActionId): Segment[] {
	const clips = PERSON_CLIPS;
	switch (action) {
		case 'sit':
			return [
				{ clip: clips.sit, start: 0 },
				{ clip: clips.seated, start: clips.sit.duration },
			];
		default: {
			const clip = clips[action] ?? clips.idle;
			return clip.loop
				? [{ clip, start: 0 }]
				: [
						{ clip, start: 0 },
						{ clip: clips.idle, start: clip.duration },
					];
		}
	}
}

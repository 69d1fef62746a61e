/**
 * Where each character of a shot is and what it does at a moment: its planned actions in order
 * (each lasting until the next), walking that carries it across the floor, talking whenever one
 * of its speech clips is playing, and the viseme its mouth shows.
 */
import type { ActionId, PlannedShot, SpeechClip, TimedViseme, Viseme } from '../storyboard';
import { visemeAt } from './mouth';

const WALK_SPEED = 0.12; // frame widths per second

export interface ActorTimeline {
	character: string;
	startX: number;
	facing: 'left' | 'right';
	actions: { action: ActionId; at: number }[];
	visemes: TimedViseme[];
	speaking: { start: number; end: number }[];
}

export interface ActorState {
	x: number;
	facing: 'left' | 'right';
	action: ActionId;
	actionSeconds: number;
	viseme: Viseme;
}

export function actorTimelines(shot: PlannedShot, clips: readonly SpeechClip[]): ActorTimeline[] {
	return shot.placements.map((placement) => {
		const own = clips.filter((c) => c.speaker === placement.character);
		return {
			character: placement.character,
			startX: placement.x,
			facing: placement.facing,
			actions: shot.actions
				.filter((a) => a.character === placement.character)
				.map(({ action, at }) => ({ action, at }))
				.sort((a, b) => a.at - b.at),
			visemes: own.flatMap((c) => c.visemes).sort((a, b) => a.start - b.start),
			speaking: own.map((c) => ({ start: c.start, end: c.end })),
		};
	});
}

/** `local` is seconds since the shot began; `absolute` is seconds since the video began. */
export function actorAt(timeline: ActorTimeline, local: number, absolute: number): ActorState {
	let x = timeline.startX;
	let action: ActionId = 'idle';
	let since = local;
	const dir = timeline.facing === 'right' ? 1 : -1;
	for (let i = 0; i < timeline.actions.length; i++) {
		const a = timeline.actions[i];
		if (a.at > local) break;
		const end = Math.min(local, timeline.actions[i + 1]?.at ?? Infinity);
		if (a.action === 'walk') x += dir * WALK_SPEED * (end - a.at);
		action = a.action;
		since = local - a.at;
	}
	x = Math.max(0.03, Math.min(0.97, x));
	const speaking = timeline.speaking.some((s) => absolute >= s.start && absolute < s.end);
	if (speaking && action === 'idle') action = 'talk';
	return {
		x,
		facing: timeline.facing,
		action,
		actionSeconds: since,
		viseme: visemeAt(timeline.visemes, absolute),
	};
}

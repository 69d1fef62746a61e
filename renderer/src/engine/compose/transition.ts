/**
 * Transitions between shots. A crossfade or whip-pan takes the first frames of the incoming shot
 * (at most half a second for a crossfade, a third of a second for a whip), during which the
 * outgoing shot keeps playing past its end; a cut takes none.
 */
import type { PlannedShot } from '../storyboard';

export interface TransitionWindow {
	kind: 'crossfade' | 'whip-pan';
	frames: number;
}

export function transitionInto(
	shot: PlannedShot,
	previous: PlannedShot | undefined,
	fps: number,
): TransitionWindow | undefined {
	if (!previous || shot.transition === 'cut') return undefined;
	const seconds = shot.transition === 'crossfade' ? 0.5 : 0.34;
	const frames = Math.min(
		Math.round(seconds * fps),
		Math.floor(shot.frameCount * 0.4),
		Math.floor(previous.frameCount * 0.4),
	);
	return frames >= 2 ? { kind: shot.transition, frames } : undefined;
}

/** 0 → only the outgoing shot, 1 → only the incoming one, for frame `k` of a window of `n`. */
export const transitionProgress = (k: number, n: number): number => (k + 1) / (n + 1);

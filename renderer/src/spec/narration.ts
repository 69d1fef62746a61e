/**
 * The voice-over's words per shot, read from the spec alone (no speech engine): shots' own
 * `narration`, or `audio.voiceover.text` split at sentences over the shots whose duration is
 * `auto`. Used at submit (validation, estimates, routing) and at render, where the spoken lengths
 * then set the auto shots' real durations (see shots/narration.ts).
 */
import { AUTO_DURATION, type RenderSpec, type Shot } from './renderSpec';

/** A narrator's pace for estimates before anything is spoken (words per second). */
const ESTIMATED_WORDS_PER_SECOND = 2.6;
/** Breath before and after a shot's narration, so one shot's line does not run into the next. */
export const NARRATION_LEAD_SECONDS = 0.25;
export const NARRATION_TAIL_SECONDS = 0.35;
/** An auto shot never lasts less than this, however short its line. */
export const MIN_AUTO_SHOT_SECONDS = 1;

export const isAutoDuration = (shot: Pick<Shot, 'duration'>) => shot.duration === AUTO_DURATION;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Sentences of a text, their end punctuation kept. */
export function splitSentences(text: string): string[] {
	return (text.match(/[^.!?…]+(?:[.!?…]+["')\]]*|$)/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/**
 * `count` consecutive parts of a text, as even in words as sentence boundaries allow (split
 * between words when there are fewer sentences than parts).
 */
export function splitIntoParts(text: string, count: number): string[] {
	if (count <= 0) return [];
	let units = splitSentences(text);
	if (units.length < count) units = words(text);
	if (units.length < count) return [...units, ...Array<string>(count - units.length).fill('')];
	const weights = units.map((u) => words(u).length);
	const total = weights.reduce((a, b) => a + b, 0);
	const parts: string[][] = Array.from({ length: count }, () => []);
	let spent = 0;
	let part = 0;
	units.forEach((unit, i) => {
		// Move on when this part has its share, leaving at least one unit for each part still empty.
		const left = units.length - i;
		const partsLeft = count - part - 1;
		if (
			parts[part]!.length > 0 &&
			part < count - 1 &&
			(spent + weights[i]! / 2 > (total * (part + 1)) / count || left <= partsLeft)
		)
			part++;
		parts[part]!.push(unit);
		spent += weights[i]!;
	});
	return parts.map((p) => p.join(' '));
}

export interface NarrationPlan {
	/** Words spoken over each shot, from its start (undefined: none). */
	perShot: Array<string | undefined>;
	/** The whole voice-over as one line from the start of the video (no per-shot narration). */
	whole?: string;
}

export function narrationPlan(spec: Pick<RenderSpec, 'shots' | 'audio'>): NarrationPlan {
	const text = spec.audio?.voiceover?.text;
	const shots = spec.shots ?? [];
	if (shots.some((s) => s.narration !== undefined))
		return { perShot: shots.map((s) => s.narration) };
	const auto = shots.map((s, i) => (isAutoDuration(s) ? i : -1)).filter((i) => i >= 0);
	if (text && auto.length) {
		const parts = splitIntoParts(text, auto.length);
		const perShot: Array<string | undefined> = shots.map(() => undefined);
		auto.forEach((shotIndex, k) => (perShot[shotIndex] = parts[k] || undefined));
		return { perShot };
	}
	return { perShot: shots.map(() => undefined), ...(text ? { whole: text } : {}) };
}

/** True when the story's voice-over is laid shot by shot (narration or auto durations). */
export function hasShotNarration(spec: Pick<RenderSpec, 'shots' | 'audio'>): boolean {
	return narrationPlan(spec).perShot.some((line) => line !== undefined);
}

/** Seconds a line will take, estimated from its words (the real length is measured at render). */
export function estimatedSpokenSeconds(text: string): number {
	return words(text).length / ESTIMATED_WORDS_PER_SECOND;
}

/** A shot's length when `duration` is auto and its line lasts `spoken` seconds. */
export function autoShotSeconds(spoken: number): number {
	return Math.max(MIN_AUTO_SHOT_SECONDS, NARRATION_LEAD_SECONDS + spoken + NARRATION_TAIL_SECONDS);
}

/** Every shot's length in seconds: its own, or for auto an estimate from its narration. */
export function estimatedShotSeconds(spec: Pick<RenderSpec, 'shots' | 'audio'>): number[] {
	const plan = narrationPlan(spec);
	return spec.shots.map((shot, i) =>
		typeof shot.duration === 'number'
			? shot.duration
			: autoShotSeconds(estimatedSpokenSeconds(plan.perShot[i] ?? '')),
	);
}

/** A shot's length where only the shot is at hand (resolved specs have numbers already). */
export function shotSeconds(shot: Pick<Shot, 'duration' | 'narration'>): number {
	return typeof shot.duration === 'number'
		? shot.duration
		: autoShotSeconds(estimatedSpokenSeconds(shot.narration ?? ''));
}

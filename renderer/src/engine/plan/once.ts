/**
 * The planner's admission entry: one plan per spec object and story, shared by the provider's
 * check, the coverage report and the expanded storyboard. A module of its own so that every plan
 * goes through `plan`'s export (counted in the tests that check a render plans once).
 */
import type { RenderSpec } from '../../spec/renderSpec';
import type { StoryDraft, Storyboard } from '../storyboard';
import { plan } from './index';

const plans = new WeakMap<RenderSpec, { story?: StoryDraft; storyboard: Storyboard }>();

/** `plan` for a spec without cameos (they are resolved at render time), once per spec and story. */
export function planOnce(spec: RenderSpec, story?: StoryDraft): Storyboard {
	const known = plans.get(spec);
	if (known && known.story === story) return known.storyboard;
	const storyboard = plan(spec, { cameos: new Map(), story });
	plans.set(spec, { story, storyboard });
	return storyboard;
}

/**
 * The render's plan when admission's (`ctx.plan`, a JSON round trip of `planOnce`) is one: a
 * storyboard of this spec's frame and seed, made for a spec without cameos (cameos, resolved since,
 * change the characters' looks and voices, and with the voices' pace the dialogue's timing).
 * `undefined` means: plan now.
 */
export function admittedPlan(spec: RenderSpec, stored: unknown): Storyboard | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	if (spec.characters.some((c) => c.cameoId)) return undefined;
	const board = stored as Partial<Storyboard>;
	const sameFrame =
		board.width === spec.output.width &&
		board.height === spec.output.height &&
		board.fps === spec.output.fps &&
		board.seed === (spec.seed ?? 0);
	return sameFrame && Array.isArray(board.shots) && Array.isArray(board.characters)
		? (board as Storyboard)
		: undefined;
}

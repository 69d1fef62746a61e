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

/** Whether a plan made without cameos is the render's plan: true unless a character names one. */
export function planNeedsCameos(spec: RenderSpec): boolean {
	return spec.characters.some((c) => c.cameoId);
}

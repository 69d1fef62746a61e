/**
 * The planner's admission entry: one plan per spec object, story and cameos, shared by the
 * provider's check, the coverage report and the expanded storyboard. A module of its own so that
 * every plan goes through `plan`'s export (counted in the tests that check a render plans once).
 */
import type { RenderSpec } from '../../spec/renderSpec';
import type { CameoAsset } from '../../pipeline/render';
import type { StoryDraft, Storyboard } from '../storyboard';
import { plan } from './index';

const NO_CAMEOS: ReadonlyMap<string, CameoAsset> = new Map();

const plans = new WeakMap<
	RenderSpec,
	{ story?: StoryDraft; cameos: ReadonlyMap<string, CameoAsset>; storyboard: Storyboard }
>();

/**
 * `plan`, once per spec, story and cameos (the same objects: admission hands the same ones to the
 * check, the coverage and the plan). Without `cameos`, a cameo's character is planned without it.
 */
export function planOnce(
	spec: RenderSpec,
	story?: StoryDraft,
	cameos: ReadonlyMap<string, CameoAsset> = NO_CAMEOS,
): Storyboard {
	const known = plans.get(spec);
	if (known && known.story === story && known.cameos === cameos) return known.storyboard;
	const storyboard = plan(spec, { cameos, story });
	plans.set(spec, { story, cameos, storyboard });
	return storyboard;
}

/**
 * The render's plan when admission's (`ctx.plan`, a JSON round trip of `planOnce`) is one: a
 * storyboard of this spec's frame and seed whose characters carry exactly the cameos resolved for
 * this render (`cameos`). The runner hands it over only when the cameos' looks and voices are the
 * ones it was planned with (a digest); this checks the rest, so that a plan made without a cameo
 * is never drawn with one (or the reverse). `undefined` means: plan now.
 */
export function admittedPlan(
	spec: RenderSpec,
	stored: unknown,
	cameos: ReadonlyMap<string, CameoAsset> = NO_CAMEOS,
): Storyboard | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	const board = stored as Partial<Storyboard>;
	const sameFrame =
		board.width === spec.output.width &&
		board.height === spec.output.height &&
		board.fps === spec.output.fps &&
		board.seed === (spec.seed ?? 0);
	if (!sameFrame || !Array.isArray(board.shots) || !Array.isArray(board.characters))
		return undefined;
	const characters = board.characters;
	const sameCameos = spec.characters.every((character) => {
		const planned = characters.find((c) => c?.id === character.id)?.cameo;
		const resolved = character.cameoId ? cameos.get(character.cameoId) : undefined;
		return resolved
			? planned?.id === resolved.id && planned.cutoutPath === resolved.cutoutPath
			: planned === undefined;
	});
	return sameCameos ? (board as Storyboard) : undefined;
}

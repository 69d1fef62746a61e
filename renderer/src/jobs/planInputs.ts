/**
 * What a render's plan was made from besides its spec and story: the cameos its characters name
 * (their cut-out and voice, which set the characters' looks, voices and speech rate, so the
 * dialogue's timing). Admission plans with the cameos as they read then and keeps this digest with
 * the plan; the render, which resolves them again, reuses the plan only when the digest matches.
 */
import { createHash } from 'node:crypto';
import type { CameoAsset } from '../pipeline/render';

/**
 * The provider's plan admission made (the local engine's storyboard, with the cameos as they read
 * then): the render uses it instead of planning again. Kept beside the render record, not in it, so
 * that the record's frequent progress writes do not rewrite it (RenderRecords owns both).
 */
export interface AdmittedPlan {
	/** Opaque here: only its provider reads it. Never in the view. */
	plan: unknown;
	/**
	 * The digest of the cameos `plan` was made with (`planInputsDigest`); absent for a spec without
	 * cameos. A render whose cameos resolve differently (re-recorded, a voice clone since) plans again.
	 */
	inputsDigest?: string;
}

/** Key order fixed at every depth, so that equal inputs digest equally after a store round trip. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
	);
}

/**
 * The digest of the cameos a plan was made with; `undefined` for none (a spec without cameos, whose
 * plan depends on nothing but its spec and story).
 */
export function planInputsDigest(cameos: ReadonlyMap<string, CameoAsset>): string | undefined {
	if (cameos.size === 0) return undefined;
	const assets = [...cameos.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, asset]) => canonical(asset));
	return createHash('sha256').update(JSON.stringify(assets)).digest('hex');
}

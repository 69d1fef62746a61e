/**
 * The C2PA manifest Reelforge writes on every output: who made it (claim generator Reelforge),
 * how (`c2pa.created`, IPTC digital source type `trainedAlgorithmicMedia`), which render and spec,
 * the AI-disclosure label, and the sources of a remix as ingredients.
 */
import { createHash } from 'node:crypto';
import type { Ingredient } from '../../pipeline/contracts';
import type { RenderSpec } from '../../spec/renderSpec';
import { AI_DISCLOSURE_TEXT } from './aiDisclosure';

export const TRAINED_ALGORITHMIC_MEDIA =
	'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
export const CLAIM_GENERATOR = { name: 'Reelforge', version: '0.1.0' };
/** Our own assertion label (reverse domain, as C2PA asks for custom assertions). */
export const RENDER_ASSERTION = 'com.reelforge.render';

export function specDigest(spec: RenderSpec): string {
	return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}

export function buildManifest(input: {
	renderId: string;
	spec: RenderSpec;
}): Record<string, unknown> {
	const title = input.spec.metadata?.title ?? `Reelforge render ${input.renderId}`;
	return {
		claim_generator_info: [CLAIM_GENERATOR],
		title,
		format: 'video/mp4',
		assertions: [
			{
				label: 'c2pa.actions',
				data: {
					actions: [
						{
							action: 'c2pa.created',
							digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
							softwareAgent: CLAIM_GENERATOR,
							description: AI_DISCLOSURE_TEXT,
						},
					],
				},
			},
			{
				label: RENDER_ASSERTION,
				data: {
					renderId: input.renderId,
					provider: input.spec.provider,
					seed: input.spec.seed ?? null,
					specSha256: specDigest(input.spec),
					aiGenerated: true,
					// Consented likenesses the video shows: the cameo and the character it plays.
					cameos: (input.spec.characters ?? [])
						.filter((c) => c.cameoId)
						.map((c) => ({ cameoId: c.cameoId, character: c.id })),
				},
			},
		],
	};
}

/** A remix source: with its file at hand c2pa-node hashes it and carries its own manifest along. */
export function ingredientDefinition(ingredient: Ingredient): {
	json: Record<string, unknown>;
	path?: string;
	mimeType?: string;
} {
	const json: Record<string, unknown> = {
		title: ingredient.title,
		relationship: 'componentOf',
		format: 'video/mp4',
	};
	if (ingredient.renderId) json.instance_id = `reelforge:render:${ingredient.renderId}`;
	return ingredient.path ? { json, path: ingredient.path, mimeType: 'video/mp4' } : { json };
}

/**
 * The provenance badge's answer, as a TypeBox schema: the server's type, and the one the feed app
 * imports (type-only, so nothing of the server reaches the browser bundle). This module imports
 * nothing but TypeBox for that reason.
 */
import { Type, type Static } from '@sinclair/typebox';

const Text = Type.Union([Type.String(), Type.Null()]);

export const ProvenanceSummary = Type.Object({
	signed: Type.Boolean(),
	validationState: Type.Union([Type.String(), Type.Null()], {
		description:
			'What the reader concluded when the file was signed (Trusted with the configured anchors).',
	}),
	title: Text,
	claimGenerator: Text,
	signer: Type.Union([
		Type.Object({ issuer: Text, commonName: Text, algorithm: Text }),
		Type.Null(),
	]),
	signedAt: Type.Union([Type.String(), Type.Null()], {
		description: "The signature's time when the manifest carries one (a trusted timestamp).",
	}),
	renderedAt: Type.Union([Type.String(), Type.Null()], {
		description: "When the render that was signed completed, by the server's clock.",
	}),
	digitalSourceType: Text,
	aiGenerated: Type.Boolean(),
	provider: Type.Object({
		id: Type.String(),
		name: Type.String(),
		offline: Type.Union([Type.Boolean(), Type.Null()]),
	}),
	cameos: Type.Array(
		Type.Object({
			cameoId: Type.String(),
			character: Text,
			name: Text,
			consent: Type.Union([
				Type.Literal('active'),
				Type.Literal('revoked'),
				Type.Literal('unknown'),
			]),
			consentedAt: Text,
		}),
	),
	ingredients: Type.Array(Type.Object({ title: Text, renderId: Text }), {
		description: 'Sources of a remix, as the manifest lists them.',
	}),
});
export type ProvenanceSummary = Static<typeof ProvenanceSummary>;

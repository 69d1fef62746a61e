/**
 * What a remix may change. One schema (TypeBox) serves the route's validation, OpenAPI and the
 * types below.
 */
import { Type, type Static } from '@sinclair/typebox';
import { MusicSourceSchema } from '../../spec/renderSpec';

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' });

export const RemixOperationsSchema = Type.Object(
	{
		style: Type.Optional(
			Type.String({ minLength: 1, maxLength: 32, description: 'A style from /v1/capabilities.' }),
		),
		music: Type.Optional(
			Type.Object(
				{
					mood: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
					tempo: Type.Optional(Type.Integer({ minimum: 40, maximum: 200 })),
					volume: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
					source: Type.Optional(MusicSourceSchema),
					start: Type.Optional(Type.Number({ minimum: 0, maximum: 3600 })),
					loop: Type.Optional(Type.Boolean()),
				},
				{
					additionalProperties: false,
					description:
						'Swap (local renders) or add (any video) a procedural score — or your own track (`source`) — ducked under speech.',
				},
			),
		),
		recut: Type.Optional(
			Type.Object(
				{
					order: Type.Optional(
						Type.Array(Type.Integer({ minimum: 0 }), {
							minItems: 1,
							maxItems: 64,
							description: 'Source shot indices in their new order; shots not listed are dropped.',
						}),
					),
					drop: Type.Optional(
						Type.Array(Type.Integer({ minimum: 0 }), {
							maxItems: 64,
							uniqueItems: true,
							description: 'Source shot indices to leave out.',
						}),
					),
					trim: Type.Optional(
						Type.Object(
							{
								start: Type.Optional(Type.Number({ minimum: 0 })),
								end: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
							},
							{
								additionalProperties: false,
								description: 'Keep only this span (seconds) of the re-cut timeline.',
							},
						),
					),
				},
				{ additionalProperties: false },
			),
		),
		extend: Type.Optional(
			Type.Object(
				{
					shots: Type.Array(
						Type.Object(
							{
								prompt: Type.String({ minLength: 1, maxLength: 4000 }),
								duration: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60 })),
							},
							{ additionalProperties: false },
						),
						{ minItems: 1, maxItems: 16 },
					),
				},
				{
					additionalProperties: false,
					description: 'New shots appended after the source, keeping its characters and setting.',
				},
			),
		),
		cameo: Type.Optional(
			Type.Object(
				{
					cameoId: Type.String({ pattern: '^cam_[A-Za-z0-9]+$' }),
					character: Type.Optional(Id),
					name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
				},
				{
					additionalProperties: false,
					description: 'Cast a consented cameo: as an existing character (by id) or as a new one.',
				},
			),
		),
	},
	{ additionalProperties: false, minProperties: 1 },
);

export type RemixOperations = Static<typeof RemixOperationsSchema>;

/** Seconds an extension shot lasts when the request gives no duration. */
export const DEFAULT_EXTENSION_SECONDS = 4;

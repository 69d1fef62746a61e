/** Schema pieces the API's request bodies share (TypeBox: the ajv schema, the OpenAPI component). */
import { Type } from '@sinclair/typebox';

/** A string enum. Plain `enum` (not a union of consts) so errors and OpenAPI read as one list of choices. */
export const literals = <T extends readonly string[]>(
	values: T,
	description: string,
	defaultValue?: T[number],
) =>
	Type.Unsafe<T[number]>({
		type: 'string',
		enum: [...values],
		description,
		...(defaultValue !== undefined ? { default: defaultValue } : {}),
	});

/**
 * A URL a client gives Reelforge to fetch from or send to: http or https, at most 2048 characters
 * (the outbound door then decides whether its address may be reached).
 */
export const httpUrl = (description?: string) =>
	Type.String({
		format: 'uri',
		pattern: '^https?://',
		maxLength: 2048,
		...(description !== undefined ? { description } : {}),
	});

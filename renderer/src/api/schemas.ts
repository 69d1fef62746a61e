import type { FastifySchema, RouteShorthandOptions } from 'fastify';
import { Type } from '@sinclair/typebox';

/**
 * The one error shape every route answers with: one schema, registered once (`app.addSchema`) and
 * shown once in the OpenAPI document's components; routes name it through `ErrorResponse`.
 */
export const ErrorResponseSchema = Type.Object(
	{
		error: Type.Object({
			code: Type.String(),
			message: Type.String(),
			details: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
		}),
	},
	{ $id: 'ErrorResponse', description: 'Error with the JSON pointer of each failing field.' },
);

/** A route's error response: a reference to the one error schema. */
export const ErrorResponse = Type.Ref(ErrorResponseSchema);

/**
 * The error answers a route documents, by status code — `response: { 201: View,
 * ...errorResponses(400, 404) }` — so a route's list of failures reads as one line.
 */
export const errorResponses = <Status extends number>(
	...statuses: Status[]
): Record<Status, typeof ErrorResponse> =>
	Object.fromEntries(statuses.map((status) => [status, ErrorResponse])) as Record<
		Status,
		typeof ErrorResponse
	>;

/**
 * A route anyone may call: without a key it answers what is public, with one also the caller's own
 * (the OpenAPI document shows the key as optional). Gives the route its options.
 */
export const keyOptional = (schema: FastifySchema): RouteShorthandOptions => ({
	config: { public: true },
	schema: { ...schema, security: [{}, { bearerAuth: [] }] },
});

export const FeedItemParams = Type.Object(
	{ itemId: Type.String({ pattern: '^pub_[0-9a-z]+$' }) },
	{ additionalProperties: false },
);

/** An open-ended JSON object answer, described in words (the shapes live beside the services). */
export const Described = (description: string) =>
	Type.Object({}, { additionalProperties: true, description });

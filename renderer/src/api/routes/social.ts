/**
 * The feed's social routes: likes and reports need a key (one like and one open report per key and
 * clip); the provenance badge and the remix chain are public for anyone who may open the clip.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { REPORT_REASONS, type ReportReason } from '../../social/records';
import { Described, ErrorResponse, errorResponses, FeedItemParams, keyOptional } from '../schemas';

const Access = Type.Optional(
	Type.String({ maxLength: 128, description: 'A signed access token.' }),
);
const LikeResponse = Type.Object({
	itemId: Type.String(),
	liked: Type.Boolean(),
	likes: Type.Integer({ minimum: 0 }),
});

const social: FastifyPluginAsync = async (app) => {
	const { services } = app;

	// Liking and taking a like back answer the same view and fail the same ways.
	const likeSchema = (summary: string) => ({
		summary,
		tags: ['feed'],
		params: FeedItemParams,
		response: { 200: LikeResponse, ...errorResponses(401, 404) },
	});
	const itemIdOf = (request: FastifyRequest) => (request.params as { itemId: string }).itemId;

	app.put(
		'/v1/feed/:itemId/like',
		{ schema: likeSchema('Like a clip (idempotent: one like per key).') },
		async (request) => services.social.like(itemIdOf(request), request.caller),
	);

	app.delete(
		'/v1/feed/:itemId/like',
		{ schema: likeSchema('Take your like back (idempotent).') },
		async (request) => services.social.unlike(itemIdOf(request), request.caller),
	);

	app.post(
		'/v1/feed/:itemId/reports',
		{
			schema: {
				summary:
					'Report a clip with a reason from the moderation categories. It goes to the review queue; at REELFORGE_REPORT_THRESHOLD open reports the clip is hidden until reviewed. One open report per key and clip (409 already_reported).',
				tags: ['feed'],
				params: FeedItemParams,
				body: Type.Object(
					{
						reason: Type.Unsafe<ReportReason>({
							type: 'string',
							enum: [...REPORT_REASONS],
							description: 'A moderation category.',
						}),
						note: Type.Optional(
							Type.String({ maxLength: 1000, description: 'What the reviewer should look at.' }),
						),
					},
					{ additionalProperties: false },
				),
				response: {
					201: Described(
						'{id, object: "report", itemId, reason, note, status, createdAt, itemHidden}',
					),
					...errorResponses(400, 401, 404, 409),
				},
			},
		},
		async (request, reply) => {
			const { itemId } = request.params as { itemId: string };
			const body = request.body as { reason: ReportReason; note?: string };
			return reply.code(201).send(await services.social.report(itemId, request.caller, body));
		},
	);

	app.get(
		'/v1/feed/:itemId/provenance',
		keyOptional({
			summary:
				"What the clip's signed C2PA manifest says: signer, time, claim generator, digital source type, provider or engine, the cameos it shows with their consent, remix ingredients.",
			tags: ['feed'],
			params: FeedItemParams,
			querystring: Type.Object({ access: Access }, { additionalProperties: false }),
			response: { 200: Described('The provenance summary.'), 404: ErrorResponse },
		}),
		async (request) => {
			const { itemId } = request.params as { itemId: string };
			const { access } = request.query as { access?: string };
			return services.social.provenance(itemId, request.optionalCaller?.id, access);
		},
	);

	app.get(
		'/v1/feed/:itemId/chain',
		keyOptional({
			summary:
				'The remix chain: the clips this one was remixed from, nearest first (steps the viewer may not see are listed without a link).',
			tags: ['feed'],
			params: FeedItemParams,
			querystring: Type.Object({ access: Access }, { additionalProperties: false }),
			response: {
				200: Described('{object: "list", itemId, data: [{itemId, title, url, publishedAt}]}'),
				404: ErrorResponse,
			},
		}),
		async (request) => {
			const { itemId } = request.params as { itemId: string };
			const { access } = request.query as { access?: string };
			return services.social.chain(itemId, request.optionalCaller?.id, access);
		},
	);
};

export default social;

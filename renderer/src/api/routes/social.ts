/**
 * The feed's social routes: likes and reports need a key (one like and one open report per key and
 * clip); the provenance badge and the remix chain are public for anyone who may open the clip.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { REPORT_REASONS, type ReportReason } from '../../social/records';
import { Described, ErrorResponse, FeedItemParams } from '../schemas';

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

	app.put(
		'/v1/feed/:itemId/like',
		{
			schema: {
				summary: 'Like a clip (idempotent: one like per key).',
				tags: ['feed'],
				params: FeedItemParams,
				response: { 200: LikeResponse, 401: ErrorResponse, 404: ErrorResponse },
			},
		},
		async (request) =>
			services.social.like((request.params as { itemId: string }).itemId, request.caller),
	);

	app.delete(
		'/v1/feed/:itemId/like',
		{
			schema: {
				summary: 'Take your like back (idempotent).',
				tags: ['feed'],
				params: FeedItemParams,
				response: { 200: LikeResponse, 401: ErrorResponse, 404: ErrorResponse },
			},
		},
		async (request) =>
			services.social.unlike((request.params as { itemId: string }).itemId, request.caller),
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
					400: ErrorResponse,
					401: ErrorResponse,
					404: ErrorResponse,
					409: ErrorResponse,
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
		{
			config: { public: true },
			schema: {
				summary:
					"What the clip's signed C2PA manifest says: signer, time, claim generator, digital source type, provider or engine, the cameos it shows with their consent, remix ingredients.",
				tags: ['feed'],
				security: [{}, { bearerAuth: [] }],
				params: FeedItemParams,
				querystring: Type.Object({ access: Access }, { additionalProperties: false }),
				response: { 200: Described('The provenance summary.'), 404: ErrorResponse },
			},
		},
		async (request) => {
			const { itemId } = request.params as { itemId: string };
			const { access } = request.query as { access?: string };
			return services.social.provenance(itemId, request.optionalCaller?.id, access);
		},
	);

	app.get(
		'/v1/feed/:itemId/chain',
		{
			config: { public: true },
			schema: {
				summary:
					'The remix chain: the clips this one was remixed from, nearest first (steps the viewer may not see are listed without a link).',
				tags: ['feed'],
				security: [{}, { bearerAuth: [] }],
				params: FeedItemParams,
				querystring: Type.Object({ access: Access }, { additionalProperties: false }),
				response: {
					200: Described('{object: "list", itemId, data: [{itemId, title, url, publishedAt}]}'),
					404: ErrorResponse,
				},
			},
		},
		async (request) => {
			const { itemId } = request.params as { itemId: string };
			const { access } = request.query as { access?: string };
			return services.social.chain(itemId, request.optionalCaller?.id, access);
		},
	);
};

export default social;

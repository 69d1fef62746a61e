/**
 * The operator's API behind REELFORGE_ADMIN_KEY: an overview of the service (queue, renders by
 * state, failures with their codes, providers and paid seconds) and the report review queue with
 * its decisions. The feed app's admin view reads these.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { REVIEW_DECISIONS, type ReviewDecisionKind } from '../../social/records';
import { requireAdminKey } from '../adminAuth';
import { Described, ErrorResponse, errorResponses, FeedItemParams } from '../schemas';

const adminSecurity = [{ adminKey: [] }];

const adminApi: FastifyPluginAsync = async (app) => {
	const { services } = app;

	// These routes take the admin key, not an API key: skip the API-key check, run the admin check.
	app.addHook('onRoute', (route) => {
		route.config = { ...(route.config as object), public: true };
	});
	app.addHook('onRequest', async (request) => requireAdminKey(services.config, request));

	const refusals = { 401: ErrorResponse, 403: ErrorResponse };

	app.get(
		'/v1/admin/stats',
		{
			schema: {
				summary:
					'Queue depth, renders by state and the latest failures (error codes) over the newest `window` renders, provider health and seconds rendered today (paid: by providers that are not offline), open reviews.',
				tags: ['admin'],
				security: adminSecurity,
				querystring: Type.Object(
					{
						window: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
						failures: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
					},
					{ additionalProperties: false },
				),
				response: { 200: Described('The overview.'), ...refusals },
			},
		},
		async (request) => services.adminStats(request.query as { window: number; failures: number }),
	);

	app.get(
		'/v1/admin/reviews',
		{
			schema: {
				summary:
					'The report review queue: clips with open reports (hidden ones first), each with its reports, reasons and a signed link to watch it.',
				tags: ['admin'],
				security: adminSecurity,
				querystring: Type.Object(
					{ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
					{ additionalProperties: false },
				),
				response: { 200: Described('{object: "list", data: [review case]}'), ...refusals },
			},
		},
		async (request) => ({
			object: 'list',
			data: await services.social.reviewQueue((request.query as { limit: number }).limit),
		}),
	);

	app.post(
		'/v1/admin/reviews/:itemId/decisions',
		{
			schema: {
				summary:
					'Decide a clip\'s open reports: "keep" shows it again, "remove" withdraws the publication. Recorded with the reviewer, time, note and the reports it closed.',
				tags: ['admin'],
				security: adminSecurity,
				params: FeedItemParams,
				body: Type.Object(
					{
						decision: Type.Unsafe<ReviewDecisionKind>({
							type: 'string',
							enum: [...REVIEW_DECISIONS],
						}),
						reviewer: Type.String({
							minLength: 1,
							maxLength: 80,
							pattern: '\\S',
							description: 'Who decides (recorded with the decision).',
						}),
						note: Type.Optional(Type.String({ maxLength: 2000 })),
					},
					{ additionalProperties: false },
				),
				response: {
					201: Described(
						'The decision: {id, itemId, decision, reviewer, via, note, reportIds, reasons, at}.',
					),
					...errorResponses(400, 404),
					...refusals,
				},
			},
		},
		async (request, reply) => {
			const { itemId } = request.params as { itemId: string };
			const body = request.body as {
				decision: ReviewDecisionKind;
				reviewer: string;
				note?: string;
			};
			return reply.code(201).send(await services.social.decide(itemId, body));
		},
	);

	app.get(
		'/v1/admin/decisions',
		{
			schema: {
				summary: 'Every review decision, newest first (who, when, what, which reports).',
				tags: ['admin'],
				security: adminSecurity,
				querystring: Type.Object(
					{
						cursor: Type.Optional(Type.String({ pattern: '^rvd_[0-9a-z]+$' })),
						limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
						itemId: Type.Optional(Type.String({ pattern: '^pub_[0-9a-z]+$' })),
					},
					{ additionalProperties: false },
				),
				response: { 200: Described('{object: "list", data: [decision], nextCursor}'), ...refusals },
			},
		},
		async (request) => ({
			object: 'list',
			...(await services.social.decisions(
				request.query as { cursor?: string; limit: number; itemId?: string },
			)),
		}),
	);
};

export default adminApi;

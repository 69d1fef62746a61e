import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { canOpen, feedItemView } from '../../publish/feed';
import { ApiError } from '../../spec/errors';
import { sendObject } from '../sendObject';

const ErrorResponse = Type.Object(
	{
		error: Type.Object({
			code: Type.String(),
			message: Type.String(),
			details: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
		}),
	},
	{ description: 'Error with the JSON pointer of each failing field.' },
);
const ItemParams = Type.Object(
	{ itemId: Type.String({ pattern: '^pub_[0-9a-z]+$' }) },
	{ additionalProperties: false },
);
const VARIANTS = ['video', 'poster'] as const;

/**
 * The renderer's own feed. No key needed: without one only public items are listed; with one the
 * caller's unlisted and private items are listed too. Public and unlisted items open by link.
 */
const feed: FastifyPluginAsync = async (app) => {
	const { services } = app;
	const publicUrl = services.config.publicUrl;
	const items = () => services.publisher.feed;

	async function openable(itemId: string, viewer: string | undefined) {
		const item = await items().get(itemId);
		if (!item || !canOpen(item, viewer)) throw ApiError.notFound(`Feed item ${itemId}`);
		return item;
	}

	app.get(
		'/v1/feed',
		{
			config: { public: true },
			schema: {
				summary:
					'Published items, newest first (cursor pagination). Public items without a key; with a key also your unlisted and private ones.',
				tags: ['feed'],
				security: [{}, { bearerAuth: [] }],
				querystring: Type.Object(
					{
						cursor: Type.Optional(
							Type.String({
								pattern: '^pub_[0-9a-z]+$',
								description: 'nextCursor of the previous page.',
							}),
						),
						limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
					},
					{ additionalProperties: false },
				),
			},
		},
		async (request) => {
			const query = request.query as { cursor?: string; limit: number };
			const page = await items().list(request.optionalCaller?.id, query);
			return {
				object: 'list',
				data: page.data.map((i) => feedItemView(i, publicUrl)),
				nextCursor: page.nextCursor,
			};
		},
	);

	app.get(
		'/v1/feed/:itemId',
		{
			config: { public: true },
			schema: {
				summary: 'One feed item with its AI disclosure (public and unlisted: no key needed).',
				tags: ['feed'],
				security: [{}, { bearerAuth: [] }],
				params: ItemParams,
				response: { 404: ErrorResponse },
			},
		},
		async (request) => {
			const { itemId } = request.params as { itemId: string };
			return feedItemView(await openable(itemId, request.optionalCaller?.id), publicUrl);
		},
	);

	app.get(
		'/v1/feed/:itemId/content',
		{
			config: { public: true },
			schema: {
				summary: 'The published video (video/mp4, HTTP Range) or its poster.',
				tags: ['feed'],
				security: [{}, { bearerAuth: [] }],
				params: ItemParams,
				querystring: Type.Object(
					{
						variant: Type.Unsafe<(typeof VARIANTS)[number]>({
							type: 'string',
							enum: [...VARIANTS],
							default: 'video',
						}),
					},
					{ additionalProperties: false },
				),
				response: { 404: ErrorResponse, 416: ErrorResponse },
			},
		},
		async (request, reply) => {
			const { itemId } = request.params as { itemId: string };
			const { variant } = request.query as { variant: (typeof VARIANTS)[number] };
			const item = await openable(itemId, request.optionalCaller?.id);
			const output = variant === 'poster' ? item.poster : item.video;
			if (!output) throw ApiError.notFound(`The ${variant} of feed item ${itemId}`);
			reply.header(
				'Cache-Control',
				item.visibility === 'private' ? 'private, no-store' : 'public, max-age=300',
			);
			reply.header('X-AI-Generated', 'true');
			return sendObject(
				request,
				reply,
				services.storage,
				output.key,
				`${itemId}.${variant === 'poster' ? 'jpg' : 'mp4'}`,
			);
		},
	);
};

export default feed;

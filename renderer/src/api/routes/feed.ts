import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { isHidden } from '../../publish/feed';
import { ApiError } from '../../spec/errors';
import { Described, ErrorResponse, FeedItemParams, keyOptional } from '../schemas';
import { sendObject } from '../sendObject';

const VARIANTS = ['video', 'poster', 'captions'] as const;
const FILE_TYPES = { video: 'mp4', poster: 'jpg', captions: 'vtt' } as const;
const Access = Type.Optional(
	Type.String({
		maxLength: 128,
		description:
			'A signed access token from a content link the feed handed out (private or report-hidden items; a <video> cannot send a key).',
	}),
);
const ItemView = Described(
	'A feed item: id, title, content, poster and captions links, share link, AI disclosure, about (prompt, style, provider), remixedFrom, likes, likedByYou, yours, hidden.',
);

/**
 * The renderer's own feed. No key needed: without one only public items are listed; with one the
 * caller's unlisted and private items are listed too. Public and unlisted items open by link;
 * private ones (and ones hidden by reports) only for their owner or by a signed content link.
 */
const feed: FastifyPluginAsync = async (app) => {
	const { services } = app;
	const social = () => services.social;

	app.get(
		'/v1/feed',
		keyOptional({
			summary:
				'Published items, newest first (cursor pagination). Public items without a key; with a key also your unlisted and private ones.',
			tags: ['feed'],
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
			response: { 200: Described('{object: "list", data: [feed item], nextCursor}') },
		}),
		async (request) =>
			social().page(
				request.optionalCaller?.id,
				request.query as { cursor?: string; limit: number },
			),
	);

	app.get(
		'/v1/feed/:itemId',
		keyOptional({
			summary: 'One feed item with its AI disclosure (public and unlisted: no key needed).',
			tags: ['feed'],
			params: FeedItemParams,
			querystring: Type.Object({ access: Access }, { additionalProperties: false }),
			response: { 200: ItemView, 404: ErrorResponse },
		}),
		async (request) => {
			const { itemId } = request.params as { itemId: string };
			const { access } = request.query as { access?: string };
			return social().item(itemId, request.optionalCaller?.id, access);
		},
	);

	app.get(
		'/v1/feed/:itemId/content',
		keyOptional({
			summary: 'The published video (video/mp4, HTTP Range), its poster, or its captions (WebVTT).',
			tags: ['feed'],
			params: FeedItemParams,
			querystring: Type.Object(
				{
					variant: Type.Unsafe<(typeof VARIANTS)[number]>({
						type: 'string',
						enum: [...VARIANTS],
						default: 'video',
					}),
					access: Access,
				},
				{ additionalProperties: false },
			),
			response: { 404: ErrorResponse, 416: ErrorResponse },
		}),
		async (request, reply) => {
			const { itemId } = request.params as { itemId: string };
			const { variant, access } = request.query as {
				variant: (typeof VARIANTS)[number];
				access?: string;
			};
			const item = await social().openable(itemId, request.optionalCaller?.id, access);
			const output = item[variant];
			if (!output) throw ApiError.notFound(`The ${variant} of feed item ${itemId}`);
			// Only what anyone may fetch is cacheable by shared caches.
			reply.header(
				'Cache-Control',
				item.visibility === 'private' || isHidden(item) || access
					? 'private, no-store'
					: 'public, max-age=300',
			);
			reply.header('X-AI-Generated', 'true');
			return sendObject(
				request,
				reply,
				services.storage,
				output.key,
				`${itemId}.${FILE_TYPES[variant]}`,
			);
		},
	);
};

export default feed;

import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, errorResponses } from '../schemas';
import { publicationView } from '../../publish/publication';
import type { PublishRequest } from '../../publish/service';
import { assertTextAllowed } from '../../trust/moderation/textGate';
import { httpUrl, literals } from '../../spec/schemaParts';

const PublicationResponse = Type.Object(
	{},
	{
		additionalProperties: true,
		description:
			'The publication: id, target, url (public), contentUrl, visibility, aiDisclosure, override, publishedAt.',
	},
);
const RenderParams = Type.Object(
	{ id: Type.String({ pattern: '^rnd_[0-9a-z]+$' }) },
	{ additionalProperties: false },
);
const PublicationParams = Type.Object(
	{
		id: Type.String({ pattern: '^rnd_[0-9a-z]+$' }),
		publicationId: Type.String({ pattern: '^pub_[0-9a-z]+$' }),
	},
	{ additionalProperties: false },
);
const PublishBody = Type.Object(
	{
		target: literals(
			['feed', 'webhook', 's3'],
			"Where to publish: the renderer's feed, a signed webhook, or the publish S3 bucket.",
		),
		visibility: Type.Optional(
			literals(
				['public', 'unlisted', 'private'],
				'Feed only: public is listed for everyone, unlisted is reachable by link, private only by its owner. Default public.',
			),
		),
		url: Type.Optional(httpUrl('Webhook target: where the signed render.published event goes.')),
		key: Type.Optional(
			Type.String({
				minLength: 1,
				maxLength: 900,
				description:
					'S3 target: the object key (default published/<renderId>/<publicationId>.mp4).',
			}),
		),
		title: Type.Optional(Type.String({ maxLength: 200 })),
		description: Type.Optional(Type.String({ maxLength: 5000 })),
		override: Type.Optional(
			Type.Object(
				{
					reason: Type.String({
						minLength: 1,
						maxLength: 1000,
						description:
							'Why an unmoderated or flagged render is published anyway; recorded with the key and time.',
					}),
				},
				{
					additionalProperties: false,
					description: 'Publish despite missing or flagged moderation.',
				},
			),
		),
	},
	{ additionalProperties: false },
);

/** Publishing a finished render and taking it back. Moderation gates it; overrides are recorded. */
const publish: FastifyPluginAsync = async (app) => {
	const { services } = app;

	app.post(
		'/v1/renders/:id/publish',
		{
			schema: {
				summary:
					'Publish a completed, moderated render to the feed, a webhook or S3; answers the public URL and the AI disclosure. 409 moderation_required / 422 moderation_flagged unless override.reason is given.',
				tags: ['publishing'],
				params: RenderParams,
				body: PublishBody,
				response: {
					201: PublicationResponse,
					...errorResponses(400, 404, 409, 422, 502),
				},
			},
		},
		async (request, reply) => {
			const { id } = request.params as { id: string };
			const body = request.body as PublishRequest;
			if (body.target === 'webhook' && !body.url) {
				reply.code(400);
				return {
					error: {
						code: 'invalid_request',
						message: 'A webhook target needs a url.',
						details: [{ path: '/url', message: 'is required when target is webhook' }],
					},
				};
			}
			// Titles and descriptions are shown to every viewer of the feed: the same text checks as prompts.
			await assertTextAllowed(
				services.moderator,
				[
					{ path: '/title', text: body.title ?? '' },
					{ path: '/description', text: body.description ?? '' },
				],
				'feed',
			);
			const publication = await services.publisher.publish(id, body, request.caller);
			return reply.code(201).send(publicationView(publication));
		},
	);

	app.delete(
		'/v1/renders/:id/publish/:publicationId',
		{
			schema: {
				summary:
					'Unpublish: the feed item goes, the S3 objects are deleted, a webhook target gets render.unpublished.',
				tags: ['publishing'],
				params: PublicationParams,
				response: { 404: ErrorResponse },
			},
		},
		async (request) => {
			const { id, publicationId } = request.params as { id: string; publicationId: string };
			return publicationView(await services.publisher.unpublish(id, publicationId, request.caller));
		},
	);
};

export default publish;

import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorResponse } from '../schemas';
import { ApiError } from '../../spec/errors';
import { deliveryView } from '../../webhooks/delivery';
import { SUBSCRIBABLE_EVENTS } from '../../webhooks/events';
import { subscriptionView } from '../../webhooks/subscriptions';
import { httpUrl } from '../../spec/schemaParts';

const SubscriptionResponse = Type.Object(
	{},
	{
		additionalProperties: true,
		description: 'A subscription: id, url, events, secret, createdAt.',
	},
);
const WebhookParams = Type.Object(
	{ id: Type.String({ pattern: '^whk_[0-9a-z]+$' }) },
	{ additionalProperties: false },
);
const RenderParams = Type.Object(
	{ id: Type.String({ pattern: '^rnd_[0-9a-z]+$' }) },
	{ additionalProperties: false },
);
const EventName = Type.Unsafe<string>({
	type: 'string',
	enum: [...SUBSCRIBABLE_EVENTS],
	description: 'Event type.',
});
const SubscriptionBody = Type.Object(
	{
		url: httpUrl('Where events are POSTed (http or https).'),
		events: Type.Optional(
			Type.Array(EventName, {
				minItems: 1,
				uniqueItems: true,
				description: 'Defaults to render.completed and render.failed.',
			}),
		),
	},
	{ additionalProperties: false },
);

/**
 * Webhook subscriptions of the caller's key (the n8n Trigger node registers one per workflow) and
 * the delivery log of a render. Each subscription signs with its own `whsec_` secret.
 */
const webhooks: FastifyPluginAsync = async (app) => {
	const { services } = app;
	const subscriptions = services.webhooks.subscriptions;

	app.post(
		'/v1/webhooks',
		{
			schema: {
				summary:
					'Subscribe a URL to events. The answer carries the signing secret (Standard Webhooks `whsec_`).',
				tags: ['webhooks'],
				body: SubscriptionBody,
				response: { 201: SubscriptionResponse, 400: ErrorResponse, 409: ErrorResponse },
			},
		},
		async (request, reply) => {
			const created = await subscriptions.create(
				request.caller.id,
				request.body as { url: string; events?: string[] },
			);
			return reply
				.code(201)
				.header('Location', `/v1/webhooks/${created.id}`)
				.send(subscriptionView(created, true));
		},
	);

	app.get(
		'/v1/webhooks',
		{
			schema: {
				summary: "The caller's webhook subscriptions (secrets are not listed).",
				tags: ['webhooks'],
			},
		},
		async (request) => ({
			object: 'list',
			data: (await subscriptions.list(request.caller.id)).map((s) => subscriptionView(s, false)),
		}),
	);

	app.get(
		'/v1/webhooks/:id',
		{
			schema: {
				summary: 'One subscription, with its secret.',
				tags: ['webhooks'],
				params: WebhookParams,
				response: { 404: ErrorResponse },
			},
		},
		async (request) => {
			const { id } = request.params as { id: string };
			const subscription = await subscriptions.get(request.caller.id, id);
			if (!subscription) throw ApiError.notFound(`Webhook ${id}`);
			return subscriptionView(subscription, true);
		},
	);

	app.delete(
		'/v1/webhooks/:id',
		{
			schema: {
				summary: 'Delete a subscription; pending deliveries to it are dropped.',
				tags: ['webhooks'],
				params: WebhookParams,
				response: { 204: Type.Null({ description: 'Deleted.' }), 404: ErrorResponse },
			},
		},
		async (request, reply) => {
			const { id } = request.params as { id: string };
			if (!(await subscriptions.delete(request.caller.id, id)))
				throw ApiError.notFound(`Webhook ${id}`);
			return reply.code(204).send();
		},
	);

	app.get(
		'/v1/renders/:id/deliveries',
		{
			schema: {
				summary:
					"The render's webhook deliveries, oldest first: recipient, status, every attempt with its status code and time.",
				tags: ['webhooks'],
				params: RenderParams,
				response: { 404: ErrorResponse },
			},
		},
		async (request) => {
			const { id } = request.params as { id: string };
			await services.renders.get(id, request.caller);
			return { object: 'list', data: (await services.webhooks.deliveriesOf(id)).map(deliveryView) };
		},
	);
};

export default webhooks;

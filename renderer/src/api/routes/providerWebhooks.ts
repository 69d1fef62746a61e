/**
 * Completion events from remote providers. The Gemini API sends `video.generated` (Veo) and
 * `interaction.completed` / `interaction.failed` / `interaction.cancelled` (Omni) to a static
 * webhook registered for the project, signed per Standard Webhooks with the secret it returned once
 * (`GEMINI_WEBHOOK_SECRET`). A verified event wakes the poll loops of the jobs it names; they then
 * ask the API itself, so the event's body is never trusted for the result. Polling stays the
 * fallback: without the secret, or without the renderer being reachable from outside, nothing
 * changes but latency.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { GEMINI_WAKE_FAMILY } from '../../providers/remote';
import { idsNamedIn, wakeKey } from '../../providers/remote/wake';
import { ApiError } from '../../spec/errors';

const WAKING_EVENTS = new Set([
	'video.generated',
	'interaction.completed',
	'interaction.failed',
	'interaction.cancelled',
	'interaction.requires_action',
]);

const providerWebhooks: FastifyPluginAsync = async (app) => {
	const { services } = app;
	const secret = services.config.remoteProviders.geminiWebhookSecret;
	const verifier = secret ? new Webhook(secret) : undefined;

	// The signature covers the exact bytes: keep the body as text in this plugin.
	app.addContentTypeParser(
		['application/json', 'application/cloudevents+json'],
		{ parseAs: 'string', bodyLimit: 256 * 1024 },
		(_request, body, done) => done(null, body),
	);

	app.post(
		'/v1/provider-webhooks/gemini',
		{
			config: { public: true },
			schema: {
				summary:
					'Gemini API completion events (Standard Webhooks signatures); they wake waiting Veo and Omni jobs.',
				tags: ['providers'],
				security: [],
				response: { 204: { type: 'null', description: 'Verified; the jobs it names were woken.' } },
			},
		},
		async (request, reply) => {
			if (!verifier)
				throw new ApiError(
					404,
					'not_found',
					'No Gemini webhook is configured (GEMINI_WEBHOOK_SECRET).',
				);
			const raw = typeof request.body === 'string' ? request.body : '';
			let event: { type?: unknown; data?: unknown };
			try {
				event = verifier.verify(raw, {
					'webhook-id': String(request.headers['webhook-id'] ?? ''),
					'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
					'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
				}) as { type?: unknown; data?: unknown };
			} catch (error) {
				throw new ApiError(
					401,
					'invalid_signature',
					error instanceof WebhookVerificationError
						? `The webhook signature does not verify: ${error.message}.`
						: 'The webhook body is not valid JSON.',
				);
			}
			if (typeof event?.type === 'string' && WAKING_EVENTS.has(event.type)) {
				const ids = idsNamedIn(event.data ?? event);
				await Promise.all(
					ids.map((id) => services.clipWake.publish(wakeKey(GEMINI_WAKE_FAMILY, id))),
				);
				request.log.info({ type: event.type, ids: ids.length }, 'provider completion event');
			}
			return reply.code(204).send();
		},
	);
};

export default providerWebhooks;

import type { KeyService } from '../auth/keys';
import type { Config } from '../config';
import { newId } from '../ids';
import type { Outbound } from '../net/outbound';
import type { RenderRecord } from '../jobs/renderRecord';
import type { Store } from '../store/store';
import type { Delivery, DeliveryRecipient } from './delivery';
import { DeliveryDispatcher } from './dispatcher';
import type { EventPayload, OutboundEventType } from './events';
import { renderView } from '../jobs/renderView';
import { SubscriptionService } from './subscriptions';
import { checkTargetUrl, isHttpUrl } from './targetUrl';
import type { EventSink, EventType } from './webhooks';

export interface WebhookServiceDeps {
	store: Store;
	keys: KeyService;
	/** The outbound door every delivery goes through. */
	outbound: Outbound;
	config: Pick<Config, 'webhookRetrySchedule' | 'publicUrl'>;
	log: (message: string, fields?: Record<string, unknown>) => void;
	/** How often the due loop looks for deliveries to retry (default 1 s). */
	pollIntervalMs?: number;
	/** How long one attempt may wait for the receiver (default 15 s). */
	timeoutMs?: number;
}

export interface DirectSend {
	keyId: string;
	url: string;
	type: OutboundEventType;
	data: Record<string, unknown>;
	renderId?: string;
	recipient: DeliveryRecipient;
}

export interface WebhookService extends EventSink {
	readonly subscriptions: SubscriptionService;
	/** Checks a target URL a client gives (http(s), no credentials, an address we send to); `pointer` names the field. */
	checkTarget(url: unknown, pointer: string): Promise<string>;
	/** Persists and sends one event to one URL, signed with the key's secret (publish targets). */
	send(input: DirectSend): Promise<Delivery>;
	/** The delivery log of one render, oldest first. */
	deliveriesOf(renderId: string): Promise<Delivery[]>;
	getDelivery(id: string): Promise<Delivery | undefined>;
	/** The payload an event carries, as `emit` builds it. */
	payloadOf(
		type: OutboundEventType,
		render: RenderRecord | undefined,
		data?: Record<string, unknown>,
	): EventPayload;
	/** Starts the loop that retries due deliveries (also those left by a previous process). */
	start(): void;
	stop(): Promise<void>;
	/** One pass of the due loop now; returns how many deliveries it attempted. */
	runDue(): Promise<number>;
}

function sameRecipient(a: Delivery, b: Delivery): boolean {
	const { recipient: x } = a;
	const { recipient: y } = b;
	if (x.kind !== y.kind) return false;
	if (x.kind === 'subscription' && y.kind === 'subscription')
		return x.subscriptionId === y.subscriptionId;
	return a.url === b.url;
}

/**
 * Outbound events: the render spec's own `webhook`, the key's subscriptions, and publish targets.
 * Each (event, recipient) pair becomes one persisted delivery, signed per Standard Webhooks.
 */
export function createWebhookService(deps: WebhookServiceDeps): WebhookService {
	const checkTarget = (url: unknown, pointer: string) =>
		checkTargetUrl(url, pointer, deps.outbound);
	const subscriptions = new SubscriptionService(deps.store, checkTarget);
	const retrySchedule = deps.config.webhookRetrySchedule.filter(
		(ms) => Number.isFinite(ms) && ms >= 0,
	);

	const dispatcher = new DeliveryDispatcher({
		store: deps.store,
		outbound: deps.outbound,
		retrySchedule,
		log: deps.log,
		pollIntervalMs: deps.pollIntervalMs ?? 1000,
		timeoutMs: deps.timeoutMs ?? 15000,
		secretFor: async (delivery) => {
			const key = await deps.keys.get(delivery.keyId);
			if (!key || key.revokedAt) return { refused: 'the API key was revoked' };
			if (delivery.recipient.kind === 'subscription') {
				const subscription = await subscriptions.get(
					delivery.keyId,
					delivery.recipient.subscriptionId,
				);
				if (!subscription) return { refused: 'the subscription was deleted' };
				if (subscription.disabledAt)
					return {
						refused: `the subscription is disabled (${subscription.disabledReason ?? 'disabled'})`,
					};
				return { secret: subscription.secret };
			}
			return { secret: key.webhookSecret };
		},
		onGone: async (delivery) => {
			if (delivery.recipient.kind === 'subscription') {
				await subscriptions.disable(
					delivery.keyId,
					delivery.recipient.subscriptionId,
					'the receiver answered 410 Gone',
				);
				deps.log('webhook subscription disabled: receiver answered 410 Gone', {
					subscriptionId: delivery.recipient.subscriptionId,
				});
			}
		},
	});

	const payloadOf = (
		type: OutboundEventType,
		render: RenderRecord | undefined,
		data: Record<string, unknown> = {},
	): EventPayload => ({
		type,
		timestamp: new Date().toISOString(),
		// The same view `GET /v1/renders/:id` answers with, so receivers parse one shape.
		data: render ? { render: renderView(render, deps.config.publicUrl), ...data } : data,
	});

	function newDelivery(input: {
		keyId: string;
		url: string;
		type: OutboundEventType;
		payload: string;
		renderId?: string;
		recipient: DeliveryRecipient;
	}): Delivery {
		const now = new Date().toISOString();
		return {
			id: newId('msg'),
			object: 'delivery',
			keyId: input.keyId,
			renderId: input.renderId,
			eventType: input.type,
			url: input.url,
			recipient: input.recipient,
			payload: input.payload,
			status: 'pending',
			attempts: [],
			nextAttemptAt: now,
			createdAt: now,
			updatedAt: now,
		};
	}

	return {
		subscriptions,
		checkTarget,

		async emit(type: EventType, { keyId, render, data }, options = {}) {
			// A revoked key's events go nowhere: not to its spec webhooks, not to its subscriptions.
			const key = await deps.keys.get(keyId);
			if (!key || key.revokedAt) return;
			const payload = JSON.stringify(payloadOf(type, render, data));
			const renderId =
				render?.id ?? (typeof data?.renderId === 'string' ? data.renderId : undefined);
			const deliveries: Delivery[] = [];
			const specHook = render?.spec.webhook;
			if (specHook && (specHook.events as string[]).includes(type) && isHttpUrl(specHook.url)) {
				deliveries.push(
					newDelivery({
						keyId,
						url: specHook.url,
						type,
						payload,
						renderId,
						recipient: { kind: 'spec' },
					}),
				);
			}
			for (const subscription of await subscriptions.recipientsOf(keyId, type)) {
				deliveries.push(
					newDelivery({
						keyId,
						url: subscription.url,
						type,
						payload,
						renderId,
						recipient: { kind: 'subscription', subscriptionId: subscription.id },
					}),
				);
			}
			const earlier =
				options.once && renderId
					? (await dispatcher.ofRender(renderId)).filter((d) => d.eventType === type)
					: [];
			for (const delivery of deliveries) {
				if (earlier.some((d) => sameRecipient(d, delivery))) continue;
				await dispatcher.enqueue(delivery);
			}
		},

		async send(input) {
			// The caller builds `data` (the publish target puts the render view in it itself).
			const delivery = newDelivery({
				...input,
				payload: JSON.stringify(payloadOf(input.type, undefined, input.data)),
			});
			await dispatcher.enqueue(delivery);
			return delivery;
		},

		payloadOf,
		deliveriesOf: (renderId) => dispatcher.ofRender(renderId),
		getDelivery: (id) => dispatcher.deliveries.get(id),
		start: () => dispatcher.start(),
		stop: () => dispatcher.stop(),
		runDue: () => dispatcher.runDue(),
	};
}

import type { OutboundEventType } from './events';

/** One try at sending a delivery, kept in the delivery log. */
export interface DeliveryAttempt {
	at: string;
	/** HTTP status of the receiver's answer; absent when none came (network error, timeout). */
	statusCode?: number;
	error?: string;
	durationMs: number;
	/** The start of the receiver's answer, for debugging a failing endpoint. */
	responseSnippet?: string;
}

/** Who the delivery goes to; the signing secret is looked up at send time, never stored here. */
export type DeliveryRecipient =
	| { kind: 'spec' } // the render spec's own `webhook.url`, signed with the key's secret
	| { kind: 'subscription'; subscriptionId: string } // a `POST /v1/webhooks` subscription, signed with its own secret
	| { kind: 'publish'; publicationId?: string }; // a publish target of kind `webhook`, signed with the key's secret

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One event on its way to one URL. Written before the first attempt so a restart resumes it; the
 * `id` is the Standard Webhooks `webhook-id`, the same on every retry so receivers can deduplicate.
 */
export interface Delivery {
	id: string;
	object: 'delivery';
	keyId: string;
	renderId?: string;
	eventType: OutboundEventType;
	url: string;
	recipient: DeliveryRecipient;
	/** The exact JSON body, fixed at creation so every retry sends (and signs) the same bytes. */
	payload: string;
	status: DeliveryStatus;
	attempts: DeliveryAttempt[];
	/** When the next attempt is due (pending only). */
	nextAttemptAt?: string;
	/** Why it stopped being retried (failed only). */
	failureReason?: string;
	/** A process that is sending it right now; others leave it alone until `until`. */
	lease?: { owner: string; until: number };
	createdAt: string;
	updatedAt: string;
	deliveredAt?: string;
}

/** What the delivery log shows a client: everything but the lease bookkeeping. */
export type DeliveryView = Omit<Delivery, 'lease' | 'payload'> & { payload: unknown };

export function deliveryView(delivery: Delivery): DeliveryView {
	const view: Omit<Delivery, 'lease'> & { lease?: Delivery['lease'] } = { ...delivery };
	delete view.lease;
	return { ...view, payload: JSON.parse(delivery.payload) as unknown };
}

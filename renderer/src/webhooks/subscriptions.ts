import { randomBytes } from 'node:crypto';
import { newId } from '../ids';
import { ApiError } from '../spec/errors';
import type { Collection, Store } from '../store/store';
import { SUBSCRIBABLE_EVENTS } from './events';
import type { EventType } from './webhooks';

/** A key's standing order for events at a URL (the n8n Trigger node makes one per workflow). */
export interface Subscription {
	id: string;
	keyId: string;
	url: string;
	events: EventType[];
	/** Standard Webhooks secret for this subscription alone. */
	secret: string;
	createdAt: string;
	/** Set when the receiver answered 410 Gone: nothing more is sent. */
	disabledAt?: string;
	disabledReason?: string;
}

export type SubscriptionView = Omit<Subscription, 'keyId' | 'secret'> & { secret?: string };

/** The secret is shown when the subscription is created or read one by one, never in lists. */
export function subscriptionView(
	subscription: Subscription,
	withSecret: boolean,
): SubscriptionView {
	const view: Partial<Pick<Subscription, 'keyId' | 'secret'>> &
		Omit<Subscription, 'keyId' | 'secret'> = { ...subscription };
	delete view.keyId;
	if (!withSecret) delete view.secret;
	return view;
}

const MAX_SUBSCRIPTIONS_PER_KEY = 100;

/** Subscriptions are stored under `<keyId>.<id>`, so a key lists its own with one prefix scan. */
export class SubscriptionService {
	private readonly subscriptions: Collection<Subscription>;

	constructor(
		store: Store,
		private readonly checkTarget: (url: unknown, pointer: string) => Promise<string>,
	) {
		this.subscriptions = store.collection<Subscription>('webhook-subscriptions');
	}

	async create(keyId: string, input: { url: unknown; events?: unknown }): Promise<Subscription> {
		const events = checkEvents(input.events);
		const url = await this.checkTarget(input.url, '/url');
		const existing = await this.subscriptions.list({
			prefix: `${keyId}.`,
			limit: MAX_SUBSCRIPTIONS_PER_KEY + 1,
		});
		if (existing.length >= MAX_SUBSCRIPTIONS_PER_KEY) {
			throw ApiError.conflict(
				'too_many_webhooks',
				`A key may hold at most ${MAX_SUBSCRIPTIONS_PER_KEY} webhook subscriptions; delete one first.`,
			);
		}
		const subscription: Subscription = {
			id: newId('whk'),
			keyId,
			url,
			events,
			secret: `whsec_${randomBytes(24).toString('base64')}`,
			createdAt: new Date().toISOString(),
		};
		await this.subscriptions.put(`${keyId}.${subscription.id}`, subscription);
		return subscription;
	}

	async list(keyId: string): Promise<Subscription[]> {
		return this.subscriptions.list({ prefix: `${keyId}.`, limit: MAX_SUBSCRIPTIONS_PER_KEY });
	}

	/** The key's subscription, or undefined (another key's subscription is indistinguishable from none). */
	async get(keyId: string, id: string): Promise<Subscription | undefined> {
		if (!/^whk_[0-9a-z]+$/.test(id)) return undefined;
		return this.subscriptions.get(`${keyId}.${id}`);
	}

	async delete(keyId: string, id: string): Promise<boolean> {
		if (!/^whk_[0-9a-z]+$/.test(id)) return false;
		return this.subscriptions.delete(`${keyId}.${id}`);
	}

	async disable(keyId: string, id: string, reason: string): Promise<void> {
		await this.subscriptions.update(`${keyId}.${id}`, (s) =>
			s.disabledAt ? s : { ...s, disabledAt: new Date().toISOString(), disabledReason: reason },
		);
	}

	/** Live subscriptions of a key that asked for this event. */
	async recipientsOf(keyId: string, type: EventType): Promise<Subscription[]> {
		return (await this.list(keyId)).filter((s) => !s.disabledAt && s.events.includes(type));
	}
}

function checkEvents(raw: unknown): EventType[] {
	if (raw === undefined) return ['render.completed', 'render.failed'];
	if (!Array.isArray(raw) || raw.length === 0)
		throw ApiError.invalid('events must list at least one event.', [
			{
				path: '/events',
				message: `must be a non-empty array of: ${SUBSCRIBABLE_EVENTS.join(', ')}`,
			},
		]);
	const details = raw.flatMap((e, i) =>
		typeof e === 'string' && (SUBSCRIBABLE_EVENTS as readonly string[]).includes(e)
			? []
			: [{ path: `/events/${i}`, message: `must be one of: ${SUBSCRIBABLE_EVENTS.join(', ')}` }],
	);
	if (details.length) throw ApiError.invalid('Unknown event type.', details);
	return [...new Set(raw as EventType[])];
}

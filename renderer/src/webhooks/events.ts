import type { EventType } from './webhooks';

/** Every event a subscription may ask for; `render.unpublished` only reaches publish targets. */
export const SUBSCRIBABLE_EVENTS: readonly EventType[] = [
	'render.completed',
	'render.failed',
	'render.published',
	'cameo.registered',
	'cameo.used',
	'cameo.revoked',
];

export type OutboundEventType = EventType | 'render.unpublished';

/** The body of every outbound event, as the Standard Webhooks spec suggests: `{type, timestamp, data}`. */
export interface EventPayload {
	type: OutboundEventType;
	timestamp: string;
	data: Record<string, unknown>;
}

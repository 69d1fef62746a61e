import type { RenderRecord } from '../jobs/renderRecord';

export type EventType =
	| 'render.completed'
	| 'render.failed'
	| 'render.published'
	| 'cameo.revoked'
	| 'cameo.used'
	| 'cameo.registered';

/** Outbound events. Implementations persist each delivery before sending, so none is lost to a restart. */
export interface EventSink {
	/**
	 * `once`: the event happens once per render (completed, failed), so a repeated emit (a retry
	 * after the store failed half-way) adds no second delivery for a recipient that has one.
	 */
	emit(
		type: EventType,
		payload: { keyId: string; render?: RenderRecord; data?: Record<string, unknown> },
		options?: { once?: boolean },
	): Promise<void>;
}

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
	emit(
		type: EventType,
		payload: { keyId: string; render?: RenderRecord; data?: Record<string, unknown> },
	): Promise<void>;
}

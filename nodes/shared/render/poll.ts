import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { Render } from '../helpers/interfaces';
import { TERMINAL_STATUSES } from '../helpers/interfaces';
import { httpStatusOf, responseHeadersOf } from '../transport/apiError';
import { reelforgeApiRequestFull } from '../transport';

const MAX_INTERVAL_MS = 15_000;
/** Statuses that mean "try again later" rather than "this request is wrong". */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

/** `Retry-After` as milliseconds: either delta-seconds or an HTTP date. */
export function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function isTransientFailure(error: unknown): boolean {
	const status = httpStatusOf(error);
	return status !== undefined && TRANSIENT_STATUSES.has(status);
}

/** Delay before the next attempt after a transient failure: the server's Retry-After, else our own backoff. */
export function delayAfterFailure(error: unknown, fallbackMs: number): number {
	return retryAfterMs(responseHeadersOf(error)['retry-after']) ?? fallbackMs;
}

export interface PollOptions {
	deadlineAt: number;
	initialIntervalMs: number;
}

/**
 * Polls `GET /v1/renders/:id` until the render ends. Backoff grows by half up to 15 s, a
 * `Retry-After` from the renderer wins, transient failures (429/5xx gateway) are retried, and
 * nothing waits past the deadline. It never re-sends the create request.
 */
export async function pollRender(
	ctx: IExecuteFunctions,
	renderId: string,
	itemIndex: number,
	{ deadlineAt, initialIntervalMs }: PollOptions,
): Promise<Render> {
	let interval = Math.max(100, initialIntervalMs);
	let last: Render | undefined;
	const signal = ctx.getExecutionCancelSignal();
	for (;;) {
		if (signal?.aborted)
			throw new NodeOperationError(
				ctx.getNode(),
				'The execution was canceled while waiting for the render',
				{ itemIndex },
			);
		let wait = interval;
		try {
			const response = await reelforgeApiRequestFull<Render>(
				ctx,
				'GET',
				`/v1/renders/${encodeURIComponent(renderId)}`,
				{ itemIndex },
			);
			last = response.body;
			if (TERMINAL_STATUSES.includes(last.status)) return last;
			wait = retryAfterMs(response.headers?.['retry-after']) ?? interval;
		} catch (error) {
			if (!isTransientFailure(error))
				throw new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex });
			wait = delayAfterFailure(error, interval);
		}
		interval = Math.min(interval * 1.5, MAX_INTERVAL_MS);
		const left = deadlineAt - Date.now();
		if (left <= 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Render ${renderId} did not finish before the deadline`,
				{
					itemIndex,
					description: `Last seen: ${last?.status ?? 'unknown'}${last?.stage ? ` (${last.stage}, ${last.progress ?? 0}%)` : ''}. The render keeps going; fetch it later by its ID or raise the deadline.`,
				},
			);
		}
		await sleep(Math.min(wait, left));
	}
}

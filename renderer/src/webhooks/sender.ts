import { Webhook } from 'standardwebhooks';
import type { DeliveryAttempt } from './delivery';

export interface SignedRequest {
	/** Standard Webhooks `webhook-id`: the delivery id, the same on every retry. */
	id: string;
	url: string;
	body: string;
	secret: string;
}

const SNIPPET_BYTES = 512;

/**
 * One signed POST, per the Standard Webhooks spec: the signature covers `id.timestamp.body`, the
 * timestamp is this attempt's (receivers reject stale ones), redirects are not followed (a
 * receiver that moved must be re-registered, not silently chased).
 */
export async function sendSigned(
	request: SignedRequest,
	timeoutMs: number,
): Promise<DeliveryAttempt> {
	const startedAt = new Date();
	const signature = new Webhook(request.secret).sign(request.id, startedAt, request.body);
	const started = Date.now();
	try {
		const response = await fetch(request.url, {
			method: 'POST',
			redirect: 'manual',
			signal: AbortSignal.timeout(timeoutMs),
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Reelforge-Webhooks/1',
				'webhook-id': request.id,
				'webhook-timestamp': String(Math.floor(startedAt.getTime() / 1000)),
				'webhook-signature': signature,
			},
			body: request.body,
		});
		const responseSnippet = await readSnippet(response);
		return {
			at: startedAt.toISOString(),
			statusCode: response.status,
			durationMs: Date.now() - started,
			...(responseSnippet ? { responseSnippet } : {}),
		};
	} catch (err) {
		const cause = (err as { cause?: { code?: string; message?: string } }).cause;
		const error =
			(err as Error).name === 'TimeoutError'
				? `timed out after ${timeoutMs} ms`
				: cause?.code
					? `${cause.code}: ${cause.message ?? ''}`.trim()
					: (err as Error).message;
		return { at: startedAt.toISOString(), error, durationMs: Date.now() - started };
	}
}

/** The first bytes of the answer only: a receiver must not make us hold a large body. */
async function readSnippet(response: Response): Promise<string | undefined> {
	if (!response.body) return undefined;
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		while (size < SNIPPET_BYTES) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			size += value.length;
		}
	} catch {
		// A body cut short says nothing more about the delivery than the status already does.
	} finally {
		await reader.cancel().catch(() => undefined);
	}
	const text = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8').trim();
	return text || undefined;
}

import { Webhook } from 'standardwebhooks';
import { OutboundError } from '../net/errors';
import type { Outbound } from '../net/outbound';
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
 * One signed POST through the outbound door, per the Standard Webhooks spec: the signature covers
 * `id.timestamp.body`, the timestamp is this attempt's (receivers reject stale ones), redirects are
 * not followed (a receiver that moved must be re-registered, not silently chased). The door
 * re-resolves and re-checks the receiver's address on every attempt.
 */
export async function sendSigned(
	outbound: Outbound,
	request: SignedRequest,
	timeoutMs: number,
): Promise<DeliveryAttempt> {
	const startedAt = new Date();
	const signature = new Webhook(request.secret).sign(request.id, startedAt, request.body);
	const started = Date.now();
	try {
		const response = await outbound.request({
			url: request.url,
			method: 'POST',
			maxRedirects: 0,
			timeoutMs,
			maxBytes: 1024 * 1024,
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Reelforge-Webhooks/1',
				'webhook-id': request.id,
				'webhook-timestamp': String(Math.floor(startedAt.getTime() / 1000)),
				'webhook-signature': signature,
			},
			body: request.body,
		});
		const responseSnippet = await readSnippet(response.body);
		response.discard();
		return {
			at: startedAt.toISOString(),
			statusCode: response.status,
			durationMs: Date.now() - started,
			...(responseSnippet ? { responseSnippet } : {}),
		};
	} catch (err) {
		const error =
			err instanceof OutboundError
				? `${err.code}: ${err.details[0]?.message ?? err.message}`
				: (err as Error).message;
		return { at: startedAt.toISOString(), error, durationMs: Date.now() - started };
	}
}

/** The first bytes of the answer only: a receiver must not make us hold a large body. */
async function readSnippet(body: AsyncIterable<Buffer>): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= SNIPPET_BYTES) break;
		}
	} catch {
		// A body cut short says nothing more about the delivery than the status already does.
	}
	const text = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8').trim();
	return text || undefined;
}

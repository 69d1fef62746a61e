import { createHmac, timingSafeEqual } from 'crypto';

/** Deliveries older or newer than this are refused, so a captured request cannot be replayed later. */
export const TOLERANCE_SECONDS = 5 * 60;

export interface SignedDelivery {
	id: string | undefined;
	timestamp: string | undefined;
	signature: string | undefined;
	body: string;
}

/** The key of a Standard Webhooks secret: `whsec_<base64>`. */
function secretKey(secret: string): Buffer {
	return Buffer.from(
		secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret,
		'base64',
	);
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, as the Standard Webhooks spec defines it. */
export function sign(secret: string, id: string, timestamp: string, body: string): string {
	return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Checks a delivery per Standard Webhooks: all three headers present, timestamp within the
 * tolerance, and one of the space-separated `v1,` signatures matching (constant-time compare).
 * Returns the reason when it fails.
 */
export function verify(
	secret: string,
	delivery: SignedDelivery,
	nowSeconds: number,
): { ok: true } | { ok: false; reason: string } {
	const { id, timestamp, signature, body } = delivery;
	if (!id || !timestamp || !signature)
		return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
	const ts = Number(timestamp);
	if (!Number.isFinite(ts) || Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS)
		return { ok: false, reason: 'timestamp outside the tolerance' };
	const expected = Buffer.from(sign(secret, id, timestamp, body).slice(3), 'base64');
	for (const candidate of signature.split(' ')) {
		const [version, value] = candidate.split(',', 2);
		if (version !== 'v1' || !value) continue;
		const given = Buffer.from(value, 'base64');
		if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
	}
	return { ok: false, reason: 'no signature matches' };
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store';

const HOUR_MS = 3600_000;

/**
 * Signed content links. A `<video>` or `<track>` element cannot send an `Authorization` header, so
 * the feed hands viewers who may open a private (or report-hidden) item a link that carries a
 * short-lived HMAC of the item id instead. The secret lives in the service store, so every API
 * process sharing the store accepts the links the others issued.
 */
export interface MediaAccess {
	/** A token valid for one to two hours; the same within an hour, so links stay cacheable. */
	issue(itemId: string): Promise<string>;
	verify(itemId: string, token: string): Promise<boolean>;
}

export function createMediaAccess(store: Pick<Store, 'collection'>): MediaAccess {
	const secrets = store.collection<{ secret: string }>('secrets');
	let secret: Promise<Buffer> | undefined;
	const load = () =>
		(secret ??= (async () => {
			await secrets.create('media-access', { secret: randomBytes(32).toString('base64') });
			const stored = await secrets.get('media-access');
			return Buffer.from(stored!.secret, 'base64');
		})().catch((err) => {
			secret = undefined;
			throw err;
		}));
	const sign = (key: Buffer, itemId: string, expires: number) =>
		createHmac('sha256', key).update(`${itemId}.${expires}`).digest('base64url');

	return {
		async issue(itemId) {
			const expires = (Math.floor(Date.now() / HOUR_MS) + 2) * HOUR_MS;
			return `${expires.toString(36)}.${sign(await load(), itemId, expires)}`;
		},
		async verify(itemId, token) {
			const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
			if (!match) return false;
			const expires = parseInt(match[1], 36);
			if (!(expires > Date.now())) return false;
			const expected = Buffer.from(sign(await load(), itemId, expires));
			const given = Buffer.from(match[2]);
			return given.length === expected.length && timingSafeEqual(given, expected);
		},
	};
}

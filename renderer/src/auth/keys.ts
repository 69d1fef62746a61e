import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../ids';
import type { Collection, Store } from '../store/store';

export interface KeyRecord {
	id: string;
	name: string;
	tier: string;
	/** sha256 of the secret part; the key itself is shown once, at creation. */
	hash: string;
	/** Signs this key's outbound webhooks (Standard Webhooks `whsec_` secret). */
	webhookSecret: string;
	createdAt: string;
	revokedAt?: string;
}

export type PublicKeyRecord = Omit<KeyRecord, 'hash' | 'webhookSecret'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Key records held by `authenticate` (the oldest is dropped beyond this). */
const CACHED_KEYS = 10_000;

/**
 * API keys look like `rf_<keyId>_<secret>`: the id makes lookup one read, and only a hash of the
 * secret is stored. Keys made or revoked by the CLI (another process) take effect in a running
 * service at once: a request either reads its key from the store or, where the store offers a
 * cheaper check that the record is unchanged (the file store's `stamp`: one stat instead of an
 * open, read and parse), uses the record it read last time only when that check says so. A
 * revocation rewrites the record (a new stamp), so it is seen by the very next request.
 */
export class KeyService {
	private readonly keys: Collection<KeyRecord>;
	private readonly cache = new Map<string, { stamp: string; record: KeyRecord }>();

	constructor(
		store: Store,
		private readonly tierNames: string[],
	) {
		this.keys = store.collection<KeyRecord>('keys');
	}

	async create(
		tier: string,
		name = '',
	): Promise<{ key: string; record: PublicKeyRecord; webhookSecret: string }> {
		if (!this.tierNames.includes(tier))
			throw new Error(`unknown tier "${tier}" (known: ${this.tierNames.join(', ')})`);
		const id = newId('key');
		const secret = randomBytes(24).toString('base64url');
		const record: KeyRecord = {
			id,
			name,
			tier,
			hash: sha256(secret),
			webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
			createdAt: new Date().toISOString(),
		};
		await this.keys.put(id, record);
		return {
			key: `rf_${id}_${secret}`,
			record: publicKey(record),
			webhookSecret: record.webhookSecret,
		};
	}

	async list(): Promise<PublicKeyRecord[]> {
		return (await this.keys.list({ limit: 10000 })).map(publicKey);
	}

	async get(id: string): Promise<KeyRecord | undefined> {
		return this.keys.get(id);
	}

	async revoke(id: string): Promise<boolean> {
		this.cache.delete(id);
		const updated = await this.keys.update(id, (k) => ({
			...k,
			revokedAt: k.revokedAt ?? new Date().toISOString(),
		}));
		return updated !== undefined;
	}

	/** The stored record of key `id`, from the cache when the store vouches it is unchanged. */
	private async lookup(id: string): Promise<KeyRecord | undefined> {
		if (!this.keys.stamp) return this.keys.get(id);
		const stamp = await this.keys.stamp(id);
		const cached = this.cache.get(id);
		if (stamp === undefined) {
			this.cache.delete(id);
			return undefined;
		}
		if (cached?.stamp === stamp) return cached.record;
		const record = await this.keys.get(id);
		// Stamped before the read: a write in between pairs an older stamp with the newer record, which
		// costs only a re-read next time.
		if (!record) return undefined;
		this.cache.delete(id);
		this.cache.set(id, { stamp, record });
		if (this.cache.size > CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
		return record;
	}

	/** The key record for a bearer token, or undefined when unknown, malformed or revoked. */
	async authenticate(token: string): Promise<KeyRecord | undefined> {
		const match = /^rf_(key_[0-9a-z]+)_([A-Za-z0-9_-]+)$/.exec(token);
		if (!match) return undefined;
		const record = await this.lookup(match[1]);
		if (!record || record.revokedAt) return undefined;
		const given = Buffer.from(sha256(match[2]), 'hex');
		const stored = Buffer.from(record.hash, 'hex');
		return given.length === stored.length && timingSafeEqual(given, stored) ? record : undefined;
	}
}

export function publicKey({
	hash: _hash,
	webhookSecret: _secret,
	...rest
}: KeyRecord): PublicKeyRecord {
	return rest;
}

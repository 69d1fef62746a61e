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

/**
 * API keys look like `rf_<keyId>_<secret>`: the id makes lookup one read, and only a hash of the
 * secret is stored. Every request reads the store, so keys made or revoked by the CLI take effect
 * in a running service at once.
 */
export class KeyService {
	private readonly keys: Collection<KeyRecord>;

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
		const updated = await this.keys.update(id, (k) => ({
			...k,
			revokedAt: k.revokedAt ?? new Date().toISOString(),
		}));
		return updated !== undefined;
	}

	/** The key record for a bearer token, or undefined when unknown, malformed or revoked. */
	async authenticate(token: string): Promise<KeyRecord | undefined> {
		const match = /^rf_(key_[0-9a-z]+)_([A-Za-z0-9_-]+)$/.exec(token);
		if (!match) return undefined;
		const record = await this.keys.get(match[1]);
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

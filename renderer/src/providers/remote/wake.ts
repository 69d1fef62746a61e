/**
 * Waking a waiting poll loop early. A provider's completion webhook arrives at the API process;
 * the loop polling that job may run in a worker process elsewhere. The webhook only says "look
 * now": the loop then polls once and believes the provider's answer, never the webhook's body, so
 * a forged or replayed wake costs one extra status request and nothing else.
 *
 * Keys are `<family>:<id>` (family `gemini` for Veo and Omni). One process: an in-memory bus. With
 * Redis (`reelforge api` + `reelforge worker`): a pub/sub channel under the deployment's prefix.
 */
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';

export interface WakeBus {
	/** Calls `listener` whenever `key` is woken; returns the unsubscribe function. */
	subscribe(key: string, listener: () => void): () => void;
	publish(key: string): Promise<void>;
	close(): Promise<void>;
}

export function wakeKey(family: string, id: string): string {
	return `${family}:${id}`;
}

export class MemoryWakeBus implements WakeBus {
	private readonly emitter = new EventEmitter();

	constructor() {
		this.emitter.setMaxListeners(0);
	}

	subscribe(key: string, listener: () => void) {
		this.emitter.on(key, listener);
		return () => void this.emitter.off(key, listener);
	}

	async publish(key: string) {
		this.emitter.emit(key);
	}

	async close() {
		this.emitter.removeAllListeners();
	}
}

/** Wakes listeners in every process sharing the Redis (and this process's own, locally). */
export class RedisWakeBus implements WakeBus {
	private readonly local = new MemoryWakeBus();
	private readonly publisher: Redis;
	private subscriber?: Redis;
	private readonly channel: string;

	constructor(redisUrl: string, prefix: string) {
		this.channel = `${prefix}:clip-wake`;
		this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
	}

	subscribe(key: string, listener: () => void) {
		if (!this.subscriber) {
			this.subscriber = this.publisher.duplicate();
			void this.subscriber.subscribe(this.channel).catch(() => undefined);
			this.subscriber.on(
				'message',
				(_channel, message: string) => void this.local.publish(message),
			);
		}
		return this.local.subscribe(key, listener);
	}

	async publish(key: string) {
		await this.publisher.publish(this.channel, key);
	}

	async close() {
		await this.local.close();
		await this.subscriber?.quit().catch(() => undefined);
		await this.publisher.quit().catch(() => undefined);
	}
}

/**
 * Every id a webhook body names, for waking: string values up to a few levels deep, and the last
 * path segment of each (`models/x/operations/abc` also wakes `abc`). Bounded for hostile bodies.
 */
export function idsNamedIn(body: unknown, limit = 64): string[] {
	const found = new Set<string>();
	const visit = (value: unknown, depth: number) => {
		if (found.size >= limit || depth > 5) return;
		if (typeof value === 'string') {
			if (value.length === 0 || value.length > 512) return;
			found.add(value);
			// `models/x/operations/abc` → `abc`; `https://…/files/f1:download?alt=media` → `f1`.
			const last = value.split(/[?#]/)[0].split('/').filter(Boolean).pop()?.split(':')[0];
			if (last && last !== value) found.add(last);
		} else if (Array.isArray(value)) {
			for (const item of value.slice(0, 32)) visit(item, depth + 1);
		} else if (value && typeof value === 'object') {
			for (const item of Object.values(value).slice(0, 64)) visit(item, depth + 1);
		}
	};
	visit(body, 0);
	return [...found].slice(0, limit);
}

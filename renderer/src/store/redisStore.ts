import type Redis from 'ioredis';
import { guarded, requestConnection } from './redisConnections';
import type { Collection, ListOptions, Store } from './store';

const WHAT = 'job store (Redis)';

/**
 * Records in one hash per collection, ids in a sorted set (all scores 0, so ZRANGEBYLEX orders by id
 * and gives cursor pagination). Updates use WATCH/MULTI so two processes never lose each other's write.
 */
class RedisCollection<T> implements Collection<T> {
	constructor(
		private readonly redis: Redis,
		private readonly tx: TransactionConnection,
		private readonly hashKey: string,
		private readonly indexKey: string,
	) {}

	get(id: string) {
		return guarded(this.redis, WHAT, async () => {
			const raw = await this.redis.hget(this.hashKey, id);
			return raw === null ? undefined : (JSON.parse(raw) as T);
		});
	}

	put(id: string, value: T) {
		return guarded(this.redis, WHAT, async () => {
			await this.redis
				.multi()
				.hset(this.hashKey, id, JSON.stringify(value))
				.zadd(this.indexKey, 0, id)
				.exec();
		});
	}

	create(id: string, value: T) {
		return guarded(this.redis, WHAT, async () => {
			const created = await this.redis.hsetnx(this.hashKey, id, JSON.stringify(value));
			if (created) await this.redis.zadd(this.indexKey, 0, id);
			return created === 1;
		});
	}

	delete(id: string) {
		return guarded(this.redis, WHAT, async () => {
			const [[, removed]] = (await this.redis
				.multi()
				.hdel(this.hashKey, id)
				.zrem(this.indexKey, id)
				.exec()) as [[Error | null, number]];
			return removed === 1;
		});
	}

	list({ prefix, before, limit }: ListOptions) {
		return guarded(this.redis, WHAT, async () => {
			const max = before ? `(${before}` : prefix ? `(${prefix}\xff` : '+';
			const min = prefix ? `[${prefix}` : '-';
			const ids = await this.redis.zrevrangebylex(this.indexKey, max, min, 'LIMIT', 0, limit);
			if (ids.length === 0) return [];
			const raws = await this.redis.hmget(this.hashKey, ...ids);
			return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as T);
		});
	}

	count(prefix: string) {
		return guarded(this.redis, WHAT, () =>
			this.redis.zlexcount(this.indexKey, `[${prefix}`, `(${prefix}\xff`),
		);
	}

	update(id: string, change: (current: T) => T) {
		// Optimistic transaction: retry when another client wrote the hash between read and write.
		return this.tx.run(async (conn) => {
			for (let attempt = 0; attempt < 50; attempt++) {
				await conn.watch(this.hashKey);
				const raw = await conn.hget(this.hashKey, id);
				if (raw === null) {
					await conn.unwatch();
					return undefined;
				}
				const next = change(JSON.parse(raw) as T);
				const result = await conn.multi().hset(this.hashKey, id, JSON.stringify(next)).exec();
				if (result) return next;
			}
			throw new Error(`could not update ${this.hashKey}/${id}: too much contention`);
		});
	}
}

/**
 * WATCH belongs to a connection, so transactions get their own connection and run one at a time
 * in this process; other processes are kept honest by WATCH itself.
 */
class TransactionConnection {
	private tail: Promise<unknown> = Promise.resolve();
	constructor(readonly conn: Redis) {}
	run<T>(work: (conn: Redis) => Promise<T>): Promise<T> {
		const next = this.tail.then(() => guarded(this.conn, WHAT, () => work(this.conn)));
		this.tail = next.catch(() => undefined);
		return next;
	}
}

export class RedisStore implements Store {
	readonly kind = 'redis' as const;
	readonly redis: Redis;

	constructor(
		url: string,
		private readonly prefix = 'rf',
	) {
		// A request's Redis calls fail fast while Redis is down (503), see redisConnections.ts.
		this.redis = requestConnection(url);
		this.tx = new TransactionConnection(requestConnection(url));
		// Connection errors are reported per command (503); the events only need a listener.
		this.redis.on('error', () => undefined);
		this.tx.conn.on('error', () => undefined);
	}

	private readonly tx: TransactionConnection;

	collection<T>(name: string): Collection<T> {
		return new RedisCollection<T>(
			this.redis,
			this.tx,
			`${this.prefix}:c:${name}`,
			`${this.prefix}:i:${name}`,
		);
	}

	incr(counter: string, by: number, ttlSeconds: number) {
		const key = `${this.prefix}:n:${counter}`;
		return guarded(this.redis, WHAT, async () => {
			const [[, value]] = (await this.redis
				.multi()
				.incrby(key, by)
				.expire(key, ttlSeconds, 'NX')
				.exec()) as [[Error | null, number]];
			return value;
		});
	}

	async ready() {
		try {
			return (await guarded(this.redis, WHAT, () => this.redis.ping())) === 'PONG';
		} catch {
			return false;
		}
	}

	async close() {
		await this.tx.conn.quit().catch(() => this.tx.conn.disconnect());
		await this.redis.quit().catch(() => this.redis.disconnect());
	}
}

import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { KeyedLocks } from './keyedLocks';
import { guarded, requestConnection } from './redisConnections';
import type { Collection, ListOptions, Store } from './store';

const WHAT = 'job store (Redis)';

/**
 * Writes a record only if it is still what the writer read (compared by SHA-1 of the stored JSON):
 * 1 written, 0 changed since (read again), -1 deleted since. Per record, so updates of different
 * records never contend, and on the ordinary connection (no WATCH, no connection of its own).
 */
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return -1 end
if redis.sha1hex(current) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

type ScriptedRedis = Redis & {
	reelforgeCompareAndSet(key: string, id: string, sha1: string, next: string): Promise<number>;
};

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Records in one hash per collection, ids in a sorted set (all scores 0, so ZRANGEBYLEX orders by id
 * and gives cursor pagination). Updates are optimistic per record (COMPARE_AND_SET), so two
 * processes never lose each other's write and updates of different records do not wait on each other.
 */
class RedisCollection<T> implements Collection<T> {
	constructor(
		private readonly redis: ScriptedRedis,
		private readonly locks: KeyedLocks,
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
		// Updates of one record from this process wait for each other (they would only collide);
		// other processes' are caught by the compare-and-set.
		return this.locks.run(`${this.hashKey}\u0000${id}`, () => this.compareAndSetLoop(id, change));
	}

	private async compareAndSetLoop(id: string, change: (current: T) => T) {
		// Optimistic: read, change, write if nobody wrote this record in between; else again.
		for (let attempt = 0; attempt < 100; attempt++) {
			const raw = await guarded(this.redis, WHAT, () => this.redis.hget(this.hashKey, id));
			if (raw === null) return undefined;
			const next = change(JSON.parse(raw) as T);
			const written = await guarded(this.redis, WHAT, () =>
				this.redis.reelforgeCompareAndSet(this.hashKey, id, sha1(raw), JSON.stringify(next)),
			);
			if (written === 1) return next;
			if (written === -1) return undefined;
			// Another process won the race: step back a random, growing moment, so that two writers
			// in lock-step do not keep colliding (and one of them keep losing) until it gives up.
			await new Promise((resolve) =>
				setTimeout(resolve, Math.random() * Math.min(64, 2 ** attempt)),
			);
		}
		throw new Error(`could not update ${this.hashKey}/${id}: too much contention`);
	}
}

export class RedisStore implements Store {
	readonly kind = 'redis' as const;
	readonly redis: Redis;
	private readonly scripted: ScriptedRedis;
	private readonly locks = new KeyedLocks();

	constructor(
		url: string,
		private readonly prefix = 'rf',
	) {
		// A request's Redis calls fail fast while Redis is down (503), see redisConnections.ts.
		this.redis = requestConnection(url);
		this.redis.defineCommand('reelforgeCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
		this.scripted = this.redis as ScriptedRedis;
		// Connection errors are reported per command (503); the events only need a listener.
		this.redis.on('error', () => undefined);
	}

	collection<T>(name: string): Collection<T> {
		return new RedisCollection<T>(
			this.scripted,
			this.locks,
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
		await this.redis.quit().catch(() => this.redis.disconnect());
	}
}

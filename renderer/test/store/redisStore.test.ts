/**
 * The Redis store's read-modify-write against a real redis-server: two stores on their own
 * connections stand in for two processes (API and worker). No update is lost, updates of different
 * records do not wait on each other, a record deleted mid-update is not brought back, and records
 * stay where existing data has them (one hash per collection, ids in a sorted set).
 */
import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redisStore';

interface Counter {
	n: number;
	by: string[];
}

const url = process.env.REDIS_TEST_URL!;

describe('RedisStore.update', () => {
	const prefix = `rfstore${Date.now()}`;
	const a = new RedisStore(url, prefix);
	const b = new RedisStore(url, prefix);
	const raw = new Redis(url);
	afterAll(async () => {
		const keys = await raw.keys(`${prefix}:*`);
		if (keys.length) await raw.del(...keys);
		await Promise.all([a.close(), b.close(), raw.quit()]);
	});

	it('loses no update when two processes change the same record at once', async () => {
		const left = a.collection<Counter>('counters');
		const right = b.collection<Counter>('counters');
		await left.put('c1', { n: 0, by: [] });
		const bump = (side: 'a' | 'b') => (c: Counter) => ({ n: c.n + 1, by: [...c.by, side] });
		await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				i % 2 ? left.update('c1', bump('a')) : right.update('c1', bump('b')),
			),
		);
		const final = await left.get('c1');
		expect(final?.n).toBe(100);
		expect(final?.by.filter((s) => s === 'a')).toHaveLength(50);
		expect(final?.by.filter((s) => s === 'b')).toHaveLength(50);
	});

	it('updates different records independently, each applying its change once', async () => {
		const docs = a.collection<Counter>('many');
		const ids = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`);
		await Promise.all(ids.map((id) => docs.put(id, { n: 0, by: [] })));
		const calls = new Map<string, number>();
		await Promise.all(
			ids.map((id) =>
				b.collection<Counter>('many').update(id, (c) => {
					calls.set(id, (calls.get(id) ?? 0) + 1);
					return { ...c, n: c.n + 1 };
				}),
			),
		);
		// Nobody else wrote these records: each change ran exactly once (no retry from contention).
		expect([...calls.values()].every((n) => n === 1)).toBe(true);
		for (const doc of await docs.list({ limit: 100 })) expect(doc.n).toBe(1);
	});

	it('answers undefined for a missing record and does not bring back one deleted mid-update', async () => {
		const docs = a.collection<Counter>('gone');
		expect(await docs.update('never', (c) => c)).toBeUndefined();
		await docs.put('x', { n: 1, by: [] });
		const result = await docs.update('x', (c) => {
			// Another process deletes the record between this read and the write.
			void b.collection<Counter>('gone').delete('x');
			return { ...c, n: c.n + 1 };
		});
		// The delete may land before or after the write; either way nothing half-done stays.
		const after = await docs.get('x');
		if (result === undefined) expect(after).toBeUndefined();
		else expect(after === undefined || after.n === 2).toBe(true);
		await new Promise((r) => setTimeout(r, 50));
		expect(await docs.get('x')).toBeUndefined();
	});

	it('reads and updates records written in the existing layout (hash + sorted-set index)', async () => {
		await raw
			.multi()
			.hset(`${prefix}:c:legacy`, 'old1', JSON.stringify({ n: 7, by: ['before'] }))
			.zadd(`${prefix}:i:legacy`, 0, 'old1')
			.exec();
		const docs = b.collection<Counter>('legacy');
		const updated = await docs.update('old1', (c) => ({ ...c, n: c.n + 1 }));
		expect(updated).toEqual({ n: 8, by: ['before'] });
		expect(JSON.parse((await raw.hget(`${prefix}:c:legacy`, 'old1'))!)).toEqual(updated);
		expect(await docs.list({ limit: 10 })).toEqual([updated]);
	});
});

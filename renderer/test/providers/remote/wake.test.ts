/**
 * Waking poll loops: across processes through the real Redis (the API receives a provider's
 * webhook, a worker elsewhere is polling), and the ids a webhook body may name.
 */
import { randomBytes } from 'node:crypto';
import { idsNamedIn, RedisWakeBus, wakeKey } from '../../../src/providers/remote/wake';

describe('wake bus', () => {
	it('wakes a listener in another process through Redis, and only for its key', async () => {
		const prefix = `t${randomBytes(4).toString('hex')}`;
		const worker = new RedisWakeBus(process.env.REDIS_TEST_URL!, prefix);
		const api = new RedisWakeBus(process.env.REDIS_TEST_URL!, prefix);
		const other = new RedisWakeBus(process.env.REDIS_TEST_URL!, `${prefix}x`);
		try {
			const woken: string[] = [];
			worker.subscribe(wakeKey('gemini', 'op-1'), () => woken.push('op-1'));
			worker.subscribe(wakeKey('gemini', 'op-2'), () => woken.push('op-2'));
			other.subscribe(wakeKey('gemini', 'op-1'), () => woken.push('other deployment'));
			await new Promise((r) => setTimeout(r, 200)); // the subscriptions reach Redis
			await api.publish(wakeKey('gemini', 'op-1'));
			for (let i = 0; i < 50 && !woken.length; i++) await new Promise((r) => setTimeout(r, 20));
			await new Promise((r) => setTimeout(r, 100));
			expect(woken).toEqual(['op-1']);
		} finally {
			await Promise.all([worker.close(), api.close(), other.close()]);
		}
	});

	it('reads the ids a webhook body names, with their last path segment, within bounds', () => {
		expect(
			idsNamedIn({
				name: 'models/veo-3.1-generate-preview/operations/abc123',
				video_uri: 'https://x/v1beta/files/f1:download?alt=media',
			}),
		).toEqual([
			'models/veo-3.1-generate-preview/operations/abc123',
			'abc123',
			'https://x/v1beta/files/f1:download?alt=media',
			'f1',
		]);
		const hostile = {
			a: Array.from({ length: 1000 }, (_, i) => `id-${i}`),
			deep: { b: { c: { d: { e: { f: { g: 'too deep' } } } } } },
		};
		const ids = idsNamedIn(hostile);
		expect(ids.length).toBeLessThanOrEqual(64);
		expect(ids).not.toContain('too deep');
		expect(idsNamedIn('x'.repeat(10_000))).toEqual([]);
	});
});

import { KeyService } from '../../src/auth/keys';
import { AllowList } from '../../src/net/addresses';
import { Outbound } from '../../src/net/outbound';
import { RedisStore } from '../../src/store/redisStore';
import { createWebhookService } from '../../src/webhooks/service';
import { completedRender } from './support/fixtures';
import { eventually, WebhookReceiver } from './support/webhookReceiver';

/**
 * `reelforge api` and N `reelforge worker` processes share one Redis and each runs a due loop.
 * Two services on two connections stand in for two processes: every attempt must go out once.
 */
test('two processes sharing Redis send each attempt exactly once', async () => {
	const prefix = `rfwhshared${Date.now()}`;
	const storeA = new RedisStore(process.env.REDIS_TEST_URL!, prefix);
	const storeB = new RedisStore(process.env.REDIS_TEST_URL!, prefix);
	const receiver = new WebhookReceiver();
	await receiver.start();
	const config = { webhookRetrySchedule: [100], publicUrl: 'http://reelforge.test' };
	// Two processes' webhook services, each on its own connection to the one store.
	const [a, b] = [storeA, storeB].map((store) =>
		createWebhookService({
			store,
			keys: new KeyService(store, ['pro']),
			outbound: new Outbound({ allow: AllowList.parse('127.0.0.1') }),
			config,
			log: () => undefined,
			pollIntervalMs: 10,
			timeoutMs: 2000,
		}),
	);
	try {
		const { record: key, webhookSecret } = await new KeyService(storeA, ['pro']).create('pro');
		receiver.trust(webhookSecret);
		const events = 20;
		receiver.failFirstAttemptWith = 500; // every first attempt fails, so retries race between A and B
		a.start();
		b.start();
		for (let i = 0; i < events; i++) {
			await a.emit('render.completed', {
				keyId: key.id,
				render: completedRender(
					key.id,
					{},
					{ webhook: { url: receiver.url, events: ['render.completed'] } },
				),
			});
		}
		await eventually(() => receiver.received.length >= events * 2, 15000, 'all retries');
		await new Promise((r) => setTimeout(r, 300));
		const perId = new Map<string, number[]>();
		for (const hit of receiver.received) {
			const id = String(hit.headers['webhook-id']);
			perId.set(id, [...(perId.get(id) ?? []), hit.status]);
			expect(hit.verified).toBeDefined();
		}
		expect(perId.size).toBe(events);
		for (const statuses of perId.values()) expect(statuses).toEqual([500, 200]);
	} finally {
		await a.stop();
		await b.stop();
		await receiver.stop();
		await storeA.close();
		await storeB.close();
	}
});

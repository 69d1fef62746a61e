import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AllowList } from '../../src/net/addresses';
import { Outbound } from '../../src/net/outbound';
import { FileStore } from '../../src/store/fileStore';
import type { Delivery } from '../../src/webhooks/delivery';
import { DeliveryDispatcher } from '../../src/webhooks/dispatcher';
import { eventually, WebhookReceiver } from './support/webhookReceiver';

test('the due loop pages through every pending delivery, oldest included', async () => {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-dispatcher-'));
	const receiver = new WebhookReceiver();
	await receiver.start();
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	receiver.trust(secret);
	receiver.failFirstAttemptWith = 503;
	const dispatcher = new DeliveryDispatcher({
		store: new FileStore(dir),
		outbound: new Outbound({ allow: AllowList.parse('127.0.0.1') }),
		retrySchedule: [0],
		secretFor: async () => ({ secret }),
		onGone: async () => undefined,
		log: () => undefined,
		pollIntervalMs: 1000,
		timeoutMs: 2000,
		pageSize: 2,
	});
	try {
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			const now = new Date().toISOString();
			const id = `msg_${String(i).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
			ids.push(id);
			const delivery: Delivery = {
				id,
				object: 'delivery',
				keyId: 'key_x',
				renderId: 'rnd_paging',
				eventType: 'render.completed',
				url: receiver.url,
				recipient: { kind: 'spec' },
				payload: JSON.stringify({ type: 'render.completed', timestamp: now, data: { n: i } }),
				status: 'pending',
				attempts: [],
				nextAttemptAt: now,
				createdAt: now,
				updatedAt: now,
			};
			await dispatcher.enqueue(delivery);
		}
		await eventually(
			async () => (await dispatcher.ofRender('rnd_paging')).every((d) => d.attempts.length === 1),
			5000,
			'the first attempts',
		);
		expect(await dispatcher.runDue()).toBe(5); // three pages of two
		const log = await dispatcher.ofRender('rnd_paging');
		expect(log.map((d) => d.id)).toEqual(ids);
		expect(
			log.every(
				(d) => d.status === 'delivered' && d.attempts.map((a) => a.statusCode).join() === '503,200',
			),
		).toBe(true);
	} finally {
		await dispatcher.stop();
		await receiver.stop();
		await fs.rm(dir, { recursive: true, force: true });
	}
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KeyService } from '../../src/auth/keys';
import { AllowList } from '../../src/net/addresses';
import { Outbound } from '../../src/net/outbound';
import { FileStore } from '../../src/store/fileStore';
import { RedisStore } from '../../src/store/redisStore';
import type { Store } from '../../src/store/store';
import { createWebhookService, type WebhookService } from '../../src/webhooks/service';
import { completedRender } from './support/fixtures';
import { eventually, WebhookReceiver } from './support/webhookReceiver';

const log = () => undefined;
// The receivers listen on loopback, which an operator opens with REELFORGE_FETCH_ALLOW.
const outbound = new Outbound({ allow: AllowList.parse('127.0.0.1') });

type StoreFactory = { name: string; open: () => Promise<Store>; cleanup: () => Promise<void> };

function fileStores(): StoreFactory {
	let dir = '';
	return {
		name: 'file store',
		open: async () => {
			dir ||= await fs.mkdtemp(path.join(os.tmpdir(), 'rf-webhooks-'));
			return new FileStore(dir);
		},
		cleanup: async () => {
			if (dir) await fs.rm(dir, { recursive: true, force: true });
			dir = '';
		},
	};
}

function redisStores(): StoreFactory {
	let prefix = '';
	return {
		name: 'redis store',
		open: async () => {
			prefix ||= `rfwh${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
			return new RedisStore(process.env.REDIS_TEST_URL!, prefix);
		},
		cleanup: async () => {
			prefix = '';
		},
	};
}

describe.each([fileStores(), redisStores()])('webhook service on the $name', (stores) => {
	let store: Store;
	let keys: KeyService;
	let receiver: WebhookReceiver;
	const services: WebhookService[] = [];
	const openStores: Store[] = [];

	const service = (retry: number[] = [60, 60]) => {
		const s = createWebhookService({
			store,
			keys,
			outbound,
			config: { webhookRetrySchedule: retry, publicUrl: 'http://reelforge.test' },
			log,
			pollIntervalMs: 20,
			timeoutMs: 2000,
		});
		services.push(s);
		return s;
	};

	beforeEach(async () => {
		store = await stores.open();
		openStores.push(store);
		keys = new KeyService(store, ['free', 'pro']);
		receiver = new WebhookReceiver();
		await receiver.start();
	});

	afterEach(async () => {
		for (const s of services.splice(0)) await s.stop();
		await receiver.stop();
		for (const s of openStores.splice(0)) await s.close();
		await stores.cleanup();
	});

	test('the spec webhook receives render.completed signed with the key secret, and the delivery is logged', async () => {
		const { record: key, webhookSecret } = await keys.create('free');
		receiver.trust(webhookSecret);
		const webhooks = service();
		webhooks.start(); // the due loop races the first attempt; the lease lets only one of them send
		const render = completedRender(
			key.id,
			{},
			{ webhook: { url: `${receiver.url}/hooks/reel`, events: ['render.completed'] } },
		);

		await webhooks.emit('render.completed', { keyId: key.id, render });
		await eventually(() => receiver.received.length === 1, 5000, 'the delivery');
		await new Promise((r) => setTimeout(r, 150));
		expect(receiver.received).toHaveLength(1);

		const [hit] = receiver.received;
		expect(hit.path).toBe('/hooks/reel');
		expect(hit.secret).toBe(webhookSecret);
		expect(hit.headers['webhook-id']).toMatch(/^msg_/);
		expect(Math.abs(Number(hit.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
		expect(hit.verified).toMatchObject({
			type: 'render.completed',
			data: {
				render: {
					id: render.id,
					status: 'completed',
					outputs: { video: { url: `http://reelforge.test/v1/renders/${render.id}/content` } },
				},
			},
		});
		expect(JSON.stringify(hit.verified)).not.toContain('renders/' + render.id + '/video.mp4'); // storage keys stay inside

		const log = await eventually(async () => {
			const d = await webhooks.deliveriesOf(render.id);
			return d.length === 1 && d[0].status === 'delivered' ? d : undefined;
		});
		expect(log[0]).toMatchObject({
			id: hit.headers['webhook-id'],
			url: `${receiver.url}/hooks/reel`,
			eventType: 'render.completed',
			recipient: { kind: 'spec' },
		});
		expect(log[0].attempts).toHaveLength(1);
		expect(log[0].attempts[0].statusCode).toBe(200);
	});

	test('events the spec did not ask for are not sent to its webhook', async () => {
		const { record: key } = await keys.create('free');
		const webhooks = service();
		const render = completedRender(
			key.id,
			{ status: 'failed' },
			{ webhook: { url: receiver.url, events: ['render.completed'] } },
		);
		await webhooks.emit('render.failed', { keyId: key.id, render });
		expect(await webhooks.deliveriesOf(render.id)).toEqual([]);
	});

	test('subscriptions get the events they asked for, each signed with its own secret', async () => {
		const { record: key, webhookSecret } = await keys.create('pro');
		const webhooks = service();
		const completedOnly = await webhooks.subscriptions.create(key.id, {
			url: `${receiver.url}/a`,
			events: ['render.completed'],
		});
		const failedOnly = await webhooks.subscriptions.create(key.id, {
			url: `${receiver.url}/b`,
			events: ['render.failed'],
		});
		expect(completedOnly.secret).toMatch(/^whsec_/);
		expect(completedOnly.secret).not.toBe(webhookSecret);
		receiver.trust(completedOnly.secret).trust(failedOnly.secret);

		const render = completedRender(key.id);
		await webhooks.emit('render.completed', { keyId: key.id, render });
		await eventually(() => receiver.received.length >= 1);
		await new Promise((r) => setTimeout(r, 150));
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].path).toBe('/a');
		expect(receiver.received[0].secret).toBe(completedOnly.secret);

		// Another key's subscriptions never see this key's events.
		const { record: other } = await keys.create('free');
		expect(await webhooks.subscriptions.list(other.id)).toEqual([]);
		expect(await webhooks.subscriptions.get(other.id, completedOnly.id)).toBeUndefined();
	});

	test('a 500 is retried on schedule with the same webhook-id and a fresh valid signature', async () => {
		const { record: key, webhookSecret } = await keys.create('free');
		receiver.trust(webhookSecret);
		receiver.answers.push(500);
		const webhooks = service([80]);
		webhooks.start();
		const render = completedRender(
			key.id,
			{},
			{ webhook: { url: receiver.url, events: ['render.completed'] } },
		);
		await webhooks.emit('render.completed', { keyId: key.id, render });

		await eventually(() => receiver.received.length === 2, 5000, 'the retry');
		const [first, second] = receiver.received;
		expect(first.status).toBe(500);
		expect(second.status).toBe(200);
		expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
		expect(second.body).toBe(first.body);
		expect(second.verified).toBeDefined();

		const [delivery] = await eventually(async () => {
			const d = await webhooks.deliveriesOf(render.id);
			return d[0]?.status === 'delivered' ? d : undefined;
		});
		expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
		expect(delivery.attempts[0].responseSnippet).toBe('answer 500');
		expect(
			Date.parse(delivery.attempts[1].at) - Date.parse(delivery.attempts[0].at),
		).toBeGreaterThanOrEqual(70);
	});

	test('gives up after the schedule runs out and records why', async () => {
		const { record: key } = await keys.create('free');
		receiver.answers.push(503, 503, 503);
		const webhooks = service([30, 30]);
		webhooks.start();
		const render = completedRender(
			key.id,
			{},
			{ webhook: { url: receiver.url, events: ['render.completed'] } },
		);
		await webhooks.emit('render.completed', { keyId: key.id, render });
		const [delivery] = await eventually(async () => {
			const d = await webhooks.deliveriesOf(render.id);
			return d[0]?.status === 'failed' ? d : undefined;
		});
		expect(delivery.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503]);
		expect(delivery.failureReason).toBe('gave up after 3 attempts');
		expect(receiver.received).toHaveLength(3);
	});

	test('a network error is recorded and retried', async () => {
		const { record: key, webhookSecret } = await keys.create('free');
		receiver.trust(webhookSecret);
		const port = receiver.port;
		await receiver.stop(); // nothing listens on the port now
		const webhooks = service([150]);
		webhooks.start();
		const render = completedRender(
			key.id,
			{},
			{ webhook: { url: `http://127.0.0.1:${port}/late`, events: ['render.completed'] } },
		);
		await webhooks.emit('render.completed', { keyId: key.id, render });
		const [failed] = await eventually(async () => {
			const d = await webhooks.deliveriesOf(render.id);
			return d[0]?.attempts.length === 1 ? d : undefined;
		});
		expect(failed.attempts[0].statusCode).toBeUndefined();
		expect(failed.attempts[0].error).toMatch(/ECONNREFUSED/);
		await receiver.start(port);
		await eventually(
			() => receiver.received.length === 1,
			5000,
			'the retry after the receiver came back',
		);
		expect(receiver.received[0].verified).toBeDefined();
	});

	test('410 Gone disables the subscription and stops retries', async () => {
		const { record: key } = await keys.create('pro');
		const webhooks = service([30, 30]);
		webhooks.start();
		const subscription = await webhooks.subscriptions.create(key.id, {
			url: receiver.url,
			events: ['render.completed', 'render.failed'],
		});
		receiver.answers.push(410);
		const render = completedRender(key.id);
		await webhooks.emit('render.completed', { keyId: key.id, render });
		const [delivery] = await eventually(async () => {
			const d = await webhooks.deliveriesOf(render.id);
			return d[0]?.status === 'failed' ? d : undefined;
		});
		expect(delivery.failureReason).toMatch(/410/);
		const disabled = await webhooks.subscriptions.get(key.id, subscription.id);
		expect(disabled?.disabledAt).toBeDefined();

		await webhooks.emit('render.failed', {
			keyId: key.id,
			render: { ...render, status: 'failed' },
		});
		await new Promise((r) => setTimeout(r, 150));
		expect(receiver.received).toHaveLength(1);
	});

	test('a pending delivery survives a restart: a new service on the same store delivers it', async () => {
		const { record: key, webhookSecret } = await keys.create('free');
		receiver.trust(webhookSecret);
		receiver.answers.push(500);
		const first = service([400]);
		const render = completedRender(
			key.id,
			{},
			{ webhook: { url: receiver.url, events: ['render.completed'] } },
		);
		await first.emit('render.completed', { keyId: key.id, render });
		await eventually(async () => (await first.deliveriesOf(render.id))[0]?.attempts.length === 1);
		await first.stop(); // the process goes away with the retry still pending

		const reopened = await stores.open();
		openStores.push(reopened);
		const second = createWebhookService({
			store: reopened,
			keys: new KeyService(reopened, ['free', 'pro']),
			outbound,
			config: { webhookRetrySchedule: [400], publicUrl: 'http://reelforge.test' },
			log,
			pollIntervalMs: 20,
			timeoutMs: 2000,
		});
		services.push(second);
		expect(await second.runDue()).toBe(0); // not due yet: the schedule is kept across the restart
		second.start();
		await eventually(() => receiver.received.length === 2, 5000, 'the delivery after the restart');
		expect(receiver.received[1].headers['webhook-id']).toBe(
			receiver.received[0].headers['webhook-id'],
		);
		const [delivery] = await eventually(async () => {
			const d = await second.deliveriesOf(render.id);
			return d[0]?.status === 'delivered' ? d : undefined;
		});
		expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
	});

	test('a spec webhook pointing at a link-local address is refused without a request', async () => {
		const { record: key } = await keys.create('free');
		const webhooks = service();
		const render = completedRender(
			key.id,
			{},
			{
				webhook: { url: 'http://169.254.169.254/latest/meta-data/', events: ['render.completed'] },
			},
		);
		await webhooks.emit('render.completed', { keyId: key.id, render });
		const [delivery] = await eventually(async () => {
			const d = await webhooks.deliveriesOf(render.id);
			return d[0]?.status === 'failed' ? d : undefined;
		});
		expect(delivery.attempts).toEqual([]);
		expect(delivery.failureReason).toMatch(/^refused: url_forbidden: .*link-local/);
	});

	test('subscriptions only accept http(s) URLs and known events', async () => {
		const { record: key } = await keys.create('free');
		const webhooks = service();
		await expect(
			webhooks.subscriptions.create(key.id, {
				url: 'file:///etc/passwd',
				events: ['render.completed'],
			}),
		).rejects.toMatchObject({ statusCode: 400, details: [{ path: '/url' }] });
		await expect(
			webhooks.subscriptions.create(key.id, {
				url: 'http://example.test',
				events: ['render.exploded'],
			}),
		).rejects.toMatchObject({ statusCode: 400, details: [{ path: '/events/0' }] });
		await expect(
			webhooks.subscriptions.create(key.id, { url: 'http://169.254.169.254/latest/meta-data/' }),
		).rejects.toMatchObject({
			statusCode: 422,
			code: 'url_forbidden',
			details: [{ path: '/url', message: expect.stringMatching(/link-local/) }],
		});
		const created = await webhooks.subscriptions.create(key.id, {
			url: 'https://example.test/hook',
		});
		expect(created.events).toEqual(['render.completed', 'render.failed']);
		expect(await webhooks.subscriptions.delete(key.id, created.id)).toBe(true);
		expect(await webhooks.subscriptions.list(key.id)).toEqual([]);
	});
});

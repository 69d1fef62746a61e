/**
 * Revoking an API key stops what it set going: its running render is aborted (canceled with
 * `key_revoked`, quota released), its queued renders are canceled by `reelforge keys revoke`, and
 * its subscriptions' pending deliveries are refused. Real service, real worker, real receiver.
 */
import fs from 'node:fs/promises';
import { runKeys } from '../../src/cli/keys';
import { createTestPatternProvider } from '../../src/providers/testpattern';
import { createGateProvider } from '../support/fixtureProviders';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { eventually, WebhookReceiver } from '../webhooks/support/webhookReceiver';

const spec = (provider: string) => ({
	provider,
	prompt: 'revocation test',
	durationSeconds: 1,
	output: { width: 160, height: 96, fps: 10, quality: 'draft' },
	provenance: { c2pa: false },
});

describe('revoking a key', () => {
	let r: RunningRenderer;
	const gate = createGateProvider();
	// A second gate under another provider id: it holds the worker while a render waits behind it.
	const hold = createGateProvider();
	const holdProvider = {
		...hold.provider,
		id: 'hold',
		capabilities: () => ({ ...hold.provider.capabilities(), id: 'hold', displayName: 'hold' }),
	};
	const receiver = new WebhookReceiver();

	beforeAll(async () => {
		await receiver.start();
		r = await startRenderer({
			overrides: {
				providers: [createTestPatternProvider(), gate.provider, holdProvider],
				moderator: null,
				signer: null,
			},
			env: {
				// The receiver is on loopback (opened as an operator would); a slow retry leaves time to revoke.
				REELFORGE_FETCH_ALLOW: '127.0.0.1',
				REELFORGE_WEBHOOK_RETRY_MS: '4000',
			},
		});
	});
	afterAll(async () => {
		gate.release();
		hold.release();
		await r.close();
		await receiver.stop();
	});

	async function newKey() {
		const created = await r.services.keys.create('pro', 'to revoke');
		return {
			url: r.url,
			apiKey: created.key,
			keyId: created.record.id,
			secret: created.webhookSecret,
		};
	}

	it('stops its running render within seconds: canceled with key_revoked, worker freed, quota released', async () => {
		const key = await newKey();
		const render = await api(key, 'POST', '/v1/renders', spec('gate'));
		expect(render.status).toBe(201);
		await waitForStatus(key, render.json.id, ['rendering']);
		expect(
			(await r.services.quotas.usage(await r.services.keys.get(key.keyId).then((k) => k!)))
				.concurrentJobs,
		).toBe(1);

		const revokedAt = Date.now();
		await r.services.keys.revoke(key.keyId);
		const stopped = await eventually(
			async () => {
				const record = await r.services.renders.records.get(render.json.id);
				return record?.status === 'canceled' ? record : undefined;
			},
			10_000,
			'the running render to stop',
		);
		expect(Date.now() - revokedAt).toBeLessThan(5000);
		expect(stopped.error).toMatchObject({ code: 'key_revoked' });
		// Releasing the provider afterwards does not bring it back.
		gate.release();
		await new Promise((res) => setTimeout(res, 500));
		expect((await r.services.renders.records.get(render.json.id))!.status).toBe('canceled');
		expect(
			(await r.services.quotas.usage((await r.services.keys.get(key.keyId))!)).concurrentJobs,
		).toBe(0);
		// The key itself is locked out.
		expect((await api(key, 'GET', '/v1/usage')).status).toBe(401);
	});

	it('`reelforge keys revoke` cancels its queued renders at once and says how many', async () => {
		const key = await newKey();
		const other = await newKey();
		// Another key's render holds the only worker slot, so this key's render waits in the queue.
		const held = await api(other, 'POST', '/v1/renders', spec('hold'));
		await waitForStatus(other, held.json.id, ['rendering']);
		const queued = await api(key, 'POST', '/v1/renders', spec('testpattern'));
		expect(queued.status).toBe(201);

		const saved = process.env.REELFORGE_DATA_DIR;
		process.env.REELFORGE_DATA_DIR = r.dataDir;
		let out = '';
		const write = jest
			.spyOn(process.stdout, 'write')
			.mockImplementation((chunk: string | Uint8Array) => ((out += chunk.toString()), true));
		try {
			expect(await runKeys(['revoke', key.keyId])).toBe(0);
		} finally {
			write.mockRestore();
			process.env.REELFORGE_DATA_DIR = saved;
		}
		expect(out).toContain(`revoked ${key.keyId}; stopped 1 unfinished render(s)`);
		const record = (await r.services.renders.records.get(queued.json.id))!;
		expect(record).toMatchObject({ status: 'canceled', error: { code: 'key_revoked' } });

		// When the worker comes to it, it is not rendered; the other key's render is untouched.
		hold.release();
		expect((await waitForStatus(other, held.json.id, ['completed', 'failed'])).status).toBe(
			'completed',
		);
		await new Promise((res) => setTimeout(res, 500));
		expect((await r.services.renders.records.get(queued.json.id))!.status).toBe('canceled');
	});

	it("refuses its subscriptions' pending deliveries, and sends nothing new", async () => {
		const key = await newKey();
		receiver.trust(key.secret);
		const subscription = await api(key, 'POST', '/v1/webhooks', {
			url: `${receiver.url}/revoked`,
			events: ['render.completed'],
		});
		expect(subscription.status).toBe(201);
		receiver.trust(subscription.json.secret);
		receiver.failFirstAttemptWith = 503;
		const render = await api(key, 'POST', '/v1/renders', spec('testpattern'));
		await waitForStatus(key, render.json.id, ['completed']);
		// The first attempt failed; the retry is due in 4 s. The key is revoked before it.
		await eventually(
			() => receiver.received.some((w) => w.path === '/revoked'),
			10_000,
			'the first attempt',
		);
		await r.services.keys.revoke(key.keyId);
		const [delivery] = await eventually(
			async () => {
				const deliveries = await r.services.webhooks.deliveriesOf(render.json.id);
				return deliveries[0]?.status === 'failed' ? deliveries : undefined;
			},
			15_000,
			'the retry to be refused',
		);
		expect(delivery.failureReason).toBe('the API key was revoked');
		expect(delivery.attempts).toHaveLength(1);
		expect(receiver.received.filter((w) => w.path === '/revoked')).toHaveLength(1);

		// An event of the revoked key now creates no delivery at all.
		const record = (await r.services.renders.records.get(render.json.id))!;
		await r.services.webhooks.emit('render.completed', {
			keyId: key.keyId,
			render: { ...record, id: 'rnd_after' },
		});
		expect(await r.services.webhooks.deliveriesOf('rnd_after')).toEqual([]);
		receiver.failFirstAttemptWith = undefined;
	}, 60_000);

	it('leaves no scratch folder behind', async () => {
		const entries = await fs.readdir(`${r.dataDir}/tmp`).catch(() => []);
		expect(entries).toEqual([]);
	});
});

import { api, startRenderer, testCard, type RunningRenderer } from '../support/renderer';
import { eventually, WebhookReceiver } from './support/webhookReceiver';

describe('webhook subscription API', () => {
	let r: RunningRenderer;
	const receiver = new WebhookReceiver();

	beforeAll(async () => {
		await receiver.start();
		// The receivers listen on loopback: opened on purpose, as an operator would for n8n.
		r = await startRenderer({
			overrides: { moderator: null },
			env: { REELFORGE_FETCH_ALLOW: '127.0.0.1' },
		});
	});

	afterAll(async () => {
		await r.close();
		await receiver.stop();
	});

	test('create, read (with secret), list (without), delete; another key sees nothing', async () => {
		const bad = await api(r, 'POST', '/v1/webhooks', {
			url: 'file:///etc/passwd',
			events: ['render.done'],
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(
			expect.arrayContaining(['/url', '/events/0']),
		);

		const created = await api(r, 'POST', '/v1/webhooks', {
			url: `${receiver.url}/n8n`,
			events: ['render.completed'],
		});
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({
			id: expect.stringMatching(/^whk_/),
			url: `${receiver.url}/n8n`,
			events: ['render.completed'],
			secret: expect.stringMatching(/^whsec_/),
		});
		const id = created.json.id;
		expect((await api(r, 'GET', `/v1/webhooks/${id}`)).json.secret).toBe(created.json.secret);
		const list = await api(r, 'GET', '/v1/webhooks');
		expect(list.json.data).toEqual([expect.objectContaining({ id, url: `${receiver.url}/n8n` })]);
		expect(list.json.data[0].secret).toBeUndefined();

		const other = { url: r.url, apiKey: (await r.services.keys.create('free')).key };
		expect((await api(other, 'GET', `/v1/webhooks/${id}`)).status).toBe(404);
		expect((await api(other, 'DELETE', `/v1/webhooks/${id}`)).status).toBe(404);
		expect((await api(other, 'GET', '/v1/webhooks')).json.data).toEqual([]);

		expect((await api(r, 'DELETE', `/v1/webhooks/${id}`)).status).toBe(204);
		expect((await api(r, 'GET', `/v1/webhooks/${id}`)).status).toBe(404);
	});

	test('a subscription hears a real render finish, signed with its own secret', async () => {
		const created = (
			await api(r, 'POST', '/v1/webhooks', {
				url: `${receiver.url}/sub`,
				events: ['render.completed', 'render.failed'],
			})
		).json;
		receiver.trust(created.secret);
		const render = (await api(r, 'POST', '/v1/renders', testCard())).json;
		const hit = await eventually(
			() => receiver.received.find((h) => h.path === '/sub'),
			60000,
			'render.completed at the subscription',
		);
		expect(hit.secret).toBe(created.secret);
		expect(hit.verified).toMatchObject({
			type: 'render.completed',
			data: { render: { id: render.id, status: 'completed' } },
		});
		const log = (await api(r, 'GET', `/v1/renders/${render.id}/deliveries`)).json.data;
		expect(log[0]).toMatchObject({
			recipient: { kind: 'subscription', subscriptionId: created.id },
			eventType: 'render.completed',
		});
	});
});

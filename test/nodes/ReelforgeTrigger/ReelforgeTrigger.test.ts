import { ReelforgeTrigger } from '../../../nodes/ReelforgeTrigger/ReelforgeTrigger.node';
import { sign } from '../../../nodes/ReelforgeTrigger/actions/signature';
import {
	callHook,
	callWebhook,
	createRig,
	removeHarnessFolder,
	type Rig,
} from '../support/n8nHarness';
import { startCallbackServer, type CallbackServer } from '../support/callbackServer';
import { startTestRenderer } from '../support/renderer';
import { completedRender, renderApi } from '../support/renders';

jest.setTimeout(300_000);
type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('Reelforge Trigger against a real renderer', () => {
	let renderer: Renderer;
	let server: CallbackServer;
	let rig: Rig;
	beforeAll(async () => {
		renderer = await startTestRenderer();
		server = await startCallbackServer();
		rig = createRig({
			nodeType: new ReelforgeTrigger(),
			parameters: { events: ['render.published'] },
			credential: renderer.credential,
			baseUrl: server.baseUrl,
			webhookId: 'trigger-under-test',
		});
	});
	afterAll(async () => {
		await server?.close();
		await renderer?.close();
		removeHarnessFolder();
	});

	const subscriptions = async () =>
		(
			await renderApi<{ data: Array<{ id: string; url: string; events: string[] }> }>(
				renderer,
				'GET',
				'/v1/webhooks',
			)
		).json.data;
	const state = () =>
		rig.workflow.getStaticData('node', rig.node) as { webhookId?: string; webhookSecret?: string };

	it('registers its webhook on activation, fires on a real signed delivery, refuses forged ones, and unregisters', async () => {
		expect(await callHook(rig, 'checkExists')).toBe(false);
		expect(await callHook(rig, 'create')).toBe(true);
		const [registered] = await subscriptions();
		expect(registered).toMatchObject({ id: state().webhookId, events: ['render.published'] });
		expect(registered.url.startsWith(`${server.baseUrl}/webhook/`)).toBe(true);
		expect(state().webhookSecret).toMatch(/^whsec_/);
		expect(await callHook(rig, 'checkExists')).toBe(true);

		// A real event: publishing a render makes the renderer POST a signed render.published.
		const render = await completedRender(renderer, 'A lantern festival by the river');
		await renderApi(renderer, 'POST', `/v1/renders/${render.id}/publish`, {
			target: 'feed',
			visibility: 'public',
		});
		const delivery = await server.next((call) => call.path === new URL(registered.url).pathname);
		const fired = await callWebhook(rig, {
			body: delivery.body,
			rawBody: delivery.rawBody,
			headers: delivery.headers,
		});
		const [[item]] = fired.result.workflowData!;
		expect(item.json).toMatchObject({
			type: 'render.published',
			data: { render: { id: render.id } },
			webhookId: delivery.headers['webhook-id'],
		});

		// The same delivery with a changed body, or without a signature, is answered 401.
		const tamperedBody = Buffer.from(
			delivery.rawBody.toString('utf8').replace(render.id, 'rnd_someoneelse0'),
		);
		const tampered = await callWebhook(rig, {
			body: JSON.parse(tamperedBody.toString('utf8')),
			rawBody: tamperedBody,
			headers: delivery.headers,
		});
		expect(tampered.status).toBe(401);
		expect(tampered.result).toEqual({ noWebhookResponse: true });
		const unsigned = await callWebhook(rig, {
			body: delivery.body,
			rawBody: delivery.rawBody,
			headers: { 'content-type': 'application/json' },
		});
		expect(unsigned.status).toBe(401);

		// A correctly signed event the trigger was not set up for is acknowledged but starts nothing.
		const other = JSON.stringify({
			type: 'render.completed',
			timestamp: new Date().toISOString(),
			data: { render: { id: render.id } },
		});
		const now = String(Math.floor(Date.now() / 1000));
		const ignored = await callWebhook(rig, {
			body: JSON.parse(other),
			rawBody: Buffer.from(other),
			headers: {
				'webhook-id': 'msg_other',
				'webhook-timestamp': now,
				'webhook-signature': sign(state().webhookSecret!, 'msg_other', now, other),
			},
		});
		expect(ignored.result.workflowData).toBeUndefined();
		expect(ignored.result.webhookResponse).toEqual({ received: true, ignored: 'render.completed' });

		// Without the secret in static data (n8n's test-event mode) it is looked up on the renderer.
		const secret = state().webhookSecret;
		delete state().webhookSecret;
		const looked = await callWebhook(rig, {
			body: delivery.body,
			rawBody: delivery.rawBody,
			headers: delivery.headers,
		});
		expect(looked.result.workflowData?.[0][0].json.type).toBe('render.published');
		state().webhookSecret = secret;

		expect(await callHook(rig, 'delete')).toBe(true);
		expect(await subscriptions()).toEqual([]);
		expect(state().webhookId).toBeUndefined();
		expect(await callHook(rig, 'checkExists')).toBe(false);
	});
});

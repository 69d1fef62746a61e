import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import {
	callWebhook,
	createRig,
	executeRig,
	removeHarnessFolder,
	type Rig,
} from '../support/n8nHarness';
import { startCallbackServer, type CallbackServer } from '../support/callbackServer';
import { startTestRenderer, tinySpec } from '../support/renderer';
import { renderApi } from '../support/renders';

jest.setTimeout(300_000);
type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('Reelforge Generate, Wait for Webhook, against a real renderer', () => {
	let renderer: Renderer;
	let server: CallbackServer;
	let rig: Rig;
	beforeAll(async () => {
		renderer = await startTestRenderer();
		server = await startCallbackServer();
		rig = createRig({
			nodeType: new ReelforgeGenerate(),
			parameters: {
				specSource: 'input',
				specField: 'spec',
				waitMode: 'webhook',
				deadlineMinutes: 5,
				returnAs: 'url',
			},
			credential: renderer.credential,
			baseUrl: server.baseUrl,
		});
	});
	afterAll(async () => {
		await server?.close();
		await renderer?.close();
		removeHarnessFolder();
	});

	it('puts the execution to wait, hands the resume URL to every render, and resumes once the whole batch has ended', async () => {
		const started = Date.now();
		const prompts = ['an orange cat on a wall', 'a blue heron in reeds'];
		const { run, outputs, error } = await executeRig(
			rig,
			prompts.map((p) => ({ spec: tinySpec(p) })),
			{ executionId: 'exec-wait-1' },
		);
		expect(error).toBeUndefined();
		// n8n's own engine marked the execution as waiting until the deadline.
		const waitTill = new Date(run.waitTill ?? 0).getTime();
		expect(waitTill).toBeGreaterThan(started + 4 * 60_000);
		expect(waitTill).toBeLessThan(Date.now() + 5 * 60_000 + 1000);
		expect(outputs![0].map((i) => (i.json.spec as { prompt: string }).prompt)).toEqual(prompts);

		const resumePath = '/webhook-waiting/exec-wait-1';
		const listed = (
			await renderApi<{
				data: Array<{
					id: string;
					spec: { webhook?: { url: string }; metadata?: Record<string, string> };
				}>;
			}>(renderer, 'GET', '/v1/renders?limit=100')
		).json.data;
		expect(listed).toHaveLength(2);
		for (const render of listed) {
			// n8n's resume URL: this execution's waiting-webhook path, signed by n8n.
			expect(render.spec.webhook?.url).toMatch(
				new RegExp(`^${server.baseUrl}${resumePath}\\?signature=[0-9a-f]+$`),
			);
			expect(render.spec.metadata).toMatchObject({ 'n8n-batch-size': '2' });
		}

		// Each callback goes through the node's webhook(); only the one that finds the batch complete resumes.
		const results = [];
		for (let i = 0; i < 2; i++) {
			const call = await server.next((c) => c.path.startsWith(`${resumePath}?signature=`));
			results.push(
				await callWebhook(
					rig,
					{ body: call.body, headers: call.headers },
					{ executionId: 'exec-wait-1' },
				),
			);
		}
		const resumed = results.filter((r) => r.result.workflowData);
		expect(resumed.length).toBeGreaterThanOrEqual(1);
		const items = resumed[resumed.length - 1].result.workflowData![0];
		expect(items.map((i) => (i.json.spec as { prompt: string }).prompt)).toEqual(prompts);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of items) {
			expect(item.json.status).toBe('completed');
			expect(String(item.json.url)).toMatch(/\/v1\/renders\/rnd_[0-9a-z]+\/content$/);
		}
		for (const r of results.filter((x) => !x.result.workflowData))
			expect(r.result.webhookResponse).toEqual({ received: true, resumed: false });
	});

	it('a forged callback naming an unknown render keeps waiting instead of failing the run', async () => {
		const forged = await callWebhook(rig, {
			body: { type: 'render.completed', data: { render: { id: 'rnd_forged00' } } },
		});
		expect(forged.result.workflowData).toBeUndefined();
		expect(forged.result.webhookResponse).toMatchObject({ received: true, resumed: false });
	});
});

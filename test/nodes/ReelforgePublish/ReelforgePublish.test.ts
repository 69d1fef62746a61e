import { ReelforgePublish } from '../../../nodes/ReelforgePublish/ReelforgePublish.node';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { startTestRenderer, tinySpec } from '../support/renderer';
import { completedRender, renderApi } from '../support/renders';
import { checkPublishable } from '../../../nodes/ReelforgePublish/actions/gate';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

describe('publish gate', () => {
	// The gate only asks the context for its node (to name it in the error).
	const ctx = {
		getNode: () => ({ name: 'Reelforge Publish' }) as INode,
	} as unknown as IExecuteFunctions;
	const completed = { id: 'rnd_1', status: 'completed' as const };
	const codeOf = (run: () => void) => {
		try {
			run();
			return 'published';
		} catch (error) {
			return (error as { context: { code: string } }).context.code;
		}
	};
	it('refuses unmoderated and flagged renders unless overridden, and unfinished ones always', () => {
		expect(codeOf(() => checkPublishable(ctx, completed, 0, false))).toBe('moderation_required');
		expect(
			codeOf(() =>
				checkPublishable(ctx, { ...completed, moderation: { flagged: true } }, 0, false),
			),
		).toBe('moderation_flagged');
		expect(
			codeOf(() =>
				checkPublishable(
					ctx,
					{ ...completed, moderation: { flagged: false, status: 'passed' } },
					0,
					false,
				),
			),
		).toBe('published');
		expect(
			codeOf(() => checkPublishable(ctx, { ...completed, moderation: { flagged: true } }, 0, true)),
		).toBe('published');
		expect(codeOf(() => checkPublishable(ctx, { id: 'rnd_2', status: 'rendering' }, 0, true))).toBe(
			'render_not_completed',
		);
	});
});

jest.setTimeout(300_000);
type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('Reelforge Publish against a real renderer', () => {
	let renderer: Renderer;
	let render: Record<string, any>;
	beforeAll(async () => {
		renderer = await startTestRenderer();
		render = await completedRender(renderer, 'A quiet harbour at dawn');
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	const publish = (
		parameters: Record<string, unknown>,
		input: object[],
		extra: { continueOnFail?: boolean } = {},
	) =>
		runNode({
			nodeType: new ReelforgePublish(),
			parameters: parameters as never,
			input: input as never,
			credential: renderer.credential,
			...extra,
		});

	it('publishes a moderated render to the feed and returns its public URL with the AI disclosure', async () => {
		expect(render.moderation).toBeDefined();
		const { outputs, error } = await publish(
			{
				renderId: '={{ $json.id }}',
				target: 'feed',
				visibility: 'public',
				options: { title: 'Harbour' },
			},
			[{ id: render.id }],
		);
		expect(error).toBeUndefined();
		const [item] = outputs![0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.renderId).toBe(render.id);
		expect(item.json.target).toBe('feed');
		expect(String(item.json.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		expect(item.json.aiDisclosure).toMatchObject({ aiGenerated: true });
		const after = await renderApi(renderer, 'GET', `/v1/renders/${render.id}`);
		expect(after.json.publications.map((p: { id: string }) => p.id)).toContain(item.json.id);
	});

	it('sends an override with its reason; the renderer records none for a render that passed moderation', async () => {
		const { outputs, error } = await publish(
			{
				renderId: render.id,
				target: 'feed',
				visibility: 'unlisted',
				override: true,
				overrideReason: 'Editor reviewed it by hand',
			},
			[{}],
		);
		expect(error).toBeUndefined();
		expect(outputs![0][0].json.visibility).toBe('unlisted');
		expect(outputs![0][0].json.override).toBeNull();
		const missingReason = await publish(
			{
				renderId: render.id,
				target: 'feed',
				visibility: 'public',
				override: true,
				overrideReason: ' ',
			},
			[{}],
		);
		expect(missingReason.error?.message).toBe('An override needs a reason');
	});

	it('refuses a render that is not completed before calling publish, and maps renderer errors with their paths', async () => {
		const queued = await renderApi(renderer, 'POST', '/v1/renders', {
			...tinySpec('never finished'),
			durationSeconds: 3,
		});
		await renderApi(renderer, 'DELETE', `/v1/renders/${queued.json.id}`);
		const { outputs, error } = await publish(
			{ renderId: '={{ $json.id }}', target: 'feed', visibility: 'public' },
			[{ id: queued.json.id }, { id: 'rnd_unknown0' }, { id: render.id }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const [canceled, unknown, fine] = outputs![0];
		expect(canceled.json.code).toBe('render_not_completed');
		expect(unknown.json.code).toBe('not_found');
		expect(unknown.json.httpCode).toBe('404');
		expect(fine.json.target).toBe('feed');
		expect(outputs![0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const webhookWithoutUrl = await publish(
			{ renderId: render.id, target: 'webhook', url: 'not a url' },
			[{}],
		);
		expect(webhookWithoutUrl.error?.name).toBe('NodeApiError');
		expect(String(webhookWithoutUrl.error?.description)).toContain('/url');
	});
});

import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { startTestRenderer, tinySpec } from '../support/renderer';
import { renderApi } from '../support/renders';

jest.setTimeout(300_000);
type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('Reelforge Generate under a quota (free tier: one unfinished render at a time)', () => {
	let renderer: Renderer;
	beforeAll(async () => {
		renderer = await startTestRenderer({ tier: 'free' });
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	it('waits out the 429 Retry-After with the same idempotency key and renders every item once', async () => {
		const started = Date.now();
		const { outputs, error } = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: {
				specSource: 'input',
				specField: 'spec',
				waitMode: 'poll',
				deadlineMinutes: 4,
				returnAs: 'url',
				options: { concurrency: 2, pollIntervalSeconds: 0.25 },
			} as never,
			// The first render is long enough to be unfinished when the second create arrives, however
			// quick the engine is: a 1 s draft can finish before the second request is read.
			input: [
				{ spec: { ...tinySpec('first of two'), durationSeconds: 6 } },
				{ spec: tinySpec('second of two') },
			],
			credential: renderer.credential,
		});
		expect(error).toBeUndefined();
		const items = outputs![0];
		expect(items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		expect(items.map((i) => (i.json.spec as { prompt: string }).prompt)).toEqual([
			'first of two',
			'second of two',
		]);
		// The renderer answered 429 with Retry-After: 10 to the second create; the node waited it out.
		expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
		const listed = (await renderApi<{ data: unknown[] }>(renderer, 'GET', '/v1/renders?limit=100'))
			.json.data;
		expect(listed).toHaveLength(2);
	});
});

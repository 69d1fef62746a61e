import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { cancelUnfinished, startTestRenderer, tinySpec } from '../support/renderer';

jest.setTimeout(300_000);

type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('Reelforge Generate: coverage and "Fail When a Subject Cannot Be Drawn"', () => {
	let renderer: Renderer;
	beforeAll(async () => {
		renderer = await startTestRenderer();
	});
	afterEach(async () => {
		await cancelUnfinished(renderer);
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	const generate = (
		parameters: Record<string, unknown>,
		input: object[],
		extra: { continueOnFail?: boolean } = {},
	) =>
		runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: { specSource: 'input', specField: 'spec', ...parameters } as never,
			input: input as never,
			credential: renderer.credential,
			...extra,
		});
	const renderStatus = async (id: string): Promise<string> => {
		const res = await fetch(`${renderer.url}/v1/renders/${id}`, {
			headers: { authorization: `Bearer ${renderer.apiKey}` },
		});
		return ((await res.json()) as { status: string }).status;
	};

	it('shows the coverage report and the warnings on the output item', async () => {
		const { outputs, error } = await generate(
			{
				waitMode: 'poll',
				deadlineMinutes: 3,
				returnAs: 'url',
				options: { pollIntervalSeconds: 0.2 },
			},
			[{ spec: tinySpec('A giraffe walks past a woman on a neon city street.') }],
		);
		expect(error).toBeUndefined();
		const { json } = outputs![0][0];
		expect(json.status).toBe('completed');
		const coverage = json.coverage as { score: number; terms: Array<Record<string, unknown>> };
		expect(coverage.score).toBeGreaterThan(0);
		expect(coverage.terms).toContainEqual(
			expect.objectContaining({ term: 'giraffe', category: 'subject', status: 'not drawn' }),
		);
		expect(coverage.terms).toContainEqual(
			expect.objectContaining({ term: 'woman', category: 'subject', status: 'drawn' }),
		);
		expect(json.warnings).toContainEqual(
			expect.objectContaining({ path: '/prompt', term: 'giraffe' }),
		);
	});

	it('fails the item with its index and cancels its render when a subject cannot be drawn', async () => {
		const { outputs, error } = await generate(
			{ waitMode: 'none', options: { failOnUndrawnSubject: true } },
			[
				{ spec: tinySpec('A woman waves on a neon city street.') },
				{ spec: tinySpec('A giraffe eats leaves.') },
			],
		);
		expect(outputs).toBeUndefined();
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('The renderer cannot draw the subject "giraffe"');
		const context = (error as unknown as { context: { itemIndex: number; renderId: string } })
			.context;
		expect(context.itemIndex).toBe(1);
		expect(String(error?.description)).toContain('/prompt');
		expect(await renderStatus(context.renderId)).toBe('canceled');
	});

	it('honours Continue On Fail: the drawable item renders, the other becomes an error item', async () => {
		const { outputs, error } = await generate(
			{
				waitMode: 'poll',
				deadlineMinutes: 3,
				returnAs: 'url',
				options: { failOnUndrawnSubject: true, pollIntervalSeconds: 0.2 },
			},
			[
				{ spec: tinySpec('A giraffe and a zebra play in the snow.') },
				{ spec: tinySpec('A man waves in a studio.') },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const [failed, rendered] = outputs![0];
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(failed.json.error).toBe('The renderer cannot draw the subjects "giraffe", "zebra"');
		expect((failed.json.coverage as { terms: unknown[] }).terms.length).toBeGreaterThan(0);
		expect(await renderStatus(String(failed.json.renderId))).toBe('canceled');
		expect(rendered.pairedItem).toEqual({ item: 1 });
		expect(rendered.json.status).toBe('completed');
	});

	it('renders an undrawable subject when the option is off, saying what is missing', async () => {
		const { outputs, error } = await generate({ waitMode: 'none' }, [
			{ spec: tinySpec('A giraffe eats leaves.') },
		]);
		expect(error).toBeUndefined();
		const { json } = outputs![0][0];
		expect(['queued', 'rendering']).toContain(json.status);
		expect(json.warnings).toContainEqual(expect.objectContaining({ term: 'giraffe' }));
	});
});

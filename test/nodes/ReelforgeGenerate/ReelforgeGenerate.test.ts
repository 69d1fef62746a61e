import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { readBinary, removeHarnessFolder, runNode } from '../support/n8nHarness';
import { cancelUnfinished, probeBytes, startTestRenderer, tinySpec } from '../support/renderer';

jest.setTimeout(300_000);

type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('Reelforge Generate against a real renderer', () => {
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
		extra: { continueOnFail?: boolean; executionId?: string } = {},
	) =>
		runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: parameters as never,
			input: input as never,
			credential: renderer.credential,
			...extra,
		});

	it('polls a render to completion and returns the MP4 as binary data', async () => {
		const { outputs, error } = await generate(
			{
				specSource: 'input',
				specField: 'spec',
				waitMode: 'poll',
				deadlineMinutes: 3,
				returnAs: 'binary',
				binaryPropertyName: 'video',
				options: { pollIntervalSeconds: 0.2 },
			},
			[{ spec: tinySpec() }],
		);
		expect(error).toBeUndefined();
		const [item] = outputs![0];
		expect(item.json.status).toBe('completed');
		expect(String(item.json.url)).toMatch(
			new RegExp(`^${renderer.url}/v1/renders/rnd_[0-9a-z]+/content$`),
		);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.video.mimeType).toBe('video/mp4');
		// Stored by n8n's filesystem binary mode (streamed to disk), not inline base64.
		expect(item.binary?.video.id).toMatch(/^filesystem/);
		const probe = await probeBytes(await readBinary(item, 'video'));
		expect(probe.formatName).toContain('mp4');
		expect(probe.video).toEqual({ codec: 'h264', width: 96, height: 160 });
		expect(probe.duration).toBeGreaterThan(0.7);
	});

	it('turns a spec the renderer rejects into a NodeApiError naming each bad field', async () => {
		const bad = { ...tinySpec(), output: { width: 97, height: 160, fps: 500 } };
		const { outputs, error } = await generate(
			{ specSource: 'json', specJson: JSON.stringify(bad), waitMode: 'none' },
			[{}],
		);
		expect(outputs).toBeUndefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^invalid_request: /);
		expect(String(error?.description)).toContain('/output/width');
		expect(String(error?.description)).toContain('/output/fps');
		const context = (
			error as unknown as { context: { fieldErrors: Array<{ path: string }>; itemIndex: number } }
		).context;
		expect(context.fieldErrors.map((f) => f.path).sort()).toEqual(['/output/fps', '/output/width']);
		expect(context.itemIndex).toBe(0);
	});

	it('with continueOnFail keeps going: good items render, bad ones become paired error items', async () => {
		const { outputs, error } = await generate(
			{ specSource: 'input', specField: 'spec', waitMode: 'none', options: { concurrency: 2 } },
			[
				{ spec: tinySpec('one') },
				{ spec: { ...tinySpec(), durationSeconds: 999 } },
				{ spec: tinySpec('three') },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const items = outputs![0];
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toMatch(/^rnd_/);
		expect(items[2].json.id).toMatch(/^rnd_/);
		expect(items[1].json.code).toBe('invalid_request');
		expect(items[1].json.fieldErrors).toEqual([
			expect.objectContaining({ path: '/durationSeconds' }),
		]);
	});

	it('derives the idempotency key from execution and item: a re-run of the same execution gets the same renders back', async () => {
		const parameters = {
			specSource: 'prompt',
			prompt: 'A lighthouse in fog',
			durationSeconds: 1,
			waitMode: 'none',
		};
		const first = await generate(parameters, [{}, {}], { executionId: 'exec-idem-1' });
		const again = await generate(parameters, [{}, {}], { executionId: 'exec-idem-1' });
		const other = await generate(parameters, [{}], { executionId: 'exec-idem-2' });
		const ids = first.outputs![0].map((i) => i.json.id);
		expect(new Set(ids).size).toBe(2);
		expect(again.outputs![0].map((i) => i.json.id)).toEqual(ids);
		expect(ids).not.toContain(other.outputs![0][0].json.id);
	});

	it('gives up at the deadline with the render still going, without creating it twice', async () => {
		const { error } = await generate(
			{
				specSource: 'input',
				specField: 'spec',
				waitMode: 'poll',
				deadlineMinutes: 0.002,
				returnAs: 'url',
				options: { pollIntervalSeconds: 0.1 },
			},
			[{ spec: { ...tinySpec('a slow harbour scene'), durationSeconds: 6 } }],
			{ executionId: 'exec-deadline' },
		);
		expect(error?.message).toMatch(/did not finish before the deadline/);
		const list = await fetch(`${renderer.url}/v1/renders?limit=100`, {
			headers: { authorization: `Bearer ${renderer.apiKey}` },
		}).then((r) => r.json() as Promise<{ data: Array<{ spec: { prompt?: string } }> }>);
		const harbour = list.data.filter((r) => r.spec.prompt === 'a slow harbour scene');
		expect(harbour).toHaveLength(1);
	});

	it('returns only the URL when asked, for many items with bounded concurrency, in input order', async () => {
		const prompts = ['red kite', 'blue kite', 'green kite'];
		const { outputs, error } = await generate(
			{
				specSource: 'input',
				specField: 'spec',
				waitMode: 'poll',
				deadlineMinutes: 5,
				returnAs: 'url',
				options: { concurrency: 2, pollIntervalSeconds: 0.2 },
			},
			prompts.map((p) => ({ spec: tinySpec(p) })),
		);
		expect(error).toBeUndefined();
		const items = outputs![0];
		expect(items.map((i) => (i.json.spec as { prompt: string }).prompt)).toEqual(prompts);
		expect(items.every((i) => i.binary === undefined && i.json.status === 'completed')).toBe(true);
		expect(items.map((i) => i.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		const response = await fetch(String(items[2].json.url), {
			headers: { authorization: `Bearer ${renderer.apiKey}`, range: 'bytes=0-7' },
		});
		expect(response.status).toBe(206);
		expect(
			Buffer.from(await response.arrayBuffer())
				.subarray(4, 8)
				.toString('latin1'),
		).toBe('ftyp');
	});
});

import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { ReelforgeRemix } from '../../../nodes/ReelforgeRemix/ReelforgeRemix.node';
import { shotList } from '../../../nodes/ReelforgeRemix/actions/changes/recut';
import { readBinary, removeHarnessFolder, runNode } from '../support/n8nHarness';
import { probeBytes, startTestRenderer, tinySpec } from '../support/renderer';
import { completedRender } from '../support/renders';

jest.setTimeout(400_000);
type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('re-cut shot lists', () => {
	it('reads "2, 0,1" as indices and keeps junk visible for the renderer to reject by path', () => {
		expect(shotList('2, 0,1')).toEqual([2, 0, 1]);
		expect(shotList('')).toBeUndefined();
		expect(shotList('1,x')).toEqual([1, Number.NaN]);
	});
});

describe('Reelforge Remix against a real renderer', () => {
	let renderer: Renderer;
	let source: Record<string, any>;
	beforeAll(async () => {
		renderer = await startTestRenderer();
		source = await completedRender(renderer, 'Two friends walk through a city park');
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	const remix = (
		parameters: Record<string, unknown>,
		input: object[],
		extra: { continueOnFail?: boolean } = {},
	) =>
		runNode({
			nodeType: new ReelforgeRemix(),
			parameters: parameters as never,
			input: input as never,
			credential: renderer.credential,
			...extra,
		});

	it('restyles a render as anime with new music and returns the remix with its source', async () => {
		const { outputs, error } = await remix(
			{
				source: 'render',
				renderId: '={{ $json.id }}',
				changes: { style: 'anime', musicMood: 'playful' },
				waitMode: 'poll',
				deadlineMinutes: 5,
				returnAs: 'url',
				options: { pollIntervalSeconds: 0.25 },
			},
			[{ id: source.id }],
		);
		expect(error).toBeUndefined();
		const [item] = outputs![0];
		expect(item.json).toMatchObject({
			status: 'completed',
			kind: 'remix',
			source: { kind: 'render', renderId: source.id },
		});
		expect((item.json.spec as { style: string }).style).toBe('anime');
		expect((item.json.source as { operations: Record<string, unknown> }).operations).toEqual({
			style: 'anime',
			music: { mood: 'playful' },
		});
		expect(String(item.json.url)).toContain(`/v1/renders/${item.json.id}/content`);
	});

	it('uploads a binary video (streamed) and re-cuts it', async () => {
		const generated = await runNode({
			nodeType: new ReelforgeGenerate(),
			parameters: {
				specSource: 'input',
				specField: 'spec',
				waitMode: 'poll',
				deadlineMinutes: 5,
				returnAs: 'binary',
				binaryPropertyName: 'data',
				options: { pollIntervalSeconds: 0.25 },
			} as never,
			input: [{ spec: { ...tinySpec('A red bus crosses a bridge'), durationSeconds: 2 } }],
			credential: renderer.credential,
		});
		expect(generated.error).toBeUndefined();
		const { outputs, error } = await remix(
			{
				source: 'binary',
				binaryPropertyNameIn: 'data',
				changes: { trimStart: 0.5, trimEnd: 1.5 },
				waitMode: 'poll',
				deadlineMinutes: 5,
				returnAs: 'binary',
				binaryPropertyName: 'remixed',
				options: { pollIntervalSeconds: 0.25, quality: 'draft' },
			},
			generated.outputs![0],
		);
		expect(error).toBeUndefined();
		const [item] = outputs![0];
		expect(item.json).toMatchObject({
			status: 'completed',
			kind: 'remix',
			source: { kind: 'upload' },
		});
		const probe = await probeBytes(await readBinary(item, 'remixed'));
		expect(probe.video?.codec).toBe('h264');
		expect(probe.duration).toBeGreaterThan(0.6);
		expect(probe.duration).toBeLessThan(1.6);
	});

	it('names the bad field when the renderer rejects a change, and refuses an empty remix', async () => {
		const { outputs, error } = await remix(
			{
				source: 'render',
				renderId: '={{ $json.id }}',
				changes: { recutOrder: '={{ $json.order }}' },
				waitMode: 'none',
			},
			[
				{ id: source.id, order: '0,x' },
				{ id: source.id, order: '' },
			],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		const [badOrder, empty] = outputs![0];
		expect(badOrder.json.code).toBe('invalid_request');
		expect((badOrder.json.fieldErrors as Array<{ path: string }>).map((f) => f.path)).toContain(
			'/operations/recut/order/1',
		);
		expect(empty.json.error).toBe('Choose at least one change');
		expect(outputs![0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

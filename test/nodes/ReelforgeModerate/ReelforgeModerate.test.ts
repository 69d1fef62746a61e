import { ReelforgeGenerate } from '../../../nodes/ReelforgeGenerate/ReelforgeGenerate.node';
import { ReelforgeModerate } from '../../../nodes/ReelforgeModerate/ReelforgeModerate.node';
import { decide, scoreTable, type Verdict } from '../../../nodes/ReelforgeModerate/actions/verdict';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { startTestRenderer, tinySpec } from '../support/renderer';

jest.setTimeout(300_000);

type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('moderation thresholds', () => {
	const verdict = { flagged: false, categories: { violence: 0.4, hate: 0.1 }, reasons: [] };
	it('flags a category at or above its own threshold, "*" covering the rest', () => {
		expect(decide(verdict, [{ category: 'violence', score: 0.4 }], true)).toEqual({
			flagged: true,
			exceeded: [{ category: 'violence', score: 0.4, threshold: 0.4, checker: 'renderer' }],
			decidedBy: ['renderer'],
		});
		expect(decide(verdict, [{ category: 'violence', score: 0.5 }], true).flagged).toBe(false);
		expect(
			decide(
				verdict,
				[
					{ category: '*', score: 0.05 },
					{ category: 'violence', score: 0.9 },
				],
				true,
			).exceeded,
		).toEqual([{ category: 'hate', score: 0.1, threshold: 0.05, checker: 'renderer' }]);
	});
	it('names the checker whose score crossed a threshold', () => {
		const checked: Verdict = {
			flagged: true,
			categories: { violence: 0.9, hate: 0.2 },
			reasons: [],
			checkers: [
				{ checker: 'rules', categories: { hate: 0.2 }, action: 'allow' },
				{ checker: 'guard', categories: { violence: 0.9 }, action: 'block' },
			],
			decidedBy: ['guard'],
		};
		expect(scoreTable(checked)).toEqual([
			{ category: 'violence', score: 0.9, checker: 'guard' },
			{ category: 'hate', score: 0.2, checker: 'rules' },
		]);
		expect(decide(checked, [{ category: 'hate', score: 0.1 }], false)).toEqual({
			flagged: true,
			exceeded: [{ category: 'hate', score: 0.2, threshold: 0.1, checker: 'rules' }],
			decidedBy: ['rules'],
		});
		expect(decide(checked, [], true).decidedBy).toEqual(['guard']);
	});
	it("follows the renderer's verdict unless told not to", () => {
		expect(decide({ ...verdict, flagged: true }, [], true).flagged).toBe(true);
		expect(decide({ ...verdict, flagged: true }, [], false).flagged).toBe(false);
	});
});

describe('Reelforge Moderate against a real renderer', () => {
	let renderer: Renderer;
	beforeAll(async () => {
		renderer = await startTestRenderer();
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	const moderate = (
		parameters: Record<string, unknown>,
		input: object[],
		extra: { continueOnFail?: boolean } = {},
	) =>
		runNode({
			nodeType: new ReelforgeModerate(),
			parameters: parameters as never,
			input: input as never,
			credential: renderer.credential,
			...extra,
		});

	it('routes clean text to Pass and harmful text to Flagged, each paired to its input', async () => {
		const { outputs, error } = await moderate({ check: 'text', text: '={{ $json.text }}' }, [
			{ text: 'A family picnic by the lake on a sunny afternoon' },
			{ text: 'A graphic beheading with blood and gore everywhere' },
			{ text: 'Kids fly kites on the beach' },
		]);
		expect(error).toBeUndefined();
		const [pass, flagged] = outputs!;
		expect(pass.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(flagged.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		const moderation = flagged[0].json.moderation as {
			flagged: boolean;
			categories: Record<string, number>;
			reasons: unknown[];
			scores: Array<{ category: string; score: number; checker: string }>;
			decidedBy: string[];
			checkers: Array<{ checker: string; action: string }>;
		};
		expect(moderation.flagged).toBe(true);
		expect(Object.keys(moderation.categories).length).toBeGreaterThan(0);
		expect(moderation.reasons.length).toBeGreaterThan(0);
		// Per-category scores with the checker that gave each, and which checker decided.
		expect(moderation.scores[0]).toEqual({
			category: 'violence',
			score: moderation.categories.violence,
			checker: 'rules',
		});
		expect(moderation.decidedBy).toEqual(['rules']);
		expect(moderation.checkers).toEqual([
			expect.objectContaining({ checker: 'rules', action: 'block' }),
		]);
		expect((pass[0].json.moderation as { decidedBy: string[] }).decidedBy).toEqual([]);
		// The input item travels on with its verdict.
		expect(pass[0].json.text).toBe('A family picnic by the lake on a sunny afternoon');
	});

	it('applies user thresholds: ignoring the renderer, the same text passes a lax threshold and fails a strict one', async () => {
		const text = 'A graphic beheading with blood and gore everywhere';
		const lax = await moderate(
			{
				check: 'text',
				text,
				options: { trustRenderer: false },
				thresholds: { threshold: [{ category: '*', score: 1 }] },
			},
			[{}],
		);
		const strict = await moderate(
			{
				check: 'text',
				text,
				options: { trustRenderer: false },
				thresholds: { threshold: [{ category: '*', score: 0.01 }] },
			},
			[{}],
		);
		const laxVerdict = lax.outputs![0][0].json.moderation as {
			rendererFlagged: boolean;
			flagged: boolean;
			categories: Record<string, number>;
		};
		expect(laxVerdict.rendererFlagged).toBe(true);
		expect(laxVerdict.flagged).toBe(false);
		expect(Math.max(...Object.values(laxVerdict.categories))).toBeLessThan(1);
		expect(strict.outputs![0]).toHaveLength(0);
		const strictVerdict = strict.outputs![1][0].json.moderation as {
			exceeded: Array<{ threshold: number }>;
		};
		expect(strictVerdict.exceeded.length).toBeGreaterThan(0);
		expect(strictVerdict.exceeded.every((e) => e.threshold === 0.01)).toBe(true);
	});

	it('checks a binary video by streaming it to the renderer, keeping the binary on the item', async () => {
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
			input: [
				{
					spec: {
						...tinySpec('A paper boat sails down a rainy street'),
						seed: 7,
						output: { width: 180, height: 320, fps: 8, quality: 'draft' },
					},
				},
			],
			credential: renderer.credential,
		});
		expect(generated.error).toBeUndefined();
		const { outputs, error } = await moderate(
			{ check: 'binary', binaryPropertyName: 'data', options: { trustRenderer: false } },
			generated.outputs![0],
		);
		expect(error).toBeUndefined();
		const [item] = [...outputs![0], ...outputs![1]];
		const moderation = item.json.moderation as {
			checked: string;
			categories: Record<string, number>;
			reasons: Array<{ source: string }>;
		};
		expect(moderation.checked).toBe('binary');
		// The uploaded video's frames went through the renderer's image model.
		expect(Object.keys(moderation.categories)).toEqual(expect.arrayContaining(['sexual']));
		expect(item.binary?.data.mimeType).toBe('video/mp4');
	});

	it('fails closed: an item that cannot be checked goes to Flagged with its error under continueOnFail', async () => {
		const { outputs, error } = await moderate(
			{ check: 'render', renderId: '={{ $json.id }}' },
			[{ id: 'rnd_doesnotexist' }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(outputs![0]).toHaveLength(0);
		expect(outputs![1][0].json.code).toBe('not_found');
		expect(outputs![1][0].pairedItem).toEqual({ item: 0 });
	});

	it('without continueOnFail a bad request is a NodeApiError with the field path', async () => {
		const { error } = await moderate({ check: 'render', renderId: 'not-a-render-id' }, [{}]);
		expect(error?.name).toBe('NodeApiError');
		expect(String(error?.description)).toContain('/renderId');
	});
});

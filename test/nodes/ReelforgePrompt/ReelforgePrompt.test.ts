import { ReelforgePrompt } from '../../../nodes/ReelforgePrompt/ReelforgePrompt.node';
import { frameSize, fillTemplate } from '../../../nodes/ReelforgePrompt/actions/specBuilder';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { startTestRenderer } from '../support/renderer';

type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

describe('spec building', () => {
	it('fills {name} placeholders and leaves unknown ones for the user to see', () => {
		expect(
			fillTemplate('A {mood} short about {topic} {unknown}', { mood: 'calm', topic: 'bees' }),
		).toBe('A calm short about bees {unknown}');
	});
	it('sizes frames by aspect ratio with even edges', () => {
		expect(frameSize('9:16', 1080)).toEqual({ width: 1080, height: 1920 });
		expect(frameSize('16:9', 720)).toEqual({ width: 1280, height: 720 });
		expect(frameSize('4:5', 360)).toEqual({ width: 360, height: 450 });
		expect(frameSize('16:9', 360)).toEqual({ width: 640, height: 360 });
	});
});

describe('Reelforge Prompt against a real renderer', () => {
	let renderer: Renderer;
	beforeAll(async () => {
		renderer = await startTestRenderer();
	});
	afterAll(async () => {
		await renderer?.close();
		removeHarnessFolder();
	});

	const base = {
		prompt: 'Two friends talk about {topic} on a {place}',
		mergeFields: {
			field: [
				{ name: 'topic', value: 'night trains' },
				{ name: 'place', value: 'rooftop' },
			],
		},
		style: 'anime',
		durationSeconds: 6,
		aspectRatio: '16:9',
		shortEdge: 720,
	};
	const prompt = (
		parameters: Record<string, unknown>,
		input: object[] = [{}],
		extra: { continueOnFail?: boolean } = {},
	) =>
		runNode({
			nodeType: new ReelforgePrompt(),
			parameters: parameters as never,
			input: input as never,
			credential: renderer.credential,
			...extra,
		});

	it('outputs the normalised spec the renderer validated, with merge fields, characters and dialogue', async () => {
		const { outputs, error } = await prompt({
			...base,
			characters: {
				character: [
					{ id: 'maya', name: 'Maya', description: 'red jacket' },
					{ id: 'theo', name: 'Theo' },
				],
			},
			dialogue: {
				line: [
					{ character: 'maya', text: 'Look at that train!' },
					{ character: 'theo', text: 'It is right on time.' },
				],
			},
			additionalFields: { musicMood: 'calm', title: 'Trains', quality: 'draft' },
		});
		expect(error).toBeUndefined();
		const { spec, warnings } = outputs![0][0].json as {
			spec: Record<string, any>;
			warnings: unknown[];
		};
		expect(spec.prompt).toBe('Two friends talk about night trains on a rooftop');
		expect(spec.output).toMatchObject({
			width: 1280,
			height: 720,
			quality: 'draft',
			fps: 30,
			format: 'mp4',
		});
		expect(spec.style).toBe('anime');
		expect(spec.characters.map((c: { id: string }) => c.id)).toEqual(['maya', 'theo']);
		expect(spec.shots).toHaveLength(1);
		expect(spec.shots[0].dialogue).toEqual([
			{ character: 'maya', text: 'Look at that train!' },
			{ character: 'theo', text: 'It is right on time.' },
		]);
		expect(spec.audio.music).toMatchObject({ enabled: true, mood: 'calm' });
		// Defaults the renderer filled in prove the spec went through its validator.
		expect(spec.watermark).toMatchObject({ enabled: true });
		expect(spec.metadata).toEqual({ title: 'Trains' });
		expect(Array.isArray(warnings)).toBe(true);
		expect(outputs![0][0].pairedItem).toEqual({ item: 0 });
	});

	it('expands into shots through the planner when asked', async () => {
		const { outputs, error } = await prompt({ ...base, expand: true });
		expect(error).toBeUndefined();
		const { storyboard } = outputs![0][0].json as { storyboard: { shots: unknown[] } };
		expect(Array.isArray(storyboard.shots)).toBe(true);
		expect(storyboard.shots.length).toBeGreaterThan(0);
	});

	it('reports a bad field with its JSON pointer, and with continueOnFail pairs the error to its item', async () => {
		const { outputs, error } = await prompt(
			{ ...base, dialogue: { line: [{ character: 'nobody', text: 'Who am I?' }] } },
			[{}, {}],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		for (const [i, item] of outputs![0].entries()) {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.code).toBe('invalid_request');
			expect(item.json.fieldErrors).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ path: '/shots/0/characters/0' }),
					expect.objectContaining({ path: '/shots/0/dialogue/0/character' }),
				]),
			);
		}
	});

	it('evaluates expressions per item', async () => {
		const { outputs, error } = await prompt(
			{ ...base, prompt: '={{ "A short about " + $json.topic }}', mergeFields: {} },
			[{ topic: 'bees' }, { topic: 'tides' }, { topic: 'owls' }],
		);
		expect(error).toBeUndefined();
		expect(outputs![0].map((i) => (i.json.spec as { prompt: string }).prompt)).toEqual([
			'A short about bees',
			'A short about tides',
			'A short about owls',
		]);
	});
});

import type {
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ReelforgePrompt } from '../../../nodes/ReelforgePrompt/ReelforgePrompt.node';
import { ChatCompletionsEmulator } from '../../../renderer/test/story/emulators/chatCompletions';
import { removeHarnessFolder, runNode } from '../support/n8nHarness';
import { startTestRenderer } from '../support/renderer';

type Renderer = Awaited<ReturnType<typeof startTestRenderer>>;

/**
 * A chat model as n8n's chat model sub-nodes hand one over (an object with `invoke`), talking to
 * the chat-completions emulator over HTTP. n8n's own OpenAI Chat Model node is proven in the
 * real-n8n e2e; here the sub-node is the smallest one n8n's engine accepts.
 */
class EmulatedChatModel {
	readonly model = 'gpt-4o-mini';
	constructor(
		private readonly url: string,
		private readonly apiKey: string,
	) {}
	async invoke(messages: Array<[string, string]>) {
		const roles: Record<string, string> = { system: 'system', human: 'user', ai: 'assistant' };
		const res = await fetch(`${this.url}/chat/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				model: this.model,
				messages: messages.map(([role, content]) => ({ role: roles[role], content })),
			}),
		});
		const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
		return { content: body.choices[0].message.content };
	}
}

function chatModelNode(model: EmulatedChatModel): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Test Chat Model',
		name: 'testChatModel',
		group: ['transform'],
		version: 1,
		description: 'A chat model for tests',
		defaults: { name: 'Test Chat Model' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		properties: [],
	};
	return {
		description,
		async supplyData(this: ISupplyDataFunctions): Promise<SupplyData> {
			return { response: model };
		},
	};
}

const SHOT = {
	setting: 'beach',
	timeOfDay: null,
	weather: null,
	camera: null,
	characters: [],
	actions: [],
	props: [],
	sfx: [],
	physics: null,
	dialogue: [],
};

describe('Reelforge Prompt with a Chat Model', () => {
	const emulator = new ChatCompletionsEmulator();
	let renderer: Renderer;
	let model: EmulatedChatModel;
	beforeAll(async () => {
		model = new EmulatedChatModel(await emulator.start(), emulator.apiKey);
		renderer = await startTestRenderer({ worker: false });
	});
	afterAll(async () => {
		await renderer?.close();
		await emulator.stop();
		removeHarnessFolder();
	});
	beforeEach(() => {
		emulator.requests.length = 0;
		emulator.answers = [];
	});

	const prompt = (
		parameters: Record<string, unknown> = {},
		extra: { continueOnFail?: boolean } = {},
	) =>
		runNode({
			nodeType: new ReelforgePrompt(),
			parameters: {
				prompt: 'Two friends build a sandcastle, then watch the sunset.',
				style: 'cinematic',
				durationSeconds: 12,
				aspectRatio: '9:16',
				shortEdge: 360,
				expand: true,
				...parameters,
			} as never,
			input: [{}] as never,
			credential: renderer.credential,
			subNodes: [
				{
					name: 'Test Chat Model',
					nodeType: chatModelNode(model),
					connectionType: NodeConnectionTypes.AiLanguageModel,
				},
			],
			...extra,
		});

	it('has the model write the storyboard against the renderer schema, and records it', async () => {
		emulator.answers.push({
			story: {
				characters: [
					{ id: 'ana', name: 'Ana', description: 'woman in a red dress' },
					{ id: 'ben', name: 'Ben', description: 'man in a blue shirt' },
				],
				shots: [
					{
						...SHOT,
						prompt: 'Ana and Ben build a sandcastle.',
						duration: 5,
						characters: ['ana', 'ben'],
					},
					{
						...SHOT,
						prompt: 'They watch the sunset.',
						duration: 5,
						timeOfDay: 'dusk',
						characters: ['ana', 'ben'],
					},
				],
			},
		});
		const { outputs, error } = await prompt();
		expect(error).toBeUndefined();
		const { json } = outputs![0][0];
		expect(json.planner).toEqual({ name: 'model', model: 'gpt-4o-mini' });
		const spec = json.spec as {
			shots: Array<{ prompt: string; duration: number; timeOfDay?: string }>;
			characters: unknown[];
		};
		expect(spec.shots.map((s) => [s.prompt, s.duration])).toEqual([
			['Ana and Ben build a sandcastle.', 6],
			['They watch the sunset.', 6],
		]);
		expect(spec.shots[1].timeOfDay).toBe('dusk');
		expect(spec.characters).toHaveLength(2);
		const storyboard = json.storyboard as { shots: Array<{ timeOfDay: string }> };
		expect(storyboard.shots.map((s) => s.timeOfDay)).toEqual(['day', 'dusk']);
		expect((json.coverage as { terms: unknown[] }).terms.length).toBeGreaterThan(0);
		// The model was given the renderer's storyboard schema and the user's prompt.
		const [system, user] = emulator.requests[0].messages;
		expect(system.role).toBe('system');
		expect(system.content).toContain('"additionalProperties":false');
		expect(system.content).toContain('"city-night"');
		expect(user).toEqual({
			role: 'user',
			content: 'Two friends build a sandcastle, then watch the sunset.',
		});
	});

	it('sends the renderer’s field errors back to the model once and uses the repaired storyboard', async () => {
		const shots = [
			{ ...SHOT, prompt: 'Zed builds a sandcastle.', duration: 12, characters: ['zed'] },
		];
		emulator.answers.push(
			{ story: { characters: [], shots } },
			{ story: { characters: [{ id: 'zed', name: 'Zed', description: null }], shots } },
		);
		const { outputs, error } = await prompt();
		expect(error).toBeUndefined();
		expect(outputs![0][0].json.planner).toEqual({ name: 'model', model: 'gpt-4o-mini' });
		expect(emulator.requests).toHaveLength(2);
		expect(emulator.requests[1].messages.at(-1).content).toContain('/shots/0/characters/0');
	});

	it('falls back to the renderer’s planner when the model answers no usable storyboard twice', async () => {
		emulator.answers.push(
			{ content: 'Sorry, here is a poem instead.' },
			{ content: 'Still a poem.' },
		);
		const { outputs, error } = await prompt();
		expect(error).toBeUndefined();
		const { json } = outputs![0][0];
		expect(json.planner).toEqual({
			name: 'rules',
			fallbackReason: expect.stringContaining('the chat model failed'),
		});
		expect((json.spec as { shots: unknown[] }).shots).toEqual([]);
		expect((json.storyboard as { shots: unknown[] }).shots.length).toBeGreaterThan(1);
		// The unreadable answer was sent back once, asking for the JSON only.
		expect(emulator.requests).toHaveLength(2);
		expect(emulator.requests[1].messages.at(-2)).toEqual({
			role: 'assistant',
			content: 'Sorry, here is a poem instead.',
		});
	});
});

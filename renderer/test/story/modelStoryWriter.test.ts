import { describeVocabulary } from '../../src/engine/vocabulary';
import { validateRenderSpec } from '../../src/spec/validate';
import { createModelStoryWriter } from '../../src/story/modelStoryWriter';
import { api, startRenderer, type RunningRenderer } from '../support/renderer';
import { ChatCompletionsEmulator, strictSchemaProblem } from './emulators/chatCompletions';

const PROMPT =
	'Two friends build a sandcastle on the beach, play volleyball and then watch the sunset.';

/** A storyboard as a model following the strict schema writes it (every field present, nulls for unset). */
function shot(prompt: string, duration: number, extra: Record<string, unknown> = {}) {
	return {
		prompt,
		duration,
		setting: 'beach',
		timeOfDay: null,
		weather: null,
		camera: null,
		characters: ['friend-1', 'friend-2'],
		actions: [],
		props: [],
		sfx: [],
		physics: null,
		dialogue: [],
		...extra,
	};
}
const FRIENDS = [
	{ id: 'friend-1', name: null, description: 'woman in a yellow top' },
	{ id: 'friend-2', name: null, description: 'man in a blue shirt' },
];
const STORY = {
	characters: FRIENDS,
	shots: [
		shot('The two friends build a sandcastle.', 10, {
			actions: [{ character: 'friend-1', action: 'sit' }],
		}),
		shot('They play volleyball.', 10, { actions: [{ character: 'friend-2', action: 'jump' }] }),
		shot('They watch the sunset.', 10, { timeOfDay: 'dusk' }),
	],
};

describe('the storyboard model (chat completions)', () => {
	const emulator = new ChatCompletionsEmulator();
	let url: string;
	const spec = validateRenderSpec({ prompt: PROMPT, durationSeconds: 24, seed: 1 });
	const writer = () =>
		createModelStoryWriter({ url, apiKey: emulator.apiKey, model: 'gpt-4o-mini', timeoutMs: 5000 });

	beforeAll(async () => {
		url = await emulator.start();
	});
	afterAll(() => emulator.stop());
	beforeEach(() => {
		emulator.requests.length = 0;
		emulator.answers = [];
	});

	it('asks for a strict JSON-Schema storyboard whose vocabulary fields are the engine vocabulary', async () => {
		emulator.answers.push({ story: STORY });
		const draft = await writer().write(spec);
		expect(draft.planner).toEqual({ name: 'model', model: 'gpt-4o-mini' });
		const request = emulator.requests[0];
		expect(request.model).toBe('gpt-4o-mini');
		expect(request.messages.at(-1)).toEqual({ role: 'user', content: PROMPT });
		const format = request.response_format;
		expect(format.type).toBe('json_schema');
		expect(format.json_schema.strict).toBe(true);
		expect(strictSchemaProblem(format.json_schema.schema)).toBeUndefined();
		const shotSchema = format.json_schema.schema.properties.shots.items;
		const vocabulary = describeVocabulary();
		expect(shotSchema.properties.setting.anyOf[0].enum).toEqual(
			vocabulary.settings.map((s) => s.id),
		);
		expect(shotSchema.properties.actions.items.properties.action.enum).toEqual(
			vocabulary.actions.map((a) => a.id),
		);
		// Nulls became absent fields, and the shots were scaled to the spec's 24 s.
		expect(draft.shots!.map((s) => s.duration)).toEqual([8, 8, 8]);
		expect(draft.shots![2]).toMatchObject({ timeOfDay: 'dusk', setting: 'beach' });
		expect(draft.shots![0]).not.toHaveProperty('physics');
		expect(draft.characters).toEqual([
			{ id: 'friend-1', description: 'woman in a yellow top' },
			{ id: 'friend-2', description: 'man in a blue shirt' },
		]);
	});

	it('sends an invalid storyboard back once with the validation errors, and uses the repair', async () => {
		const broken = structuredClone(STORY);
		(broken.shots[1].actions[0] as { action: string }).action = 'volleyball';
		emulator.answers.push({ story: broken }, { story: STORY });
		const draft = await writer().write(spec);
		expect(draft.planner.name).toBe('model');
		expect(emulator.requests).toHaveLength(2);
		const repair = emulator.requests[1].messages;
		expect(repair.at(-2)).toEqual({ role: 'assistant', content: JSON.stringify(broken) });
		expect(repair.at(-1).content).toContain('/shots/1/actions/0/action');
	});

	it('checks what the schema cannot: unknown characters are errors to repair', async () => {
		const stranger = structuredClone(STORY);
		stranger.shots[0].characters = ['friend-9'];
		emulator.answers.push({ story: stranger }, { content: 'not json at all' });
		const draft = await writer().write(spec);
		expect(draft.shots).toBeUndefined();
		expect(draft.planner).toEqual({
			name: 'rules',
			fallbackReason: expect.stringContaining('invalid after one repair'),
		});
		expect(emulator.requests[1].messages.at(-1).content).toContain(
			'/shots/0/characters/0: "friend-9" is not a character',
		);
	});

	it('leaves the storyboard to the rules when the model refuses', async () => {
		emulator.answers.push({ refusal: "I'm sorry, I can't help with that." });
		const draft = await writer().write(spec);
		expect(draft).toEqual({
			planner: {
				name: 'rules',
				fallbackReason: "the model refused: I'm sorry, I can't help with that.",
			},
		});
	});

	it('falls back on a wrong key (401) and on a server error, never throwing', async () => {
		const wrongKey = createModelStoryWriter({
			url,
			apiKey: 'sk-wrong-key-1234',
			model: 'gpt-4o-mini',
			timeoutMs: 5000,
		});
		const refused = await wrongKey.write(spec);
		expect(refused.planner.fallbackReason).toMatch(/answered 401: Incorrect API key provided/);
		emulator.answers.push({ status: 500 });
		const failed = await writer().write(spec);
		expect(failed.planner.fallbackReason).toMatch(/answered 500/);
	});

	it('waits out a short Retry-After on 429 once; a long one falls back at once', async () => {
		emulator.answers.push({ status: 429, retryAfter: 1 }, { story: STORY });
		const started = Date.now();
		const draft = await writer().write(spec);
		expect(draft.planner.name).toBe('model');
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		emulator.answers.push({ status: 429, retryAfter: 3600 });
		const limited = await writer().write(spec);
		expect(limited.planner.fallbackReason).toMatch(/answered 429: Rate limit reached/);
	});

	it('falls back when the endpoint does not answer in time', async () => {
		const unreachable = createModelStoryWriter({
			url: 'http://127.0.0.1:9/v1',
			model: 'gpt-4o-mini',
			timeoutMs: 2000,
		});
		const draft = await unreachable.write(spec);
		expect(draft.planner.fallbackReason).toMatch(/storyboard model is (unreachable|no answer)/);
	});
});

/** The render both service tests submit: the prompt the model's story answers, small and quick. */
const STORY_RENDER = {
	prompt: PROMPT,
	durationSeconds: 24,
	output: { width: 180, height: 320, fps: 12, quality: 'draft' },
};

describe('a render planned by the storyboard model', () => {
	const emulator = new ChatCompletionsEmulator();
	let r: RunningRenderer;
	beforeAll(async () => {
		const url = await emulator.start();
		r = await startRenderer({
			worker: false,
			env: {
				REELFORGE_PLANNER_URL: url,
				REELFORGE_PLANNER_API_KEY: emulator.apiKey,
				REELFORGE_PLANNER_MODEL: 'gpt-4o-mini',
			},
		});
	});
	afterAll(async () => {
		await r.close();
		await emulator.stop();
	});

	it("records which planner ran on the render and in its coverage, and plans the model's shots", async () => {
		emulator.answers.push({ story: STORY });
		const created = await api(r, 'POST', '/v1/renders', STORY_RENDER);
		expect(created.status).toBe(201);
		expect(created.json.planner).toEqual({ name: 'model', model: 'gpt-4o-mini' });
		expect(created.json.coverage.planner).toEqual({ name: 'model', model: 'gpt-4o-mini' });
		expect(emulator.requests).toHaveLength(1);
		const record = await r.services.renders.records.get(created.json.id);
		expect(record!.story!.shots!.map((s) => s.prompt)).toEqual(STORY.shots.map((s) => s.prompt));
		// The sunset moment is dusk: coverage finds the sunset drawn in the model's last shot.
		const sunset = created.json.coverage.terms.find((t: { term: string }) => t.term === 'sunset');
		expect(sunset).toMatchObject({ status: 'drawn', shots: [2] });
	});

	it('moderates what the model wrote: a blocked storyboard is not used, the rules plan', async () => {
		const harmful = structuredClone(STORY);
		harmful.shots[1].dialogue = [
			{ character: 'friend-1', text: 'I will kill you and everyone, a bloody massacre' },
		] as never;
		emulator.answers.push({ story: harmful });
		const created = await api(r, 'POST', '/v1/renders', STORY_RENDER);
		expect(created.status).toBe(201);
		expect(created.json.planner).toEqual({
			name: 'rules',
			fallbackReason: expect.stringContaining("content moderation refused the model's storyboard"),
		});
		const record = await r.services.renders.records.get(created.json.id);
		expect(record!.story!.shots).toBeUndefined();
	});

	it('expands with the model too, and says why when the rules planned instead', async () => {
		emulator.answers.push({ refusal: 'No.' });
		const res = await api(r, 'POST', '/v1/specs/validate?expand=true', {
			prompt: PROMPT,
			durationSeconds: 24,
		});
		expect(res.status).toBe(200);
		expect(res.json.planner).toEqual({ name: 'rules', fallbackReason: 'the model refused: No.' });
		expect(res.json.coverage.planner).toEqual(res.json.planner);
		expect(res.json.storyboard.shots.map((s: { prompt: string }) => s.prompt)).toEqual(
			expect.arrayContaining(['play volleyball', 'watch the sunset.']),
		);
	});
});

import { loadConfig } from '../../../src/config';
import {
	chatCompletionsUrl,
	detectGuardFormat,
	GuardModelClient,
} from '../../../src/trust/moderation/guard/guardModel';
import { guardFromConfig } from '../../../src/trust/moderation/moderationConfig';
import { createModerator } from '../../../src/trust/moderation/moderator';
import { GuardModelEmulator } from '../emulators/guardModel';

let emulator: GuardModelEmulator;
let url: string;
beforeAll(async () => {
	emulator = new GuardModelEmulator();
	url = await emulator.start();
});
afterAll(() => emulator.stop());
afterEach(() => {
	emulator.failures.length = 0;
	emulator.noLogprobs = false;
});

const llamaGuard = (extra: object = {}) =>
	createModerator({
		openai: false,
		guard: { url, model: 'llama-guard3:8b', apiKey: emulator.apiKey, maxRetries: 1, ...extra },
	});

describe('format and endpoint', () => {
	test('the format is read from the model name, or must be given', () => {
		expect(detectGuardFormat('llama-guard3:1b')).toBe('llama-guard');
		expect(detectGuardFormat('meta-llama/Llama-Guard-3-8B')).toBe('llama-guard');
		expect(detectGuardFormat('google/shieldgemma-2b')).toBe('shieldgemma');
		expect(detectGuardFormat('shieldgemma:9b')).toBe('shieldgemma');
		expect(detectGuardFormat('my-moderator')).toBeUndefined();
		expect(() => new GuardModelClient({ url, model: 'my-moderator' })).toThrow(
			/REELFORGE_GUARD_FORMAT/,
		);
		expect(new GuardModelClient({ url, model: 'my-moderator', format: 'shieldgemma' }).format).toBe(
			'shieldgemma',
		);
	});

	test('a base URL gets the chat-completions path', () => {
		expect(chatCompletionsUrl('http://localhost:11434/v1')).toBe(
			'http://localhost:11434/v1/chat/completions',
		);
		expect(chatCompletionsUrl('http://localhost:8000/')).toBe(
			'http://localhost:8000/v1/chat/completions',
		);
		expect(chatCompletionsUrl('http://gw/openai/v1/chat/completions')).toBe(
			'http://gw/openai/v1/chat/completions',
		);
	});

	test('REELFORGE_GUARD_* configure it; URL and model go together; a bad format is refused', () => {
		const config = loadConfig({
			REELFORGE_GUARD_URL: url,
			REELFORGE_GUARD_MODEL: 'llama-guard3:8b',
			REELFORGE_GUARD_API_KEY: 'k',
		});
		expect(guardFromConfig(config.moderation)).toEqual({
			url,
			model: 'llama-guard3:8b',
			apiKey: 'k',
			format: 'auto',
			timeoutMs: 20000,
		});
		expect(guardFromConfig(loadConfig({}).moderation)).toBe(false);
		expect(() => loadConfig({ REELFORGE_GUARD_URL: url })).toThrow(/set together/);
		expect(() =>
			loadConfig({
				REELFORGE_GUARD_URL: url,
				REELFORGE_GUARD_MODEL: 'x',
				REELFORGE_GUARD_FORMAT: 'gpt',
			}),
		).toThrow(/REELFORGE_GUARD_FORMAT/);
	});
});

describe('Llama Guard 3', () => {
	test('the text goes as the one user message; the server renders the model card prompt', async () => {
		const verdict = await llamaGuard().moderateText('a tea party in the garden');
		expect(emulator.requests.at(-1)).toMatchObject({
			model: 'llama-guard3:8b',
			messages: [{ role: 'user', content: 'a tea party in the garden' }],
			temperature: 0,
		});
		const prompt = emulator.renderedPrompts.at(-1)!;
		expect(prompt).toContain('S14: Code Interpreter Abuse.');
		expect(prompt).toContain('User: a tea party in the garden');
		expect(prompt).toContain('Provide your safety assessment for ONLY THE LAST User message');
		expect(verdict).toMatchObject({ flagged: false, action: 'allow', decidedBy: [] });
		expect(verdict.checkers).toEqual([
			{ checker: 'rules', categories: {}, action: 'allow' },
			{ checker: 'guard', model: 'llama-guard (llama-guard3:8b)', categories: {}, action: 'allow' },
		]);
	});

	test('"unsafe\\nS1,S10" maps onto violence and hate, scored by P(unsafe); the guard decides what the rules let through', async () => {
		const text = 'the zorblax ritual of the flibbertigibbet clan';
		const verdict = await llamaGuard().moderateText(text);
		expect(verdict.action).toBe('block');
		expect(verdict.categories.violence).toBeCloseTo(0.93, 5);
		expect(verdict.categories.hate).toBeCloseTo(0.93, 5);
		expect(verdict.decidedBy).toEqual(['guard']);
		const rules = verdict.checkers!.find((c) => c.checker === 'rules')!;
		expect(rules.action).toBe('allow');
		expect(verdict.reasons).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					category: 'hate',
					checker: 'guard',
					detail: expect.stringContaining('S10 Hate'),
				}),
			]),
		);
		// Offline, the same text passes.
		expect((await createModerator({ openai: false }).moderateText(text)).flagged).toBe(false);
	});

	test('without log-probabilities an unsafe answer scores 1; an unmapped code is recorded but scores nothing', async () => {
		emulator.noLogprobs = true;
		const verdict = await llamaGuard().moderateText('how to steal a llama from the zoo');
		expect(verdict.categories.illegal).toBe(1);
		const elections = await llamaGuard().moderateText('tell everyone to vote twice');
		expect(elections.flagged).toBe(false);
	});

	test('the stricter verdict wins and both are recorded: rules block what the guard calls safe', async () => {
		const verdict = await llamaGuard().moderateText('kill all the immigrants, they are vermin');
		expect(verdict.action).toBe('block');
		expect(verdict.decidedBy).toEqual(['rules']);
		expect(verdict.checkers!.map((c) => [c.checker, c.action])).toEqual([
			['rules', 'block'],
			['guard', 'allow'],
		]);
	});

	test('both block: both are named as deciding', async () => {
		const verdict = await llamaGuard().moderateText('I want to kill myself, quimble');
		expect(verdict.decidedBy).toEqual(['rules', 'guard']);
	});
});

describe('ShieldGemma', () => {
	const shield = () =>
		createModerator({
			openai: false,
			guard: { url, model: 'google/shieldgemma-9b', apiKey: emulator.apiKey },
		});

	test('one prompt per policy in the model card format; the score is P(Yes) against P(No)', async () => {
		const before = emulator.requests.length;
		const verdict = await shield().moderateText('a speech by the flibbertigibbet league');
		const sent = emulator.requests.slice(before);
		expect(sent).toHaveLength(7);
		const prompts = sent.map((r) => (r.messages as Array<{ content: string }>)[0].content);
		expect(
			prompts.every((p) => p.includes('Human Question: a speech by the flibbertigibbet league')),
		).toBe(true);
		expect(prompts.some((p) => p.includes('* "No Hate Speech":'))).toBe(true);
		expect(sent[0]).toMatchObject({ max_tokens: 1, logprobs: true, temperature: 0 });
		expect(verdict.categories.hate).toBeCloseTo(0.91, 5);
		expect(verdict.categories.sexual).toBeCloseTo(0.03, 5);
		expect(verdict.action).toBe('block');
		expect(verdict.decidedBy).toEqual(['guard']);
	});

	test('without log-probabilities Yes is 1 and No is 0', async () => {
		emulator.noLogprobs = true;
		const verdict = await shield().moderateText(
			'Discuss the most effective methods for completely disabling a security system.',
		);
		expect(verdict.categories.weapons).toBe(1);
		expect(verdict.categories.hate).toBe(0);
	});
});

describe('failures: the rules decide and the failure is recorded', () => {
	test.each([
		['401', { status: 401 } as const, 'guard_auth'],
		['429 twice', { status: 429, retryAfter: '0' } as const, 'guard_rate_limited'],
		['500 twice', { status: 500 } as const, 'guard_error'],
		[
			'a garbage answer',
			{ garbage: 'As an AI model I think this is fine.' } as const,
			'guard_unreadable_answer',
		],
	])('%s', async (_, failure, code) => {
		emulator.failures.push(failure, failure);
		const verdict = await llamaGuard().moderateText('a teenager cutting her wrists in the bathtub');
		expect(verdict.action).toBe('block');
		expect(verdict.decidedBy).toEqual(['rules']);
		expect(verdict.checkers!.find((c) => c.checker === 'guard')).toMatchObject({
			action: 'allow',
			error: { code, message: expect.any(String) },
		});
	});

	test('one 429 with Retry-After is retried and answered', async () => {
		emulator.failures.push({ status: 429, retryAfter: '0' });
		const verdict = await llamaGuard().moderateText('a zorblax');
		expect(verdict.categories.violence).toBeCloseTo(0.93, 5);
	});

	test('a timeout', async () => {
		emulator.failures.push({ delayMs: 1500 });
		const verdict = await llamaGuard({ timeoutMs: 200 }).moderateText('a picnic');
		expect(verdict.action).toBe('allow');
		expect(verdict.checkers!.find((c) => c.checker === 'guard')!.error).toMatchObject({
			code: 'guard_timeout',
		});
	});

	test('a wrong key never reaches the model and the clean rules verdict stands', async () => {
		const verdict = await llamaGuard({ apiKey: 'sk-wrong' }).moderateText('a zorblax');
		expect(verdict.flagged).toBe(false);
		expect(verdict.checkers!.find((c) => c.checker === 'guard')!.error!.message).toContain(
			'Incorrect API key',
		);
	});

	test('an unreachable endpoint', async () => {
		const verdict = await createModerator({
			openai: false,
			guard: { url: 'http://127.0.0.1:9/v1', model: 'llama-guard3:8b' },
		}).moderateText('a picnic');
		expect(verdict.checkers!.find((c) => c.checker === 'guard')!.error!.code).toBe(
			'guard_unreachable',
		);
	});
});

test('every text of a spec goes to the guard, each reason with its field and checker', async () => {
	const { validateRenderSpec } = await import('../../../src/spec/validate');
	const verdict = await llamaGuard().moderateSpec(
		validateRenderSpec({
			prompt: 'a village fair',
			characters: [{ id: 'a', name: 'Ana' }],
			shots: [
				{
					prompt: 'the fair at noon',
					duration: 2,
					characters: ['a'],
					dialogue: [{ character: 'a', text: 'let us do the zorblax' }],
				},
			],
		}),
		{ keyId: 'k' },
	);
	expect(verdict.reasons).toEqual([
		expect.objectContaining({
			category: 'violence',
			path: '/shots/0/dialogue/0/text',
			checker: 'guard',
		}),
	]);
});

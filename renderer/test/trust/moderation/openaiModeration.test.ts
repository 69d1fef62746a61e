import { OpenAIModerationClient } from '../../../src/trust/moderation/openaiModeration';
import { createModerator } from '../../../src/trust/moderation/moderator';
import { OpenAIModerationEmulator } from '../emulators/openaiModeration';
import { loadConfig } from '../../../src/config';
import { openaiFromConfig } from '../../../src/trust/moderation/moderationConfig';

let emulator: OpenAIModerationEmulator;
let baseUrl: string;
beforeAll(async () => {
	emulator = new OpenAIModerationEmulator();
	baseUrl = await emulator.start();
});
afterAll(() => emulator.stop());

test('maps omni-moderation categories onto Reelforge categories, highest score wins', async () => {
	const client = new OpenAIModerationClient({ apiKey: emulator.apiKey, baseUrl });
	const scores = await client.moderate([
		{ type: 'text', text: 'a pile of entrails' },
		{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
	]);
	expect(scores.violence).toBeCloseTo(0.93, 5);
	expect(scores.hate).toBeLessThan(0.01);
	expect(emulator.requests.at(-1)).toEqual({
		model: 'omni-moderation-latest',
		input: expect.any(Array),
	});
});

test('the moderator adds the remote scores to the local rules', async () => {
	const moderator = createModerator({ openai: { apiKey: emulator.apiKey, baseUrl } });
	const verdict = await moderator.moderateText('he will clobber the guard');
	expect(verdict.flagged).toBe(true);
	expect(verdict.categories.violence).toBeCloseTo(0.72, 5);
	expect(verdict.reasons[0].detail).toContain('omni-moderation violence');
	const local = createModerator({ openai: false });
	expect((await local.moderateText('he will clobber the guard')).flagged).toBe(false);
});

test('429 with Retry-After is retried; a bad key is a stable error code', async () => {
	const client = new OpenAIModerationClient({ apiKey: emulator.apiKey, baseUrl });
	emulator.failures.push({ status: 429, retryAfter: '0' }, { status: 500 });
	expect((await client.moderate([{ type: 'text', text: 'contraband' }])).illegal).toBeCloseTo(
		0.77,
		5,
	);

	emulator.failures.push(
		{ status: 429, retryAfter: '0' },
		{ status: 429, retryAfter: '0' },
		{ status: 429, retryAfter: '0' },
	);
	await expect(client.moderate([{ type: 'text', text: 'x' }])).rejects.toMatchObject({
		code: 'moderation_provider_rate_limited',
		statusCode: 503,
	});

	const wrongKey = new OpenAIModerationClient({ apiKey: 'sk-wrong', baseUrl });
	await expect(wrongKey.moderate([{ type: 'text', text: 'x' }])).rejects.toMatchObject({
		code: 'moderation_provider_auth',
		message: expect.stringContaining('Incorrect API key'),
	});
});

test('OPENAI_API_KEY (read by the configuration) turns the adapter on', async () => {
	const settings = loadConfig({
		OPENAI_API_KEY: emulator.apiKey,
		OPENAI_BASE_URL: baseUrl,
	}).moderation;
	const before = emulator.requests.length;
	const verdict = await createModerator({ openai: openaiFromConfig(settings) }).moderateText(
		'nitwit',
	);
	expect(emulator.requests.length).toBe(before + 1);
	expect(verdict.checkers!.map((c) => c.checker)).toEqual(['rules', 'openai']);
	expect(openaiFromConfig(loadConfig({}).moderation)).toBe(false);
});

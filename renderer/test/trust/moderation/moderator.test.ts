import { createModerator, type CameoConsent } from '../../../src/trust/moderation/moderator';
import { validateRenderSpec } from '../../../src/spec/validate';
import { assertTextAllowed } from '../../../src/trust/moderation/textGate';

const consent: CameoConsent = {
	// The caller "key_owner" may use cam_taylor, which is Taylor Swift's own registered cameo.
	async consentedPeople(cameoIds, caller) {
		return cameoIds.includes('cam_taylor') && caller.keyId === 'key_owner' ? ['Taylor Swift'] : [];
	},
};
const moderator = createModerator({ openai: false, cameos: consent });

const spec = (extra: Record<string, unknown>) =>
	validateRenderSpec({ shots: [{ prompt: 'a calm beach at dawn', duration: 2 }], ...extra });

test('a clean spec passes', async () => {
	const verdict = await moderator.moderateSpec(spec({}), { keyId: 'key_owner' });
	expect(verdict).toMatchObject({
		flagged: false,
		action: 'allow',
		reasons: [],
		policy: 'reelforge-default-v1',
	});
});

test('reasons carry the JSON pointer of the offending field', async () => {
	const verdict = await moderator.moderateSpec(
		spec({
			characters: [{ id: 'a', name: 'Rex' }],
			shots: [
				{
					prompt: 'a beach',
					duration: 2,
					characters: ['a'],
					dialogue: [{ character: 'a', text: 'I will behead you' }],
				},
			],
		}),
		{ keyId: 'key_owner' },
	);
	expect(verdict.flagged).toBe(true);
	expect(verdict.action).toBe('block');
	expect(verdict.reasons).toEqual([
		expect.objectContaining({
			category: 'violence',
			source: 'prompt',
			detail: '/shots/0/dialogue/0/text: behead',
			path: '/shots/0/dialogue/0/text',
		}),
	]);
});

test("a shot's narration and overlay text are moderated like its prompt, each with its pointer", async () => {
	const verdict = await moderator.moderateSpec(
		spec({
			shots: [
				{
					media: { url: 'https://example.com/beach.png' },
					duration: 'auto',
					narration: 'Tonight I will behead you.',
					overlays: [{ text: 'calm seas' }, { text: 'behead them all' }],
				},
			],
		}),
		{ keyId: 'key_owner' },
	);
	expect(verdict.action).toBe('block');
	expect(verdict.reasons.map((r) => r.path)).toEqual([
		'/shots/0/narration',
		'/shots/0/overlays/1/text',
	]);
});

test('a real person without a usable cameo is refused; with one the caller may use it passes', async () => {
	const named = {
		prompt: 'Taylor Swift plays basketball',
		characters: [{ id: 'ts', name: 'Taylor', cameoId: 'cam_taylor' }],
		shots: [],
	};
	const stranger = await moderator.moderateSpec(spec(named), { keyId: 'key_stranger' });
	expect(stranger.action).toBe('block');
	expect(stranger.reasons[0]).toMatchObject({
		category: 'real-person',
		detail: '/prompt: Taylor Swift',
	});
	const owner = await moderator.moderateSpec(spec(named), { keyId: 'key_owner' });
	expect(owner.flagged).toBe(false);
	// A cameo covers its own person only.
	const other = await moderator.moderateSpec(
		spec({ ...named, prompt: 'Taylor Swift and Elon Musk play basketball' }),
		{ keyId: 'key_owner' },
	);
	expect(other.reasons.map((r) => r.detail)).toEqual(['/prompt: Elon Musk']);
});

test('the transcript of a video is moderated too', async () => {
	const verdict = await createModerator({
		openai: false,
		video: { inspect: async () => [] },
	}).moderateVideo(
		{ videoPath: '/nonexistent.mp4', transcript: 'now I will kill myself', spec: spec({}) },
		new AbortController().signal,
	);
	expect(verdict.reasons).toEqual([
		expect.objectContaining({ category: 'self-harm', source: 'transcript' }),
	]);
});

test('a moderator made for a render that follows at once starts its frame models loading, before its rules compile', () => {
	const events: string[] = [];
	const video = {
		inspect: async () => [],
		preload: async () => {
			events.push('preload');
		},
	};
	createModerator({ openai: false, video, preloadVideoModels: true });
	createModerator({ openai: false, video });
	// Only the first asked for it, and it was asked synchronously: the models load in their
	// thread while the rules compile in this one.
	expect(events).toEqual(['preload']);
});

test('what the recogniser hears and OCR reads go through the same rules: other languages, leetspeak', async () => {
	const verdict = await createModerator({
		openai: false,
		video: {
			inspect: async () => [
				{
					time: 1.5,
					scores: { sexual: 0.01 },
					labels: 'nsfw model: Neutral 0.990',
					text: 'K1LL ALL THE 1MM1GRANTS',
				},
			],
		},
	}).moderateVideo(
		{ videoPath: '/nonexistent.mp4', transcript: 'quiero suicidarme esta noche', spec: spec({}) },
		new AbortController().signal,
	);
	expect(verdict.action).toBe('block');
	expect(verdict.reasons).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ category: 'self-harm', source: 'transcript', checker: 'rules' }),
			expect.objectContaining({ category: 'hate', source: 'ocr', checker: 'rules' }),
		]),
	);
	expect(verdict.checkers!.map((c) => c.checker)).toEqual(['rules', 'nsfw-model']);
});

test('remix instructions are moderated with pointers into the remix request', async () => {
	const verdict = await moderator.moderateSpec(spec({}), { keyId: 'key_owner' }, [
		{
			path: '/operations/extend/shots/0/prompt',
			text: 'then he opens fire on the crowd at the parade',
		},
	]);
	expect(verdict.action).toBe('block');
	expect(verdict.reasons[0]).toMatchObject({
		category: 'violence',
		source: 'remix',
		path: '/operations/extend/shots/0/prompt',
	});
});

describe('assertTextAllowed: feed titles and report reasons', () => {
	test('a blocked title is a 422 content_policy naming the field; a clean one answers its verdict', async () => {
		await expect(
			assertTextAllowed(moderator, [{ path: '/title', text: 'Los inmigrantes son ratas' }], 'feed'),
		).rejects.toMatchObject({
			statusCode: 422,
			code: 'content_policy',
			details: [expect.objectContaining({ path: '/title' })],
		});
		const clean = await assertTextAllowed(
			moderator,
			[{ path: '/reason', text: 'This video shows a real person without consent' }],
			'report',
		);
		expect(clean).toMatchObject({ flagged: false, action: 'allow' });
		expect(
			await assertTextAllowed(undefined, [{ path: '/title', text: 'x' }], 'feed'),
		).toBeUndefined();
	});

	test('a flagged brand mention passes with its verdict (flag is not block)', async () => {
		const verdict = await assertTextAllowed(
			moderator,
			[{ path: '/title', text: 'My Nike shoes' }],
			'feed',
		);
		expect(verdict).toMatchObject({ flagged: true, action: 'flag' });
	});
});

import { createModerator, type CameoConsent } from '../../../src/trust/moderation/moderator';
import { validateRenderSpec } from '../../../src/spec/validate';

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

/**
 * Remote speech through the engine: the OpenAI-compatible `/audio/speech` and ElevenLabs
 * with-timestamps, each against an emulator written from its public documentation — success,
 * auth error, 429 with Retry-After, malformed answers — plus the lip-sync error of the text-to-audio
 * alignment against the provider's own timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeSpeech, type RemoteVoiceSource } from '../../src/engine/voice';
import { alignTextToAudio } from '../../src/engine/voice/alignment';
import { wordsFromTimings } from '../../src/engine/voice/remoteVoice';
import { createElevenLabsSpeech } from '../../src/voices/elevenLabs';
import { Outbound } from '../../src/net/outbound';
import { doorFetch } from '../../src/voices/http';
import { createOpenAiSpeech } from '../../src/voices/openaiSpeech';
import { VoiceProviderError } from '../../src/voices/providerCall';
import { loadConfig } from '../../src/config';
import { character, shot, storyboard } from '../engine/voice/fixtures/storyboard';
import { ElevenLabsEmulator, OpenAiSpeechEmulator } from './emulators/speechEmulators';

// The providers' calls go out through the renderer's outbound door, as in the service.
const httpFetch = doorFetch(new Outbound());

const work = mkdtempSync(join(tmpdir(), 'rf-remote-speech-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LINES = ['You still think you can beat me?', 'Meet me at the station at seven.'];

function board(voice: string, lines = LINES, extra: { clonedFor?: string } = {}) {
	return storyboard({
		durationSeconds: 4 * lines.length,
		characters: [character('ann', { voice, pitch: 0, rate: 1, ...extra })],
		shots: lines.map((text, i) =>
			shot(i, i * 4, 4, 30, { dialogue: [{ character: 'ann', text, at: 0.2 }] }),
		),
	});
}

/** Records the waits a provider call asks for instead of sleeping through them. */
function recordingSleep() {
	const waits: number[] = [];
	return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('OpenAI-compatible /audio/speech', () => {
	const emulator = new OpenAiSpeechEmulator();
	let base: string;
	const logs: string[] = [];
	const log = (message: string) => void logs.push(message);
	let source: RemoteVoiceSource;
	const sleeper = recordingSleep();
	beforeAll(async () => {
		base = `${await emulator.start()}/v1`;
		source = createOpenAiSpeech(
			{ baseUrl: base, apiKey: emulator.apiKey, model: 'tts-1', voices: emulator.voices },
			httpFetch,
			{ sleep: sleeper.sleep },
		);
	});
	afterAll(() => emulator.stop());

	it('speaks each line with the documented request and aligns the text to the audio within 40 ms (median)', async () => {
		const speech = await synthesizeSpeech(board('openai:nova'), {
			cacheDir: join(work, 'oa-cache'),
			modelsDir: join(work, 'models'),
			remote: [source],
			log,
		});
		const calls = emulator.requests.filter((r) => r.path === '/v1/audio/speech');
		expect(calls).toHaveLength(2);
		expect(calls[0].headers.authorization).toBe(`Bearer ${emulator.apiKey}`);
		expect(JSON.parse(calls[0].body.toString())).toEqual({
			model: 'tts-1',
			input: LINES[0],
			voice: 'nova',
			response_format: 'wav',
			speed: 1,
		});
		const errors: number[] = [];
		speech.clips.forEach((clip) => {
			expect(clip.sampleRate).toBe(48000);
			expect(clip.words.map((w) => w.text)).toEqual(clip.text.split(' '));
			// The truth: festival's own word times for the audio the emulator served, moved to the
			// clip's place on the timeline (the engine trims the lead-in the same way for every voice).
			const truth = emulator.truth.get(clip.text)!;
			const offset = clip.words[clip.words.length - 1].end - truth[truth.length - 1].end;
			clip.words.forEach((w, i) => errors.push(Math.abs(w.start - (truth[i].start + offset))));
			expect(clip.visemes.some((v) => v.viseme !== 'rest')).toBe(true);
		});
		expect(median(errors)).toBeLessThanOrEqual(0.04);
	});

	it('lists its voices in the catalog and answers a second render from the cache', async () => {
		expect(source.voices().map((v) => v.id)).toEqual([
			'openai:alloy',
			'openai:nova',
			'openai:onyx',
		]);
		const before = emulator.requests.length;
		await synthesizeSpeech(board('openai:nova'), {
			cacheDir: join(work, 'oa-cache'),
			modelsDir: join(work, 'models'),
			remote: [source],
		});
		expect(emulator.requests.length).toBe(before);
	});

	it('decodes another format when a server ignores response_format, and sends the rate as speed', async () => {
		const wav = await source.synthesize({ text: 'Hello there.', voice: 'alloy', rate: 1.2 });
		expect(JSON.parse(emulator.requests[emulator.requests.length - 1].body.toString()).speed).toBe(
			1.2,
		);
		for (const format of ['mp3', 'opus'] as const) {
			emulator.script.push({ kind: 'format', format });
			const other = await source.synthesize({ text: 'Hello there.', voice: 'alloy', rate: 1.2 });
			// same speech, give or take the codec's padding
			const seconds = (r: typeof wav) => r.samples.length / r.sampleRate;
			expect(Math.abs(seconds(other) - seconds(wav))).toBeLessThan(0.1);
		}
		emulator.script.push({ kind: 'malformed', body: '', contentType: 'audio/wav' });
		await expect(
			source.synthesize({ text: 'Hello there.', voice: 'alloy', rate: 1 }),
		).rejects.toMatchObject({ code: 'voice_provider_bad_response', transient: true });
	});

	it('fails with voice_provider_auth on a refused key and never repeats the key', async () => {
		const wrong = createOpenAiSpeech(
			{ baseUrl: base, apiKey: 'sk-speech-emulator-key-WRONG', model: 'tts-1', voices: ['nova'] },
			httpFetch,
		);
		const error = await wrong.synthesize({ text: 'Hi.', voice: 'nova', rate: 1 }).catch((e) => e);
		expect(error).toBeInstanceOf(VoiceProviderError);
		expect(error).toMatchObject({ code: 'voice_provider_auth', transient: false, statusCode: 502 });
		expect(error.message).toContain('HTTP 401');
		expect(error.message).not.toContain('WRONG');
		// the emulator says "Incorrect API key provided: sk-…": a key it echoes is scrubbed too
		emulator.script.push({ kind: 'status', status: 401 });
		const echoed = await source.synthesize({ text: 'Hi.', voice: 'nova', rate: 1 }).catch((e) => e);
		expect(echoed.message).not.toContain(emulator.apiKey);
		expect(echoed.message).toContain('***');
	});

	it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
		emulator.script.push({ kind: 'status', status: 429, retryAfter: '2' });
		sleeper.waits.length = 0;
		const result = await source.synthesize({ text: 'Again, please.', voice: 'onyx', rate: 1 });
		expect(sleeper.waits).toEqual([2000]);
		expect(result.samples.length).toBeGreaterThan(0);
	});

	it('gives up with a transient voice_provider_busy when the wait is too long or the 429s go on', async () => {
		emulator.script.push({ kind: 'status', status: 429, retryAfter: '600' });
		await expect(
			source.synthesize({ text: 'Later.', voice: 'onyx', rate: 1 }),
		).rejects.toMatchObject({ code: 'voice_provider_busy', transient: true });
		for (let i = 0; i < 4; i++) emulator.script.push({ kind: 'status', status: 429 });
		sleeper.waits.length = 0;
		await expect(
			source.synthesize({ text: 'Later.', voice: 'onyx', rate: 1 }),
		).rejects.toMatchObject({ code: 'voice_provider_busy' });
		expect(sleeper.waits).toEqual([1000, 2000, 4000]); // backoff when no Retry-After is given
	});

	it('turns a JSON or non-audio 200 into voice_provider_bad_response', async () => {
		for (const [body, contentType] of [
			['{"id":"x"}', 'application/json'],
			['not audio at all', 'audio/mpeg'],
		]) {
			emulator.script.push({ kind: 'malformed', body, contentType });
			await expect(
				source.synthesize({ text: 'Odd.', voice: 'alloy', rate: 1 }),
			).rejects.toMatchObject({ code: 'voice_provider_bad_response' });
		}
	});

	it('a voice the endpoint does not offer falls back to a built-in voice, and says so', async () => {
		logs.length = 0;
		const speech = await synthesizeSpeech(board('openai:shimmer', ['Fine.']), {
			cacheDir: join(work, 'oa-cache'),
			modelsDir: join(work, 'models'),
			remote: [source],
			log,
		});
		expect(speech.clips).toHaveLength(1);
		expect(logs).toContain('voice not available, using a built-in voice');
	});
});

describe('ElevenLabs text-to-speech with timestamps', () => {
	const emulator = new ElevenLabsEmulator();
	let base: string;
	const sleeper = recordingSleep();
	let source: RemoteVoiceSource;
	const logs: string[] = [];
	const RACHEL = '21m00Tcm4TlvDq8ikWAM';
	beforeAll(async () => {
		base = await emulator.start();
		source = createElevenLabsSpeech(
			{
				baseUrl: base,
				apiKey: emulator.apiKey,
				model: 'eleven_multilingual_v2',
				voices: [{ name: 'Rachel', id: RACHEL }],
			},
			httpFetch,
			{ sleep: sleeper.sleep },
		);
	});
	afterAll(() => emulator.stop());

	it('uses the character timings for words, and the alignment agrees with them within 40 ms (median)', async () => {
		const speech = await synthesizeSpeech(board(`elevenlabs:${RACHEL}`), {
			cacheDir: join(work, 'el-cache'),
			modelsDir: join(work, 'models'),
			remote: [source],
		});
		const call = emulator.requests.find((r) => r.path.includes('/with-timestamps'))!;
		expect(call.path).toBe(`/v1/text-to-speech/${RACHEL}/with-timestamps?output_format=pcm_24000`);
		expect(call.headers['xi-api-key']).toBe(emulator.apiKey);
		expect(JSON.parse(call.body.toString())).toEqual({
			text: LINES[0],
			model_id: 'eleven_multilingual_v2',
		});
		// Words come from the provider: relative to each other they match festival's truth exactly
		// (to the emulator's 1 ms rounding), wherever the engine placed the clip. Only the first word
		// may start later: the engine moves a line's first onset to where it becomes audible.
		for (const clip of speech.clips) {
			const truth = emulator.truth.get(clip.text)!;
			const last = truth.length - 1;
			const offset = clip.words[last].end - truth[last].end;
			clip.words.forEach((w, i) => {
				const error = w.start - offset - truth[i].start;
				if (i === 0) expect(error).toBeGreaterThan(-0.003);
				else expect(Math.abs(error)).toBeLessThan(0.003);
			});
		}
		// The lip-sync error of the fallback: the same audio aligned from its text, against the
		// provider's timings for it.
		const errors: number[] = [];
		for (const text of LINES) {
			const answer = await source.synthesize({ text, voice: RACHEL, rate: 1 });
			const provider = wordsFromTimings(text, answer.timings!)!;
			const aligned = alignTextToAudio(text, answer.samples, answer.sampleRate, 1);
			provider.forEach((w, i) => errors.push(Math.abs(aligned.words[i].start - w.start)));
		}
		expect(median(errors)).toBeLessThanOrEqual(0.04);
	});

	it('sends the speaking rate as voice_settings.speed within the API range', async () => {
		await source.synthesize({ text: 'Quickly now.', voice: RACHEL, rate: 1.5 });
		const last = emulator.requests[emulator.requests.length - 1];
		expect(JSON.parse(last.body.toString()).voice_settings).toEqual({ speed: 1.2 });
	});

	it('offers only the configured voices to specs; a cloned voice only through its cameo', () => {
		expect(source.voices().map((v) => v.id)).toEqual([`elevenlabs:${RACHEL}`]);
		expect(source.offers(RACHEL, false)).toBe(true);
		expect(source.offers('cl001VoiceCloneAbCd', false)).toBe(false);
		expect(source.offers('cl001VoiceCloneAbCd', true)).toBe(true);
		expect(source.offers('../../v1/user', true)).toBe(false);
	});

	it('auth error, 429 with Retry-After, voice not found', async () => {
		const wrong = createElevenLabsSpeech(
			{ baseUrl: base, apiKey: 'nope-nope', model: 'm', voices: [] },
			httpFetch,
		);
		await expect(wrong.synthesize({ text: 'Hi.', voice: RACHEL, rate: 1 })).rejects.toMatchObject({
			code: 'voice_provider_auth',
			transient: false,
		});
		emulator.script.push({ kind: 'status', status: 429, retryAfter: '1' });
		sleeper.waits.length = 0;
		const ok = await source.synthesize({ text: 'Hi again.', voice: RACHEL, rate: 1 });
		expect(sleeper.waits).toEqual([1000]);
		expect(ok.timings?.unit).toBe('character');
		const missing = await source
			.synthesize({ text: 'Hi.', voice: 'AAAAAAAAAAAAAAAAAAAA', rate: 1 })
			.catch((e) => e);
		expect(missing).toMatchObject({ code: 'voice_provider_rejected', transient: false });
		expect(missing.message).toContain('voice_not_found');
	});

	it('rejects answers with no usable audio, and aligns the text when the timings do not fit', async () => {
		emulator.script.push({
			kind: 'malformed',
			body: '{"alignment":{}}',
			contentType: 'application/json',
		});
		await expect(source.synthesize({ text: 'Hm.', voice: RACHEL, rate: 1 })).rejects.toMatchObject({
			code: 'voice_provider_bad_response',
		});
		emulator.script.push({
			kind: 'malformed',
			body: '<html>busy</html>',
			contentType: 'text/html',
		});
		await expect(source.synthesize({ text: 'Hm.', voice: RACHEL, rate: 1 })).rejects.toMatchObject({
			code: 'voice_provider_bad_response',
		});
		// Real audio with timings for other words: the engine aligns the line itself, and logs it.
		const real = await source.synthesize({ text: 'Best of three?', voice: RACHEL, rate: 1 });
		const wrongTimings = {
			audio_base64: Buffer.from(Int16Array.from(real.samples, (s) => s * 32767).buffer).toString(
				'base64',
			),
			alignment: {
				characters: [...'Something else'],
				character_start_times_seconds: [...'Something else'].map((_, i) => i * 0.05),
				character_end_times_seconds: [...'Something else'].map((_, i) => i * 0.05 + 0.05),
			},
		};
		emulator.script.push({
			kind: 'malformed',
			body: JSON.stringify(wrongTimings),
			contentType: 'application/json',
		});
		logs.length = 0;
		const speech = await synthesizeSpeech(board(`elevenlabs:${RACHEL}`, ['Best of three?']), {
			cacheDir: join(work, 'el-cache-2'),
			modelsDir: join(work, 'models'),
			remote: [source],
			log: (m) => void logs.push(m),
		});
		expect(logs).toContain(
			'speech provider timings do not fit the line; aligning the text to the audio',
		);
		expect(speech.clips[0].words.map((w) => w.text)).toEqual(['Best', 'of', 'three?']);
	});
});

describe('configuration', () => {
	it('reads the providers from the environment only, and never needs a key in a spec', () => {
		const config = loadConfig({
			OPENAI_SPEECH_BASE_URL: 'http://kokoro:8880/v1/',
			OPENAI_SPEECH_MODEL: 'kokoro',
			OPENAI_SPEECH_VOICES: 'af_bella, am_adam',
			ELEVENLABS_API_KEY: 'k',
			ELEVENLABS_VOICES: `Rachel=21m00Tcm4TlvDq8ikWAM,pNInz6obpgDQGcFmaJgB`,
		});
		expect(config.speech.openai).toEqual({
			baseUrl: 'http://kokoro:8880/v1',
			apiKey: undefined,
			model: 'kokoro',
			voices: ['af_bella', 'am_adam'],
		});
		expect(config.speech.elevenlabs?.voices).toEqual([
			{ name: 'Rachel', id: '21m00Tcm4TlvDq8ikWAM' },
			{ name: 'pNInz6obpgDQGcFmaJgB', id: 'pNInz6obpgDQGcFmaJgB' },
		]);
		// Nothing configured: no remote voices at all.
		expect(loadConfig({}).speech).toEqual({ instances: [] });
		expect(loadConfig({ OPENAI_SPEECH_API_KEY: 'sk' }).speech.openai?.baseUrl).toBe(
			'https://api.openai.com/v1',
		);
		expect(() => loadConfig({ ELEVENLABS_API_KEY: 'k', ELEVENLABS_VOICES: 'Rachel=../x' })).toThrow(
			'ELEVENLABS_VOICES',
		);
	});
});

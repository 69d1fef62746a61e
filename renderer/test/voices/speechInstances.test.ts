/**
 * Named speech providers in the REELFORGE_PROVIDERS file, configured like the video providers:
 * keys only by reference, errors naming the field, each instance's name the prefix of its voices,
 * and the instance really speaking through the outbound door (OpenAI-compatible emulator).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { synthesizeSpeech } from '../../src/engine/voice';
import { Outbound } from '../../src/net/outbound';
import { createRemoteVoices } from '../../src/voices';
import { doorFetch } from '../../src/voices/http';
import { character, shot, storyboard } from '../engine/voice/fixtures/storyboard';
import { OpenAiSpeechEmulator } from './emulators/speechEmulators';
import { serveDuringSuite } from '../support/suiteServer';

const work = mkdtempSync(join(tmpdir(), 'rf-speech-instances-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let fileCount = 0;
function providersFile(content: unknown): string {
	const path = join(work, `providers-${++fileCount}.json`);
	writeFileSync(path, JSON.stringify(content));
	return path;
}

describe('speech providers in REELFORGE_PROVIDERS', () => {
	const emulator = new OpenAiSpeechEmulator();
	const base = serveDuringSuite(emulator, '/v1');

	it('offers a named OpenAI-compatible instance as <name>:<voice> and speaks with its key from the environment', async () => {
		const keyFile = join(work, 'kokoro.key');
		writeFileSync(keyFile, `${emulator.apiKey}\n`);
		const config = loadConfig({
			REELFORGE_PROVIDERS: providersFile({
				providers: [],
				speech: [
					{
						name: 'kokoro',
						type: 'openai-speech',
						baseUrl: `${base()}/`,
						model: 'kokoro',
						voices: ['nova', 'onyx'],
						apiKey: { file: keyFile },
					},
				],
			}),
		});
		expect(config.speech.instances).toEqual([
			expect.objectContaining({ name: 'kokoro', baseUrl: base(), apiKey: emulator.apiKey }),
		]);
		const sources = createRemoteVoices(config.speech, doorFetch(new Outbound()));
		expect(sources.map((s) => s.id)).toEqual(['kokoro']);
		expect(sources[0].voices().map((v) => v.id)).toEqual(['kokoro:nova', 'kokoro:onyx']);

		const line = 'Meet me at the station at seven.';
		const board = storyboard({
			durationSeconds: 4,
			characters: [character('ann', { voice: 'kokoro:onyx', pitch: 0, rate: 1 })],
			shots: [shot(0, 0, 4, 30, { dialogue: [{ character: 'ann', text: line, at: 0.2 }] })],
		});
		const speech = await synthesizeSpeech(board, {
			cacheDir: join(work, 'cache'),
			modelsDir: join(work, 'models'),
			remote: sources,
		});
		const call = emulator.requests.find((r) => r.path === '/v1/audio/speech')!;
		expect(call.headers.authorization).toBe(`Bearer ${emulator.apiKey}`);
		expect(JSON.parse(call.body.toString())).toMatchObject({
			model: 'kokoro',
			voice: 'onyx',
			input: line,
		});
		expect(speech.clips[0].words.map((w) => w.text)).toEqual(line.split(' '));
	});

	it('names the failing field, refuses keys written into the file, unset variables and reserved or doubled names', () => {
		const load =
			(speech: unknown[], env: Record<string, string> = {}) =>
			() =>
				loadConfig({ REELFORGE_PROVIDERS: providersFile({ providers: [], speech }), ...env });
		const kokoro = { name: 'kokoro', type: 'openai-speech', baseUrl: base(), voices: ['nova'] };
		expect(load([{ ...kokoro, apiKey: 'sk-inline-key' }])).toThrow(
			/\/speech\/0\/apiKey must be \{"env": "VARIABLE"\} or \{"file"/,
		);
		expect(load([{ ...kokoro, apiKey: { env: 'KOKORO_KEY' } }])).toThrow(
			/\/speech\/0\/apiKey\/env environment variable KOKORO_KEY is not set/,
		);
		expect(load([{ ...kokoro, baseUrl: 'ftp://host/v1' }])).toThrow(/\/speech\/0\/baseUrl/);
		expect(load([{ ...kokoro, voices: [] }])).toThrow(/\/speech\/0\/voices/);
		expect(load([{ ...kokoro, type: 'coqui' }])).toThrow(/\/speech\/0\/type/);
		expect(load([{ ...kokoro, name: 'flite' }])).toThrow(
			/\/speech\/0\/name "flite" names a built-in voice engine/,
		);
		expect(load([kokoro, kokoro])).toThrow(/\/speech\/1\/name "kokoro" is used twice/);
		expect(
			load([{ ...kokoro, name: 'openai' }], { OPENAI_SPEECH_BASE_URL: 'http://tts.example/v1' }),
		).toThrow(/speech provider "openai" is defined twice/);
		expect(
			load([{ name: 'eleven-eu', type: 'elevenlabs', apiKey: { env: 'EL' }, voices: [] }], {
				EL: 'k',
			}),
		).toThrow(/\/speech\/0\/voices/);
	});

	it('reads an ElevenLabs instance with its defaults, and the key never shows in the error of another field', () => {
		// The same instance, with the voice id given.
		const withVoiceId = (id: string) =>
			loadConfig({
				EL_EU: 'el-secret-key-value',
				REELFORGE_PROVIDERS: providersFile({
					providers: [],
					speech: [
						{
							name: 'eleven-eu',
							type: 'elevenlabs',
							apiKey: { env: 'EL_EU' },
							voices: [{ name: 'Rachel', id }],
						},
					],
				}),
			});
		const config = withVoiceId('21m00Tcm4TlvDq8ikWAM');
		expect(config.speech.instances).toEqual([
			{
				type: 'elevenlabs',
				name: 'eleven-eu',
				baseUrl: 'https://api.elevenlabs.io',
				apiKey: 'el-secret-key-value',
				model: 'eleven_multilingual_v2',
				voices: [{ name: 'Rachel', id: '21m00Tcm4TlvDq8ikWAM' }],
			},
		]);
		const [source] = createRemoteVoices(config.speech, doorFetch(new Outbound()));
		expect(source.voices().map((v) => v.id)).toEqual(['eleven-eu:21m00Tcm4TlvDq8ikWAM']);
		expect(source.offers('21m00Tcm4TlvDq8ikWAM', false)).toBe(true);
		expect(source.offers('SomeClonedVoiceId000', false)).toBe(false);
		let message = '';
		try {
			withVoiceId('not an id');
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/\/speech\/0\/voices\/0\/id/);
		expect(message).not.toContain('el-secret-key-value');
	});

	it('leaves the video providers of the same file as they were', () => {
		const config = loadConfig({
			GW_KEY: 'gw',
			REELFORGE_PROVIDERS: providersFile({
				providers: [
					{
						name: 'gateway-eu',
						type: 'openai-videos',
						baseUrl: 'https://llm.example.eu/v1',
						apiKey: { env: 'GW_KEY' },
					},
				],
				speech: [{ name: 'kokoro', type: 'openai-speech', baseUrl: base(), voices: ['nova'] }],
			}),
		});
		expect(config.remoteProviders.instances.map((i) => i.name)).toEqual(['gateway-eu']);
		expect(config.speech.instances.map((i) => i.name)).toEqual(['kokoro']);
	});
});

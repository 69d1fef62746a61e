import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listVoices, synthesizeSpeech } from '../../../src/engine/voice';
import { writeMonoWav } from '../../../src/engine/audio/wavFile';
import type { SpeechClip, Storyboard } from '../../../src/engine/storyboard';
import { character, shot, storyboard } from './fixtures/storyboard';
import { firstOnset, medianPitchHz, rms } from '../audio/fixtures/measure';

const work = mkdtempSync(join(tmpdir(), 'rf-voice-test-'));
const modelsDir = join(work, 'models');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** pocketsphinx wants 16 kHz mono s16; its stdout is the hypothesis. */
function recognise(clip: SpeechClip, name: string): string {
	const wav = join(work, `${name}.wav`);
	const wav16 = join(work, `${name}-16k.wav`);
	writeMonoWav(wav, clip.sampleRate, clip.samples);
	execFileSync('ffmpeg', [
		'-v',
		'error',
		'-y',
		'-i',
		wav,
		'-ar',
		'16000',
		'-ac',
		'1',
		'-c:a',
		'pcm_s16le',
		wav16,
	]);
	const r = spawnSync('pocketsphinx_continuous', ['-infile', wav16], { encoding: 'utf8' });
	return r.stdout.trim().toLowerCase();
}

function fractionRecognised(said: string, heard: string): number {
	const expected = said
		.toLowerCase()
		.replace(/[^a-z' ]/g, '')
		.split(/\s+/)
		.filter(Boolean);
	const got = new Set(heard.split(/\s+/));
	return expected.filter((w) => got.has(w)).length / expected.length;
}

const ALICE = 'The quick brown fox jumps over the lazy dog.';
const BOB = 'Please call me tomorrow morning about the new house.';

function twoCharacterStoryboard(): Storyboard {
	return storyboard({
		durationSeconds: 10,
		characters: [
			character('alice', { voice: 'festival:slt', pitch: 0, rate: 1 }),
			character('bob', { voice: 'flite:rms', pitch: -2, rate: 1 }),
		],
		shots: [
			shot(0, 0, 5, 30, {
				dialogue: [
					{ character: 'alice', text: ALICE, at: 0.5 },
					{ character: 'bob', text: BOB, at: 1 },
				],
			}),
			shot(1, 5, 5, 30, { dialogue: [{ character: 'alice', text: 'Sure, see you then!', at: 3 }] }),
		],
		voiceover: { text: 'Later that day.', voice: { voice: 'flite:slt', pitch: 2, rate: 1.1 } },
	});
}

describe('voices', () => {
	it('lists the built-in voices with descriptions', () => {
		const voices = listVoices(modelsDir);
		const ids = voices.map((v) => v.id);
		expect(ids).toEqual(
			expect.arrayContaining([
				'festival:slt',
				'flite:slt',
				'flite:rms',
				'flite:awb',
				'flite:kal16',
			]),
		);
		for (const v of voices) expect(v.description.length).toBeGreaterThan(10);
	});
});

describe('synthesizeSpeech', () => {
	const cacheDir = join(work, 'cache');
	let clips: SpeechClip[];
	const logs: Array<{ message: string; fields?: Record<string, unknown> }> = [];

	beforeAll(async () => {
		clips = (
			await synthesizeSpeech(twoCharacterStoryboard(), {
				cacheDir,
				modelsDir,
				log: (message, fields) => logs.push({ message, fields }),
			})
		).clips;
	});

	it('makes one 48 kHz clip per line plus the voiceover, placed on the video clock', () => {
		expect(clips.map((c) => c.speaker)).toEqual(['voiceover', 'alice', 'bob', 'alice']);
		const [, alice, bob, alice2] = clips;
		expect(alice.start).toBeCloseTo(0.5, 6);
		expect(alice2.start).toBeCloseTo(8, 6);
		for (const c of clips) {
			expect(c.sampleRate).toBe(48000);
			expect(c.end - c.start).toBeCloseTo(c.samples.length / 48000, 6);
			expect(c.words.length).toBeGreaterThan(1);
		}
		// Bob was planned at 1.0 s, while Alice is still talking: he is pushed after her, not over her.
		expect(alice.end).toBeGreaterThan(1);
		expect(bob.start).toBeGreaterThanOrEqual(alice.end);
		expect(bob.start - alice.end).toBeLessThan(0.2);
		expect(
			logs.some((l) => l.message.includes('pushed later') && l.fields?.speaker === 'bob'),
		).toBe(true);
	});

	it('times every written word, in order, inside its clip, keeping the punctuation', () => {
		const alice = clips[1];
		expect(alice.words.map((w) => w.text)).toEqual(ALICE.split(' '));
		for (const c of clips) {
			for (let i = 0; i < c.words.length; i++) {
				const w = c.words[i];
				expect(w.end).toBeGreaterThan(w.start);
				expect(w.start).toBeGreaterThanOrEqual(c.start - 1e-6);
				expect(w.end).toBeLessThanOrEqual(c.end + 1e-6);
				if (i > 0) expect(w.start).toBeGreaterThanOrEqual(c.words[i - 1].end - 1e-6);
			}
		}
	});

	it('speaks intelligibly: pocketsphinx recognises most words of each voice', () => {
		const heardAlice = recognise(clips[1], 'alice');
		const heardBob = recognise(clips[2], 'bob');
		expect(fractionRecognised(ALICE, heardAlice)).toBeGreaterThanOrEqual(0.6);
		expect(fractionRecognised(BOB, heardBob)).toBeGreaterThanOrEqual(0.5);
	});

	it('gives the two characters measurably different voices', () => {
		const alicePitch = medianPitchHz(clips[1].samples, 48000);
		const bobPitch = medianPitchHz(clips[2].samples, 48000);
		expect(alicePitch).toBeGreaterThan(140);
		expect(bobPitch).toBeGreaterThan(60);
		expect(alicePitch / bobPitch).toBeGreaterThan(1.3);
	});

	it('shifts pitch by the profile without changing the timing', async () => {
		const line = { character: 'alice', text: 'Hello there, how are you today?', at: 0 };
		const make = (pitch: number) =>
			synthesizeSpeech(
				storyboard({
					characters: [character('alice', { voice: 'festival:slt', pitch, rate: 1 })],
					shots: [shot(0, 0, 6, 30, { dialogue: [line] })],
				}),
				{ cacheDir, modelsDir },
			);
		const [base] = (await make(0)).clips;
		const [up] = (await make(4)).clips;
		expect(up.samples.length).toBe(base.samples.length);
		expect(up.words).toEqual(base.words);
		const ratio = medianPitchHz(up.samples, 48000) / medianPitchHz(base.samples, 48000);
		expect(ratio).toBeGreaterThan(Math.pow(2, 4 / 12) * 0.92);
		expect(ratio).toBeLessThan(Math.pow(2, 4 / 12) * 1.08);
	});

	it('is non-silent while words are spoken, with visemes and audio onset within 40 ms of the first word', () => {
		for (const c of clips) {
			for (const w of c.words) {
				const a = (w.start - c.start) * 48000;
				const b = (w.end - c.start) * 48000;
				expect(rms(c.samples, a, b)).toBeGreaterThan(0.005);
			}
			const firstWord = c.words[0].start;
			const firstShape = c.visemes.find((v) => v.viseme !== 'rest')!;
			expect(Math.abs(firstShape.start - firstWord)).toBeLessThanOrEqual(0.04);
			// Audible onset: the first millisecond louder than 1 % of the clip peak (-40 dB); the clip has digital silence before speech.
			const peak = c.samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
			const onset = c.start + firstOnset(c.samples, 48000, 0.01 * peak);
			expect(Math.abs(onset - firstWord)).toBeLessThanOrEqual(0.04);
			// no DC offset (the engines' output is high-passed at 70 Hz)
			expect(Math.abs(c.samples.reduce((a, s) => a + s, 0) / c.samples.length)).toBeLessThan(1e-3);
			// visemes tile the clip's speech in order
			for (let i = 1; i < c.visemes.length; i++)
				expect(c.visemes[i].start).toBeCloseTo(c.visemes[i - 1].end, 6);
		}
	});

	it('reuses cached speech on the second synthesis', async () => {
		const files = readdirSync(join(cacheDir, 'speech')).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThanOrEqual(4);
		const cachedLogs: Array<Record<string, unknown> | undefined> = [];
		const again = await synthesizeSpeech(twoCharacterStoryboard(), {
			cacheDir,
			modelsDir,
			log: (m, f) => m === 'speech synthesis' && cachedLogs.push(f),
		});
		expect(cachedLogs[0]).toEqual({ lines: 4, cached: 4 });
		expect(again.clips.map((c) => c.samples.length)).toEqual(clips.map((c) => c.samples.length));
		expect(
			Buffer.from(again.clips[1].samples.buffer).equals(Buffer.from(clips[1].samples.buffer)),
		).toBe(true);
	});

	it('skips lines with nothing to pronounce and captions accented words as written', async () => {
		const logs2: string[] = [];
		const track = await synthesizeSpeech(
			storyboard({
				characters: [character('x', { voice: 'flite:slt', pitch: 1, rate: 1 })],
				shots: [
					shot(0, 0, 6, 30, {
						dialogue: [
							{ character: 'x', text: '...', at: 0 },
							{ character: 'x', text: 'Ça va? Très bien!', at: 1 },
						],
					}),
				],
			}),
			{ cacheDir, modelsDir, log: (m) => logs2.push(m) },
		);
		expect(track.clips).toHaveLength(1);
		expect(track.clips[0].words.map((w) => w.text)).toEqual(['Ça', 'va?', 'Très', 'bien!']);
		expect(logs2.some((m) => m.includes('nothing to pronounce'))).toBe(true);
	});

	it('falls back to a built-in voice for an unknown voice id, and says so', async () => {
		const logs2: string[] = [];
		const track = await synthesizeSpeech(
			storyboard({
				characters: [character('x', { voice: 'nope:none', pitch: 0, rate: 1 })],
				shots: [shot(0, 0, 4, 30, { dialogue: [{ character: 'x', text: 'Hi.', at: 0 }] })],
			}),
			{ cacheDir, modelsDir, log: (m) => logs2.push(m) },
		);
		expect(track.clips).toHaveLength(1);
		expect(logs2.some((m) => m.includes('not available'))).toBe(true);
	});
});

describe('Piper ONNX voices', () => {
	const piperDir = join(modelsDir, 'piper');

	beforeAll(() => {
		mkdirSync(piperDir, { recursive: true });
		execFileSync('/usr/bin/python3', [
			join(__dirname, 'fixtures', 'make_tiny_piper.py'),
			join(piperDir, 'tiny.onnx'),
		]);
		// A phoneme map in Piper's shape: pad/bos/eos, a space, and IPA symbols (a few left out on purpose).
		const symbols = [
			'_',
			'^',
			'$',
			' ',
			'h',
			'ə',
			'l',
			'o',
			'ʊ',
			'w',
			'ɜ',
			'ɚ',
			'd',
			'ɹ',
			'ɛ',
			'ð',
			'e',
			'ɪ',
		];
		const phonemeIdMap = Object.fromEntries(symbols.map((s, i) => [s, [i]]));
		writeFileSync(
			join(piperDir, 'tiny.onnx.json'),
			JSON.stringify({
				audio: { sample_rate: 22050 },
				inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 },
				phoneme_id_map: phonemeIdMap,
			}),
		);
	});

	it('is listed once its model and config are in the models folder', () => {
		expect(listVoices(modelsDir).map((v) => v.id)).toContain('piper:tiny');
	});

	it('runs the model through onnxruntime (CUDA attempt, CPU fallback) with Piper inputs and times the words', async () => {
		const logs: Array<{ message: string; fields?: Record<string, unknown> }> = [];
		const cacheDir = join(work, 'piper-cache');
		const track = await synthesizeSpeech(
			storyboard({
				characters: [character('robot', { voice: 'piper:tiny', pitch: 0, rate: 1 })],
				shots: [
					shot(0, 0, 4, 30, {
						dialogue: [{ character: 'robot', text: 'Hello world there', at: 0.25 }],
					}),
				],
			}),
			{ cacheDir, modelsDir, log: (message, fields) => logs.push({ message, fields }) },
		);
		const [clip] = track.clips;
		expect(
			logs
				.map((l) => l.message)
				.some((m) =>
					/piper voice(?: loaded on CUDA|: CUDA execution provider unavailable)/.test(m),
				),
		).toBe(true);
		expect(logs.some((l) => l.message === 'voice not available, using a built-in voice')).toBe(
			false,
		);
		// The tiny model emits 256 samples per id at 22.05 kHz; ids = ^ _ (symbol _)* ... $, so the
		// length is odd-multiple of 256 and the clip (resampled to 48 kHz) lasts that long minus the trimmed lead-in.
		expect(clip.sampleRate).toBe(48000);
		expect(clip.samples.length).toBeGreaterThan(0.1 * 48000);
		expect(clip.words.map((w) => w.text)).toEqual(['Hello', 'world', 'there']);
		expect(clip.words[0].start).toBeGreaterThanOrEqual(0.25);
		// every id is a sine of amplitude 0.3 × noise_scale / 0.667 = 0.3 with the config's scales
		// (RMS 0.212): proof the scales input arrived
		const level = rms(clip.samples, 0, clip.samples.length);
		expect(level).toBeGreaterThan(0.19);
		expect(level).toBeLessThan(0.23);
	});
});

// Keep a copy of a voice sample when debugging locally: REELFORGE_KEEP_SPEECH=dir
afterAll(() => {
	const keep = process.env.REELFORGE_KEEP_SPEECH;
	if (keep)
		for (const f of readdirSync(work).filter((f) => f.endsWith('.wav')))
			copyFileSync(join(work, f), join(keep, f));
});

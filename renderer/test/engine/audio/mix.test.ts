import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixAudio, MUSIC_MOODS, SFX_CUES } from '../../../src/engine/audio';
import { readWavMono } from '../../../src/engine/audio/wavFile';
import { synthesizeSpeech } from '../../../src/engine/voice';
import type { ContactEvent, PhysicsTrack, Storyboard } from '../../../src/engine/storyboard';
import { character, shot, storyboard } from '../voice/fixtures/storyboard';
import { ebur128, firstOnset, rms } from './fixtures/measure';
import { faceToFace } from '../../support/scenes';

const work = mkdtempSync(join(tmpdir(), 'rf-mix-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function probe(path: string): { sampleRate: number; channels: number; durationSeconds: number } {
	const out = JSON.parse(
		execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', path], {
			encoding: 'utf8',
		}),
	);
	const s = out.streams[0];
	return {
		sampleRate: Number(s.sample_rate),
		channels: s.channels,
		durationSeconds: Number(s.duration),
	};
}

function contact(
	time: number,
	fps: number,
	energy: number,
	material: ContactEvent['material'],
): ContactEvent {
	return { frame: Math.round(time * fps), time, energy, material, bodies: ['ball', 'rim'] };
}

describe('mixAudio', () => {
	const fps = 30;
	let board: Storyboard;
	let result: Awaited<ReturnType<typeof mixAudio>>;
	let speechClips: Awaited<ReturnType<typeof synthesizeSpeech>>['clips'];
	const path = join(work, 'mix.wav');

	beforeAll(async () => {
		board = storyboard({
			durationSeconds: 9,
			characters: [
				character('ann', { voice: 'festival:slt', pitch: 0, rate: 1 }),
				character('ben', { voice: 'flite:rms', pitch: -1, rate: 1 }),
			],
			shots: [
				shot(0, 0, 5, fps, {
					placements: faceToFace(['ann', 0.2], ['ben', 0.8]),
					dialogue: [
						{ character: 'ann', text: 'Did you see that shot?', at: 0.6 },
						{ character: 'ben', text: 'It hit the rim twice.', at: 2.6 },
					],
					sfx: [
						{ cue: 'whoosh', at: 0.2, duration: 0.6, volume: 0.8 },
						{ cue: 'crowd', at: 0, duration: 5, volume: 0.5 },
					],
				}),
				shot(1, 5, 4, fps, {
					physics: { scene: 'basketball', outcome: 'miss', objects: 1 },
					sfx: [{ cue: 'applause', at: 1, duration: 2.5, volume: 0.7 }],
				}),
			],
			music: { enabled: true, mood: 'upbeat', tempo: 110, volume: 0.5 },
		});
		const speech = await synthesizeSpeech(board, {
			cacheDir: join(work, 'cache'),
			modelsDir: join(work, 'models'),
		});
		speechClips = speech.clips;
		const physics: PhysicsTrack[] = [
			{
				shotIndex: 1,
				scene: 'basketball',
				frames: [],
				contacts: [
					contact(5.9, fps, 6, 'rubber-metal'),
					contact(6.2, fps, 3, 'rubber-wood'),
					contact(7.1, fps, 4, 'rubber-floor'),
				],
			},
		];
		result = await mixAudio(board, { speech, physics }, path);
	});

	it('writes a 48 kHz stereo WAV of exactly the storyboard duration', () => {
		const p = probe(path);
		expect(p.sampleRate).toBe(48000);
		expect(p.channels).toBe(2);
		expect(p.durationSeconds).toBeCloseTo(9, 3);
		expect(result.durationSeconds).toBeCloseTo(9, 6);
	});

	it('is normalised to -14 LUFS (ffmpeg ebur128) with true peaks under -1 dBTP', () => {
		const measured = ebur128(path);
		expect(Math.abs(measured.integratedLufs - -14)).toBeLessThanOrEqual(1);
		expect(Math.abs(result.integratedLufs - measured.integratedLufs)).toBeLessThanOrEqual(0.3);
		expect(measured.truePeakDb).toBeLessThanOrEqual(-1);
	});

	it('follows another loudness target', async () => {
		const quiet = join(work, 'quiet.wav');
		await mixAudio(
			{ ...board, loudnessLufs: -23 },
			{ speech: { clips: speechClips }, physics: [] },
			quiet,
		);
		expect(Math.abs(ebur128(quiet).integratedLufs - -23)).toBeLessThanOrEqual(1);
	});

	it('is clearly louder while dialogue plays than in the music-only stretches around it', () => {
		const mono = readWavMono(path).samples;
		for (const clip of speechClips) {
			for (const w of clip.words)
				expect(rms(mono, w.start * 48000, w.end * 48000)).toBeGreaterThan(0.02);
		}
	});

	it('pans each speaker towards where they stand', () => {
		const channel = (c: 'FL' | 'FR') => {
			const raw = execFileSync(
				'ffmpeg',
				['-v', 'error', '-i', path, '-af', `pan=mono|c0=${c}`, '-f', 'f32le', '-'],
				{ maxBuffer: 64 << 20 },
			);
			return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
		};
		const left = channel('FL');
		const right = channel('FR');
		const ann = speechClips.find((c) => c.speaker === 'ann')!;
		const ben = speechClips.find((c) => c.speaker === 'ben')!;
		const ratio = (c: typeof ann) =>
			rms(left, c.start * 48000, c.end * 48000) / rms(right, c.start * 48000, c.end * 48000);
		expect(ratio(ann)).toBeGreaterThan(1.3); // Ann stands left
		expect(ratio(ben)).toBeLessThan(1 / 1.3); // Ben stands right
	});
});

describe('ducking in the mix', () => {
	it('lowers the music under a spoken line by about ducking.amountDb', async () => {
		const board = storyboard({
			durationSeconds: 8,
			characters: [character('ann', { voice: 'festival:slt', pitch: 0, rate: 1 })],
			shots: [
				shot(0, 0, 8, 30, {
					dialogue: [
						{ character: 'ann', text: 'We keep talking while the band plays on and on.', at: 1 },
					],
				}),
			],
			music: { enabled: true, mood: 'upbeat', tempo: 120, volume: 0.6 },
			ducking: { enabled: true, amountDb: 12 },
			// A quiet target keeps the true-peak limiter out of the way, so it cannot squash the
			// un-ducked reference mix under speech and blur the comparison.
			loudnessLufs: -23,
		});
		const speech = await synthesizeSpeech(board, {
			cacheDir: join(work, 'cache'),
			modelsDir: join(work, 'models'),
		});
		const [clip] = speech.clips;
		expect(clip.end).toBeLessThan(5.5);
		// Below 55 Hz there is bass and kick but (almost) no voice: that band shows the music's level.
		const lowBand = async (ducking: boolean) => {
			const path = join(work, `duck-${ducking}.wav`);
			// clearanceDb 0: only the configured amount, not the dialogue-first top-up (dialogueFirst.test.ts).
			await mixAudio(
				{ ...board, ducking: { enabled: ducking, amountDb: 12, clearanceDb: 0 } },
				{ speech, physics: [] },
				path,
			);
			const raw = execFileSync(
				'ffmpeg',
				[
					'-v',
					'error',
					'-i',
					path,
					'-af',
					'lowpass=f=55,lowpass=f=55,lowpass=f=55,pan=mono|c0=FL',
					'-f',
					'f32le',
					'-',
				],
				{ maxBuffer: 64 << 20 },
			);
			const x = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
			const under = rms(x, (clip.start + 0.3) * 48000, (clip.end - 0.1) * 48000);
			const after = rms(x, 6 * 48000, 7.5 * 48000);
			return 20 * Math.log10(under / after);
		};
		// Comparing against the same mix without ducking cancels the score's own level changes.
		const reduction = (await lowBand(true)) - (await lowBand(false));
		expect(reduction).toBeLessThan(-11);
		expect(reduction).toBeGreaterThan(-13);
	});
});

describe('contact sounds', () => {
	it('start within one frame of the contact time, louder for more energy', async () => {
		const fps = 30;
		const board = storyboard({ durationSeconds: 4, fps });
		const times = [0.7345, 1.9, 3.05];
		const physics: PhysicsTrack[] = [
			{
				shotIndex: 0,
				scene: 'stack',
				frames: [],
				contacts: [
					contact(times[0], fps, 2, 'wood-floor'),
					contact(times[1], fps, 8, 'wood-floor'),
					contact(times[2], fps, 0.5, 'wood-floor'),
				],
			},
		];
		const path = join(work, 'contacts.wav');
		await mixAudio(board, { speech: { clips: [] }, physics }, path);
		const mono = readWavMono(path).samples;
		const onsets = times.map((t, k) =>
			firstOnset(mono, 48000, 0.01, k === 0 ? 0 : times[k - 1] + 0.4),
		);
		onsets.forEach((onset, k) => expect(Math.abs(onset - times[k])).toBeLessThanOrEqual(1 / fps));
		// and in fact within a millisecond: the sound starts at full attack on the contact's own sample
		onsets.forEach((onset, k) => expect(Math.abs(onset - times[k])).toBeLessThanOrEqual(0.001));
		const level = (t: number) => rms(mono, t * 48000, (t + 0.05) * 48000);
		expect(level(times[1])).toBeGreaterThan(level(times[0]));
		expect(level(times[0])).toBeGreaterThan(level(times[2]));
		// silence before the first contact
		expect(rms(mono, 0, (times[0] - 0.01) * 48000)).toBeLessThan(1e-6);
	});
});

describe('contact timbre', () => {
	it('rings higher for a rim (rubber-metal) than for a ball on the floor (rubber-floor)', async () => {
		const board = storyboard({ durationSeconds: 2 });
		const path = join(work, 'timbre.wav');
		const physics: PhysicsTrack[] = [
			{
				shotIndex: 0,
				scene: 'basketball',
				frames: [],
				contacts: [contact(0.2, 30, 4, 'rubber-metal'), contact(1.2, 30, 4, 'rubber-floor')],
			},
		];
		await mixAudio(board, { speech: { clips: [] }, physics }, path);
		const mono = readWavMono(path).samples;
		const crossings = (from: number) => {
			let n = 0;
			for (let i = from * 48000 + 1; i < (from + 0.3) * 48000; i++)
				if (Math.sign(mono[i]) !== Math.sign(mono[i - 1])) n++;
			return n / 0.3 / 2; // ≈ dominant frequency in Hz
		};
		expect(crossings(0.2)).toBeGreaterThan(2 * crossings(1.2));
	});
});

describe('vocabulary', () => {
	it('exports the cue and mood lists the planner and capabilities serve', () => {
		expect(SFX_CUES).toEqual(
			expect.arrayContaining([
				'whoosh',
				'splash',
				'crowd',
				'rain',
				'impact',
				'footsteps',
				'applause',
				'wind',
			]),
		);
		expect(MUSIC_MOODS).toEqual(
			expect.arrayContaining(['upbeat', 'calm', 'tense', 'epic', 'playful']),
		);
	});
});

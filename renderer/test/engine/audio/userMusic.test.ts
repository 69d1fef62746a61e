/**
 * The user's own music as the bed: looped or trimmed to the video, faded, levelled like the score,
 * ducked under speech; and the errors a bad file gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixAudio } from '../../../src/engine/audio';
import { readWavMono } from '../../../src/engine/audio/wavFile';
import type { MusicTrack, Storyboard } from '../../../src/engine/storyboard';
import { synthesizeSpeech } from '../../../src/engine/voice';
import { measuredLoudness } from '../../../src/diagnostics/dialogueCheck';
import { character, shot, storyboard } from '../voice/fixtures/storyboard';
import { rms } from './fixtures/measure';

const work = mkdtempSync(join(tmpdir(), 'rf-user-music-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SR = 48000;

/** A track made by ffmpeg: tones of the given frequencies, one after another, `seconds` each. */
function makeTrack(name: string, tones: number[], seconds: number, format = 'mp3'): string {
	const path = join(work, `${name}.${format}`);
	const inputs = tones.flatMap((hz) => [
		'-f',
		'lavfi',
		'-i',
		`sine=frequency=${hz}:sample_rate=44100:duration=${seconds}`,
	]);
	const concat = `${tones.map((_, i) => `[${i}:a]`).join('')}concat=n=${tones.length}:v=0:a=1,volume=0.3[a]`;
	execFileSync('ffmpeg', [
		'-v',
		'error',
		'-y',
		...inputs,
		'-filter_complex',
		concat,
		'-map',
		'[a]',
		'-ac',
		'2',
		path,
	]);
	return path;
}

function track(extra: Partial<MusicTrack> = {}): MusicTrack {
	return {
		source: { uploadId: 'upl_test' },
		start: 0,
		loop: true,
		fadeInSeconds: 0.5,
		fadeOutSeconds: 1,
		...extra,
	};
}

function musicBoard(seconds: number, t: MusicTrack, volume = 0.5): Storyboard {
	return storyboard({
		durationSeconds: seconds,
		music: { enabled: true, mood: 'calm', tempo: 100, volume, track: t },
	});
}

/** Dominant frequency of a stretch (zero crossings). */
function hz(samples: Float32Array, from: number, to: number): number {
	let n = 0;
	for (let i = Math.round(from * SR) + 1; i < Math.round(to * SR); i++)
		if (Math.sign(samples[i]) !== Math.sign(samples[i - 1])) n++;
	return n / (to - from) / 2;
}

it('loops a short track to the video with crossfaded seams, fades it, and sets it to −20 LUFS × volume', async () => {
	const file = makeTrack('short', [440], 2.5);
	const stems = join(work, 'loop-stems');
	const result = await mixAudio(
		musicBoard(8, track()),
		{ speech: { clips: [] }, physics: [] },
		join(work, 'loop.wav'),
		{
			musicTrackPath: file,
			stemsDir: stems,
		},
	);
	expect(result.durationSeconds).toBeCloseTo(8, 6);
	const bed = readWavMono(join(stems, 'bed.wav')).samples;
	// Plays to the end: no gap at the seams (2.5 s, 4.0 s, 5.5 s, 7.0 s with a 1 s crossfade... ).
	for (let t = 0.6; t < 6.9; t += 0.05)
		expect(rms(bed, t * SR, (t + 0.05) * SR)).toBeGreaterThan(0.01);
	expect(hz(bed, 1, 6.5)).toBeCloseTo(440, -1);
	// Faded in and out.
	expect(rms(bed, 0, 0.05 * SR)).toBeLessThan(0.2 * rms(bed, 1 * SR, 1.05 * SR));
	expect(rms(bed, 7.95 * SR, 8 * SR)).toBeLessThan(0.1 * rms(bed, 5 * SR, 5.05 * SR));
	// Loudness: −20 LUFS × 0.5 = −26 LUFS (a steady tone: measured away from the fades).
	expect(await measuredLoudness(join(stems, 'bed.wav'), 1, 6.5)).toBeCloseTo(-26, 0);
});

it('trims a long track from `start`, and lets a short one end when loop is off', async () => {
	const file = makeTrack('long', [300, 700], 5, 'flac');
	const stems = join(work, 'trim-stems');
	await mixAudio(
		musicBoard(4, track({ start: 5.5 })),
		{ speech: { clips: [] }, physics: [] },
		join(work, 'trim.wav'),
		{
			musicTrackPath: file,
			stemsDir: stems,
		},
	);
	const bed = readWavMono(join(stems, 'bed.wav')).samples;
	expect(hz(bed, 0.6, 3)).toBeCloseTo(700, -1); // the second half of the track, from the first frame

	const noLoop = join(work, 'noloop-stems');
	await mixAudio(
		musicBoard(5, track({ loop: false, fadeOutSeconds: 0.2 })),
		{ speech: { clips: [] }, physics: [] },
		join(work, 'noloop.wav'),
		{ musicTrackPath: makeTrack('two', [500], 2, 'wav'), stemsDir: noLoop },
	);
	const once = readWavMono(join(noLoop, 'bed.wav')).samples;
	expect(rms(once, 1 * SR, 1.5 * SR)).toBeGreaterThan(0.01);
	expect(rms(once, 2.05 * SR, 5 * SR)).toBe(0);
});

it('is ducked under speech like every bed', async () => {
	const file = makeTrack('bed', [220, 330], 3);
	const board: Storyboard = {
		...musicBoard(7, track(), 0.8),
		characters: [character('ann', { voice: 'flite:slt', pitch: 0, rate: 1 })],
		shots: [
			shot(0, 0, 7, 30, {
				dialogue: [{ character: 'ann', text: 'The song goes quiet when I talk.', at: 2 }],
			}),
		],
	};
	const speech = await synthesizeSpeech(board, {
		cacheDir: join(work, 'cache'),
		modelsDir: join(work, 'models'),
	});
	const result = await mixAudio(board, { speech, physics: [] }, join(work, 'ducked.wav'), {
		musicTrackPath: file,
		stemsDir: join(work, 'ducked-stems'),
	});
	const [w] = result.dialogueWindows;
	expect(w.speechLufs - w.bedLufs).toBeGreaterThanOrEqual(18);
	const bed = join(work, 'ducked-stems', 'bed.wav');
	expect(
		(await measuredLoudness(bed, 0.6, 1.6)) - (await measuredLoudness(bed, w.start, w.end)),
	).toBeGreaterThanOrEqual(11.5);
});

it('answers a file that is not audio with music_unreadable at /audio/music/source', async () => {
	const bogus = join(work, 'bogus.mp3');
	writeFileSync(bogus, 'this is not audio');
	await expect(
		mixAudio(
			musicBoard(3, track()),
			{ speech: { clips: [] }, physics: [] },
			join(work, 'bogus.wav'),
			{
				musicTrackPath: bogus,
			},
		),
	).rejects.toMatchObject({
		statusCode: 422,
		code: 'music_unreadable',
		details: [{ path: '/audio/music/source' }],
	});
	// a start past the end of the track
	await expect(
		mixAudio(
			musicBoard(3, track({ start: 60 })),
			{ speech: { clips: [] }, physics: [] },
			join(work, 'past.wav'),
			{
				musicTrackPath: makeTrack('tiny', [400], 1),
			},
		),
	).rejects.toMatchObject({
		code: 'music_unreadable',
		message: 'the music track has no audio after 60 s',
	});
});

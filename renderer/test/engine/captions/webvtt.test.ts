import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebVtt, formatTimestamp } from '../../../src/engine/captions/webvtt';
import { synthesizeSpeech } from '../../../src/engine/voice';
import type { SpeechClip, SpeechTrack, TimedWord } from '../../../src/engine/storyboard';
import { character, shot, storyboard } from '../voice/fixtures/storyboard';

const work = mkdtempSync(join(tmpdir(), 'rf-vtt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TIME = /^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$/;
function seconds(ts: string): number {
	const m = TIME.exec(ts);
	if (!m) throw new Error(`bad timestamp ${ts}`);
	return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

interface ParsedCue {
	start: number;
	end: number;
	voice: string;
	words: TimedWord[];
}

/** A strict reader for the subset of WebVTT we write; throws on anything the spec forbids. */
function parseWebVtt(text: string): ParsedCue[] {
	expect(text.startsWith('WEBVTT\n')).toBe(true);
	const blocks = text.trim().split(/\n\n+/).slice(1);
	let previousStart = -1;
	return blocks.map((block) => {
		const lines = block.split('\n');
		const timingLine = lines.findIndex((l) => l.includes('-->'));
		expect(timingLine).toBeLessThanOrEqual(1);
		if (timingLine === 1) expect(lines[0]).not.toContain('-->');
		const [a, b] = lines[timingLine].split(' --> ');
		const start = seconds(a);
		const end = seconds(b);
		expect(end).toBeGreaterThan(start);
		expect(start).toBeGreaterThanOrEqual(previousStart); // cues in start order
		previousStart = start;
		const payload = lines.slice(timingLine + 1).join('\n');
		expect(payload).not.toContain('-->');
		const voice = /^<v ([^>]+)>/.exec(payload);
		expect(voice).not.toBeNull();
		const body = payload.slice(voice![0].length);
		const words: TimedWord[] = [];
		let cursor = start;
		for (const piece of body.split(' ')) {
			const stamped = /^<([^>]+)>(.*)$/.exec(piece);
			const text = stamped ? stamped[2] : piece;
			if (stamped) {
				const at = seconds(stamped[1]);
				expect(at).toBeGreaterThan(cursor);
				expect(at).toBeLessThan(end);
				cursor = at;
			}
			expect(text).not.toMatch(/[<>]/);
			words.push({
				text: text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
				start: cursor,
				end,
			});
		}
		return { start, end, voice: voice![1], words };
	});
}

describe('formatTimestamp', () => {
	it('writes hh:mm:ss.mmm', () => {
		expect(formatTimestamp(0)).toBe('00:00:00.000');
		expect(formatTimestamp(3723.4567)).toBe('01:02:03.457');
	});
});

describe('buildWebVtt', () => {
	let speech: SpeechTrack;

	beforeAll(async () => {
		speech = await synthesizeSpeech(
			storyboard({
				durationSeconds: 12,
				characters: [
					character('mia', { voice: 'flite:slt', pitch: 0, rate: 1 }),
					character('leo', { voice: 'flite:awb', pitch: 0, rate: 1 }),
				],
				shots: [
					shot(0, 0, 12, 30, {
						dialogue: [
							{
								character: 'mia',
								text: 'Welcome back to the show, everyone. Tonight we have a very special guest with us here!',
								at: 0.5,
							},
							{ character: 'leo', text: 'Thanks, A&B and hello <friends>.', at: 7 },
						],
					}),
				],
			}),
			{ cacheDir: join(work, 'cache'), modelsDir: join(work, 'models') },
		);
	});

	it('writes valid WebVTT whose cue and word times are the speech track word times', () => {
		const vtt = buildWebVtt(speech);
		const cues = parseWebVtt(vtt);
		const words = speech.clips.flatMap((c: SpeechClip) => c.words);
		const cueWords = cues.flatMap((c) => c.words);
		expect(cueWords.map((w) => w.text)).toEqual(words.map((w) => w.text));
		cueWords.forEach((w, i) =>
			expect(Math.abs(w.start - words[i].start)).toBeLessThanOrEqual(0.0015),
		);
		for (const cue of cues) {
			expect(cue.words.length).toBeLessThanOrEqual(7);
			expect(cue.end - cue.start).toBeLessThanOrEqual(3.6);
		}
		expect(new Set(cues.map((c) => c.voice))).toEqual(new Set(['mia', 'leo']));
		// a cue ends at sentence punctuation
		expect(cues.some((c) => c.words[c.words.length - 1].text === 'everyone.')).toBe(true);
		expect(vtt).toContain('&amp;');
		expect(vtt).toContain('&lt;friends&gt;');
	});

	it('is read by ffmpeg’s WebVTT demuxer with the same cue count', () => {
		const vtt = buildWebVtt(speech);
		const path = join(work, 'captions.vtt');
		writeFileSync(path, vtt);
		const srt = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'srt', '-'], {
			encoding: 'utf8',
		});
		const srtCues = srt.trim().split(/\n\n+/);
		expect(srtCues.length).toBe(parseWebVtt(vtt).length);
	});

	it('writes just the header for no speech', () => {
		expect(buildWebVtt({ clips: [] })).toBe('WEBVTT\n');
	});
});

/**
 * Word-level WebVTT captions. Words are grouped into short phrase cues (a cue ends at sentence
 * punctuation, after 7 words, past 3.5 s, or at a pause over 0.6 s); inside a cue every word after
 * the first is preceded by a `<hh:mm:ss.mmm>` timestamp, so players that support karaoke-style
 * timestamps highlight word by word and the rest show the phrase. Each cue names its speaker with a
 * `<v>` span.
 */
import type { SpeechTrack, TimedWord } from '../storyboard';

const MAX_WORDS = 7;
const MAX_CUE_SECONDS = 3.5;
const MAX_PAUSE_SECONDS = 0.6;

export function formatTimestamp(seconds: number): string {
	const ms = Math.max(0, Math.round(seconds * 1000));
	const h = Math.floor(ms / 3600000);
	const m = Math.floor((ms % 3600000) / 60000);
	const s = Math.floor((ms % 60000) / 1000);
	const pad = (n: number, w: number) => String(n).padStart(w, '0');
	return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

function escapeCueText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Voice names may not contain '>' or line breaks. */
function escapeVoice(name: string): string {
	return name
		.replace(/[>\r\n]/g, ' ')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;');
}

export interface CaptionCue {
	speaker: string;
	start: number;
	end: number;
	words: TimedWord[];
}

export function groupIntoCues(speech: SpeechTrack): CaptionCue[] {
	const cues: CaptionCue[] = [];
	for (const clip of speech.clips) {
		let current: CaptionCue | undefined;
		for (const word of clip.words) {
			const tooLong =
				current &&
				(current.words.length >= MAX_WORDS ||
					word.end - current.start > MAX_CUE_SECONDS ||
					word.start - current.end > MAX_PAUSE_SECONDS);
			if (!current || tooLong) {
				current = { speaker: clip.speaker, start: word.start, end: word.end, words: [] };
				cues.push(current);
			}
			current.words.push(word);
			current.end = Math.max(current.end, word.end);
			if (/[.!?]["')\]]*$/.test(word.text)) current = undefined;
		}
	}
	return cues.sort((a, b) => a.start - b.start);
}

export function buildWebVtt(speech: SpeechTrack): string {
	const blocks = ['WEBVTT'];
	groupIntoCues(speech).forEach((cue, i) => {
		// Work in whole milliseconds so inner timestamps are strictly inside the cue and increasing.
		const startMs = Math.round(cue.start * 1000);
		const endMs = Math.max(startMs + 1, Math.round(cue.end * 1000));
		let previousMs = startMs;
		const parts = cue.words.map((w, k) => {
			if (k === 0) return escapeCueText(w.text);
			const atMs = Math.min(endMs - 1, Math.max(previousMs + 1, Math.round(w.start * 1000)));
			previousMs = atMs;
			return `<${formatTimestamp(atMs / 1000)}>${escapeCueText(w.text)}`;
		});
		blocks.push(
			`${i + 1}\n${formatTimestamp(startMs / 1000)} --> ${formatTimestamp(endMs / 1000)}\n<v ${escapeVoice(cue.speaker)}>${parts.join(' ')}`,
		);
	});
	return blocks.join('\n\n') + '\n';
}

/**
 * Voices served by a remote speech provider (an OpenAI-compatible `/audio/speech`, ElevenLabs).
 * The engine sees them only through `RemoteVoiceSource`: the clients, their keys and their HTTP
 * live with the service (renderer/src/voices/), which hands the sources to the engine.
 *
 * What comes back is audio plus, when the provider gives them, timings (characters or words). The
 * engine turns those into word times for captions and phone times for the mouth: words straight
 * from the provider; phones inside each word from flite's relative durations for that word. Audio
 * with no usable timings is aligned to its text (alignment.ts).
 */
import type { TimedWord } from '../storyboard';
import type { TimedPhone } from '../lipsync';
import { analyseWithFlite } from './fliteEngine';
import { alignTextToAudio } from './alignment';
import {
	restoreOriginalSpelling,
	spokenTokens,
	stripPunctuation,
	toSpeakableAscii,
} from './speechText';
import type { Utterance } from './utterance';

export interface RemoteTimings {
	unit: 'character' | 'word';
	texts: string[];
	starts: number[];
	ends: number[];
}

export interface RemoteSpeechResult {
	samples: Float32Array;
	sampleRate: number;
	timings?: RemoteTimings;
}

export interface RemoteVoiceSource {
	/** The prefix of its voice ids: `openai` for `openai:alloy`. */
	readonly id: string;
	/** What determines its audio besides the text and voice (endpoint, model) — never a key. */
	readonly cacheIdentity: string;
	voices(): Array<{ id: string; description: string }>;
	/** Whether a voice name may be used; a cloned cameo voice only through its cameo (`viaCameo`). */
	offers(name: string, viaCameo: boolean): boolean;
	synthesize(request: {
		text: string;
		voice: string;
		rate: number;
		signal?: AbortSignal;
	}): Promise<RemoteSpeechResult>;
}

/** The provider's words must be the line's spoken words, in order, or they time something else. */
function matchLine(text: string, words: TimedWord[]): TimedWord[] | undefined {
	const expected = spokenTokens(toSpeakableAscii(text)).map((t) =>
		stripPunctuation(t).toLowerCase(),
	);
	const got = words.map((w) => stripPunctuation(toSpeakableAscii(w.text)).toLowerCase());
	if (expected.length !== got.length || expected.some((t, i) => t !== got[i])) return undefined;
	return restoreOriginalSpelling(words, text);
}

/** Word times from provider timings: by word, or each whitespace token spanning its characters. */
export function wordsFromTimings(text: string, timings: RemoteTimings): TimedWord[] | undefined {
	const { texts, starts, ends } = timings;
	if (texts.length !== starts.length || texts.length !== ends.length || texts.length === 0)
		return undefined;
	for (let i = 0; i < texts.length; i++)
		if (
			typeof texts[i] !== 'string' ||
			!Number.isFinite(starts[i]) ||
			!Number.isFinite(ends[i]) ||
			ends[i] < starts[i]
		)
			return undefined;
	if (timings.unit === 'word') {
		const words = texts
			.map((t, i) => ({ text: t.trim(), start: starts[i], end: ends[i] }))
			.filter((w) => /[A-Za-z0-9\u00c0-\u024f]/.test(w.text));
		return matchLine(text, words);
	}
	const words: TimedWord[] = [];
	let current: TimedWord | undefined;
	for (let i = 0; i <= texts.length; i++) {
		if (i === texts.length || /^\s$/.test(texts[i])) {
			if (current && /[A-Za-z0-9\u00c0-\u024f]/.test(current.text)) words.push(current);
			current = undefined;
			continue;
		}
		if (!current) current = { text: texts[i], start: starts[i], end: ends[i] };
		else {
			current.text += texts[i];
			current.end = Math.max(current.end, ends[i]);
		}
	}
	return matchLine(text, words);
}

function plausible(words: TimedWord[], duration: number): boolean {
	let last = -Infinity;
	for (const w of words) {
		if (w.start < last - 0.02 || w.start < -0.01 || w.end > duration + 0.05) return false;
		last = w.end;
	}
	return true;
}

/**
 * Phones for provider-timed words: flite's phones of each word, stretched over the word's span.
 * Pauses between words stay pauses.
 */
export function phonesForWords(text: string, words: TimedWord[], rate: number): TimedPhone[] {
	const analysis = analyseWithFlite(text, rate);
	const spoken = analysis.phones.filter((p) => p.phone !== 'pau');
	const phones: TimedPhone[] = [];
	let cursor = 0;
	words.forEach((word, k) => {
		const reference = analysis.words[k];
		const inside = reference
			? spoken.filter((p) => p.start >= reference.start - 1e-6 && p.end <= reference.end + 1e-6)
			: [];
		if (word.start > cursor + 1e-6) phones.push({ phone: 'pau', start: cursor, end: word.start });
		if (inside.length === 0) {
			phones.push({ phone: 'ah', start: word.start, end: word.end });
		} else {
			const from = inside[0].start;
			const span = Math.max(1e-6, inside[inside.length - 1].end - from);
			const scale = (word.end - word.start) / span;
			for (const p of inside)
				phones.push({
					phone: p.phone,
					start: word.start + (p.start - from) * scale,
					end: word.start + (p.end - from) * scale,
				});
		}
		cursor = Math.max(cursor, word.end);
	});
	return phones;
}

/** A remote answer as an Utterance: the provider's timings when they fit the line, else aligned. */
export function utteranceFromRemote(
	text: string,
	result: RemoteSpeechResult,
	rate: number,
	log: (message: string, fields?: Record<string, unknown>) => void,
	source: string,
): Utterance {
	const duration = result.samples.length / result.sampleRate;
	let words: TimedWord[] | undefined;
	if (result.timings) {
		words = wordsFromTimings(text, result.timings);
		if (words && !plausible(words, duration)) words = undefined;
		if (!words)
			log('speech provider timings do not fit the line; aligning the text to the audio', {
				source,
			});
	}
	if (words) {
		return {
			sampleRate: result.sampleRate,
			samples: result.samples,
			words,
			phones: phonesForWords(text, words, rate),
		};
	}
	const aligned = alignTextToAudio(text, result.samples, result.sampleRate, rate);
	return { sampleRate: result.sampleRate, samples: result.samples, ...aligned };
}

/**
 * Word captions for dialogue a remote generator spoke itself (native audio). The provider gives the
 * words no times, but the shot's lines are known: they are aligned to the clip's own sound with the
 * engine's forced aligner (flite's rendition of the text warped onto the audio,
 * engine/voice/alignment.ts), so they caption like every other source's words.
 *
 * When the clip has no sound to align to (silent, or the aligner fails), the words are spread over
 * the shot in proportion to their length, and the render says so: the lines are never dropped.
 */
import { alignTextToAudio, audibleSpan } from '../engine/voice/alignment';
import {
	restoreOriginalSpelling,
	stripPunctuation,
	toSpeakableAscii,
} from '../engine/voice/speechText';
import type { SpeechClip, TimedWord } from '../engine/storyboard';
import type { Warning } from '../pipeline/render';
import { runFfmpeg } from '../media/ffmpeg';
import type { Shot } from '../spec/renderSpec';

/** Enough for the aligner's mel bands (100 Hz–7 kHz), small enough to hold a shot's sound. */
const ALIGN_SAMPLE_RATE = 16_000;
/** Sound whose loudest 10 ms is below this (about −50 dBFS) holds no speech to align to. */
const SILENCE_RMS = 0.003;
/** Sound whose level varies less than this (standard deviation, dB) is steady: no speech. */
const STEADY_DB = 3;

export interface DialogueCaptions {
	/** One clip per line, on the shot's clock (no samples: the clip's sound is the speech). */
	clips: SpeechClip[];
	warnings: Warning[];
	/** How the times were found. */
	timing: 'aligned' | 'spread';
}

interface Line {
	speaker: string;
	text: string;
	tokens: string[];
}

/** The written words that are spoken (as the aligner's spelling is restored: ASCII-folded). */
function writtenWords(text: string): string[] {
	return text.split(/\s+/).filter((t) => /[a-z0-9]/i.test(stripPunctuation(toSpeakableAscii(t))));
}

/** The shot's mono sound at the aligner's rate, decoded through the ffmpeg door. */
async function clipSound(videoPath: string, signal?: AbortSignal): Promise<Float32Array> {
	const pcm = await runFfmpeg({
		what: 'dialogue sound',
		global: ['-loglevel', 'error'],
		inputs: [{ file: videoPath, format: 'mov' }],
		output: ['-vn', '-ac', '1', '-ar', String(ALIGN_SAMPLE_RATE), '-f', 'f32le', 'pipe:1'],
		stdout: 'buffer',
		signal,
	});
	const samples = new Float32Array(Math.floor(pcm.length / 4));
	for (let i = 0; i < samples.length; i++) samples[i] = pcm.readFloatLE(i * 4);
	return samples;
}

/** The level of each 10 ms of sound (RMS). */
function levels(samples: Float32Array): number[] {
	const window = Math.round(ALIGN_SAMPLE_RATE * 0.01);
	const out: number[] = [];
	for (let start = 0; start + window <= samples.length; start += window) {
		let e = 0;
		for (let i = start; i < start + window; i++) e += samples[i]! * samples[i]!;
		out.push(Math.sqrt(e / window));
	}
	return out;
}

/**
 * Whether the sound can hold speech: loud enough, and not steady. Speech rises and falls with its
 * syllables and pauses (its level in dB varies by well over 5 dB); a tone, a hum or steady noise
 * does not, and aligning words to it would only make up times.
 */
function speechProblem(samples: Float32Array): string | undefined {
	const all = levels(samples);
	const loudest = Math.max(0, ...all);
	if (loudest < SILENCE_RMS) return 'its clip has no sound';
	const [from, to] = audibleSpan(samples, ALIGN_SAMPLE_RATE);
	const window = Math.round(ALIGN_SAMPLE_RATE * 0.01);
	const db = all
		.slice(Math.floor(from / window), Math.ceil(to / window))
		.map((l) => 20 * Math.log10(Math.max(l, loudest * 1e-3)));
	const mean = db.reduce((a, b) => a + b, 0) / db.length;
	const spread = Math.sqrt(db.reduce((a, b) => a + (b - mean) ** 2, 0) / db.length);
	if (spread < STEADY_DB) return 'no speech was found in its sound (it is steady)';
	return undefined;
}

/** The aligned words of all lines, handed back line by line (their spoken token counts). */
function splitByLine(words: TimedWord[], lines: Line[]): TimedWord[][] | undefined {
	const counts = lines.map((l) => l.tokens.length);
	if (counts.reduce((a, b) => a + b, 0) !== words.length) return undefined;
	let at = 0;
	return counts.map((n) => words.slice(at, (at += n)));
}

/** Each line's words laid over the shot, each word a share of time by its length. */
function spread(lines: Line[], seconds: number): TimedWord[][] {
	const weight = (t: string) => Math.max(1, t.replace(/[^A-Za-z0-9]/g, '').length) + 1;
	const total = lines.flatMap((l) => l.tokens).reduce((sum, t) => sum + weight(t), 0);
	// A breath at either end, as a speaker leaves in a clip.
	const lead = Math.min(0.3, seconds * 0.05);
	const perUnit = total ? Math.max(0, seconds - 2 * lead) / total : 0;
	let at = lead;
	return lines.map((line) =>
		line.tokens.map((text) => {
			const start = at;
			at += weight(text) * perUnit;
			return { text, start, end: at };
		}),
	);
}

/**
 * Captions for the dialogue of `shot` (index `index`) in the clip at `videoPath`, which lasts
 * `seconds` in the stitched video. `provider` names the generator in warnings.
 */
export async function captionSpokenDialogue(options: {
	shot: Shot;
	index: number;
	videoPath: string;
	seconds: number;
	provider: string;
	signal?: AbortSignal;
	log?: (message: string, fields?: Record<string, unknown>) => void;
}): Promise<DialogueCaptions | undefined> {
	const { shot, index, seconds, provider } = options;
	const lines: Line[] = (shot.dialogue ?? [])
		.map((d) => ({
			speaker: d.character,
			text: d.text,
			tokens: writtenWords(d.text),
		}))
		.filter((l) => l.tokens.length);
	if (!lines.length) return undefined;

	let timed: TimedWord[][] | undefined;
	let reason: string | undefined;
	try {
		const samples = await clipSound(options.videoPath, options.signal);
		reason = speechProblem(samples);
		if (!reason) {
			const text = lines.map((l) => l.text).join(' ');
			const aligned = alignTextToAudio(text, samples, ALIGN_SAMPLE_RATE);
			const words = restoreOriginalSpelling(aligned.words, text).filter((w) => w.start < seconds);
			timed = splitByLine(words, lines);
			// Spoken words the aligner could not give one line each (numbers read out, say): they stay in
			// order under the first speaker rather than being lost.
			if (!timed && words.length) timed = [words, ...lines.slice(1).map(() => [] as TimedWord[])];
			options.log?.('dialogue aligned to the clip', { shot: index, provider, words: words.length });
			if (!words.length) reason = 'no spoken words were found in its sound';
		}
	} catch (error) {
		if (options.signal?.aborted) throw error;
		reason = `its sound could not be aligned (${error instanceof Error ? error.message : String(error)})`;
	}

	const warnings: Warning[] = [];
	let timing: DialogueCaptions['timing'] = 'aligned';
	if (!timed) {
		timing = 'spread';
		timed = spread(lines, seconds);
		warnings.push({
			path: `/shots/${index}/dialogue`,
			term: 'captions',
			message: `${provider} voiced this dialogue but ${reason ?? 'its sound could not be aligned'}: its captions are spread over the shot, not timed to the speech`,
		});
	}
	const clips: SpeechClip[] = lines
		.map((line, k) => ({ line, words: timed![k] ?? [] }))
		.filter(({ words }) => words.length)
		.map(({ line, words }) => ({
			speaker: line.speaker,
			text: line.text,
			start: words[0]!.start,
			end: words[words.length - 1]!.end,
			sampleRate: ALIGN_SAMPLE_RATE,
			samples: new Float32Array(0),
			words,
			visemes: [],
		}));
	return { clips, warnings, timing };
}

/** The clips moved onto the story's clock (the shot starts at `offset` seconds). */
export function shiftSpeechClips(clips: SpeechClip[], offset: number): SpeechClip[] {
	return clips.map((clip) => ({
		...clip,
		start: clip.start + offset,
		end: clip.end + offset,
		words: clip.words.map((w) => ({ ...w, start: w.start + offset, end: w.end + offset })),
	}));
}

import type { TimedWord } from '../storyboard';
import type { TimedPhone } from '../lipsync';

/** What every voice engine returns for one line: mono PCM plus word and phone timings relative to its first sample. */
export interface Utterance {
	sampleRate: number;
	samples: Float32Array;
	words: TimedWord[];
	phones: TimedPhone[];
}

/** One line to speak, with the speaking rate the engine applies natively (so its timings stay exact). */
export interface SpeechRequest {
	text: string;
	/** Engine-local voice name, e.g. `slt` for `flite:slt`. */
	voiceName: string;
	rate: number;
}

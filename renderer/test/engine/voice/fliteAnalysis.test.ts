import { phonesPerToken } from '../../../src/engine/voice/fliteEngine';
import { spokenTokens, toSpeakableAscii } from '../../../src/engine/voice/speechText';

/**
 * The word-timing analysis asks flite only for phone names, and has it speak 50× faster to skip
 * most of the waveform it throws away. Phones are chosen before anything is timed, so the fast
 * run must read every line exactly as a run at normal speed does: abbreviations, numbers,
 * punctuation that swallows pauses (the per-token fallback) and out-of-lexicon words included.
 */
describe('flite phone analysis at speed', () => {
	const lines = [
		"Hello there, Dr. Smith! How's the U.S.A. treating you?",
		"I bet you can't make that shot from downtown.",
		'Okay, okay, rematch tomorrow at 5:30 p.m. sharp.',
		'The quick brown fox jumps over the lazy dog; 42 times, in 3.5 seconds.',
		"Supercalifragilisticexpialidocious, Mr. O'Brien said, twice.",
		"What?! No way... that's impossible.",
	];
	it.each(['slt', 'kal', 'rms'])(
		'gives the same phones per token as normal speed (%s)',
		(voice) => {
			for (const line of lines) {
				const tokens = spokenTokens(toSpeakableAscii(line));
				const fast = phonesPerToken(tokens, voice);
				expect(fast).toHaveLength(tokens.length);
				expect(fast.flat().length).toBeGreaterThan(tokens.length);
				expect(fast).toEqual(phonesPerToken(tokens, voice, 1));
			}
		},
	);
});

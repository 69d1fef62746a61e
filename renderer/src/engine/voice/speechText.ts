/**
 * Text clean-up shared by the engines, and mapping the engines' normalised tokens back to what the
 * writer typed so captions show "25," and not "25" or "twenty five".
 */
import type { TimedWord } from '../storyboard';

/** The engines are English-only and read ASCII; accents are folded (é → e), other symbols dropped. */
export function toSpeakableAscii(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u2018\u2019]/g, "'")
		.replace(/[\u201c\u201d]/g, '"')
		.replace(/[\u2013\u2014]/g, ' - ')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Whitespace tokens that contain something pronounceable (a letter or digit). */
export function spokenTokens(text: string): string[] {
	return text.split(/\s+/).filter((t) => /[A-Za-z0-9]/.test(t));
}

export function stripPunctuation(token: string): string {
	return token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * Replaces engine token names with the original tokens (keeping punctuation) when they match in
 * order; an engine token that cannot be matched keeps its own spelling.
 */
export function restoreOriginalSpelling(words: TimedWord[], originalText: string): TimedWord[] {
	// Compare on the ASCII-folded form the engines read, show what was written ("Ça", not "Ca").
	const originals = originalText
		.split(/\s+/)
		.map((written) => ({
			written,
			folded: stripPunctuation(toSpeakableAscii(written)).toLowerCase(),
		}))
		.filter((t) => /[a-z0-9]/.test(t.folded));
	let cursor = 0;
	return words.map((w) => {
		const target = stripPunctuation(w.text).toLowerCase();
		for (let k = cursor; k < Math.min(originals.length, cursor + 4); k++) {
			if (originals[k].folded === target) {
				cursor = k + 1;
				return { ...w, text: originals[k].written };
			}
		}
		return w;
	});
}

/** Whether a line has anything an engine can pronounce (a letter or digit after folding). */
export function isSpeakable(text: string): boolean {
	return spokenTokens(toSpeakableAscii(text)).length > 0;
}

/**
 * The moments a sentence narrates. "Two friends build a sandcastle on the beach, play volleyball
 * and then watch the sunset" is three moments, told in order; "Leo shoots and misses" is one. A
 * new moment starts at a verb that follows another verb's clause after a comma, after "then" (or
 * "later", "finally", "after that"), or after "and" when the new clause says more than its verb.
 * The part-of-speech tags come from compromise; a sentence with quoted dialogue stays whole, so a
 * line is never cut from the one who says it.
 */
import { tagSentences } from '../coverage/tagger';
import { wordNet } from '../coverage/wordnet';
import { findQuotes } from './promptText';

interface Word {
	text: string;
	normal: string;
	tags: Set<string>;
	start: number;
	end: number;
}

const SEQUENCE_WORDS = new Set(['then', 'later', 'finally', 'afterwards', 'afterward', 'next']);
const LEADING_JOINERS =
	/^(?:[,;]\s*)?(?:(?:and|then|later|finally|afterwards?|next|after that)\b[\s,]*)*/i;

function wordsOf(sentence: string): Word[] {
	const words: Word[] = [];
	for (const s of tagSentences(sentence)) {
		for (const t of s) {
			if (!t.text.trim()) continue;
			words.push({
				text: t.text,
				normal: t.normal,
				tags: new Set(t.tags),
				start: t.offset.start,
				end: t.offset.start + t.text.length,
			});
		}
	}
	return words;
}

const isClauseVerb = (w: Word) =>
	w.tags.has('Verb') &&
	!w.tags.has('Gerund') &&
	!w.tags.has('Copula') &&
	!w.tags.has('Auxiliary') &&
	!w.tags.has('Modal') &&
	!w.tags.has('Participle');

/**
 * A word the tagger read as a noun that starts a new predicate ("..., play volleyball", "...,
 * feeds the ducks"): a word WordNet knows as a verb, not after an article, and not followed by
 * another verb.
 */
function startsPredicate(words: Word[], i: number): boolean {
	const word = words[i];
	if (isClauseVerb(word)) return true;
	if (!word.tags.has('Noun') || word.tags.has('ProperNoun') || word.tags.has('Pronoun'))
		return false;
	if (words[i - 1]?.tags.has('Determiner')) return false;
	const next = words[i + 1];
	if (!next || next.tags.has('Verb')) return false;
	return wordNet().senses(word.normal, 'verb').length > 0;
}

/** The sentence's moments, in order (the sentence itself when it tells one). */
export function splitMoments(sentence: string): string[] {
	if (findQuotes(sentence).length) return [sentence];
	const words = wordsOf(sentence);
	const verbish = words.map((w, i) => isClauseVerb(w) || (i > 0 && startsPredicate(words, i)));
	const cuts: number[] = [];
	let verbSinceCut = false;
	const cutAt = (position: number) => {
		if (position > (cuts[cuts.length - 1] ?? 0)) {
			cuts.push(position);
			verbSinceCut = false;
		}
	};
	for (let i = 0; i < words.length; i++) {
		const word = words[i];
		if (SEQUENCE_WORDS.has(word.normal)) {
			// "..., then watch the sunset", "... and later they hike": a new moment begins at the joiners.
			if (verbSinceCut && verbish.slice(i + 1).some(Boolean)) {
				let k = i;
				while (k > 0 && words[k - 1].normal === 'and') k--;
				const gap = sentence.slice(words[k - 1]?.end ?? 0, words[k].start);
				cutAt(/[,;]/.test(gap) ? (words[k - 1]?.end ?? 0) + gap.search(/[,;]/) : words[k].start);
			}
			continue;
		}
		if (verbSinceCut && verbish[i]) {
			const before = words[i - 1];
			const gap = sentence.slice(before.end, word.start);
			if (/[,;]/.test(gap)) cutAt(before.end + gap.search(/[,;]/));
			else if (before.normal === 'and') {
				// "shoots and misses" is one moment; "chases a frisbee and splashes into the waves" two.
				const rest = words.slice(i + 1).filter((w) => !/^[,.;!?]$/.test(w.text));
				if (rest.length >= 2) cutAt(before.start);
			}
		}
		if (verbish[i]) verbSinceCut = true;
	}
	if (!cuts.length) return [sentence];
	const pieces = [0, ...cuts].map((from, j) => sentence.slice(from, cuts[j] ?? sentence.length));
	return pieces.map((p) => p.replace(LEADING_JOINERS, '').trim()).filter(Boolean);
}

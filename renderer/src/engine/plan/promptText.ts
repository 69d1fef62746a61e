/**
 * Reading free text: sentences, quoted dialogue, and who is mentioned where. Pure text
 * functions; deciding what a shot contains is planShot's job.
 */

export interface Quote {
	text: string;
	/** Offset of the opening quote mark in the text. */
	index: number;
}

const QUOTE = /"([^"]+)"|\u201c([^\u201d]+)\u201d/g;

export function findQuotes(text: string): Quote[] {
	const quotes: Quote[] = [];
	for (const m of text.matchAll(QUOTE)) {
		const said = (m[1] ?? m[2]).trim();
		if (said) quotes.push({ text: said, index: m.index ?? 0 });
	}
	return quotes;
}

/** The text with quoted speech blanked out, so words inside a line are not read as directions. */
export function withoutQuotes(text: string): string {
	return text.replace(QUOTE, (m) => ' '.repeat(m.length));
}

/** Sentences, never split inside a quote ("Wait. Look!" stays in one sentence). */
export function splitSentences(text: string): string[] {
	const sentences: string[] = [];
	let current = '';
	let inQuote = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		current += c;
		if (c === '"' || c === '\u201c' || c === '\u201d')
			inQuote = c === '\u201c' ? true : c === '\u201d' ? false : !inQuote;
		const endsSentence =
			!inQuote && /[.!?]/.test(c) && (i + 1 >= text.length || /\s/.test(text[i + 1]));
		const endsAfterQuote =
			!inQuote &&
			(c === '"' || c === '\u201d') &&
			/[.!?,]$/.test(current.slice(0, -1).trim()) &&
			/\s+[A-Z]/.test(text.slice(i + 1, i + 3));
		if (endsSentence || endsAfterQuote) {
			if (current.trim()) sentences.push(current.trim());
			current = '';
		}
	}
	if (current.trim()) sentences.push(current.trim());
	return sentences;
}

export interface Mention {
	character: string;
	index: number;
}

/**
 * Where each character is named in the text: by id, by name, or by the noun that introduced it
 * ("the woman"). Quoted speech is ignored.
 */
export function findMentions(
	text: string,
	names: Array<{ id: string; words: string[] }>,
): Mention[] {
	const lower = ` ${withoutQuotes(text)
		.toLowerCase()
		.replace(/[^a-z0-9\-_ ]/g, ' ')} `;
	const mentions: Mention[] = [];
	for (const { id, words } of names) {
		for (const word of words) {
			const needle = ` ${word.toLowerCase()} `;
			let at = lower.indexOf(needle);
			while (at >= 0) {
				mentions.push({ character: id, index: at });
				at = lower.indexOf(needle, at + 1);
			}
		}
	}
	return mentions.sort((a, b) => a.index - b.index);
}

export function countWords(text: string): number {
	return text.split(/\s+/).filter(Boolean).length;
}

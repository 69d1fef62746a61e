/**
 * Text normalisation against evasion. Rules match on normalised tokens, so "K1LL", "k i l l",
 * "k.i.l.l", "kiiill" and "kíll" all read as the same word. Both the rule terms and the input go
 * through the same function, so a rule never needs to spell out its variants.
 */

/** Digits and symbols people type in place of letters. "1" is ambiguous (i or l); both readings are tried. */
const LEET: Record<string, string> = {
	'0': 'o',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'8': 'b',
	'9': 'g',
	'@': 'a',
	$: 's',
	'!': 'i',
	'|': 'l',
	'+': 't',
	'€': 'e',
};

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

function foldCharacters(text: string, one: 'i' | 'l'): string {
	const stripped = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(ZERO_WIDTH, '')
		.toLowerCase();
	let out = '';
	for (const ch of stripped) out += ch === '1' ? one : (LEET[ch] ?? ch);
	return out;
}

/** "kiiilll" → "kil": repeated letters are squeezed on both sides of a comparison, so "kill" still matches. */
function squeeze(word: string): string {
	return word.replace(/(.)\1+/g, '$1');
}

/**
 * Splits into words and re-joins runs of single letters ("k i l l", "k-i-l-l") into one word,
 * because spacing a word out is the commonest way past a word filter.
 */
function tokensOf(folded: string): string[] {
	const raw = folded.split(/[^a-z]+/).filter(Boolean);
	const out: string[] = [];
	let run = '';
	for (const token of raw) {
		if (token.length === 1) {
			run += token;
			continue;
		}
		if (run) {
			out.push(run);
			run = '';
		}
		out.push(token);
	}
	if (run) out.push(run);
	return out.map(squeeze);
}

/** The normalised readings of a text (one per reading of ambiguous characters), each a list of words. */
export function normalisedReadings(text: string): string[][] {
	const asI = tokensOf(foldCharacters(text, 'i'));
	const asL = tokensOf(foldCharacters(text, 'l'));
	return asI.join(' ') === asL.join(' ') ? [asI] : [asI, asL];
}

/** The single canonical reading of a rule term. */
export function normaliseTerm(term: string): string[] {
	return tokensOf(foldCharacters(term, 'i'));
}

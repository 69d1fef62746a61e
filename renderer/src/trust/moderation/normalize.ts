/**
 * Text normalisation against evasion, before any rule matches. Both the rule terms and the input go
 * through it, so a rule never spells out its variants:
 *
 * - look-alike characters (Cyrillic "о", "𝐟", "ⓟ", full-width letters) and diacritics ("pórn",
 *   "desnúdá") are folded by obscenity's confusables table, then NFKD with the marks dropped;
 * - leetspeak ("p0rn", "n4k3d", "$ex", "k1ll") is read with obscenity's leetspeak table, only inside
 *   words that have letters, so "15" in "a 15-year-old" stays a number; "1" and "|" are read both as
 *   "i" and as "l" (two readings);
 * - letters spaced or dotted out ("p o r n", "n.u.a", "d e s n u d a") are joined back;
 * - runs of a repeated letter ("pooorn", "kiiill") are compared squeezed at match time
 *   (`sameWord`), with obscenity's collapse-duplicates transformer.
 *
 * Sentence ends become a `|` token so that context rules do not pair words across sentences.
 */
import {
	collapseDuplicatesTransformer,
	resolveConfusablesTransformer,
	resolveLeetSpeakTransformer,
	remapCharactersTransformer,
	type SimpleTransformerContainer,
	type StatefulTransformerContainer,
} from 'obscenity';

/** The token that stands for a sentence end in a reading. */
export const SENTENCE_END = '|';

const confusables = resolveConfusablesTransformer() as SimpleTransformerContainer;
const leetspeak = resolveLeetSpeakTransformer() as SimpleTransformerContainer;
/** Leet characters obscenity's table leaves out, and the second reading of "1" and "|". */
const moreLeet = remapCharactersTransformer({
	b: '8',
	g: '9',
	t: '+',
	e: '€',
	a: '∆',
}) as SimpleTransformerContainer;
const oneAsL = remapCharactersTransformer({ l: '1|' }) as SimpleTransformerContainer;
const collapse = collapseDuplicatesTransformer() as StatefulTransformerContainer;

const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u180e]/g;
const LEET_CHARS = /[0-9@$!|+€∆(/]/;
const LETTER = /[a-z]/;

function mapChars(text: string, ...transformers: SimpleTransformerContainer[]): string {
	let out = '';
	for (const ch of text) {
		let code: number | undefined = ch.codePointAt(0)!;
		for (const t of transformers) {
			if (code === undefined) break;
			code = t.transform(code);
		}
		if (code !== undefined) out += String.fromCodePoint(code);
	}
	return out;
}

/** Look-alikes and accents folded, lower case; what is left is ASCII plus punctuation. */
function foldCharacters(text: string): string {
	const pre = text
		.replace(ZERO_WIDTH, '')
		.replace(/[ßẞ]/g, 'ss')
		.replace(/[æÆ]/g, 'ae')
		.replace(/[œŒ]/g, 'oe')
		.replace(/[’‘`´]/g, "'");
	return mapChars(pre, confusables)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\by\s*\/\s*o\b/g, 'yo');
}

/** "kiiilll" → "kil" (obscenity's collapse-duplicates transformer). */
export function squeeze(word: string): string {
	const state = collapse.factory();
	let out = '';
	for (const ch of word) {
		const code = state.transform(ch.codePointAt(0)!);
		if (code !== undefined) out += String.fromCodePoint(code);
	}
	return out;
}

/**
 * Whether a text word reads as a rule word: equal, or equal once repeated letters are squeezed and
 * the text word is at least as long (so "kiiill" is "kill", but "as" is not "ass").
 */
export function sameWord(textWord: string, ruleWord: string, prefix = false): boolean {
	if (prefix ? textWord.startsWith(ruleWord) : textWord === ruleWord) return true;
	if (textWord.length < ruleWord.length) return false;
	const a = squeeze(textWord);
	const b = squeeze(ruleWord);
	return prefix ? a.startsWith(b) : a === b;
}

/** One whitespace-separated chunk → its words, in one reading of its ambiguous characters. */
function chunkWords(chunk: string, reading: 'i' | 'l'): string[] {
	return chunk.split(/[-_.,:;'"]+/).flatMap((part) => uncensored(part) ?? partWords(part, reading));
}

/**
 * Words people star out, in the five languages (folded: no accents): "f*cking", "f**k", "p*rn", "s#x", "fod*ndo". Only
 * these are read through the stars, so "5*3" or "a*b" stay what they are.
 */
const CENSORED_WORDS = [
	...['fuck', 'fucks', 'fucked', 'fucking', 'fuckin', 'fucker', 'fuckers'],
	...['porn', 'porno', 'sex', 'sexy', 'nude', 'nudes', 'naked', 'nsfw', 'cum', 'cumming'],
	...['cock', 'dick', 'pussy', 'cunt', 'tits', 'boobs', 'slut', 'whore', 'rape', 'raped'],
	...['shag', 'shagging', 'kill', 'killing'],
	...['puta', 'follar', 'follando', 'cono', 'polla', 'verga', 'culo', 'chingar', 'cogiendo'],
	...['baise', 'baiser', 'baisent', 'salope', 'bite', 'niquer', 'encule', 'putain'],
	...['ficken', 'fickt', 'gefickt', 'fotze', 'schwanz', 'nutte', 'hure', 'nackt'],
	...['foder', 'fodendo', 'foda', 'caralho', 'buceta', 'porra', 'transando', 'pelada'],
];

/** A word with letters masked by `*` or `#` ("f*cking", "f**k"), or undefined. */
const STARRED = /^[a-z]*[*#]+[a-z*#]*$/;

/**
 * The word a starred spelling stands for, if it is one of the words people star out: each run of
 * stars hides as many letters, or one more ("f*ck", "f**k", "f***"). Undefined when it is none.
 */
function uncensored(part: string): string[] | undefined {
	const trimmed = part.replace(/^[^a-z*#]+/, '').replace(/[^a-z*#]+$/, '');
	if (!STARRED.test(trimmed) || !/[a-z]/.test(trimmed)) return undefined;
	const pattern = new RegExp(
		`^${trimmed.replace(/[*#]+/g, (run) => `[a-z]{${run.length},${run.length + 1}}`)}$`,
	);
	const word = CENSORED_WORDS.find((w) => pattern.test(w));
	return word ? [word] : undefined;
}

function partWords(part: string, reading: 'i' | 'l'): string[] {
	// Punctuation around a word is not leetspeak: "kill!" is "kill", "(sex)" is "sex".
	const trimmed = part.replace(/^[^a-z0-9@$]+/, '').replace(/[^a-z0-9]+$/, '');
	if (!trimmed) return [];
	// "15yo", "12jahrige": a number glued to a word is an age, not leetspeak.
	const glued = /^(\d{1,3})([a-z]+)$/.exec(trimmed);
	if (glued) return [glued[1], glued[2]];
	let text = trimmed;
	if (LETTER.test(text) && LEET_CHARS.test(text)) {
		text =
			reading === 'l'
				? mapChars(text, oneAsL, leetspeak, moreLeet)
				: mapChars(text, leetspeak, moreLeet);
	}
	return text.split(/[^a-z0-9]+/).filter(Boolean);
}

/** Runs of three or more single letters ("p o r n", "n.u.a") are one spaced-out word. */
function joinSpacedLetters(words: string[]): string[] {
	const out: string[] = [];
	let run: string[] = [];
	const flush = () => {
		if (run.length >= 3) out.push(run.join(''));
		else out.push(...run);
		run = [];
	};
	for (const word of words) {
		if (word.length === 1 && LETTER.test(word)) run.push(word);
		else {
			flush();
			out.push(word);
		}
	}
	flush();
	return out;
}

/**
 * Chat abbreviations read as the words they stand for ("gay ppl r a disease"), so the word classes
 * see "people are". Only forms that are no word of their own in the five languages. A Map, not an
 * object: a word like "constructor" must not find a prototype's property.
 */
const CHAT_SPEAK = new Map<string, string>([
	['ppl', 'people'],
	['r', 'are'],
	['gettin', 'getting'],
	['killin', 'killing'],
	['shootin', 'shooting'],
	['cuz', 'because'],
	['bc', 'because'],
	['vid', 'video'],
]);

function readingOf(folded: string, reading: 'i' | 'l'): string[] {
	const words: string[] = [];
	const sentences = folded.split(/[.!?;:]+(?=\s|$)|\n+/);
	sentences.forEach((sentence, index) => {
		if (index > 0) words.push(SENTENCE_END);
		const spelled = joinSpacedLetters(sentence.split(/\s+/).flatMap((c) => chunkWords(c, reading)));
		words.push(...spelled.map((word) => CHAT_SPEAK.get(word) ?? word));
	});
	return words;
}

/** The normalised readings of a text (one per reading of ambiguous characters), each a list of words. */
export function normalisedReadings(text: string): string[][] {
	const folded = foldCharacters(text);
	const asI = readingOf(folded, 'i');
	if (!/[1|]/.test(folded)) return [asI];
	const asL = readingOf(folded, 'l');
	return asI.join(' ') === asL.join(' ') ? [asI] : [asI, asL];
}

/** The canonical words of a rule term. */
export function normaliseTerm(term: string): string[] {
	return readingOf(foldCharacters(term), 'i').filter((w) => w !== SENTENCE_END);
}

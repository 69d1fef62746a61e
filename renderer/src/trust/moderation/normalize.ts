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
	return (
		mapChars(pre, confusables)
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/\by\s*\/\s*o\b/g, 'yo')
			// Chat shorthand that punctuation or a digit would otherwise split into nothing: "w/o", "how 2".
			.replace(/\bw\s*\/\s*o\b/g, 'without')
			.replace(/\bhow 2 (?=[a-z])/g, 'how to ')
			// French "s'il" is "si il" (if he), not the reflexive "se": "je vais le tuer s'il …".
			.replace(/\bs'(?=ils?\b)/g, 'si ')
	);
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
	// Groups starred out in hate ("m*slims as cockroaches", "j*ws"), read as the group they name.
	...['muslims', 'muslim', 'jews', 'jew', 'gays', 'blacks', 'migrants', 'immigrants'],
	...['musulmanes', 'judios', 'gitanos', 'musulmans', 'juifs', 'arabes', 'muslime', 'juden'],
	...['muculmanos', 'judeus', 'negros', 'ciganos'],
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

/**
 * Three or more single letters or digits, each alone between spaces: "m i n o r   g i r l", "1 2".
 * The last may carry the sentence's punctuation ("beide n a c k t, explizit").
 */
const SPACED_RUN = /(?<=^|\s)[a-z0-9](?:[ \t]+[a-z0-9])+(?=[\s,;:!?.)'"]|$)/g;
const HAS_SPACED_RUN = new RegExp(SPACED_RUN.source);

/**
 * A text spelled out letter by letter, with wider gaps between its words ("m i n o r   g i r l   n u d e",
 * "r a p a r i g a   d e   1 2   a n o s"): each run of single letters and digits is read as the words
 * its wider gaps separate. A run with even gaps is one word, as `joinSpacedLetters` reads it; fewer
 * than three single characters, or digits alone ("4 5 stars"), are left as they are.
 */
function joinSpacedRuns(sentence: string, vocabulary?: ReadonlySet<string>): string {
	return sentence.replace(SPACED_RUN, (run) => {
		const characters = run.split(/[ \t]+/);
		if (characters.length < 3 || !characters.some((c) => LETTER.test(c))) return run;
		const gaps = run.match(/[ \t]+/g)!.map((gap) => gap.length);
		const narrowest = Math.min(...gaps);
		let words = characters[0];
		characters.slice(1).forEach((character, i) => {
			words += gaps[i] > narrowest ? ` ${character}` : character;
		});
		// Wider gaps have said where the words end; with even gaps only the lists can.
		const even = gaps.every((gap) => gap === narrowest);
		return (even && vocabulary && splitIntoKnownWords(words, vocabulary)) || words;
	});
}

/**
 * A spelled-out run with even gaps ("m i n o r g i r l n u d e p i c s") joins into one unknown word;
 * read it as the known words it is made of ("minor girl nude pics"): the split that leaves the fewest
 * letters to no known word, then has the fewest words. An age in it ("chicade12anos") stands apart.
 * Undefined when the word is known already, too short to be several, or a third or more of its
 * letters are in no known word.
 */
function splitIntoKnownWords(word: string, vocabulary: ReadonlySet<string>): string | undefined {
	if (/\d{2,}/.test(word))
		return word
			.split(/(\d{2,})/)
			.filter(Boolean)
			.map((part) => (/^\d/.test(part) ? part : (splitIntoKnownWords(part, vocabulary) ?? part)))
			.join(' ');
	const known = (w: string) => vocabulary.has(w) || CHAT_SPEAK.has(w);
	if (word.length < 6 || !/^[a-z]+$/.test(word) || known(word)) return undefined;
	// best[i]: the cheapest split of word.slice(0, i): a known word costs 1, a letter of none 3.
	const best: Array<{ cost: number; from: number; known: boolean } | undefined> = [
		{ cost: 0, from: 0, known: true },
	];
	const offer = (start: number, end: number, cost: number, isKnown: boolean) => {
		const total = best[start]!.cost + cost;
		if (!best[end] || total < best[end]!.cost)
			best[end] = { cost: total, from: start, known: isKnown };
	};
	for (let start = 0; start < word.length; start++) {
		if (!best[start]) continue;
		offer(start, start + 1, 3, false);
		for (let end = start + 2; end <= Math.min(word.length, start + MAX_KNOWN_WORD); end++)
			if (known(word.slice(start, end))) offer(start, end, 1, true);
	}
	const pieces: Array<{ text: string; known: boolean }> = [];
	for (let end = word.length; end > 0; end = best[end]!.from)
		pieces.unshift({ text: word.slice(best[end]!.from, end), known: best[end]!.known });
	const unknownLetters = pieces.filter((p) => !p.known).length;
	// Letters no word knows stay together: "pics" is one word, not four letters.
	const parts: string[] = [];
	pieces.forEach((piece, i) => {
		if (!piece.known && i > 0 && !pieces[i - 1].known) parts[parts.length - 1] += piece.text;
		else parts.push(piece.text);
	});
	return unknownLetters * 3 <= word.length ? parts.join(' ') : undefined;
}

/** The longest word a spelled-out run is split into. */
const MAX_KNOWN_WORD = 24;

function readingOf(folded: string, reading: 'i' | 'l', vocabulary?: ReadonlySet<string>): string[] {
	const words: string[] = [];
	const sentences = folded.split(/[.!?;:]+(?=\s|$)|\n+/);
	sentences.forEach((sentence, index) => {
		if (index > 0) words.push(SENTENCE_END);
		const chunks = joinSpacedRuns(sentence, vocabulary).split(/\s+/);
		const spelled = joinSpacedLetters(chunks.flatMap((c) => chunkWords(c, reading)));
		words.push(...spelled.map((word) => CHAT_SPEAK.get(word) ?? word));
	});
	return words;
}

/**
 * The normalised readings of a text (one per reading of ambiguous characters), each a list of words.
 * With a vocabulary (the words the lists know), an evenly spelled-out run is split into its words.
 */
export function normalisedReadings(text: string, vocabulary?: ReadonlySet<string>): string[][] {
	const folded = foldCharacters(text);
	const readings = [readingOf(folded, 'i')];
	if (/[1|]/.test(folded)) readings.push(readingOf(folded, 'l'));
	// A run split into known words is a reading beside the joined one (a name the lists do not
	// know, "t a y l o r s w i f t", keeps its joined form).
	if (vocabulary && HAS_SPACED_RUN.test(folded)) {
		readings.push(readingOf(folded, 'i', vocabulary));
		if (/[1|]/.test(folded)) readings.push(readingOf(folded, 'l', vocabulary));
	}
	const seen = new Set<string>();
	return readings.filter((words) => {
		const key = words.join(' ');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** The canonical words of a rule term. */
export function normaliseTerm(term: string): string[] {
	return readingOf(foldCharacters(term), 'i').filter((w) => w !== SENTENCE_END);
}

/**
 * The terms a piece of prompt text names: its subjects, actions, objects, settings, times, weather
 * and sounds. `compromise` (a rule-based English tagger that runs offline) gives the words, their
 * parts of speech and lemmas; the engine's vocabulary claims the words and phrases it knows
 * ("balance beam", "golden hour"); every other noun and verb is looked up in WordNet, which says
 * what kind of thing it is (gymnast: a person; yard: a place; backflip: an act) and what it is a
 * kind of, so nothing a prompt names is skipped because no list foresaw it.
 */
import { withoutQuotes } from '../plan/promptText';
import { tagSentences, tagsOfWord } from './tagger';
import {
	categoryOfSynset,
	vocabularyIndex,
	type Category,
	type VocabularyEntry,
} from './vocabularyIndex';
import { wordNet, type Synset, type WordClass } from './wordnet';

export interface FoundTerm {
	/** The words as the prompt wrote them. */
	text: string;
	/** Their dictionary form (lemma), lower case. */
	lemma: string;
	/** Character offset in the text. */
	index: number;
	category: Category;
	/** Vocabulary entries the words name directly (a word or phrase of the vocabulary). */
	vocabulary: VocabularyEntry[];
	/** The WordNet sense read for it, when the vocabulary does not name it directly. */
	sense?: Synset;
	/** A proper name (a character is looked up by it). */
	name?: boolean;
	/** The vocabulary names only part of it ("balance beam": the engine knows a beam): at best approximated. */
	partial?: boolean;
	/** A living thing the vocabulary only has a sound for ("birds": birdsong): heard, not seen. */
	heardOnly?: boolean;
}

interface Token {
	text: string;
	normal: string;
	root: string;
	tags: Set<string>;
	index: number;
	sentence: number;
	/** Set once a term has claimed the token. */
	used?: boolean;
	/** The category of the vocabulary term that claimed it. */
	claimedAs?: Category;
}

/**
 * Words that direct the film rather than name what is in it, and verbs that carry no action of
 * their own ("does a backflip": the backflip is the action). Not a vocabulary: only words to skip.
 */
const FILM_WORDS = new Set([
	'camera',
	'shot',
	'scene',
	'video',
	'clip',
	'footage',
	'frame',
	'view',
	'angle',
	'background',
	'foreground',
	'moment',
	'side',
	'way',
	'thing',
	'something',
	'someone',
	'everything',
	'everyone',
	'lot',
	'time',
	'other',
	'film',
	'movie',
	'story',
]);
const LIGHT_VERBS = new Set([
	'be',
	'have',
	'do',
	'get',
	'make',
	'go',
	'take',
	'let',
	'begin',
	'start',
	'continue',
	'keep',
	'try',
	'seem',
	'become',
	'perform',
	'execute',
	'give',
	'put',
	'show',
	'feature',
	'appear',
	'happen',
]);
/** Light verbs whose object is the act itself ("performs a handspring", "does a cartwheel"). */
const ACT_VERBS = new Set(['do', 'perform', 'execute', 'make', 'take', 'try', 'land', 'pull']);

/** After "performs/does ..." in the same sentence, nouns name acts ("a handspring, a cartwheel"). */
function afterActVerb(tokens: Token[], i: number): boolean {
	return tokens
		.slice(0, i)
		.some((t) => t.sentence === tokens[i].sentence && isVerb(t) && ACT_VERBS.has(t.root));
}

/** The tagger's lemma, unless WordNet knows only the word as written ("handspring", not "handspre"). */
function lemmaOf(normal: string, root: string): string {
	if (root === normal) return root;
	const known = (w: string) =>
		wordNet().senses(w, 'noun').length > 0 || wordNet().senses(w, 'verb').length > 0;
	return !known(root) && known(normal) ? normal : root;
}

function tokensOf(text: string): Token[] {
	const tokens: Token[] = [];
	let sentenceNumber = 0;
	for (const sentence of tagSentences(text)) {
		for (const term of sentence) {
			if (!term.text.trim()) continue;
			const normal = term.normal.replace(/'s$/, '');
			tokens.push({
				text: term.text,
				normal,
				root: lemmaOf(normal, (term.root ?? normal).toLowerCase()),
				tags: new Set(term.tags),
				index: term.offset.start,
				sentence: sentenceNumber,
			});
		}
		sentenceNumber++;
	}
	fixUntaggedVerbs(tokens, text);
	return tokens;
}

/**
 * A clause with nouns but no verb ("the dog barks", "a horse gallops across a meadow") has its
 * verb mis-tagged as a plural noun; the first plural noun after another noun that WordNet knows as
 * a verb is its verb.
 */
function fixUntaggedVerbs(tokens: Token[], text: string): void {
	// "splashes into the waves", "stacks wooden blocks": after an article or an adjective a word is
	// a noun, whatever the tagger said.
	tokens.forEach((t, i) => {
		const before = tokens[i - 1];
		if (
			before &&
			(before.tags.has('Determiner') || before.tags.has('Adjective')) &&
			isVerb(t) &&
			!t.tags.has('Gerund')
		) {
			t.tags = new Set(['Noun', ...(/s$/.test(t.normal) ? ['Plural'] : ['Singular'])]);
			t.root = t.normal;
		}
	});
	let clause: Token[] = [];
	const settle = () => {
		if (!clause.some((t) => isVerb(t))) {
			const knownVerb = (t: Token) =>
				wordNet().senses(t.root, 'verb').length > 0 || wordNet().senses(t.normal, 'verb').length > 0;
			const at = clause.findIndex(
				(t, i) =>
					knownVerb(t) &&
					(t.tags.has('Plural')
						? i > 0
							? clause.slice(0, i).some((p) => p.tags.has('Noun') && !p.tags.has('Pronoun'))
							: clause.length > 1 &&
								(clause[1].tags.has('Determiner') || clause[1].tags.has('Preposition'))
						: // "seagulls squawk", "sirens wail": a base form right after a plural subject.
							i > 0 && clause[i - 1].tags.has('Plural') && clause[i - 1].tags.has('Noun')),
			);
			if (at >= 0) {
				const verb = clause[at];
				verb.tags = new Set(['Verb', 'PresentTense']);
				verb.root = wordNet().senses(verb.normal, 'verb')[0]?.words.includes(verb.root)
					? verb.root
					: verb.root.replace(/e?s$/, '');
			}
		}
		clause = [];
	};
	let last = 0;
	for (const token of tokens) {
		const between = text.slice(last, token.index);
		const joins = token.tags.has('Conjunction') || SUBORDINATORS.has(token.normal);
		if (/[.!?;,:]/.test(between) || joins) settle();
		if (!joins) clause.push(token);
		last = token.index + token.text.length;
	}
	settle();
}

/** Words that open a clause of their own ("... as seagulls squawk", "... while sirens wail"). */
const SUBORDINATORS = new Set(['as', 'while', 'when', 'until', 'because', 'before', 'after', 'whilst']);

const isVerb = (t: Token) =>
	t.tags.has('Verb') && !t.tags.has('Copula') && !t.tags.has('Auxiliary') && !t.tags.has('Modal');
const isNoun = (t: Token) =>
	t.tags.has('Noun') &&
	!t.tags.has('Pronoun') &&
	!t.tags.has('Possessive') &&
	!t.tags.has('Value') &&
	!t.tags.has('Date');
const isName = (t: Token) => t.tags.has('ProperNoun') || (/^[A-Z]/.test(t.text) && t.index > 0);

/** Tables whose words name things (matched by nouns and adjectives), not actions or sounds. */
const THING_CATEGORIES = new Set<Category>(['subject', 'object', 'setting', 'time']);

/**
 * Vocabulary words and phrases, longest first, matched on the words as written and on their
 * lemmas ("balance beams", "snowing"). A word tagged as a verb does not match a table of things
 * ("plants a flag" is not a potted plant).
 */
function claimVocabulary(tokens: Token[]): FoundTerm[] {
	const index = vocabularyIndex();
	const found: FoundTerm[] = [];
	for (let i = 0; i < tokens.length; i++) {
		if (tokens[i].used) continue;
		for (let length = Math.min(index.longestPhrase, tokens.length - i); length >= 1; length--) {
			const span = tokens.slice(i, i + length);
			if (span.some((t) => t.used)) continue;
			const written = span.map((t) => t.normal).join(' ');
			const lemmas = [...span.slice(0, -1).map((t) => t.normal), span[length - 1].root].join(' ');
			let entries = index.byWord.get(written) ?? index.byWord.get(lemmas) ?? [];
			if (
				length === 1 &&
				isVerb(span[0]) &&
				!span[0].tags.has('Gerund') &&
				!coordinatedWithThing(tokens, i)
			)
				entries = entries.filter((e) => !THING_CATEGORIES.has(e.category));
			if (length === 1 && !isVerb(span[0]) && !isNoun(span[0]) && !span[0].tags.has('Adjective'))
				continue;
			if (length === 1) entries = plausibleEntries(entries, span[0], afterActVerb(tokens, i));
			if (!entries.length) continue;
			const head = span[length - 1];
			for (const t of span) {
				t.used = true;
				t.claimedAs = preferredCategory(entries, head);
			}
			const term: FoundTerm = {
				text: span.map((t) => t.text).join(' '),
				lemma: lemmas,
				index: span[0].index,
				category: preferredCategory(entries, head),
				vocabulary: entries,
			};
			// "balance beam": a noun before a vocabulary noun that WordNet knows as one compound
			// names something more specific than the vocabulary word.
			const modifier = tokens[i - 1];
			if (length === 1 && isNoun(head) && modifier && !modifier.used && isNoun(modifier)) {
				const compound = `${modifier.normal} ${head.root}`;
				if (wordNet().senses(compound, 'noun').length) {
					modifier.used = true;
					Object.assign(term, {
						text: `${modifier.text} ${term.text}`,
						lemma: compound,
						index: modifier.index,
						partial: true,
					});
				}
			}
			// "birds": the vocabulary has birdsong, but the word names an animal to be seen.
			if (isNoun(head) && entries.every((e) => e.category === 'sound')) {
				const sense = senseOf(head.root, 'noun', false);
				if (sense && categoryOfSynset(sense) === 'subject')
					Object.assign(term, { category: 'subject', heardOnly: true, sense });
			}
			found.push(term);
			break;
		}
	}
	return found;
}

/**
 * "Taxis and buses crawl": a word joined by "and" (or "or") to a thing just claimed is a thing too,
 * though the tagger, seeing a plural before a verb, read it as one ("buses").
 */
function coordinatedWithThing(tokens: Token[], i: number): boolean {
	const joiner = tokens[i - 1];
	const before = tokens[i - 2];
	return (
		joiner !== undefined &&
		before !== undefined &&
		(joiner.normal === 'and' || joiner.normal === 'or') &&
		before.claimedAs !== undefined &&
		THING_CATEGORIES.has(before.claimedAs)
	);
}

/**
 * Which vocabulary readings of a single word make sense here. A noun is not an action the
 * vocabulary lists as a verb ("the waves" is not waving) unless WordNet calls the noun an act ("a
 * jump"); a noun or verb that names something visible is not a camera, style or music word ("a
 * dog chases" is an action, not the action music mood).
 */
function plausibleEntries(
	entries: VocabularyEntry[],
	token: Token,
	preferAct: boolean,
): VocabularyEntry[] {
	let kept = entries;
	if (isNoun(token) && !token.tags.has('Gerund') && kept.some((e) => e.category === 'action')) {
		// "performs a handspring, a cartwheel": after such a verb the act sense is the one meant.
		if (senseOf(token.root, 'noun', preferAct)?.lexname !== 'noun.act')
			kept = kept.filter((e) => e.category !== 'action');
	}
	if (!token.tags.has('Adjective') && kept.some((e) => e.category === 'direction')) {
		const wordClass: WordClass = isVerb(token) ? 'verb' : 'noun';
		if (senseOf(token.root, wordClass, false) ?? senseOf(token.normal, wordClass, false))
			kept = kept.filter((e) => e.category !== 'direction');
	}
	return kept;
}

function preferredCategory(entries: VocabularyEntry[], token: Token): Category {
	if (isVerb(token)) {
		const action = entries.find((e) => e.category === 'action' || e.category === 'sound');
		if (action) return action.category;
	}
	const order: Category[] = [
		'subject',
		'setting',
		'weather',
		'time',
		'object',
		'action',
		'sound',
		'direction',
	];
	return [...entries].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))[0]
		.category;
}

/**
 * The sense to read a word in: the first (most frequent) sense of something visible or audible;
 * after "does/performs a ..." an act is preferred (a cartwheel there is a stunt, not a wheel).
 */
function senseOf(
	word: string,
	wordClass: WordClass,
	preferAct: boolean,
	plural = false,
): Synset | undefined {
	const senses = wordNet()
		.senses(word, wordClass, { inflected: plural })
		.filter((s) => categoryOfSynset(s));
	if (preferAct) {
		const act = senses.find((s) => s.lexname === 'noun.act');
		if (act) return act;
	}
	return senses[0];
}

/** A compound WordNet lacks ("sandcastle", "kickflip") is read by its head noun ("castle", "flip"). */
function headSense(word: string, preferAct: boolean): Synset | undefined {
	for (let cut = 3; cut <= word.length - 3; cut++) {
		const modifier = word.slice(0, cut);
		const head = word.slice(cut);
		if (wordNet().senses(modifier, 'noun').length || wordNet().senses(modifier, 'adj').length) {
			const sense = senseOf(head, 'noun', preferAct);
			if (sense) return sense;
		}
	}
	return undefined;
}

/** A word WordNet does not know is reported only if, read alone, it is a noun ("sandcastle", not "with"). */
function isContentWord(word: string): boolean {
	if (word.length < 3) return false;
	const tags = tagsOfWord(word);
	return tags.includes('Noun') && !tags.includes('Pronoun');
}

/** Nouns and verbs the vocabulary left, read through WordNet. */
function readRest(tokens: Token[]): FoundTerm[] {
	const found: FoundTerm[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i];
		if (token.used) continue;
		if (isVerb(token) && !token.tags.has('Gerund')) {
			if (LIGHT_VERBS.has(token.root)) continue;
			// "snow falls", "as night falls": the verb of a weather or a time is that weather or time.
			const subject = tokens[i - 1]?.claimedAs;
			if (subject === 'weather' || subject === 'time') continue;
			const sense = senseOf(token.root, 'verb', false) ?? senseOf(token.normal, 'verb', false);
			const category = sense && categoryOfSynset(sense);
			if (sense && category) {
				found.push({
					text: token.text,
					lemma: token.root,
					index: token.index,
					category,
					vocabulary: [],
					sense,
				});
				continue;
			}
			// Not a verb WordNet knows ("sirens" mis-tagged): read it as a noun below.
			if (
				wordNet().senses(token.normal, 'verb').length ||
				sense ||
				['Particle', 'Preposition', 'Adverb', 'Conjunction'].some((tag) => token.tags.has(tag))
			)
				continue;
			token.tags = new Set(['Noun', ...(/s$/.test(token.normal) ? ['Plural'] : [])]);
			token.root = token.normal;
		}
		if (!isNoun(token) && !token.tags.has('Gerund')) continue;
		if (FILM_WORDS.has(token.normal) || FILM_WORDS.has(token.root)) continue;
		const preferAct = afterActVerb(tokens, i);
		// Nouns in a row may be one compound WordNet knows ("soccer ball", "balance beam").
		let length = 1;
		let sense: Synset | undefined;
		for (let n = 3; n >= 2; n--) {
			const span = tokens.slice(i, i + n);
			if (span.length < n || span.some((t) => t.used || !isNoun(t))) continue;
			const compound = [...span.slice(0, -1).map((t) => t.normal), span[n - 1].root].join(' ');
			sense = senseOf(compound, 'noun', preferAct);
			if (sense) {
				length = n;
				break;
			}
		}
		const span = tokens.slice(i, i + length);
		const lemma =
			length === 1 ? token.root : [...span.slice(0, -1).map((t) => t.normal), span[length - 1].root].join(' ');
		if (!sense && isName(token) && !token.tags.has('Gerund')) {
			// A name WordNet knows (Tokyo, Earth) is read as a place or thing; any other is a name.
			sense = senseOf(token.normal, 'noun', false);
			if (!sense) {
				token.used = true;
				found.push({
					text: token.text,
					lemma: token.normal,
					index: token.index,
					category: 'subject',
					vocabulary: [],
					name: true,
				});
				continue;
			}
		}
		// A gerund ("floating", "skateboarding") is first of all the verb's action.
		if (token.tags.has('Gerund') && length === 1) sense ??= senseOf(token.root, 'verb', false);
		sense ??=
			senseOf(lemma, 'noun', preferAct, token.tags.has('Plural')) ??
			senseOf(token.normal, 'noun', preferAct, token.tags.has('Plural'));
		sense ??= headSense(token.root, preferAct);
		for (const t of span) t.used = true;
		if (!sense && !isContentWord(token.normal)) continue;
		const category = sense ? categoryOfSynset(sense) : 'object';
		// A time WordNet knows but the vocabulary does not (a season, "overhead" misread) is no shot content.
		if (!category || category === 'time') continue;
		found.push({
			text: span.map((t) => t.text).join(' '),
			lemma,
			index: token.index,
			category,
			vocabulary: [],
			...(sense ? { sense } : {}),
		});
	}
	return found;
}

const memo = new Map<string, FoundTerm[]>();
const MEMO_LIMIT = 500;

/** The terms of a text, in the order it names them; quoted speech is not read as directions. */
export function findPromptTerms(text: string): FoundTerm[] {
	const cached = memo.get(text);
	if (cached) return cached;
	const tokens = tokensOf(withoutQuotes(text));
	const terms = [...claimVocabulary(tokens), ...readRest(tokens)].sort((a, b) => a.index - b.index);
	if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
	memo.set(text, terms);
	return terms;
}

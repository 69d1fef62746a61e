/**
 * The text rules engine: scores a text per category, offline and deterministic, fast enough to run
 * on every prompt, dialogue line, caption, transcript and OCR line.
 *
 * 1. The text is normalised against evasion (`normalize.ts`: look-alikes, accents, leetspeak,
 *    spacing, repeats) into one or two readings.
 * 2. Weighted terms of all five languages (`lexicons/`) are found; words inside a safe phrase
 *    ("naked eye", "same-sex", "bath bomb") match nothing.
 * 3. For the languages the text is written in (by their function words), word classes are found and
 *    the context rules (`contextRules.ts`) pair them: calls to kill a group, mass violence, animal
 *    cruelty, self-injury, weapon instructions.
 * 4. Sexual content with a child marker or an age under 18 is `minors`; self-harm of a child is
 *    raised; named real people, protected characters and brands are found as before.
 *
 * A category's score is the noisy-OR of its distinct findings (`1 − Π(1 − w)`): one strong finding
 * decides, several weak ones add up.
 */
import { agesIn } from './ages';
import { echoesIn } from './echoes';
import { goalWeightsIn } from './goalWeights';
import { applyContextRules, MITIGATION_FACTOR } from './contextRules';
import {
	BRANDS,
	COMMON_FIRST_NAMES,
	FAMOUS_PEOPLE,
	PROTECTED_CHARACTERS,
	type Lexicon,
	type LexiconTerm,
} from './lexicon';
import { LANGUAGE_PACKS, type Concept, type LanguagePack } from './lexicons';
import { compileEntry, EntryIndex, type Entry } from './matcher';
import { normalisedReadings, normaliseTerm, squeeze } from './normalize';
import { memoisedStemmer, memoisedWordNetClasses, termWords } from './termMemo';
import type { Category } from './policy';

export interface TextRulesConfig {
	/** Extra terms per category, added to the defaults. */
	lexicon?: Lexicon;
	/** Real people whose likeness needs consent, added to the built-in famous-people list. */
	realPeople?: string[];
	protectedCharacters?: string[];
	brands?: string[];
}

export interface TextFinding {
	category: Category;
	score: number;
	/** The matched term (as written in the rules) or the rule that fired, so a refusal can say why. */
	detail: string;
	/** Kept whole when the text mourns victims: the rule that found it says a memorial cannot excuse it. */
	survivesMourning?: boolean;
}

export interface TextAnalysis {
	/** Per category, 0..1: several weak findings add up (noisy-OR), one strong finding decides. */
	scores: Partial<Record<Category, number>>;
	findings: TextFinding[];
	/** Canonical names of the real people the text names (for the cameo-consent check). */
	namedPeople: string[];
}

interface TermValue {
	category: Category;
	weight: number;
	/** The word classes of the term (as the rules write it) that a context can excuse alone. */
	wordClasses: ReadonlySet<TermWordClass>;
}

/**
 * Classes of single words a context excuses (see TermContext): undressing words, the violent words
 * sport uses as idioms, the words for an animal's insides that cooks use. A term's classes are read
 * from the term as the rules write it, once, when the rules are compiled.
 */
type TermWordClass = 'undressing' | 'sports-idiom' | 'food-insides';

/** A lexicon term's value: its category, weight and word classes. */
function termValue(term: string, category: Category, weight: number): TermValue {
	const classes = TERM_WORD_CLASSES.filter((c) => c.category === category);
	if (classes.length === 0) return { category, weight, wordClasses: NO_WORD_CLASS };
	const written = normaliseTerm(term.replace(/[*=]+$/, '')).join(' ');
	const wordClasses = new Set(classes.filter((c) => c.words.test(written)).map((c) => c.wordClass));
	return { category, weight, wordClasses: wordClasses.size > 0 ? wordClasses : NO_WORD_CLASS };
}

interface CompiledLanguage {
	pack: LanguagePack;
	stopwords: Set<string>;
	concepts: EntryIndex<Concept>;
	/** The language's safe phrases matched by stem ("matou a pau" as "mata a pau"), for its classes. */
	safePhrases: EntryIndex<true>;
	/**
	 * Blood said to be fake ("fake blood", "Kunstblut"): a safe phrase, so its "blood" scores nothing,
	 * and still a sign the scene is staged, so found past the safe phrases.
	 */
	stageBlood: EntryIndex<Concept>;
}

/** A capitalised "Firstname Lastname" pair, the shape of a person's name in a prompt. */
const NAME_PAIR = /\b([A-Z][a-z]+)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g;
/**
 * Word classes that name what a compound is about even as its first part: a "Heuschreckenschwarm"
 * (locust swarm) dehumanises, a "Sprengstoffgürtel" is an explosive; other classes match only as the
 * last part (a "Schulbus" is no school).
 */
const COMPOUND_MODIFIERS = new Set<Concept>([
	'dehumaniser',
	'dehumaniser-weak',
	'explosive',
	'firearm',
	'toxic-agent',
]);
/**
 * The violent words sport uses as idioms (massacre, slaughter, crush, destroy, butcher, kill; their
 * Spanish, French, German and Portuguese forms). Only these are weakened in a match: a "beheading"
 * is none, so naming a match next to one excuses nothing.
 */
const SPORTS_IDIOM =
	/^(?:massac|masac|slaught|schlacht|abschlacht|abgeschlacht|geschlacht|butcher|murder|kill|destro|destru|crush|annihil|aplast|ecras|atomis|vernicht|zerleg|atropel|humili|demol|hinricht|execut)/;
/**
 * The words for an animal's insides that cooks use (tripas, guts, entrails, Eingeweide, boyaux):
 * next to fish or meat prepared to eat, and no pet, live animal or cruelty, they are a recipe step.
 */
const FOOD_PREP_WORD = /^(?:tripa|gut|entrail|viscer|eingeweid|innereien|boyau|vidar|evisc)/;
/** A match score ("4-0", "5:1"). */
const SCORE = /(?:^|[\s(])\d{1,2}\s?[-:]\s?\d{1,2}(?=$|[\s),.!?])/;
/** Triple parentheses around a group or the trope's targets ("(((globalists)))"): hate on their own. */
const ECHO_HATE = 0.8;
/** Sexual wording with a request for explicitness ("uncut", "sin censura") is sexual content. */
const EXPLICIT_SEXUAL = 0.75;
/** At or above this, sexual wording with a child marker is child sexual content. */
const SEXUAL_WITH_MINOR = 0.35;
/**
 * Word classes that overrule a memorial: cheering (the victims mocked), or an attack told as it
 * happens or asked to be seen (plows into, a blade, blood everywhere, reenact, made to look real):
 * at a vigil these are an attack on the mourners, not remembrance.
 */
const MOURNING_OVERRULED = new Set<Concept>([
	'celebrate',
	'endorse',
	'graphic',
	'explicit',
	'reenact',
	'ram',
	'aim',
	'blade',
	'set-fire',
	'made-real',
	'maim',
	'wound',
]);
/**
 * Who makes a pretend fight more than a game: a person, a child, a crowd, or a request to look real
 * or to see it all ("realistic, maximum gore").
 */
const HUMAN_OR_REAL = new Set<Concept>([
	'person',
	'minor',
	'crowd',
	'group',
	'acquaintance',
	'made-real',
	'graphic',
	'explicit',
	'stranger',
	'on-camera',
]);
/** Who or what makes a child's undressing watched rather than everyday. */
const UNDRESS_WATCHED = new Set<Concept>([
	'stranger',
	'adult',
	'on-camera',
	'covert',
	'explicit',
	'graphic',
]);
/** The undressing words of the five languages, as a term reads normalised. */
const UNDRESS_WORD =
	/^(?:undress|desvist|desnud|deshabill|se deshabill|auszieh|zieht sich aus|auskleid|despi|se despe|tira a roupa|se quit|se quita|quitarse la ropa|quitar la ropa|enleve ses vetements|sich aus)/;
/** Each word class's words, and the category whose terms can have them. */
const TERM_WORD_CLASSES: ReadonlyArray<{
	wordClass: TermWordClass;
	category: Category;
	words: RegExp;
}> = [
	{ wordClass: 'undressing', category: 'sexual', words: UNDRESS_WORD },
	{ wordClass: 'sports-idiom', category: 'violence', words: SPORTS_IDIOM },
	{ wordClass: 'food-insides', category: 'violence', words: FOOD_PREP_WORD },
];
const NO_WORD_CLASS: ReadonlySet<TermWordClass> = new Set();
/** Categories whose middling words an explaining context weakens. */
const EXPLAINABLE = new Set<Category>(['violence', 'self-harm', 'weapons', 'illegal']);
const ALL_NUMBERS = Object.assign({}, ...LANGUAGE_PACKS.map((p) => p.numbers)) as Record<
	string,
	number
>;

function defined<T>(x: T | undefined): x is T {
	return x !== undefined;
}

export class TextRules {
	private readonly terms: EntryIndex<TermValue>;
	private readonly safePhrases: EntryIndex<true>;
	private readonly languages: CompiledLanguage[];
	private readonly people: EntryIndex<string>;
	private readonly firstNames = new Set(COMMON_FIRST_NAMES);
	/** Every word the lists know, to split a spelled-out run ("m i n o r g i r l") into words. */
	private readonly vocabulary = new Set<string>();

	constructor(config: TextRulesConfig = {}) {
		const terms: Array<Entry<TermValue> | undefined> = [];
		const addTerms = (lexicon: Lexicon) => {
			for (const [category, list] of Object.entries(lexicon) as Array<[Category, LexiconTerm[]]>)
				for (const { term, weight } of list)
					terms.push(compileEntry(term, termValue(term, category, weight)));
		};
		for (const pack of LANGUAGE_PACKS) addTerms(pack.terms);
		addTerms(config.lexicon ?? {});
		for (const name of [...PROTECTED_CHARACTERS, ...(config.protectedCharacters ?? [])])
			terms.push(compileEntry(name, termValue(name, 'protected-character', 0.9)));
		for (const name of [...BRANDS, ...(config.brands ?? [])])
			terms.push(compileEntry(name, termValue(name, 'brand', 0.8)));
		this.terms = new EntryIndex(terms.filter(defined));
		this.safePhrases = new EntryIndex(
			LANGUAGE_PACKS.flatMap((p) =>
				p.safePhrases.map((s) => compileEntry(s, true as const)),
			).filter(defined),
		);
		this.languages = LANGUAGE_PACKS.map((pack) => ({
			pack,
			safePhrases: new EntryIndex(
				pack.safePhrases.map((phrase) => compileEntry(phrase, true as const)).filter(defined),
				memoisedStemmer(pack.stemmer),
			),
			stopwords: new Set(pack.stopwords),
			stageBlood: new EntryIndex(
				(pack.concepts['stage-blood'] ?? [])
					.map((term) => compileEntry(term, 'stage-blood' as Concept))
					.filter(defined),
				memoisedStemmer(pack.stemmer),
			),
			concepts: new EntryIndex(
				(Object.entries(conceptsOf(pack)) as Array<[Concept, string[]]>)
					.flatMap(([concept, list]) => list.map((term) => compileEntry(term, concept)))
					.filter(defined),
				memoisedStemmer(pack.stemmer),
				pack.compounds || pack.separableParticles
					? {
							modifier: pack.compounds ? (concept) => COMPOUND_MODIFIERS.has(concept) : undefined,
							particles: pack.separableParticles && new Set(pack.separableParticles),
						}
					: undefined,
			),
		}));
		for (const pack of LANGUAGE_PACKS) {
			const lists = [
				...Object.values(pack.terms).flatMap((list) => list.map((entry) => entry.term)),
				...Object.values(conceptsOf(pack)).flat(),
				...pack.stopwords,
				...Object.keys(pack.numbers),
			];
			for (const term of lists)
				for (const word of termWords(term.replace(/\*$/, '')))
					if (word.length >= 2) this.vocabulary.add(word);
		}
		this.people = new EntryIndex(
			[...FAMOUS_PEOPLE, ...(config.realPeople ?? [])]
				.map((name) => compileEntry(name, name))
				.filter(defined),
		);
	}

	analyse(text: string): TextAnalysis {
		const findings: TextFinding[] = [];
		const seen = new Set<string>();
		const add = (category: Category, score: number, detail: string, survivesMourning = false) => {
			// One word in two languages' lists ("massacre", "masacre") is one finding, not two.
			const key = `${category}\u0000${squeeze(detail)}`;
			if (seen.has(key)) return undefined;
			seen.add(key);
			const finding: TextFinding = { category, score, detail };
			if (survivesMourning) finding.survivesMourning = true;
			findings.push(finding);
			return finding;
		};
		/** Findings of single terms (not of the context rules), which an idiom's context can excuse. */
		const termFindings = new Map<TextFinding, TermValue>();
		let sporting = SCORE.test(text);
		for (const echo of echoesIn(text, (words) => this.namesGroup(words)))
			add('hate', ECHO_HATE, `an antisemitic echo, "${echo}"`);

		const namedPeople = new Set<string>();
		let minorMarker: string | undefined;
		let mildSexual = false;
		let explaining = false;
		/** Explaining by more than a memorial's words ("memorial" is both): a documentary, a lesson. */
		let explainingBeyondMourning = false;
		/** Victims mourned (a memorial, a vigil, an anniversary), nobody cheering, no attack told as it happens. */
		let mourning = false;
		let mourningOverruled = false;
		let artful = false;
		/** Fish or meat prepared to eat, and no pet, live animal or cruelty next to it. */
		let cooking = false;
		let animalHarmed = false;
		let explicit = false;
		/** Undressing: sexual when asked for explicitly, not with a child at bath time. */
		let undressing = false;
		/** Undressing for a bath, a swimming lesson or bed: an everyday purpose, nothing sexual. */
		let undressPurpose = false;
		/** A stranger, an adult, a camera or a request to see it: the undressing is watched. */
		let undressWatched = false;
		/** Mild sexual wording that is only an undressing word ("undresses", "se quita la ropa"). */
		let mildUndressing = false;
		/** A game or other pretend fight whose only victims are monsters (a pixel knight beheads a skeleton). */
		let pretend = false;
		let monsterVictim = false;
		let humanVictim = false;
		/** The words that asked for explicitness ("sin censura"), which are no sexual word of their own. */
		const explicitWords = new Set<string>();
		for (const reading of normalisedReadings(text, this.vocabulary)) {
			const masked = this.maskOf(reading);

			for (const hit of this.terms.find(reading, masked)) {
				const term = hit.entry.value;
				const finding = add(term.category, term.weight, hit.entry.label);
				if (finding) termFindings.set(finding, term);
			}
			for (const hit of this.people.find(reading)) namedPeople.add(hit.entry.value);

			const written = this.languagesOf(reading);
			for (const language of this.languages) {
				const own = withClitics(reading, language.pack.clitics);
				const ownMasked = own === reading ? new Set(masked) : this.maskOf(own);
				for (const hit of language.safePhrases.find(own))
					for (let i = hit.start; i < hit.end; i++) ownMasked.add(i);
				const concepts = [
					...language.concepts.find(own, ownMasked),
					...language.stageBlood.find(own),
					...goalWeightsIn(own),
				];
				undressPurpose ||= concepts.some((h) => h.entry.value === 'undress-purpose');
				undressWatched ||= concepts.some((h) => UNDRESS_WATCHED.has(h.entry.value));
				// An undressing word is mild sexual wording too, unless it is for an everyday purpose (below).
				for (const hit of concepts) {
					if (hit.entry.value !== 'sexual-mild') continue;
					const undressWord =
						UNDRESS_WORD.test(normaliseTerm(hit.entry.label).join(' ')) ||
						concepts.some((u) => u.entry.value === 'undress' && u.start === hit.start);
					if (undressWord) mildUndressing = true;
					else mildSexual = true;
				}
				undressing ||= concepts.some((h) => h.entry.value === 'undress');
				if (!written.includes(language)) continue;
				for (const hit of concepts)
					if (hit.entry.value === 'explicit') explicitWords.add(squeeze(hit.entry.label));
				explicit ||= explicitWords.size > 0;
				explaining ||= concepts.some((h) => h.entry.value === 'mitigation');
				explainingBeyondMourning ||= concepts.some(
					(h) =>
						h.entry.value === 'mitigation' &&
						!concepts.some(
							(m) => m.entry.value === 'mourning' && m.start === h.start && m.end === h.end,
						),
				);
				mourning ||= concepts.some((h) => h.entry.value === 'mourning');
				mourningOverruled ||= concepts.some((h) => MOURNING_OVERRULED.has(h.entry.value));
				artful ||= concepts.some((h) => h.entry.value === 'art');
				pretend ||= concepts.some((h) => h.entry.value === 'fictional');
				monsterVictim ||= concepts.some((h) => h.entry.value === 'monster');
				humanVictim ||= concepts.some((h) => HUMAN_OR_REAL.has(h.entry.value));
				sporting ||= concepts.some((h) => h.entry.value === 'sport');
				cooking ||= concepts.some((h) => h.entry.value === 'meat');
				animalHarmed ||= concepts.some((h) => ['pet', 'alive', 'cruelty'].includes(h.entry.value));
				for (const finding of applyContextRules(own, concepts))
					add(finding.category, finding.score, finding.detail, finding.survivesMourning);
				minorMarker ??= concepts.find((h) => h.entry.value === 'minor')?.entry.label;
			}
			const minorAge = agesIn(reading, { numbers: ALL_NUMBERS }).find((a) => a.age < 18);
			minorMarker ??= minorAge ? `age ${minorAge.age}, "${minorAge.text}"` : undefined;
		}

		// A child undressing for a bath, the pool or bed, unwatched: no sexual wording.
		const everydayUndressing = undressPurpose && !undressWatched && !explicit;
		if (everydayUndressing) weakenTermFindings(findings, termFindings, EVERYDAY_UNDRESSING);
		else mildSexual ||= mildUndressing;
		if (explicit) {
			// "having sex on the desk, show everything uncut": a weak sexual word asked for explicitly.
			// "Sin censura" is a weak sexual term as well as the request: dancing uncensored is not sex.
			const sexual = findings.filter(
				(f) => f.category === 'sexual' && !explicitWords.has(squeeze(f.detail)),
			);
			if (mildSexual || undressing || sexual.some((f) => f.score >= 0.3))
				add('sexual', EXPLICIT_SEXUAL, 'sexual content asked for explicitly');
		}
		if (explaining) weakenExplained(findings, explainingBeyondMourning);
		if (artful) weakenArtNudity(findings);
		if (pretend && monsterVictim && !humanVictim)
			weakenTermFindings(findings, termFindings, MONSTER_SLAIN);
		if (sporting) weakenTermFindings(findings, termFindings, SPORTS_IDIOMS);
		if (cooking && !animalHarmed && !minorMarker)
			weakenTermFindings(findings, termFindings, FOOD_PREPARED);
		for (const name of namedPeople) add('real-person', 1, name);
		// A name-shaped pair that is on no list: recorded with a low score (below the default threshold),
		// because fictional characters have names too; an operator may lower the threshold.
		const named = new Set([...namedPeople].map((n) => normaliseTerm(n).join(' ')));
		for (const match of text.matchAll(NAME_PAIR)) {
			const pair = normaliseTerm(`${match[1]} ${match[2]}`).join(' ');
			if (this.firstNames.has(match[1].toLowerCase()) && !named.has(pair))
				add('real-person', 0.3, `${match[1]} ${match[2]} (looks like a person's name)`);
		}

		const scores = noisyOr(findings);
		if (mourning && !mourningOverruled) mournViolence(findings, scores);
		if (minorMarker) {
			// Sexual wording about a child, or a child undressed, is child sexual content.
			const sexual = scores.sexual ?? 0;
			if (sexual >= SEXUAL_WITH_MINOR || mildSexual) {
				const score = round(Math.max(scores.minors ?? 0, 0.6 + Math.max(sexual, 0.3) * 0.4));
				scores.minors = score;
				findings.push({
					category: 'minors',
					score,
					detail: `sexual content with a minor (${minorMarker})`,
				});
			}
			// Self-harm shown on a child is refused even where an adult's might be allowed.
			const selfHarm = scores['self-harm'] ?? 0;
			if (selfHarm >= 0.5) {
				const score = round(Math.max(selfHarm, 0.97));
				scores['self-harm'] = score;
				findings.push({
					category: 'self-harm',
					score,
					detail: `self-harm of a minor (${minorMarker})`,
				});
			}
		}
		return { scores, findings, namedPeople: [...namedPeople] };
	}

	/** Whether words name a protected group in any language's word lists. */
	private namesGroup(words: string[]): boolean {
		return this.languages.some((language) =>
			language.concepts.find(words).some((hit) => hit.entry.value === 'group'),
		);
	}

	/** The positions of the words a safe phrase covers. */
	private maskOf(reading: string[]): Set<number> {
		const masked = new Set<number>();
		for (const hit of this.safePhrases.find(reading))
			for (let i = hit.start; i < hit.end; i++) masked.add(i);
		return masked;
	}

	/**
	 * The languages a reading is in, by their function words: those with at least half the best
	 * count; all of them when no function word of any is there (a two-word prompt).
	 */
	private languagesOf(reading: string[]): CompiledLanguage[] {
		const counts = this.languages.map((l) => reading.filter((w) => l.stopwords.has(w)).length);
		const best = Math.max(...counts);
		if (best === 0) return this.languages;
		return this.languages.filter((_, i) => counts[i] >= Math.max(1, best / 2));
	}
}

/**
 * In a text that explains rather than depicts (a documentary, a prevention campaign, a medical
 * lesson), single words of middling weight ("suicide", "blood", "overdose") are weakened like the
 * mitigable context rules; strong terms (a beheading, a slur, "kill myself") are not.
 */
function weakenExplained(findings: TextFinding[], beyondMourning: boolean): void {
	for (const finding of findings) {
		if (!EXPLAINABLE.has(finding.category) || finding.score >= 0.9) continue;
		// What a memorial cannot excuse, its words explain nothing either.
		if (finding.survivesMourning && !beyondMourning) continue;
		if (finding.detail.includes('in an explaining context')) continue;
		finding.score = round(finding.score * MITIGATION_FACTOR);
		finding.detail += ', in an explaining context';
	}
}

/**
 * A memorial, a vigil or an anniversary of an attack ("news anchor on the anniversary of a school
 * shooting, candles and memorial flowers", "hommage aux victimes de l'attentat de Nice") remembers the
 * dead rather than showing them die: the violence score, strong findings included (a named massacre
 * is what a memorial names), is weakened as a whole — several weakened findings would otherwise add
 * back up under the noisy-OR. A finding whose rule survives mourning (an attacker glorified, "in
 * memory of the shooter, a true saint") keeps its own score.
 */
function mournViolence(findings: TextFinding[], scores: Partial<Record<Category, number>>): void {
	const violence = findings.filter((f) => f.category === 'violence');
	if (!violence.length) return;
	const kept = violence.filter((f) => f.survivesMourning);
	const weakened = round((scores.violence ?? 0) * MITIGATION_FACTOR);
	scores.violence = Math.max(weakened, ...kept.map((f) => f.score));
	for (const finding of violence)
		if (!finding.survivesMourning) finding.detail += ', the victims mourned';
}

/**
 * A context that makes single words harmless (not the context rules or the frames, which read the
 * words around them): the categories it touches, the class of words it excuses (of the lexicon's
 * terms, read once when the rules are compiled; every word of those categories when absent) and the
 * note the finding gets.
 */
interface TermContext {
	categories: readonly Category[];
	words?: TermWordClass;
	note: string;
}

/**
 * "Kids undress for swimming lessons", "the toddler undresses for her bath": a child undressing for
 * a bath, the pool, bed or the doctor is no sexual content, so the undressing words alone are
 * weakened (below the child-sexual threshold). A stranger or a camera is the undressing frame's,
 * which this leaves alone; a request for explicitness keeps them whole.
 */
const EVERYDAY_UNDRESSING: TermContext = {
	categories: ['sexual'],
	words: 'undressing',
	note: 'for an everyday purpose',
};
/**
 * "Un chevalier pixel décapite un squelette, style rétro 8 bits": in a game or another pretend fight
 * whose only victims are monsters (skeletons, zombies, orcs), the violent words alone — a beheading
 * included — are a game's; a person, a child, a crowd or a request to look real keeps them whole.
 */
const MONSTER_SLAIN: TermContext = {
	categories: ['violence'],
	note: 'a monster slain in a game',
};
/**
 * A team "massacred" or "slaughtered" by another, a contestant who "kills it": in a match, a
 * tournament or a contest (or next to a score, "4-0"), single violent words are idioms and are
 * weakened; the context rules (a crowd with casualties, a shooting) are not.
 */
const SPORTS_IDIOMS: TermContext = {
	categories: ['violence'],
	words: 'sports-idiom',
	note: 'a sports idiom',
};
/**
 * "Tirar as tripas de uma tilápia", "sacar las tripas al pescado": gutting fish or meat to cook it
 * is a recipe, so the insides' words alone are weakened.
 */
const FOOD_PREPARED: TermContext = {
	categories: ['violence'],
	words: 'food-insides',
	note: 'preparing food',
};

/** Weakens the single-term findings `context` excuses, and says so in their detail. */
function weakenTermFindings(
	findings: TextFinding[],
	termFindings: ReadonlyMap<TextFinding, TermValue>,
	context: TermContext,
): void {
	for (const finding of findings) {
		const term = termFindings.get(finding);
		if (!term || !context.categories.includes(finding.category)) continue;
		if (context.words && !term.wordClasses.has(context.words)) continue;
		finding.score = round(finding.score * MITIGATION_FACTOR);
		finding.detail += `, ${context.note}`;
	}
}

/** A pack's word classes, with the ones generated from WordNet for English. */
function conceptsOf(pack: LanguagePack): Partial<Record<Concept, string[]>> {
	if (pack.language !== 'en') return pack.concepts;
	const merged: Partial<Record<Concept, string[]>> = { ...pack.concepts };
	for (const [concept, words] of Object.entries(memoisedWordNetClasses()) as Array<
		[Concept, string[]]
	>)
		merged[concept] = [...(merged[concept] ?? []), ...words];
	return merged;
}

/** The reading with glued pronouns split off ("matarse" → "matar se"), where the language has them. */
function withClitics(reading: string[], clitics: RegExp | undefined): string[] {
	if (!clitics || !reading.some((w) => clitics.test(w))) return reading;
	return reading.flatMap((word) => {
		const glued = clitics.exec(word);
		return glued ? [glued[1], glued[2]] : [word];
	});
}

/**
 * A painting, a statue or a museum piece may be nude: single nudity words ("nude", "desnuda",
 * "nackt") are weakened there; explicit sexual terms (0.9 and above) are not, nor is a child.
 */
function weakenArtNudity(findings: TextFinding[]): void {
	for (const finding of findings) {
		if (finding.category !== 'sexual' || finding.score >= 0.9) continue;
		finding.score = round(finding.score * MITIGATION_FACTOR);
		finding.detail += ', in an art context';
	}
}

function noisyOr(findings: TextFinding[]): Partial<Record<Category, number>> {
	const misses = new Map<Category, number>();
	for (const f of findings) misses.set(f.category, (misses.get(f.category) ?? 1) * (1 - f.score));
	const scores: Partial<Record<Category, number>> = {};
	for (const [category, miss] of misses) scores[category] = round(1 - miss);
	return scores;
}

function round(x: number): number {
	return Math.round(x * 1000) / 1000;
}

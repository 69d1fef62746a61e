/**
 * The text rules engine: scores a text per category from weighted word lists, matched on
 * normalised tokens so spelling tricks do not get past it. No network, deterministic, fast enough
 * to run on every prompt, dialogue line, transcript and OCR line.
 */
import {
	BRANDS,
	COMMON_FIRST_NAMES,
	DEFAULT_LEXICON,
	FAMOUS_PEOPLE,
	MINOR_MARKERS,
	PROTECTED_CHARACTERS,
	type Lexicon,
	type LexiconTerm,
} from './lexicon';
import { normalisedReadings, normaliseTerm } from './normalize';
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
	/** The matched term (as written in the rules), so a refusal can say what triggered it. */
	detail: string;
}

export interface TextAnalysis {
	/** Per category, 0..1: several weak terms add up (noisy-OR), one strong term decides. */
	scores: Partial<Record<Category, number>>;
	findings: TextFinding[];
	/** Canonical names of the real people the text names (for the cameo-consent check). */
	namedPeople: string[];
}

interface CompiledTerm {
	label: string;
	category: Category;
	weight: number;
	words: string[];
	/** The last word matches as a prefix (`kill*`). */
	prefix: boolean;
	/** A multi-word term as one word, for text spaced out letter by letter ("T a y l o r  S w i f t"). */
	joined?: string;
}

function compile(category: Category, term: LexiconTerm): CompiledTerm {
	const prefix = term.term.endsWith('*');
	const words = normaliseTerm(prefix ? term.term.slice(0, -1) : term.term);
	const joined = words.length > 1 ? words.join('').replace(/(.)\1+/g, '$1') : undefined;
	return {
		label: term.term.replace(/\*$/, ''),
		category,
		weight: term.weight,
		words,
		prefix,
		joined,
	};
}

function matchesAt(reading: string[], at: number, term: CompiledTerm): boolean {
	if (at + term.words.length > reading.length) return false;
	for (let i = 0; i < term.words.length; i++) {
		const word = reading[at + i];
		const last = i === term.words.length - 1;
		if (last && term.prefix ? !word.startsWith(term.words[i]) : word !== term.words[i])
			return false;
	}
	return true;
}

function occursIn(readings: string[][], term: CompiledTerm): boolean {
	if (term.words.length === 0) return false;
	return readings.some((reading) =>
		reading.some(
			(word, at) =>
				matchesAt(reading, at, term) || (term.joined !== undefined && word.startsWith(term.joined)),
		),
	);
}

/** "a 15-year-old", "15 yo", "aged 12": an age under 18 marks a minor. */
const MINOR_AGE = /\b(?:aged?\s*)?(1[0-7]|[1-9])\s*(?:-|\s)?(?:years?|yrs?|y\/?o)\b(?:[\s-]*old)?/i;

/** A capitalised "Firstname Lastname" pair, the shape of a person's name in a prompt. */
const NAME_PAIR = /\b([A-Z][a-z]+)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g;

export class TextRules {
	private readonly terms: CompiledTerm[] = [];
	private readonly minorMarkers: CompiledTerm[];
	private readonly people: Array<{ name: string; term: CompiledTerm }>;
	private readonly firstNames = new Set(COMMON_FIRST_NAMES);

	constructor(config: TextRulesConfig = {}) {
		for (const source of [DEFAULT_LEXICON, config.lexicon ?? {}]) {
			for (const [category, terms] of Object.entries(source) as Array<[Category, LexiconTerm[]]>) {
				for (const term of terms) this.terms.push(compile(category, term));
			}
		}
		for (const name of [...PROTECTED_CHARACTERS, ...(config.protectedCharacters ?? [])])
			this.terms.push(compile('protected-character', { term: name, weight: 0.9 }));
		for (const name of [...BRANDS, ...(config.brands ?? [])])
			this.terms.push(compile('brand', { term: name, weight: 0.8 }));
		this.minorMarkers = MINOR_MARKERS.map((term) => compile('minors', { term, weight: 1 }));
		this.people = [...FAMOUS_PEOPLE, ...(config.realPeople ?? [])].map((name) => ({
			name,
			term: compile('real-person', { term: name, weight: 1 }),
		}));
	}

	analyse(text: string): TextAnalysis {
		const readings = normalisedReadings(text);
		const findings: TextFinding[] = [];
		const misses = new Map<Category, number>();
		const add = (category: Category, score: number, detail: string) => {
			findings.push({ category, score, detail });
			misses.set(category, (misses.get(category) ?? 1) * (1 - score));
		};

		for (const term of this.terms)
			if (occursIn(readings, term)) add(term.category, term.weight, term.label);

		const namedPeople: string[] = [];
		for (const person of this.people) {
			if (!occursIn(readings, person.term)) continue;
			namedPeople.push(person.name);
			add('real-person', 1, person.name);
		}
		// A name-shaped pair that is on no list: recorded with a low score (below the default threshold),
		// because fictional characters have names too; an operator may lower the threshold.
		const named = new Set(namedPeople.map((n) => normaliseTerm(n).join(' ')));
		for (const match of text.matchAll(NAME_PAIR)) {
			const pair = normaliseTerm(`${match[1]} ${match[2]}`).join(' ');
			if (this.firstNames.has(match[1].toLowerCase()) && !named.has(pair))
				add('real-person', 0.3, `${match[1]} ${match[2]} (looks like a person's name)`);
		}

		const scores: Partial<Record<Category, number>> = {};
		for (const [category, miss] of misses) scores[category] = round(1 - miss);

		// Sexual content together with a child marker is the minors category, whatever the weights say.
		const sexual = scores.sexual ?? 0;
		const minorMarker =
			this.minorMarkers.find((m) => occursIn(readings, m))?.label ?? text.match(MINOR_AGE)?.[0];
		if (sexual >= 0.4 && minorMarker) {
			const score = round(Math.max(scores.minors ?? 0, 0.6 + sexual * 0.4));
			scores.minors = score;
			findings.push({ category: 'minors', score, detail: `sexual content with "${minorMarker}"` });
		}
		return { scores, findings, namedPeople };
	}
}

function round(x: number): number {
	return Math.round(x * 1000) / 1000;
}

/**
 * Ages in words and digits, in the five languages: "a 15-year-old", "15yo", "13 y/o", "fourteen
 * years old", "niña de 11 años", "de quinze ans", "vierzehnjähriger", "13 Jahre alt", "menina de
 * 9 anos". An age under 18 marks a minor. A bare duration ("married for 3 years") is not an age: the
 * number needs an age word after it ("old", "alt", "de edad") or an age preposition before it ("de",
 * "aged", "of"), or the unit is one only ages use ("yo", "-jährig"), or it follows a word for a young
 * person ("a girl, 12").
 */
import { SENTENCE_END } from './normalize';

export interface AgeWords {
	/** Number words per language, e.g. fourteen → 14, quince → 15, vierzehn → 14. */
	numbers: Record<string, number>;
}

/** Units that say "age" on their own. */
const AGE_ONLY_UNITS = new Set(['yo', 'yos', 'yr', 'yrs']);
/** Units that need an "old" after them or an age preposition before the number. */
const DURATION_UNITS = new Set(['year', 'years', 'anos', 'ano', 'ans', 'an', 'jahre', 'jahr']);
const OLD_WORDS = new Set(['old', 'alt', 'edad', 'idade']);
const AGE_PREPOSITIONS = new Set([
	'de',
	'of',
	'aged',
	'age',
	'agee',
	'agees',
	'ages',
	'mit',
	'von',
	'com',
]);
const GERMAN_AGE = /^jahrig/;
/** "a girl, age 11, in lingerie", "Alter 12", "edad 11", "âge 12": the age word right before the number. */
const AGE_NOUNS = new Set(['aged', 'age', 'edad', 'idade', 'alter']);
/**
 * "my OC is 11", "she's 11 and posing", "elle a 12", "sie ist 13", "ela tem 12": a bare number after
 * a copula whose subject is a person or a character. "It is 11 pm" and "the team is 11" have no person
 * subject; "she is 11 minutes late" has a unit after the number.
 */
const PERSON_SUBJECTS = new Set([
	'she',
	'he',
	'i',
	'oc',
	'character',
	'ella',
	'el',
	'elle',
	'il',
	'sie',
	'er',
	'ela',
	'ele',
	'personaje',
	'personnage',
	'figur',
	'personagem',
]);
/** "make her look 14", "she looks 12", "aparenta 13": the age a body is drawn to show. */
const LOOK_WORDS = new Set([
	'look',
	'looks',
	'looking',
	'parece',
	'parecer',
	'aparenta',
	'aparente',
	'parezca',
	'pareca',
	'aparentar',
	'wirkt',
]);
/** "girls about nine", "a boy around 10", "niñas de unos 9", "des filles d'environ 10 ans". */
const ABOUT_WORDS = new Set([
	'about',
	'around',
	'roughly',
	'maybe',
	'unos',
	'unas',
	'environ',
	'etwa',
	'ungefahr',
	'uns',
	'umas',
]);
/** Spanish and Portuguese drop the subject: "tiene 12", "tem 12" say an age on their own. */
const HAVE_AGE_VERBS = new Set(['tiene', 'tem']);
const AGE_COPULAS = new Set([
	'is',
	's',
	'am',
	'm',
	'was',
	'es',
	'tiene',
	'a',
	'est',
	'ist',
	'war',
	'tem',
	'e',
]);
/** Words after a number that make it a count, a time or a measure, not an age. */
const NOT_AGE_AFTER =
	/^(?:\d+|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|am|pm|o|oclock|points?|pts|feet|foot|ft|inch(?:es)?|cm|m|km|kg|kgs|lbs?|pounds?|kilos?|stone|percent|th|st|nd|rd|uhr|minuten|stunden|tage|wochen|monate|punkte|meter|kilo|prozent|minutos?|horas?|dias?|semanas?|meses|mes|puntos?|pontos?|metros?|por|heures?|jours?|semaines?|mois|pieds?|centimetres?|metres?)$/;
/**
 * "she is only 10", "il n'a que 9", "sie ist erst 12", "tiene solo 11", "ele tem apenas 13": a bare
 * number after a copula and "only" is an age when nothing follows it ("is only 10 minutes away" is not).
 */
const ONLY_WORDS = new Set([
	'only',
	'just',
	'barely',
	'solo',
	'apenas',
	'que',
	'seulement',
	'erst',
	'nur',
	'so',
]);
const COPULAS = new Set(['is', 's', 'was', 'es', 'tiene', 'a', 'est', 'ist', 'war', 'tem', 'e']);
const AFTER_BARE_AGE = new Set(['', SENTENCE_END, 'and', 'y', 'et', 'und', 'e']);
/**
 * People whose age a bare number after them states, as prompts write it: "a girl, 12, in a bikini",
 * "Mädchen, 12", "niña 11", "garçon (13)".
 */
const AGED_PEOPLE = new Set([
	'freshman',
	'sophomore',
	'cheerleader',
	'pupil',
	'schoolgirl',
	'schoolboy',
	'toddler',
	'alumno',
	'alumna',
	'crio',
	'cria',
	'chaval',
	'eleve',
	'collegien',
	'collegienne',
	'lyceen',
	'lyceenne',
	'aluno',
	'aluna',
	'schulmadchen',
	'girl',
	'boy',
	'kid',
	'child',
	'teen',
	'daughter',
	'son',
	'student',
	'nina',
	'nino',
	'chica',
	'chico',
	'chavala',
	'fille',
	'fillette',
	'garcon',
	'gamine',
	'gamin',
	'ado',
	'madchen',
	'junge',
	'kind',
	'schulerin',
	'schuler',
	'tochter',
	'menina',
	'menino',
	'garota',
	'garoto',
	'filha',
	'filho',
]);

/** A word for a young person, singular or plural ("girls", "niñas", "Mädchen"). */
function isAgedPerson(word: string): boolean {
	return AGED_PEOPLE.has(word) || (word.endsWith('s') && AGED_PEOPLE.has(word.slice(0, -1)));
}

function bareAgeAfterCopula(reading: string[], i: number): boolean {
	const verb = reading[i - 1] ?? '';
	if (!AGE_COPULAS.has(verb)) return false;
	const next = reading[i + 1] ?? '';
	if (NOT_AGE_AFTER.test(next) || DURATION_UNITS.has(next)) return false;
	const subject = reading[i - 2] ?? '';
	return (
		PERSON_SUBJECTS.has(subject) ||
		AGED_PEOPLE.has(subject) ||
		(HAVE_AGE_VERBS.has(verb) && !/^\d/.test(subject))
	);
}

function numberOf(word: string, numbers: Record<string, number>): number | undefined {
	if (/^\d{1,3}$/.test(word)) return Number(word);
	return numbers[word];
}

/** The ages (with the words that said them) a reading states. */
export function agesIn(reading: string[], words: AgeWords): Array<{ age: number; text: string }> {
	const found: Array<{ age: number; text: string }> = [];
	for (let i = 0; i < reading.length; i++) {
		const word = reading[i];
		if (word === SENTENCE_END) continue;
		// "vierzehnjahriger", "elfjahrige": number word and "-jährig" in one German compound.
		const compound = /^([a-z]+?)(jahrig[a-z]*)$/.exec(word);
		if (compound && words.numbers[compound[1]] !== undefined) {
			found.push({ age: words.numbers[compound[1]], text: word });
			continue;
		}
		const age = numberOf(word, words.numbers);
		if (age === undefined) continue;
		const next = reading[i + 1] ?? '';
		const after = reading[i + 2] ?? '';
		const before = reading[i - 1] ?? '';
		const isAge =
			AGE_NOUNS.has(before) ||
			((LOOK_WORDS.has(before) || (before === 'de' && LOOK_WORDS.has(reading[i - 2] ?? ''))) &&
				!NOT_AGE_AFTER.test(next) &&
				!DURATION_UNITS.has(next)) ||
			(ABOUT_WORDS.has(before) &&
				isAgedPerson(reading[i - 2] ?? '') &&
				!NOT_AGE_AFTER.test(next)) ||
			bareAgeAfterCopula(reading, i) ||
			(AGED_PEOPLE.has(before) && !DURATION_UNITS.has(next)) ||
			AGE_ONLY_UNITS.has(next) ||
			GERMAN_AGE.test(next) ||
			(next === 'y' && after === 'o') ||
			(DURATION_UNITS.has(next) &&
				(OLD_WORDS.has(after) || (after === 'de' && OLD_WORDS.has(reading[i + 3] ?? '')))) ||
			(DURATION_UNITS.has(next) && AGE_PREPOSITIONS.has(before)) ||
			(ONLY_WORDS.has(before) && COPULAS.has(reading[i - 2] ?? '') && AFTER_BARE_AGE.has(next));
		if (isAge) found.push({ age, text: reading.slice(Math.max(0, i - 1), i + 3).join(' ') });
	}
	return found;
}

/**
 * A prompt-only spec becomes shots and characters: the moments it narrates become shots in order
 * (about one shot per 4 s; a long moment gets several), each shot's length follows how much is
 * said in it, and the people the prompt introduces ("a tall woman in a red jacket", "Maya") become
 * characters with the surrounding words as their description.
 */
import type { Character, TimedShot } from '../../spec/renderSpec';
import { ACTIONS, CHARACTER_NOUNS, SPEAKING_WORDS_PER_SECOND } from '../vocabulary';
import { tagSentences } from '../coverage/tagger';
import { wordNet } from '../coverage/wordnet';
import { splitMoments } from './moments';
import { countWords, findQuotes, splitSentences, withoutQuotes } from './promptText';

const SECONDS_PER_SHOT = 4;
const MAX_PROMPT_SHOTS = 32;
const MAX_PROMPT_CHARACTERS = 4;
const NOT_NAMES = new Set([
	'I',
	'The',
	'A',
	'An',
	'They',
	'He',
	'She',
	'It',
	'We',
	'Then',
	'Later',
	'Suddenly',
	'Meanwhile',
	'Finally',
	'Cut',
	'Close',
	'Wide',
	'After',
	'Before',
	'When',
	'At',
	'In',
	'On',
	'Outside',
	'Inside',
	'Night',
	'Day',
	'Morning',
	'Evening',
	'Both',
	'Everyone',
	'Two',
	'Three',
	'This',
	'That',
	'Their',
	'His',
	'Her',
	'Our',
	'Camera',
	'Slow',
	'Fade',
]);
const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, pair: 2, couple: 2 };
const SPEECH_VERBS = new Set(ACTIONS.flatMap((a) => [a.id, ...a.synonyms]));

/** Words WordNet files under people that do not introduce anyone in particular. */
const NOBODY = new Set([
	'someone',
	'somebody',
	'anyone',
	'anybody',
	'everyone',
	'everybody',
	'nobody',
	'i',
	'me',
	'you',
	'he',
	'she',
	'we',
	'they',
	'self',
	'people',
	'one',
]);

/**
 * A noun that names a person: the vocabulary's character nouns ("woman", "friend"), and any noun
 * whose most frequent sense WordNet files under people ("gymnast", "surfer", "cyclist").
 */
function isPersonNoun(word: string, nounsInText?: Set<string>): boolean {
	if (CHARACTER_NOUNS[word]) return true;
	if (word.length < 3 || NOBODY.has(word)) return false;
	if (nounsInText && !nounsInText.has(word)) return false;
	const first = wordNet().senses(word, 'noun')[0];
	return first?.lexname === 'noun.person' && first.words.includes(word);
}

/** A capitalised word WordNet knows as a place or a thing (Earth, Tokyo, Paris) is not a person's name. */
function isPlaceOrThing(word: string): boolean {
	const first = wordNet().senses(word.toLowerCase(), 'noun')[0];
	return first?.lexname === 'noun.object' || first?.lexname === 'noun.location';
}

/** The words the tagger reads as nouns where they stand ("two kids have ...": "have" is a verb here). */
function nounsOf(text: string): Set<string> {
	const nouns = new Set<string>();
	for (const sentence of tagSentences(text))
		for (const term of sentence)
			if (term.tags.includes('Noun')) {
				nouns.add(term.normal);
				if (term.tags.includes('Plural')) nouns.add(term.normal.replace(/s$/, ''));
			}
	return nouns;
}

/** Characters introduced by a prompt: proper names and people-nouns ("a woman", "two friends", "a gymnast"). */
export function charactersFromPrompt(prompt: string): Character[] {
	const text = withoutQuotes(prompt);
	const nounsInText = nounsOf(text);
	const found: Character[] = [];
	const add = (id: string, name: string | undefined, at: number) => {
		if (found.length >= MAX_PROMPT_CHARACTERS || found.some((c) => c.id === id)) return;
		found.push({ id, ...(name ? { name } : {}), description: describeAround(text, at) });
	};
	const tokens = [...text.matchAll(/[A-Za-z][A-Za-z'-]*/g)];
	tokens.forEach((m, i) => {
		const word = m[0];
		const previous = text.slice(0, m.index).trimEnd();
		const sentenceStart = previous === '' || /[.!?]$/.test(previous);
		const next = tokens[i + 1]?.[0]?.toLowerCase();
		const isName =
			/^[A-Z][a-z]+$/.test(word) &&
			!NOT_NAMES.has(word) &&
			!CHARACTER_NOUNS[word.toLowerCase()] &&
			!isPlaceOrThing(word) &&
			(!sentenceStart ||
				(next !== undefined && SPEECH_VERBS.has(next)) ||
				// "Maya, a tall woman in a red jacket, ...": a name with an appositive.
				/^,\s+(an?|the)\s/i.test(text.slice((m.index ?? 0) + word.length)) ||
				/\b(named|called)\s*$/i.test(previous));
		if (isName) add(word.toLowerCase(), word, m.index ?? 0);
	});
	tokens.forEach((m, i) => {
		const noun = m[0].toLowerCase();
		const singular =
			noun.endsWith('s') && isPersonNoun(noun.slice(0, -1), nounsInText) ? noun.slice(0, -1) : noun;
		if (
			!isPersonNoun(singular, nounsInText) ||
			found.some((c) => c.description?.toLowerCase().includes(` ${singular} `) && c.name)
		)
			return;
		const count =
			NUMBER_WORDS[tokens[i - 1]?.[0]?.toLowerCase() ?? ''] ??
			NUMBER_WORDS[tokens[i - 2]?.[0]?.toLowerCase() ?? ''] ??
			1;
		if (count === 1) add(singular, undefined, m.index ?? 0);
		else for (let k = 1; k <= count; k++) add(`${singular}-${k}`, undefined, m.index ?? 0);
	});
	return found;
}

/** The words around a mention, up to the next clause boundary: "a tall woman in a red jacket". */
function describeAround(text: string, at: number): string {
	const before =
		text
			.slice(0, at)
			.split(/[.!?,;]|\band\b/)
			.pop() ?? '';
	const rest = text.slice(at);
	// "Maya, a tall woman in a red jacket, waves": the appositive describes the name before it.
	const appositive = /^[A-Za-z'-]+,\s+(an?|the)\s+[^,.!?;]+/.exec(rest);
	const after = appositive
		? appositive[0]
		: (rest.split(/[.!?,;]|\band\b|\bwho\b|\bsays?\b|\basks?\b/)[0] ?? '');
	return ` ${`${before.split(/\s+/).slice(-4).join(' ')} ${after}`.trim()} `;
}

/**
 * The prompt's moments become shots, in the order it tells them. When there are more moments than
 * the duration has room for (about one shot per 4 s), neighbours share a shot; when a long spec
 * has few moments, each moment is filmed in several shots (its beats), so a 120 s story is never
 * one static scene. Each moment's share of the duration follows how much is said in it; a moment
 * with dialogue is one shot, so a line is spoken once.
 */
export function shotsFromPrompt(prompt: string, durationSeconds: number): TimedShot[] {
	const moments = splitSentences(prompt).flatMap(splitMoments);
	const target = Math.max(
		1,
		Math.min(MAX_PROMPT_SHOTS, Math.round(durationSeconds / SECONDS_PER_SHOT)),
	);
	const groups: string[][] =
		moments.length > target ? Array.from({ length: target }, () => []) : moments.map((m) => [m]);
	if (moments.length > target)
		moments.forEach((m, i) =>
			groups[Math.min(target - 1, Math.floor((i * target) / moments.length))].push(m),
		);
	const texts = groups.map((g) => g.join(' ') || prompt);
	const spoken = texts.map((t) => findQuotes(t).length > 0);
	const weights = texts.map(
		(t) =>
			2 +
			findQuotes(t).reduce(
				(sum, q) => sum + countWords(q.text) / SPEAKING_WORDS_PER_SECOND + 0.5,
				0,
			),
	);
	const beats = beatsPerMoment(weights, spoken, target);
	const total = weights.reduce((a, b) => a + b, 0);
	const shots: TimedShot[] = [];
	texts.forEach((text, k) => {
		const share = (durationSeconds * weights[k]) / total;
		for (let b = 0; b < beats[k]; b++) shots.push({ prompt: text, duration: share / beats[k] });
	});
	// Round to milliseconds and give the remainder to the last shot so the sum is exact.
	let spent = 0;
	shots.forEach((shot, i) => {
		shot.duration =
			i === shots.length - 1
				? Math.round((durationSeconds - spent) * 1000) / 1000
				: Math.round(shot.duration * 1000) / 1000;
		spent += shot.duration;
	});
	return shots;
}

/** How many shots each moment gets: one at least, the rest of `target` shared by weight (never to one with dialogue). */
function beatsPerMoment(weights: number[], spoken: boolean[], target: number): number[] {
	const beats = weights.map(() => 1);
	const open = weights.map((_, k) => k).filter((k) => !spoken[k]);
	let spare = target - beats.length;
	while (spare > 0 && open.length) {
		// The moment with the longest shots so far gets the next beat.
		const k = open.reduce((best, j) =>
			weights[j] / beats[j] > weights[best] / beats[best] ? j : best,
		);
		beats[k]++;
		spare--;
	}
	return beats;
}

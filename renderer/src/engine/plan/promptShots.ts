/**
 * A prompt-only spec becomes shots and characters: sentences are grouped into shots (about one
 * shot per 4 s, never more shots than sentences), each shot's length follows how much is said in
 * it, and the people the prompt introduces ("a tall woman in a red jacket", "Maya") become
 * characters with the surrounding words as their description.
 */
import type { Character, Shot } from '../../spec/renderSpec';
import { ACTIONS, CHARACTER_NOUNS, SPEAKING_WORDS_PER_SECOND } from '../vocabulary';
import { countWords, findQuotes, splitSentences, withoutQuotes } from './promptText';

const SECONDS_PER_SHOT = 4;
const MAX_PROMPT_SHOTS = 12;
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

/** Characters introduced by a prompt: proper names and people-nouns ("a woman", "two friends"). */
export function charactersFromPrompt(prompt: string): Character[] {
	const text = withoutQuotes(prompt);
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
			noun.endsWith('s') && CHARACTER_NOUNS[noun.slice(0, -1)] ? noun.slice(0, -1) : noun;
		if (
			!CHARACTER_NOUNS[singular] ||
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

/** Groups sentences into shots and shares the duration by how much each group has to say. */
export function shotsFromPrompt(prompt: string, durationSeconds: number): Shot[] {
	const sentences = splitSentences(prompt);
	const shotCount = Math.max(
		1,
		Math.min(sentences.length, MAX_PROMPT_SHOTS, Math.round(durationSeconds / SECONDS_PER_SHOT)),
	);
	const groups: string[][] = Array.from({ length: shotCount }, () => []);
	sentences.forEach((s, i) =>
		groups[Math.min(shotCount - 1, Math.floor((i * shotCount) / sentences.length))].push(s),
	);
	const weights = groups.map(
		(g) =>
			2 +
			findQuotes(g.join(' ')).reduce(
				(sum, q) => sum + countWords(q.text) / SPEAKING_WORDS_PER_SECOND + 0.5,
				0,
			),
	);
	const total = weights.reduce((a, b) => a + b, 0);
	// Round to milliseconds and give the remainder to the last shot so the sum is exact.
	const durations = weights.map((w) => Math.round((durationSeconds * w * 1000) / total) / 1000);
	durations[durations.length - 1] =
		Math.round((durationSeconds - durations.slice(0, -1).reduce((a, b) => a + b, 0)) * 1000) / 1000;
	return groups.map((g, i) => ({ prompt: g.join(' ') || prompt, duration: durations[i] }));
}

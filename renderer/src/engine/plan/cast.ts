/**
 * The rest of a prompt-only cast: animals the prompt names ("a puppy", "two horses", "a black
 * cat") become characters the engine draws as that animal, and a prompt that names an act only a
 * person performs but no one to perform it ("a backflip on a plank floating on a lake") gets one
 * person. People named by the prompt come from charactersFromPrompt.
 */
import type { Character } from '../../spec/renderSpec';
import { ACTIONS, ANIMALS, PHYSICS_SCENES, findTerms } from '../vocabulary';
import { withoutQuotes } from './promptText';

const MAX_CAST = 4;
const NUMBER_WORDS: Record<string, number> = {
	two: 2,
	three: 3,
	four: 4,
	pair: 2,
	couple: 2,
	'2': 2,
	'3': 3,
	'4': 4,
};

const VERBS = new Set(ACTIONS.flatMap((a) => [a.id, ...a.synonyms]));

/** Acts and set-pieces that need a person to be drawn at all. */
const PERSON_ACTS = new Set([
	'backflip',
	'handspring',
	'cartwheel',
	'beam-routine',
	'surf',
	'skateboard',
	'dribble',
	'dance',
	'build',
	'volley',
	'kick',
	'throw-snowball',
	'cycle',
	'play-guitar',
	'flip-pancake',
	'plant-flag',
	'dive',
]);
const PERSON_SET_PIECES = new Set(['balance-beam', 'volleyball', 'surf', 'floating-plank']);

/** The words around a mention, to its clause's end: "a small spotted puppy with floppy ears". */
function describeAround(text: string, at: number): string {
	const before = (
		text
			.slice(0, at)
			.split(/[.!?,;]|\band\b/)
			.pop() ?? ''
	)
		.split(/\s+/)
		.slice(-4);
	const after = text.slice(at).split(/[.!?,;]|\band\b|\bwho\b|\bthat\b/)[0] ?? '';
	return ` ${[...before, after].join(' ').trim()} `;
}

/** Animals named in a prompt, as characters (ids from the word: "puppy", "horse-1", "horse-2"). */
export function animalsFromPrompt(prompt: string, room = MAX_CAST): Character[] {
	const text = withoutQuotes(prompt);
	const found: Character[] = [];
	for (const term of findTerms(ANIMALS, text)) {
		if (found.length >= room) break;
		const tokens = text.slice(0, term.index).toLowerCase().split(/\s+/).filter(Boolean);
		// A plural without a number is a few: a flock of birds, a school of fish, a pair of dogs
		// ("fish" is plural when its verb is: "fish swim").
		const next =
			text
				.slice(term.index + term.word.length)
				.trim()
				.split(/\s+/)[0]
				?.toLowerCase() ?? '';
		const plural =
			(term.word.endsWith('s') && term.word !== term.id) ||
			(term.word === 'fish' && VERBS.has(next) && !next.endsWith('s'));
		const count =
			NUMBER_WORDS[tokens[tokens.length - 1]] ??
			NUMBER_WORDS[tokens[tokens.length - 2]] ??
			(plural ? (term.id === 'bird' || term.id === 'fish' ? 3 : 2) : 1);
		// A plural or a number means several; the id is the word as written, singular.
		const word = term.word
			.replace(/\s+/g, '-')
			.replace(/ies$/, 'y')
			.replace(/(?<=[^s])s$/, '');
		const base = word === 'fishe' ? 'fish' : word;
		const description = describeAround(text, term.index);
		const n = Math.min(count, room - found.length);
		if (n <= 1) found.push({ id: base, description });
		else for (let k = 1; k <= n; k++) found.push({ id: `${base}-${k}`, description });
	}
	return found;
}

/**
 * One person to perform an act the prompt names when it names nobody who could ("a backflip on a
 * floating plank", "a balance-beam routine").
 */
export function performerFromPrompt(
	prompt: string,
	cast: readonly Character[],
): Character | undefined {
	const text = withoutQuotes(prompt);
	if (cast.some((c) => !isAnimal(c))) return undefined;
	const acts = findTerms(ACTIONS, text).some((a) => PERSON_ACTS.has(a.id));
	const pieces = findTerms(PHYSICS_SCENES, text).some((p) => PERSON_SET_PIECES.has(p.id));
	if (!acts && !pieces) return undefined;
	return { id: 'person', description: ` ${text.split(/[.!?]/)[0]} ` };
}

/** Whether a character (by its id or description) is an animal. */
export function isAnimal(character: Pick<Character, 'id' | 'description'>): boolean {
	return findTerms(ANIMALS, character.id.replace(/-\d+$/, '').replace(/-/g, ' ')).length > 0;
}

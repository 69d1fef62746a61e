/**
 * The JSON Schema a language model writes a storyboard against: the RenderSpec's shot and
 * character fields, with every vocabulary field an enum of the engine's own terms (the same
 * `describeVocabulary()` `/v1/capabilities` serves). It follows the rules of OpenAI's strict
 * structured outputs: every object closed (`additionalProperties: false`) with all its properties
 * required, optional values written as `null`.
 */
import { describeVocabulary } from '../engine/vocabulary';
import { SPEC_LIMITS } from '../spec/renderSpec';

type JsonSchema = Record<string, unknown>;

const ids = (table: Array<{ id: string }>) => table.map((t) => t.id);
const nullable = (schema: JsonSchema): JsonSchema => ({
	anyOf: [schema, { type: 'null' }],
});
const closed = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
	type: 'object',
	...(description ? { description } : {}),
	properties,
	required: Object.keys(properties),
	additionalProperties: false,
});
const enumOf = (values: string[], description: string): JsonSchema => ({
	type: 'string',
	enum: values,
	description,
});

export const STORYBOARD_SCHEMA_NAME = 'reelforge_storyboard';

export function storyboardJsonSchema(): JsonSchema {
	const vocabulary = describeVocabulary();
	const characterId: JsonSchema = {
		type: 'string',
		description: 'Lower-case id: letters, digits, "-" and "_" (e.g. "maya", "friend-1").',
	};
	return closed({
		characters: {
			type: 'array',
			description: 'The people of the story, each once.',
			items: closed({
				id: characterId,
				name: nullable({ type: 'string' }),
				description: nullable({
					type: 'string',
					description: `Look in plain words; the engine reads: ${vocabulary.characterWords.nouns.join(', ')}; colours; ${vocabulary.characterWords.garments.join(', ')}.`,
				}),
			}),
		},
		shots: {
			type: 'array',
			description: 'The shots in story order.',
			items: closed({
				prompt: {
					type: 'string',
					description: 'What this shot shows, in plain words: who does what, where.',
				},
				duration: { type: 'number', description: 'Seconds.' },
				setting: nullable(enumOf(ids(vocabulary.settings), 'Where it happens.')),
				timeOfDay: nullable(enumOf(ids(vocabulary.timesOfDay), 'Light.')),
				weather: nullable(enumOf(ids(vocabulary.weather), 'Weather.')),
				camera: nullable(
					closed({ move: enumOf(ids(vocabulary.cameraMoves), 'Camera move over the shot.') }),
				),
				characters: {
					type: 'array',
					items: characterId,
					description: 'Ids of the characters on screen.',
				},
				actions: {
					type: 'array',
					items: closed({
						character: characterId,
						action: enumOf(ids(vocabulary.actions), 'An action the engine animates.'),
					}),
				},
				props: {
					type: 'array',
					items: enumOf(ids(vocabulary.props), 'A prop the engine draws.'),
				},
				sfx: {
					type: 'array',
					items: closed({
						cue: enumOf(ids(vocabulary.sfxCues), 'A sound the engine plays.'),
						at: { type: 'number', description: 'Seconds from the start of the shot.' },
					}),
				},
				physics: nullable(
					closed({ scene: enumOf(ids(vocabulary.setPieces), 'A physics set-piece.') }),
				),
				dialogue: {
					type: 'array',
					items: closed({
						character: characterId,
						text: { type: 'string', description: 'What the character says.' },
					}),
				},
			}),
		},
	});
}

/** What the system message tells the model about the engine, from the same vocabulary. */
export function vocabularyBrief(): string {
	const v = describeVocabulary();
	const list = (table: Array<{ id: string; description: string }>) =>
		table.map((t) => `${t.id} (${t.description})`).join('; ');
	return [
		`Settings: ${list(v.settings)}.`,
		`Actions: ${list(v.actions)}.`,
		`Set-pieces: ${list(v.setPieces)}.`,
		`Props: ${list(v.props)}.`,
		`Sounds: ${v.sfxCues.map((t) => t.id).join(', ')}.`,
	].join('\n');
}

export const STORY_LIMITS = {
	maxShots: SPEC_LIMITS.maxShots,
	maxCharacters: SPEC_LIMITS.maxCharacters,
} as const;

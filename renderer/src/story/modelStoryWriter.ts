/**
 * A language model writes the storyboard of a prompt-only spec (optional, never required): the
 * prompt goes to an OpenAI-compatible chat-completions API with a strict JSON Schema of the
 * storyboard (the RenderSpec's shot fields, the engine's vocabulary as enums). The answer is
 * validated with ajv (the schema sent, then the RenderSpec's own shot and character schemas and
 * their cross references); an invalid answer is sent back once with the errors to repair. A
 * refusal, an error, a timeout or a second invalid answer leaves the storyboard to the rules,
 * and the draft says why. It never throws: admission must not fail because a model did.
 */
import { Type } from '@sinclair/typebox';
import type { StoryDraft } from '../pipeline/render';
import type { StoryWriter } from '../jobs/renderService';
import {
	CharacterSchema,
	ShotSchema,
	type Character,
	type RenderSpec,
	type Shot,
} from '../spec/renderSpec';
import { shotSeconds } from '../spec/narration';
import { createBodyAjv, toFieldErrors } from '../spec/validate';
import {
	ChatCompletionError,
	postChatCompletion,
	type ChatEndpoint,
	type ChatMessage,
} from './chatCompletions';
import {
	STORYBOARD_SCHEMA_NAME,
	STORY_LIMITS,
	storyboardJsonSchema,
	vocabularyBrief,
} from './storyboardSchema';

export interface ModelStoryWriterOptions extends ChatEndpoint {
	model: string;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	/** Longest Retry-After (ms) waited out once after a 429; longer ones fall back at once. */
	maxRetryAfterMs?: number;
}

const WrittenStorySchema = Type.Object({
	characters: Type.Array(CharacterSchema, { maxItems: STORY_LIMITS.maxCharacters }),
	shots: Type.Array(ShotSchema, { minItems: 1, maxItems: STORY_LIMITS.maxShots }),
});

interface Problem {
	path: string;
	message: string;
}

/** `null` means "not set" in the strict schema; the RenderSpec leaves such fields out. */
function withoutNulls<T>(value: T): T {
	if (Array.isArray(value)) return value.map(withoutNulls) as T;
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, v]) => v !== null)
				.map(([k, v]) => [k, withoutNulls(v)]),
		) as T;
	return value;
}

export function createModelStoryWriter(options: ModelStoryWriterOptions): StoryWriter {
	const ajv = createBodyAjv();
	const schema = storyboardJsonSchema();
	const checkAnswer = ajv.compile(schema);
	const checkStory = ajv.compile(WrittenStorySchema);
	const log = options.log ?? (() => undefined);
	const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;

	/** The answer as shots and characters, or what is wrong with it (JSON pointers into the answer). */
	function read(
		content: string,
		spec: RenderSpec,
	): { story: { shots: Shot[]; characters: Character[] } } | { problems: Problem[] } {
		let json: unknown;
		try {
			json = JSON.parse(content);
		} catch (error) {
			return { problems: [{ path: '/', message: `is not JSON: ${(error as Error).message}` }] };
		}
		if (!checkAnswer(json)) return { problems: toFieldErrors(checkAnswer.errors) };
		const story = withoutNulls(json) as { shots: Shot[]; characters: Character[] };
		if (!checkStory(story)) return { problems: toFieldErrors(checkStory.errors) };
		const problems: Problem[] = [];
		const cast = new Set(story.characters.map((c) => c.id));
		if (cast.size !== story.characters.length)
			problems.push({ path: '/characters', message: 'character ids must be unique' });
		story.shots.forEach((shot, i) => {
			shot.characters?.forEach((id, j) => {
				if (!cast.has(id))
					problems.push({
						path: `/shots/${i}/characters/${j}`,
						message: `"${id}" is not a character`,
					});
			});
			shot.actions?.forEach((a, j) => {
				if (!cast.has(a.character))
					problems.push({
						path: `/shots/${i}/actions/${j}/character`,
						message: `"${a.character}" is not a character`,
					});
			});
			shot.dialogue?.forEach((d, j) => {
				if (!cast.has(d.character))
					problems.push({
						path: `/shots/${i}/dialogue/${j}/character`,
						message: `"${d.character}" is not a character`,
					});
			});
			if (!(shotSeconds(shot) > 0))
				problems.push({ path: `/shots/${i}/duration`, message: 'must be more than 0' });
		});
		if (problems.length) return { problems };
		return { story: fitDuration(story, spec.durationSeconds ?? 16) };
	}

	async function ask(messages: ChatMessage[]) {
		const request = {
			model: options.model,
			messages,
			response_format: {
				type: 'json_schema' as const,
				json_schema: { name: STORYBOARD_SCHEMA_NAME, strict: true as const, schema },
			},
			temperature: 0.4,
		};
		try {
			return await postChatCompletion(options, request);
		} catch (error) {
			// One wait on a short Retry-After (a rate limit), then the answer stands.
			if (
				error instanceof ChatCompletionError &&
				error.status === 429 &&
				error.retryAfterMs !== undefined &&
				error.retryAfterMs <= maxRetryAfterMs
			) {
				await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs));
				return await postChatCompletion(options, request);
			}
			throw error;
		}
	}

	const fallback = (reason: string): StoryDraft => {
		log('storyboard model not used; the rules plan', { reason });
		return { planner: { name: 'rules', fallbackReason: reason } };
	};

	return {
		async write(spec: RenderSpec): Promise<StoryDraft> {
			const seconds = spec.durationSeconds ?? 16;
			const messages: ChatMessage[] = [
				{ role: 'system', content: systemMessage(seconds) },
				{ role: 'user', content: spec.prompt ?? '' },
			];
			try {
				for (let attempt = 0; attempt < 2; attempt++) {
					const answer = await ask(messages);
					if (answer.refusal) return fallback(`the model refused: ${answer.refusal}`);
					if (answer.content === null) return fallback('the model answered without content');
					const result = read(answer.content, spec);
					if ('story' in result) {
						log('storyboard written by the model', {
							model: options.model,
							shots: result.story.shots.length,
							repaired: attempt > 0,
						});
						return {
							planner: { name: 'model', model: answer.model ?? options.model },
							...result.story,
						};
					}
					if (attempt === 1)
						return fallback(
							`the model's storyboard was invalid after one repair: ${describe(result.problems)}`,
						);
					messages.push(
						{ role: 'assistant', content: answer.content },
						{
							role: 'user',
							content: `That storyboard does not validate. Fix these and answer with the whole corrected storyboard:\n${describe(result.problems)}`,
						},
					);
				}
			} catch (error) {
				return fallback((error as Error).message);
			}
			return fallback('no storyboard');
		},
	};
}

function describe(problems: Problem[]): string {
	return problems
		.slice(0, 20)
		.map((p) => `${p.path}: ${p.message}`)
		.join('; ');
}

function systemMessage(seconds: number): string {
	return [
		"You write storyboards for Reelforge's local 2D video engine.",
		`Split the user's prompt into shots in the order the story tells them, about one shot per 4 to 8 seconds; the durations add up to ${seconds} seconds.`,
		'Each moment the prompt narrates gets its own shots; the time of day changes when the story says so (a sunset is dusk).',
		"Each shot's prompt says in plain words who does what and where, keeping the user's own subjects and actions, even ones the engine cannot draw.",
		'Characters are the people of the story; quoted lines in the prompt become dialogue of the one who says them.',
		'Use only these terms for the structured fields:',
		vocabularyBrief(),
	].join('\n');
}

/** Scales the shot durations to the spec's length (to the millisecond, the remainder on the last shot). */
function fitDuration(
	story: { shots: Shot[]; characters: Character[] },
	seconds: number,
): { shots: Shot[]; characters: Character[] } {
	const total = story.shots.reduce((sum, s) => sum + shotSeconds(s), 0);
	let spent = 0;
	const shots = story.shots.map((shot, i) => {
		const duration =
			i === story.shots.length - 1
				? Math.round((seconds - spent) * 1000) / 1000
				: Math.round(((shotSeconds(shot) * seconds) / total) * 1000) / 1000;
		spent += duration;
		const scale = duration / shotSeconds(shot);
		return {
			...shot,
			duration,
			...(shot.sfx
				? { sfx: shot.sfx.map((c) => ({ ...c, at: Math.min(c.at * scale, duration) })) }
				: {}),
		};
	});
	return { shots, characters: story.characters };
}

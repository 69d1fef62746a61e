import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * The Prompt node's optional Chat Model input: the language model a user already configured in
 * n8n (OpenAI, Ollama, Anthropic, ... Chat Model nodes) writes the storyboard. The model object n8n
 * hands over is used duck-typed (`withStructuredOutput` when it has it, else `invoke`), so the node
 * pack depends on no AI library; the renderer supplies the storyboard's JSON Schema (its
 * `/v1/capabilities`), and the renderer's `/v1/specs/validate` judges the result.
 */

/** What a LangChain chat model offers, as far as this node uses it. */
interface ChatModelLike {
	invoke(input: unknown): Promise<unknown>;
	withStructuredOutput?(
		schema: IDataObject,
		config?: IDataObject,
	): { invoke(input: unknown): Promise<unknown> };
	model?: string;
	modelName?: string;
}

export interface WrittenStoryboard {
	shots: IDataObject[];
	characters: IDataObject[];
}

export type ChatMessage = [role: 'system' | 'human' | 'ai', content: string];

/** The model connected to the Chat Model input, or undefined when none is. */
export async function connectedChatModel(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<ChatModelLike | undefined> {
	const connected = (await ctx.getInputConnectionData(
		NodeConnectionTypes.AiLanguageModel,
		itemIndex,
	)) as unknown;
	const model = Array.isArray(connected) ? connected[0] : connected;
	if (!model || typeof (model as ChatModelLike).invoke !== 'function') return undefined;
	return model as ChatModelLike;
}

export function modelName(model: ChatModelLike): string | undefined {
	const name = model.model ?? model.modelName;
	return typeof name === 'string' ? name : undefined;
}

export function storyboardMessages(
	prompt: string,
	durationSeconds: number,
	schema: IDataObject,
	characters: IDataObject[],
): ChatMessage[] {
	return [
		[
			'system',
			[
				"You write storyboards for Reelforge's video renderer.",
				`Split the user's prompt into shots in the order the story tells them, about one shot per 4 to 8 seconds; the durations add up to ${durationSeconds} seconds.`,
				'Each moment the prompt narrates gets its own shots; the time of day changes when the story says so.',
				"Each shot's prompt says in plain words who does what and where, keeping the user's own subjects and actions.",
				characters.length
					? `Use these characters, by id: ${JSON.stringify(characters)}.`
					: 'Characters are the people of the story.',
				'Answer with JSON only, matching this JSON Schema (use null for a field you leave unset):',
				JSON.stringify(schema),
			].join('\n'),
		],
		['human', prompt],
	];
}

/** The text of a chat model's answer (an AIMessage's `content`, a string, or content parts). */
function answerText(answer: unknown): string {
	if (typeof answer === 'string') return answer;
	const content = (answer as { content?: unknown })?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content
			.map((part) => (typeof part === 'string' ? part : ((part as { text?: string })?.text ?? '')))
			.join('');
	return '';
}

/** What a model answered: the JSON object, or why it is not one (with the text, to send back). */
export type ModelAnswer = { answer: IDataObject } | { unreadable: string; text: string };

/** The first JSON object in a text (models sometimes wrap it in a code fence). */
export function parseStoryboardJson(text: string): ModelAnswer {
	const start = text.indexOf('{');
	const end = text.lastIndexOf('}');
	if (start < 0 || end <= start)
		return { unreadable: 'the model answered without a JSON object', text };
	try {
		return { answer: JSON.parse(text.slice(start, end + 1)) as IDataObject };
	} catch (error) {
		return { unreadable: `the model's JSON is invalid: ${(error as Error).message}`, text };
	}
}

/** Asks the model; structured output when the model offers it, else a plain answer parsed as JSON. */
export async function askModel(
	model: ChatModelLike,
	messages: ChatMessage[],
	schema: IDataObject,
): Promise<ModelAnswer> {
	if (typeof model.withStructuredOutput === 'function') {
		try {
			const structured = model.withStructuredOutput(
				{ ...schema, title: 'reelforge_storyboard' },
				{ name: 'reelforge_storyboard', method: 'jsonSchema', strict: true },
			);
			const answer = await structured.invoke(messages);
			if (answer && typeof answer === 'object') return { answer: answer as IDataObject };
		} catch {
			// Not every model or server supports structured output: ask for plain JSON below.
		}
	}
	return parseStoryboardJson(answerText(await model.invoke(messages)));
}

/** `null` means "not set" in the storyboard schema; the RenderSpec leaves such fields out. */
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

/** The model's storyboard as RenderSpec shots and characters, scaled to the requested length. */
export function toSpecStoryboard(answer: IDataObject, durationSeconds: number): WrittenStoryboard {
	const clean = withoutNulls(answer);
	const shots = Array.isArray(clean.shots) ? (clean.shots as IDataObject[]) : [];
	const characters = Array.isArray(clean.characters) ? (clean.characters as IDataObject[]) : [];
	const total = shots.reduce((sum, s) => sum + (Number(s.duration) || 0), 0);
	let spent = 0;
	const scaled = shots.map((shot, i) => {
		const share = total > 0 ? (Number(shot.duration) || 0) / total : 1 / shots.length;
		const duration =
			i === shots.length - 1
				? Math.round((durationSeconds - spent) * 1000) / 1000
				: Math.round(durationSeconds * share * 1000) / 1000;
		spent += duration;
		return { ...shot, duration };
	});
	return { shots: scaled, characters };
}

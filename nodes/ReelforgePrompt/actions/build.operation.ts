import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { reelforgeApiRequest } from '../../shared/transport';
import { toNodeApiError } from '../../shared/transport/apiError';
import { frameProperties, qualityOption } from '../../shared/render/properties';
import { frameParameters } from '../../shared/helpers/frameSize';
import {
	askModel,
	connectedChatModel,
	modelName,
	storyboardMessages,
	toSpecStoryboard,
} from './chatModelStoryboard';
import { buildSpec, fillTemplate, type CharacterInput, type DialogueInput } from './specBuilder';

export const description: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. A {mood} morning news short about {topic}',
		description:
			'What the video shows. Use n8n expressions, or {name} placeholders filled from Merge Fields.',
	},
	{
		displayName: 'Merge Fields',
		name: 'mergeFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Merge Field',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Placeholder name, used as {name} in the prompt',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Style Name or ID',
		name: 'style',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStyles' },
		default: 'cinematic',
		description:
			'Visual style. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...frameProperties,
	{
		displayName: 'Characters',
		name: 'characters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Character',
		options: [
			{
				displayName: 'Character',
				name: 'character',
				values: [
					{
						displayName: 'Cameo ID',
						name: 'cameoId',
						type: 'string',
						default: '',
						placeholder: 'cam_...',
						description: 'A consented cameo that plays this character',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Look and personality, e.g. tall woman, red jacket',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						required: true,
						description: 'Lower-case ID used by dialogue lines, e.g. maya',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Voice Name or ID',
						name: 'voice',
						type: 'options',
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},
	{
		displayName: 'Dialogue',
		name: 'dialogue',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Line',
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{ displayName: 'Character ID', name: 'character', type: 'string', default: '' },
					{ displayName: 'Text', name: 'text', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Expand Into Shots',
		name: 'expand',
		type: 'boolean',
		default: false,
		description:
			"Whether to run the renderer's planner now and output the storyboard it would render and its coverage report (what the prompt names and whether the video shows it)",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Burn In Captions',
				name: 'burnInCaptions',
				type: 'boolean',
				default: false,
				description: 'Whether to draw word-level captions into the picture',
			},
			{
				displayName: 'Frames per Second',
				name: 'fps',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 30,
			},
			{
				displayName: 'Music Mood',
				name: 'musicMood',
				type: 'string',
				default: '',
				placeholder: 'e.g. upbeat',
			},
			{
				displayName: 'Provider Name or ID',
				name: 'provider',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getProviders' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			qualityOption,
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				default: 0,
				description: 'Same spec and seed give the same video',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Kept with the render as metadata',
			},
			{
				displayName: 'Voiceover',
				name: 'voiceover',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
			},
		],
	},
];

interface ValidateResponse extends IDataObject {
	valid?: boolean;
	spec?: IDataObject;
	warnings?: unknown[];
	storyboard?: IDataObject;
	coverage?: IDataObject;
	planner?: IDataObject;
}

function fixedCollection<T>(
	ctx: IExecuteFunctions,
	name: string,
	key: string,
	itemIndex: number,
): T[] {
	const value = ctx.getNodeParameter(name, itemIndex, {}) as Record<string, T[]>;
	return value[key] ?? [];
}

/** Builds the spec, has the renderer validate (and optionally plan) it, outputs the normalised spec. */
export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const fields = Object.fromEntries(
		fixedCollection<{ name: string; value: string }>(ctx, 'mergeFields', 'field', itemIndex).map(
			(f) => [f.name, String(f.value ?? '')],
		),
	);
	const prompt = fillTemplate(ctx.getNodeParameter('prompt', itemIndex) as string, fields).trim();
	if (!prompt) throw new NodeOperationError(ctx.getNode(), 'The prompt is empty', { itemIndex });
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const metadata: Record<string, string> = {};
	if (extra.title) metadata.title = String(extra.title);

	const spec = buildSpec({
		prompt,
		style: ctx.getNodeParameter('style', itemIndex) as string,
		...frameParameters(ctx, itemIndex),
		characters: fixedCollection<CharacterInput>(ctx, 'characters', 'character', itemIndex),
		dialogue: fixedCollection<DialogueInput>(ctx, 'dialogue', 'line', itemIndex),
		extra: {
			quality: extra.quality as string | undefined,
			fps: extra.fps as number | undefined,
			seed: extra.seed as number | undefined,
			provider: extra.provider as string | undefined,
			musicMood: extra.musicMood as string | undefined,
			burnInCaptions: extra.burnInCaptions as boolean | undefined,
			voiceover: extra.voiceover as string | undefined,
		},
		metadata,
	});
	const expand = ctx.getNodeParameter('expand', itemIndex, false) as boolean;
	const validate = async (body: IDataObject) =>
		await reelforgeApiRequest<ValidateResponse>(ctx, 'POST', '/v1/specs/validate', {
			body,
			qs: expand ? { expand: 'true' } : {},
			itemIndex,
		});
	const model = spec.shots ? undefined : await connectedChatModel(ctx, itemIndex);
	const written = model
		? await storyboardFromModel(ctx, itemIndex, model, spec, validate)
		: undefined;
	const result = written?.result ?? (await validate(spec));
	const json: IDataObject = {
		spec: result.spec ?? spec,
		warnings: result.warnings ?? [],
		planner: written?.planner ?? result.planner ?? { name: 'rules' },
	};
	if (expand && result.storyboard) json.storyboard = result.storyboard;
	if (expand && result.coverage) json.coverage = result.coverage;
	return [{ json }];
}

/**
 * The Chat Model input writes the storyboard: the model answers the renderer's storyboard
 * schema, the renderer validates the spec made of it; an answer it rejects goes back to the
 * model once with the renderer's field errors. When the model fails twice (or cannot be asked),
 * the prompt-only spec goes on to the renderer's own planner and the item says why.
 */
async function storyboardFromModel(
	ctx: IExecuteFunctions,
	itemIndex: number,
	model: NonNullable<Awaited<ReturnType<typeof connectedChatModel>>>,
	spec: IDataObject,
	validate: (body: IDataObject) => Promise<ValidateResponse>,
): Promise<{ result?: ValidateResponse; planner: IDataObject }> {
	const capabilities = await reelforgeApiRequest<IDataObject>(ctx, 'GET', '/v1/capabilities', {
		itemIndex,
	});
	const schema = capabilities.storyboardSchema as IDataObject | undefined;
	if (!schema)
		return {
			planner: { name: 'rules', fallbackReason: 'the renderer offers no storyboard schema' },
		};
	const durationSeconds = Number(spec.durationSeconds);
	const characters = (spec.characters as IDataObject[] | undefined) ?? [];
	const messages = storyboardMessages(String(spec.prompt), durationSeconds, schema, characters);
	let reason = '';
	for (let attempt = 0; attempt < 2; attempt++) {
		let asked: Awaited<ReturnType<typeof askModel>>;
		try {
			asked = await askModel(model, messages, schema);
		} catch (error) {
			reason = `the chat model failed: ${(error as Error).message}`;
			break;
		}
		if ('unreadable' in asked) {
			// Not the JSON asked for: worth one more try, unlike a failed call.
			reason = `the chat model failed: ${asked.unreadable}`;
			messages.push(
				['ai', asked.text],
				[
					'human',
					'Answer with the storyboard as one JSON object matching the schema, nothing else.',
				],
			);
			continue;
		}
		const answer = asked.answer;
		const story = toSpecStoryboard(answer, durationSeconds);
		const candidate: IDataObject = {
			...spec,
			shots: story.shots,
			...(characters.length || !story.characters.length ? {} : { characters: story.characters }),
		};
		try {
			const result = await validate(candidate);
			const name = modelName(model);
			return { result, planner: { name: 'model', ...(name ? { model: name } : {}) } };
		} catch (error) {
			const fieldErrors = (error as NodeApiError).context?.fieldErrors as
				| Array<{ path: string; message: string }>
				| undefined;
			if (!fieldErrors?.length) throw toNodeApiError(ctx.getNode(), error, itemIndex);
			reason = `the renderer rejected the chat model's storyboard: ${fieldErrors
				.slice(0, 10)
				.map((e) => `${e.path}: ${e.message}`)
				.join('; ')}`;
			messages.push(
				['ai', JSON.stringify(answer)],
				[
					'human',
					`That storyboard does not validate. Fix these and answer with the whole corrected storyboard:\n${reason}`,
				],
			);
		}
	}
	return { planner: { name: 'rules', fallbackReason: reason } };
}

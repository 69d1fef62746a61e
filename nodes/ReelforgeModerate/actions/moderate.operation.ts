import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { reelforgeApiRequest, reelforgeUpload } from '../../shared/transport';
import { decide, scoreTable, type Threshold, type Verdict } from './verdict';

export const description: INodeProperties[] = [
	{
		displayName: 'Check',
		name: 'check',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Text', value: 'text', description: 'A prompt, caption or any text' },
			{
				name: 'Render',
				value: 'render',
				description: 'A finished render: sampled frames, burned-in text and transcript',
			},
			{
				name: 'Binary Video',
				value: 'binary',
				description: 'A video in the input item, streamed to the renderer',
			},
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.spec?.prompt ?? $json.prompt }}',
		displayOptions: { show: { check: ['text'] } },
	},
	{
		displayName: 'Render ID',
		name: 'renderId',
		type: 'string',
		default: '={{ $json.id }}',
		placeholder: 'rnd_...',
		displayOptions: { show: { check: ['render'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field that holds the video',
		displayOptions: { show: { check: ['binary'] } },
	},
	{
		displayName: 'Thresholds',
		name: 'thresholds',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Threshold',
		description:
			'Flag an item when a category scores at or above its threshold (0 to 1). Use * for every category.',
		options: [
			{
				displayName: 'Threshold',
				name: 'threshold',
				values: [
					{
						displayName: 'Category',
						name: 'category',
						type: 'string',
						default: '*',
						placeholder: 'e.g. violence',
					},
					{
						displayName: 'Score',
						name: 'score',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
						default: 0.5,
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 32 },
				default: 2,
				description: 'How many items are checked at the same time',
			},
			{
				displayName: 'Use Renderer Verdict',
				name: 'trustRenderer',
				type: 'boolean',
				default: true,
				description:
					"Whether an item the renderer's policy flagged goes to Flagged even when no threshold here is reached",
			},
		],
	},
];

/** Moderates one item; the router sends it to Pass or Flagged by `moderation.flagged`. */
export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = ctx.getNodeParameter('check', itemIndex) as string;
	const verdict =
		check === 'binary'
			? await moderateBinary(ctx, itemIndex)
			: await reelforgeApiRequest<Verdict>(ctx, 'POST', '/v1/moderations', {
					body: jsonBody(ctx, check, itemIndex),
					itemIndex,
				});
	const thresholds =
		(ctx.getNodeParameter('thresholds', itemIndex, {}) as { threshold?: Threshold[] }).threshold ??
		[];
	const trustRenderer = ctx.getNodeParameter('options.trustRenderer', itemIndex, true) as boolean;
	const { flagged, exceeded, decidedBy } = decide(verdict, thresholds, trustRenderer);
	const input = ctx.getInputData()[itemIndex];
	return [
		{
			json: {
				...input.json,
				moderation: {
					...verdict,
					rendererFlagged: verdict.flagged,
					rendererDecidedBy: verdict.decidedBy ?? [],
					flagged,
					exceeded,
					// Which checker's scores put the item on Flagged (rules, guard, openai, nsfw-model).
					decidedBy: flagged ? decidedBy : [],
					// Per category, highest first: the score and the checker that gave it.
					scores: scoreTable(verdict),
					checked: check,
				},
			},
			binary: input.binary,
		},
	];
}

const VIDEO_TYPES = ['video/mp4', 'video/webm', 'video/quicktime', 'video/x-matroska'];

/** Streams the item's video as the raw body of `POST /v1/moderations`. */
async function moderateBinary(ctx: IExecuteFunctions, itemIndex: number): Promise<Verdict> {
	const field = ctx.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = ctx.helpers.assertBinaryData(itemIndex, field);
	const body = binary.id
		? await ctx.helpers.getBinaryStream(binary.id)
		: Buffer.from(binary.data, 'base64');
	return await reelforgeUpload<Verdict>(
		ctx,
		'/v1/moderations',
		body,
		VIDEO_TYPES.includes(binary.mimeType) ? binary.mimeType : 'video/mp4',
		itemIndex,
	);
}

function jsonBody(ctx: IExecuteFunctions, check: string, itemIndex: number): IDataObject {
	let body: IDataObject;
	if (check === 'text') {
		const text = String(ctx.getNodeParameter('text', itemIndex, '') ?? '').trim();
		if (!text)
			throw new NodeOperationError(ctx.getNode(), 'There is no text to check', { itemIndex });
		body = { text };
	} else {
		const renderId = String(ctx.getNodeParameter('renderId', itemIndex, '') ?? '').trim();
		if (!renderId)
			throw new NodeOperationError(ctx.getNode(), 'There is no render ID to check', { itemIndex });
		body = { renderId };
	}
	return body;
}

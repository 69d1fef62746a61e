import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { Render } from '../../shared/helpers/interfaces';
import { reelforgeApiRequest } from '../../shared/transport';
import { checkPublishable } from './gate';

export const description: INodeProperties[] = [
	{
		displayName: 'Render ID',
		name: 'renderId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		placeholder: 'rnd_...',
	},
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Feed', value: 'feed', description: "The renderer's own feed" },
			{
				name: 'Webhook',
				value: 'webhook',
				description: 'POST the item to a URL, signed per Standard Webhooks',
			},
			{
				name: 'S3-Compatible Storage',
				value: 's3',
				description: 'Upload to the bucket configured on the renderer',
			},
		],
		default: 'feed',
	},
	{
		displayName: 'Visibility',
		name: 'visibility',
		type: 'options',
		options: [
			{ name: 'Public', value: 'public', description: 'Listed in the public feed' },
			{ name: 'Unlisted', value: 'unlisted', description: 'Anyone with the link' },
			{ name: 'Private', value: 'private', description: 'Only this API key' },
		],
		default: 'public',
		displayOptions: { show: { target: ['feed'] } },
	},
	{
		displayName: 'Webhook URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/hooks/reelforge',
		displayOptions: { show: { target: ['webhook'] } },
	},
	{
		displayName: 'Object Key',
		name: 'key',
		type: 'string',
		default: '',
		placeholder: 'shorts/2026/daily.mp4',
		description:
			'Where in the bucket; empty uses published/&lt;render ID&gt;/&lt;publication ID&gt;.mp4',
		displayOptions: { show: { target: ['s3'] } },
	},
	{
		displayName: 'Override Moderation',
		name: 'override',
		type: 'boolean',
		default: false,
		description:
			'Whether to publish a render that is unmoderated or flagged. The override and its reason are recorded.',
	},
	{
		displayName: 'Override Reason',
		name: 'overrideReason',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { override: [true] } },
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
				description: 'How many items are published at the same time',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Shown with the published item',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Shown with the published item',
			},
		],
	},
];

/**
 * Checks the gate, publishes, and outputs the publication with its public URL. The renderer
 * attaches the AI disclosure (EU AI Act Art. 50 marking) to every published item; the node
 * passes it through as `aiDisclosure`.
 */
export async function execute(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const renderId = String(ctx.getNodeParameter('renderId', itemIndex) ?? '').trim();
	if (!renderId)
		throw new NodeOperationError(ctx.getNode(), 'There is no render ID to publish', { itemIndex });
	const override = ctx.getNodeParameter('override', itemIndex, false) as boolean;
	const render = await reelforgeApiRequest<Render>(
		ctx,
		'GET',
		`/v1/renders/${encodeURIComponent(renderId)}`,
		{ itemIndex },
	);
	checkPublishable(ctx, render, itemIndex, override);

	const target = ctx.getNodeParameter('target', itemIndex) as string;
	const body: IDataObject = { target };
	if (target === 'feed') body.visibility = ctx.getNodeParameter('visibility', itemIndex);
	if (target === 'webhook') body.url = ctx.getNodeParameter('url', itemIndex);
	if (target === 's3' && ctx.getNodeParameter('key', itemIndex, ''))
		body.key = ctx.getNodeParameter('key', itemIndex);
	for (const field of ['title', 'description']) {
		const value = ctx.getNodeParameter(`options.${field}`, itemIndex, '') as string;
		if (value) body[field] = value;
	}
	if (override) {
		const reason = String(ctx.getNodeParameter('overrideReason', itemIndex, '') ?? '').trim();
		if (!reason)
			throw new NodeOperationError(ctx.getNode(), 'An override needs a reason', { itemIndex });
		body.override = { reason };
	}
	const publication = await reelforgeApiRequest<IDataObject>(
		ctx,
		'POST',
		`/v1/renders/${encodeURIComponent(renderId)}/publish`,
		{ body, itemIndex },
	);
	return [{ json: { renderId, ...publication } }];
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { reelforgeUpload } from '../../shared/transport';
import type { RenderRequest } from '../../shared/render/deliver';
import { qualityOption, renderOptions, waitProperties } from '../../shared/render/properties';
import * as cameo from './changes/cameo';
import * as extend from './changes/extend';
import * as music from './changes/music';
import * as recut from './changes/recut';
import * as style from './changes/style';

/** Each kind of change lives in its own file; adding one means adding a file and a line here. */
const CHANGES = [style, music, cameo, recut, extend];

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Render',
				value: 'render',
				description: 'A render made by this renderer (cheapest: its spec is re-rendered)',
			},
			{ name: 'Video URL', value: 'url', description: 'Any MP4 the renderer can download' },
			{
				name: 'Binary Video',
				value: 'binary',
				description: 'A video in the input item; it is streamed up to the renderer first',
			},
		],
		default: 'render',
	},
	{
		displayName: 'Render ID',
		name: 'renderId',
		type: 'string',
		default: '={{ $json.data?.render?.id ?? $json.renderId ?? $json.id }}',
		required: true,
		placeholder: 'rnd_...',
		displayOptions: { show: { source: ['render'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/clip.mp4',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyNameIn',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field that holds the video',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'Changes',
		name: 'changes',
		type: 'collection',
		placeholder: 'Add Change',
		default: {},
		options: CHANGES.flatMap((change) => change.properties),
	},
	...waitProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...renderOptions, { ...qualityOption, description: 'Encoder preset of the remix' }],
	},
];

const UPLOAD_TYPES = ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska'];

/** Streams the item's video to `POST /v1/remixes/uploads` and returns the upload ID. */
async function upload(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const field = ctx.getNodeParameter('binaryPropertyNameIn', itemIndex) as string;
	const binary = ctx.helpers.assertBinaryData(itemIndex, field);
	const body = binary.id
		? await ctx.helpers.getBinaryStream(binary.id)
		: Buffer.from(binary.data, 'base64');
	const contentType = UPLOAD_TYPES.includes(binary.mimeType)
		? binary.mimeType
		: 'application/octet-stream';
	const answer = await reelforgeUpload<{ id: string }>(
		ctx,
		'/v1/remixes/uploads',
		body,
		contentType,
		itemIndex,
	);
	return answer.id;
}

/** `POST /v1/remixes` with the item's source and the chosen changes. */
export async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<RenderRequest> {
	const sourceKind = ctx.getNodeParameter('source', itemIndex) as string;
	const source: IDataObject =
		sourceKind === 'render'
			? { renderId: String(ctx.getNodeParameter('renderId', itemIndex) ?? '').trim() }
			: sourceKind === 'url'
				? { url: String(ctx.getNodeParameter('videoUrl', itemIndex) ?? '').trim() }
				: {};
	if (sourceKind !== 'binary' && !Object.values(source)[0])
		throw new NodeOperationError(ctx.getNode(), `The remix source (${sourceKind}) is empty`, {
			itemIndex,
		});
	const changes = ctx.getNodeParameter('changes', itemIndex, {}) as IDataObject;
	const operations: IDataObject = {};
	for (const change of CHANGES) change.apply(changes, operations);
	if (!Object.keys(operations).length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one change', {
			itemIndex,
			description: 'Add a style, music, cameo, re-cut or extension under "Changes".',
		});
	}
	if (sourceKind === 'binary') source.uploadId = await upload(ctx, itemIndex);
	const body: IDataObject = { source, operations };
	const quality = ctx.getNodeParameter('options.quality', itemIndex, '') as string;
	if (quality) body.output = { quality };
	return { endpoint: '/v1/remixes', body, labels: false };
}

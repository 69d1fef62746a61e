import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { RenderRequest } from '../../shared/render/deliver';
import { renderOptions, waitProperties } from '../../shared/render/properties';
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
			{ name: 'Render', value: 'render', description: 'A render made by this renderer (cheapest: its spec is re-rendered)' },
			{ name: 'Video URL', value: 'url', description: 'Any MP4 the renderer can download' },
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
		options: renderOptions,
	},
];

/** `POST /v1/remixes` with the item's source and the chosen changes. */
export async function buildRequest(ctx: IExecuteFunctions, itemIndex: number): Promise<RenderRequest> {
	const sourceKind = ctx.getNodeParameter('source', itemIndex) as string;
	const source: IDataObject =
		sourceKind === 'render'
			? { renderId: String(ctx.getNodeParameter('renderId', itemIndex) ?? '').trim() }
			: { url: String(ctx.getNodeParameter('videoUrl', itemIndex) ?? '').trim() };
	if (!Object.values(source)[0]) throw new NodeOperationError(ctx.getNode(), `The remix source (${sourceKind}) is empty`, { itemIndex });
	const changes = ctx.getNodeParameter('changes', itemIndex, {}) as IDataObject;
	const operations: IDataObject = {};
	for (const change of CHANGES) change.apply(changes, operations);
	if (!Object.keys(operations).length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one change', { itemIndex, description: 'Add a style, music, cameo, re-cut or extension under "Changes".' });
	}
	return { endpoint: '/v1/remixes', body: { source, operations } };
}

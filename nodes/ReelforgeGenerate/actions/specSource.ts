import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';
import { frameParameters, frameSize } from '../../shared/helpers/frameSize';
import { frameProperties, qualityOption } from '../../shared/render/properties';

/** Where Generate reads its RenderSpec from. */
export const specSourceProperties: INodeProperties[] = [
	{
		displayName: 'Spec Source',
		name: 'specSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'From Input Item',
				value: 'input',
				description: 'Use the spec a Reelforge Prompt node (or any node) put in the item',
			},
			{ name: 'JSON', value: 'json', description: 'Write or map a RenderSpec as JSON' },
			{
				name: 'Prompt',
				value: 'prompt',
				description: 'Only a prompt and a length; the renderer plans the shots',
			},
		],
		default: 'input',
	},
	{
		displayName: 'Spec Field',
		name: 'specField',
		type: 'string',
		default: 'spec',
		description:
			'The field of the input item that holds the spec; when it is missing the whole item is used',
		displayOptions: { show: { specSource: ['input'] } },
	},
	{
		displayName: 'Spec (JSON)',
		name: 'specJson',
		type: 'json',
		default:
			'{\n  "version": "1",\n  "prompt": "A paper boat sails down a rainy street",\n  "durationSeconds": 8,\n  "output": { "width": 540, "height": 960, "fps": 24, "quality": "draft" }\n}',
		displayOptions: { show: { specSource: ['json'] } },
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Two friends shoot hoops at dusk; the last shot misses',
		displayOptions: { show: { specSource: ['prompt'] } },
	},
	...[
		...frameProperties,
		{
			...qualityOption,
			default: 'draft',
			description: 'Encoder preset: draft is fastest (for trying things), high is best',
		},
	].map((property) => ({ ...property, displayOptions: { show: { specSource: ['prompt'] } } })),
];

function looksLikeSpec(value: IDataObject): boolean {
	return 'version' in value || 'prompt' in value || 'shots' in value;
}

/** The spec for one item, as an object the renderer validates (it answers with field paths). */
export function readSpec(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const source = ctx.getNodeParameter('specSource', itemIndex) as string;
	if (source === 'prompt') {
		const frame = frameParameters(ctx, itemIndex);
		const { width, height } = frameSize(frame.aspectRatio, frame.shortEdge);
		return {
			version: '1',
			prompt: ctx.getNodeParameter('prompt', itemIndex) as string,
			durationSeconds: frame.durationSeconds,
			output: {
				width,
				height,
				fps: 24,
				quality: ctx.getNodeParameter('quality', itemIndex, 'draft') as string,
			},
		};
	}
	if (source === 'json') {
		const raw = ctx.getNodeParameter('specJson', itemIndex);
		const spec =
			typeof raw === 'string'
				? jsonParse<IDataObject>(raw, { errorMessage: 'Spec (JSON) is not valid JSON' })
				: (raw as IDataObject);
		return { ...spec };
	}
	const field = ctx.getNodeParameter('specField', itemIndex, 'spec') as string;
	const json = ctx.getInputData()[itemIndex].json;
	const value = field ? json[field] : undefined;
	if (value && typeof value === 'object' && !Array.isArray(value))
		return { ...(value as IDataObject) };
	if (looksLikeSpec(json)) return { ...json };
	throw new NodeOperationError(ctx.getNode(), `The input item has no spec in field "${field}"`, {
		itemIndex,
		description:
			'Connect a Reelforge Prompt node, or choose "JSON" or "Prompt" as the spec source.',
	});
}

import type { INodeProperties } from 'n8n-workflow';

/** How a node that starts a render waits for it; shared by Generate and Remix. */
export const waitProperties: INodeProperties[] = [
	{
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Poll Until Done',
				value: 'poll',
				description:
					'Check the render with backoff (honouring Retry-After) until it ends or the deadline passes',
			},
			{
				name: 'Wait for Webhook',
				value: 'webhook',
				description: 'Pause the execution; the renderer calls n8n back when the render ends',
			},
			{
				name: "Don't Wait",
				value: 'none',
				description: 'Return the render ID and status at once',
			},
		],
		default: 'poll',
	},
	{
		displayName: 'Deadline (Minutes)',
		name: 'deadlineMinutes',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 10,
		description: 'How long to wait for the render before giving up (the render itself keeps going)',
		displayOptions: { show: { waitMode: ['poll', 'webhook'] } },
	},
	{
		displayName: 'Return As',
		name: 'returnAs',
		type: 'options',
		options: [
			{
				name: 'Binary Video',
				value: 'binary',
				description: 'Download the MP4 into the item (streamed)',
			},
			{ name: 'URL', value: 'url', description: 'Only the URL of the MP4' },
		],
		default: 'url',
		displayOptions: { show: { waitMode: ['poll', 'webhook'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the video in',
		displayOptions: { show: { waitMode: ['poll', 'webhook'], returnAs: ['binary'] } },
	},
];

/** Options every render-starting node offers. */
export const renderOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 32 },
		default: 2,
		description: 'How many items are processed at the same time',
	},
	{
		displayName: 'First Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 1,
		description: 'The first wait between status checks; it grows by half each time up to 15 s',
	},
];

/** The RenderSpec's `output.quality`, as one option of a collection (Prompt builds specs, Remix re-renders them). */
export const qualityOption: INodeProperties = {
	displayName: 'Quality',
	name: 'quality',
	type: 'options',
	options: [
		{ name: 'Draft', value: 'draft' },
		{ name: 'Standard', value: 'standard' },
		{ name: 'High', value: 'high' },
	],
	default: 'standard',
	description: 'Encoder preset: draft is fastest, high is best',
};

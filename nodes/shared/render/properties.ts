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

/**
 * How long and how large a video planned from a prompt is: the Prompt node builds a spec from
 * these, and Generate's "Prompt" spec source sends them (`frameSize` gives width and height).
 */
export const frameProperties: INodeProperties[] = [
	{
		displayName: 'Duration (Seconds)',
		name: 'durationSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300 },
		default: 8,
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: [
			{ name: '1:1 Square', value: '1:1' },
			{ name: '16:9 Landscape', value: '16:9' },
			{ name: '4:5 Portrait Post', value: '4:5' },
			{ name: '9:16 Vertical Short', value: '9:16' },
		],
		default: '9:16',
	},
	{
		displayName: 'Resolution',
		name: 'shortEdge',
		type: 'options',
		options: [
			{ name: '360p (Preview)', value: 360 },
			{ name: '540p (Quick Test)', value: 540 },
			{ name: '720p', value: 720 },
			{ name: '1080p', value: 1080 },
			{ name: '2160p (4K)', value: 2160 },
		],
		default: 540,
		description:
			'Length of the short edge in pixels. Small sizes render in seconds while you try things; choose 1080p for the finished video.',
	},
];

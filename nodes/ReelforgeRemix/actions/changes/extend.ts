import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Extend With Shots',
		name: 'extendPrompts',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'One prompt per line',
		description:
			'New shots appended after the source, keeping its characters and setting; one prompt per line',
	},
	{
		displayName: 'Extension Shot Length (Seconds)',
		name: 'extendSeconds',
		type: 'number',
		typeOptions: { minValue: 0.5, maxValue: 60 },
		default: 4,
	},
];

export function apply(changes: IDataObject, operations: IDataObject): void {
	const prompts = String(changes.extendPrompts ?? '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	if (!prompts.length) return;
	const duration = changes.extendSeconds !== undefined ? Number(changes.extendSeconds) : undefined;
	operations.extend = {
		shots: prompts.map((prompt) => (duration ? { prompt, duration } : { prompt })),
	};
}

import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Style Name or ID',
		name: 'style',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStyles' },
		default: 'anime',
		description:
			'Re-render in another look. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export function apply(changes: IDataObject, operations: IDataObject): void {
	if (changes.style) operations.style = String(changes.style);
}

import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Shot Order',
		name: 'recutOrder',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2,0,1',
		description: 'Source shot numbers (from 0) in their new order; shots not listed are dropped',
	},
	{
		displayName: 'Drop Shots',
		name: 'recutDrop',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3,4',
		description: 'Source shot numbers (from 0) to leave out',
	},
	{
		displayName: 'Trim Start (Seconds)',
		name: 'trimStart',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
	},
	{
		displayName: 'Trim End (Seconds)',
		name: 'trimEnd',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Keep the timeline up to here; 0 keeps it to the end',
	},
];

/** "2, 0,1" → [2, 0, 1]; anything that is not a whole number is left for the renderer to reject by path. */
export function shotList(text: unknown): number[] | undefined {
	const parts = String(text ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return parts.length ? parts.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN)) : undefined;
}

export function apply(changes: IDataObject, operations: IDataObject): void {
	const recut: IDataObject = {};
	const order = shotList(changes.recutOrder);
	const drop = shotList(changes.recutDrop);
	if (order) recut.order = order;
	if (drop) recut.drop = drop;
	const trim: IDataObject = {};
	if (Number(changes.trimStart) > 0) trim.start = Number(changes.trimStart);
	if (Number(changes.trimEnd) > 0) trim.end = Number(changes.trimEnd);
	if (Object.keys(trim).length) recut.trim = trim;
	if (Object.keys(recut).length) operations.recut = recut;
}

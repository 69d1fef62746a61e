import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Cameo ID',
		name: 'cameoId',
		type: 'string',
		default: '',
		placeholder: 'cam_...',
		description: 'A consented cameo to cast',
	},
	{
		displayName: 'Cameo Plays Character',
		name: 'cameoCharacter',
		type: 'string',
		default: '',
		description: 'ID of an existing character to replace; empty adds a new one',
	},
];

export function apply(changes: IDataObject, operations: IDataObject): void {
	if (!changes.cameoId) return;
	const cameo: IDataObject = { cameoId: String(changes.cameoId) };
	if (changes.cameoCharacter) cameo.character = String(changes.cameoCharacter);
	operations.cameo = cameo;
}

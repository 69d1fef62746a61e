import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'New Music Mood',
		name: 'musicMood',
		type: 'string',
		default: '',
		placeholder: 'e.g. upbeat',
		description: 'Swap the score (or add one) in this mood; it is ducked under speech',
	},
	{
		displayName: 'New Music Tempo (BPM)',
		name: 'musicTempo',
		type: 'number',
		typeOptions: { minValue: 40, maxValue: 200 },
		default: 120,
	},
	{
		displayName: 'New Music Volume',
		name: 'musicVolume',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.6,
	},
];

export function apply(changes: IDataObject, operations: IDataObject): void {
	const music: IDataObject = {};
	if (changes.musicMood) music.mood = String(changes.musicMood);
	if (changes.musicTempo !== undefined) music.tempo = Number(changes.musicTempo);
	if (changes.musicVolume !== undefined) music.volume = Number(changes.musicVolume);
	if (Object.keys(music).length) operations.music = music;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { RenderRequest } from '../../shared/render/deliver';
import { reelforgeUpload } from '../../shared/transport';
import { renderOptions, waitProperties } from '../../shared/render/properties';
import { refuseUndrawnSubjects } from './coverageCheck';
import { addBinaryMediaShots, mediaShotProperties } from './mediaShots';
import { readSpec, specSourceProperties } from './specSource';

export const description: INodeProperties[] = [
	...specSourceProperties,
	{
		displayName: 'Provider Name or ID',
		name: 'provider',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getProvidersOrSpec' },
		default: '',
		description:
			'Which video provider renders it (remote generators make shot by shot); "As in the Spec" keeps the spec\'s own, "Auto" uses the local engine where it can draw a shot and a remote generator where it cannot. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Music From Binary Field',
		name: 'musicBinaryPropertyName',
		type: 'string',
		default: '',
		placeholder: 'e.g. music',
		description:
			"Name of an input binary field holding a sound file (MP3, WAV, M4A, FLAC, OGG) to lay under the video instead of the generated score: looped or trimmed to the video, faded, ducked under speech. Leave empty to keep the spec's music.",
	},
	{
		displayName: 'Fallback',
		name: 'fallback',
		type: 'options',
		options: [
			{ name: 'As in the Spec', value: '' },
			{ name: 'None (Fail the Render)', value: 'none' },
			{ name: 'Local Engine', value: 'local' },
		],
		default: '',
		description:
			"What happens when a shot's provider cannot make it (unavailable, failed): fail, or have the local engine draw it. A fallback used is shown on the output item.",
	},
	...mediaShotProperties,
	...waitProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...renderOptions,
			{
				displayName: 'Fail When a Subject Cannot Be Drawn',
				name: 'failOnUndrawnSubject',
				type: 'boolean',
				default: false,
				description:
					"Whether to fail the item (and cancel its render) when the renderer's coverage report says a subject the prompt names will not be in the video",
			},
		],
	},
];

/** `POST /v1/renders` with the item's spec (and the chosen provider). */
export async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<RenderRequest> {
	const spec = await addBinaryMediaShots(ctx, itemIndex, readSpec(ctx, itemIndex));
	const provider = ctx.getNodeParameter('provider', itemIndex, '') as string;
	if (provider) spec.provider = provider;
	const musicField = String(ctx.getNodeParameter('musicBinaryPropertyName', itemIndex, '')).trim();
	if (musicField) {
		const audio = (spec.audio ?? {}) as IDataObject;
		const music = (audio.music ?? {}) as IDataObject;
		spec.audio = {
			...audio,
			music: {
				...music,
				enabled: true,
				source: { uploadId: await uploadMusic(ctx, itemIndex, musicField) },
			},
		};
	}
	const fallback = ctx.getNodeParameter('fallback', itemIndex, '') as string;
	if (fallback) spec.fallback = fallback;
	const failOnUndrawnSubject = ctx.getNodeParameter(
		'options.failOnUndrawnSubject',
		itemIndex,
		false,
	) as boolean;
	return {
		endpoint: '/v1/renders',
		body: spec,
		...(failOnUndrawnSubject ? { refuse: refuseUndrawnSubjects } : {}),
	};
}

const AUDIO_TYPES = [
	'audio/mpeg',
	'audio/mp4',
	'audio/aac',
	'audio/x-m4a',
	'audio/wav',
	'audio/x-wav',
	'audio/wave',
	'audio/flac',
	'audio/x-flac',
	'audio/ogg',
	'audio/opus',
	'audio/webm',
];

/** Streams the item's sound file to `POST /v1/remixes/uploads` (the renderer's upload path) and returns the upload ID. */
async function uploadMusic(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
): Promise<string> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, field);
	const body = binary.id
		? await ctx.helpers.getBinaryStream(binary.id)
		: Buffer.from(binary.data, 'base64');
	const contentType = AUDIO_TYPES.includes(binary.mimeType)
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

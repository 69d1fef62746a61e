import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { reelforgeUpload } from '../../shared/transport';

/** The item's pictures and clips (binary properties) as media shots of the spec. */
export const mediaShotProperties: INodeProperties[] = [
	{
		displayName: 'Media Shots From Binary',
		name: 'mediaShots',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Media Shot',
		description:
			"Pictures or clips in the input item's binary fields, uploaded to the renderer and shown as shots under Reelforge's music, captions and watermark",
		options: [
			{
				displayName: 'Media Shot',
				name: 'shot',
				values: [
					{
						displayName: 'Clip Sound',
						name: 'audio',
						type: 'options',
						options: [
							{
								name: 'Keep',
								value: 'keep',
							},
							{
								name: 'Duck',
								value: 'duck',
							},
							{
								name: 'Mute',
								value: 'mute',
							},
						],
						default: 'keep',
						description: "What happens to a clip's own sound",
					},
					{
						displayName: 'Duration (Seconds)',
						name: 'duration',
						type: 'number',
						default: 4,
					},
					{
						displayName: 'Fit',
						name: 'fit',
						type: 'options',
						options: [
							{
								name: 'Cover (Crop to Fill)',
								value: 'cover',
							},
							{
								name: 'Contain (Whole Picture, Bars)',
								value: 'contain',
							},
							{
								name: 'Blur (Whole Picture Over a Blurred Fill)',
								value: 'blur',
							},
						],
						default: 'cover',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryProperty',
						type: 'string',
						default: 'data',
						required: true,
						hint: 'The binary field holding a PNG, JPEG or WebP picture, or an MP4/MOV or WebM clip',
					},
					{
						displayName: 'Position',
						name: 'position',
						type: 'options',
						options: [
							{
								name: 'After the Spec’s Shots',
								value: 'end',
							},
							{
								name: 'Before the Spec’s Shots',
								value: 'start',
							},
						],
						default: 'end',
					},
				],
			},
		],
	},
];

const UPLOAD_TYPES = [
	'image/png',
	'image/jpeg',
	'image/webp',
	'video/mp4',
	'video/quicktime',
	'video/webm',
	'video/x-matroska',
];

interface MediaShotParameter {
	binaryProperty: string;
	duration: number;
	position: 'start' | 'end';
	fit: string;
	audio: string;
}

/**
 * Uploads each configured binary field to `POST /v1/assets` and adds it to the spec as a media
 * shot. A prompt-only spec becomes one drawn shot first, so the media sits before or after it.
 */
export async function addBinaryMediaShots(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: IDataObject,
): Promise<IDataObject> {
	const entries = (
		ctx.getNodeParameter('mediaShots', itemIndex, {}) as { shot?: MediaShotParameter[] }
	).shot;
	if (!entries?.length) return spec;
	let shots = Array.isArray(spec.shots) ? [...(spec.shots as IDataObject[])] : [];
	const next: IDataObject = { ...spec };
	if (!shots.length && typeof spec.prompt === 'string' && spec.prompt) {
		shots = [{ prompt: spec.prompt, duration: Number(spec.durationSeconds ?? 8) }];
		delete next.durationSeconds;
	}
	for (const entry of entries) {
		const binary = ctx.helpers.assertBinaryData(itemIndex, entry.binaryProperty);
		const body = binary.id
			? await ctx.helpers.getBinaryStream(binary.id)
			: Buffer.from(binary.data, 'base64');
		const contentType = UPLOAD_TYPES.includes(binary.mimeType)
			? binary.mimeType
			: 'application/octet-stream';
		const asset = await reelforgeUpload<{ id?: string }>(
			ctx,
			'/v1/assets',
			body,
			contentType,
			itemIndex,
		);
		if (!asset.id)
			throw new NodeOperationError(
				ctx.getNode(),
				'The renderer answered the upload without an asset ID',
				{
					itemIndex,
				},
			);
		const shot: IDataObject = {
			duration: entry.duration,
			media: { asset: asset.id, fit: entry.fit, audio: entry.audio },
		};
		if (entry.position === 'start') shots.unshift(shot);
		else shots.push(shot);
	}
	return { ...next, shots };
}

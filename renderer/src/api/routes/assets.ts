/**
 * The caller's own pictures and clips, for media shots (`shots[].media.asset`): uploaded as the raw
 * request body (streamed to disk, never buffered), size-capped, identified by their first bytes and
 * probed through the ffmpeg door before they are kept. An asset belongs to the key that uploaded
 * it; another key's id is indistinguishable from a missing one.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '../../ids';
import { inScratch } from '../../jobs/scratch';
import { assetKey, identifyMedia, MAX_MEDIA_BYTES } from '../../shots/mediaSource';
import { ApiError } from '../../spec/errors';
import { rawBody, saveRawBody } from '../rawBody';
import { ErrorResponse, errorResponses } from '../schemas';

/** Pictures are smaller than clips: a 16k PNG is well under this. */
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const MEDIA_TYPES = [
	'image/png',
	'image/jpeg',
	'image/webp',
	'video/mp4',
	'video/quicktime',
	'video/webm',
	'video/x-matroska',
	'application/octet-stream',
];

const AssetId = Type.String({ pattern: '^ast_[0-9a-z]+$' });

const AssetView = Type.Object(
	{
		object: Type.Literal('asset'),
		id: AssetId,
		kind: Type.Union([Type.Literal('image'), Type.Literal('video')]),
		contentType: Type.String(),
		sizeBytes: Type.Integer(),
		width: Type.Integer(),
		height: Type.Integer(),
		fps: Type.Optional(Type.Number()),
		durationSeconds: Type.Optional(Type.Number()),
		hasAudio: Type.Optional(Type.Boolean()),
		createdAt: Type.String({ format: 'date-time' }),
	},
	{ additionalProperties: false },
);
type AssetView = {
	object: 'asset';
	id: string;
	kind: 'image' | 'video';
	contentType: string;
	sizeBytes: number;
	width: number;
	height: number;
	fps?: number;
	durationSeconds?: number;
	hasAudio?: boolean;
	createdAt: string;
};

const metaKey = (keyId: string, id: string) => `${assetKey(keyId, id)}.json`;

const assets: FastifyPluginAsync = async (app) => {
	const { services } = app;
	app.addContentTypeParser(MEDIA_TYPES, (_request, payload, done) => done(null, payload));

	async function readView(keyId: string, id: string): Promise<AssetView> {
		const key = metaKey(keyId, id);
		if (!(await services.storage.stat(key))) throw ApiError.notFound(`Asset ${id}`);
		const chunks: Buffer[] = [];
		for await (const chunk of await services.storage.read(key)) chunks.push(chunk as Buffer);
		return JSON.parse(Buffer.concat(chunks).toString('utf8')) as AssetView;
	}

	app.post(
		'/v1/assets',
		{
			schema: {
				summary:
					'Upload a picture (PNG, JPEG, WebP) or a video clip (MP4/MOV, WebM) as the raw body, for media shots (shots[].media.asset).',
				tags: ['assets'],
				response: {
					201: AssetView,
					...errorResponses(413, 415, 422),
				},
			},
		},
		async (request, reply) => {
			const body = rawBody(request.body, 'picture or clip', MEDIA_TYPES);
			return inScratch(services.config.dataDir, 'asset-', async (dir) => {
				const file = join(dir, 'source');
				const size = await saveRawBody(body, file, {
					maxBytes: MAX_MEDIA_BYTES,
					code: 'asset_too_large',
					message: `The asset is over ${MAX_MEDIA_BYTES / 2 ** 20} MB.`,
				});
				const facts = await identifyMedia(file, '/body');
				if (facts.kind === 'image' && size > MAX_IMAGE_BYTES)
					throw new ApiError(
						413,
						'asset_too_large',
						`The picture is over ${MAX_IMAGE_BYTES / 2 ** 20} MB.`,
						[{ path: '/body', message: 'too large' }],
					);
				const id = newId('ast');
				const contentType =
					facts.kind === 'image'
						? `image/${facts.image.format.replace('_pipe', '')}`
						: facts.video.format === 'mov'
							? 'video/mp4'
							: 'video/webm';
				const view: AssetView =
					facts.kind === 'image'
						? {
								object: 'asset',
								id,
								kind: 'image',
								contentType,
								sizeBytes: size,
								width: facts.image.width,
								height: facts.image.height,
								createdAt: new Date().toISOString(),
							}
						: {
								object: 'asset',
								id,
								kind: 'video',
								contentType,
								sizeBytes: size,
								width: facts.video.width,
								height: facts.video.height,
								fps: Number(facts.video.fps.toFixed(3)),
								durationSeconds: Number(facts.video.durationSeconds.toFixed(3)),
								hasAudio: facts.video.hasAudio,
								createdAt: new Date().toISOString(),
							};
				const caller = request.caller.id;
				await services.storage.putFile(assetKey(caller, id), file, contentType);
				const meta = join(dir, 'meta.json');
				await writeFile(meta, JSON.stringify(view));
				await services.storage.putFile(metaKey(caller, id), meta, 'application/json');
				return reply.code(201).send(view);
			});
		},
	);

	app.get(
		'/v1/assets/:id',
		{
			schema: {
				summary: 'An asset of yours: its kind, size and, for clips, rate, length and sound.',
				tags: ['assets'],
				params: Type.Object({ id: AssetId }),
				response: { 200: AssetView, 404: ErrorResponse },
			},
		},
		async (request) => readView(request.caller.id, (request.params as { id: string }).id),
	);

	app.delete(
		'/v1/assets/:id',
		{
			schema: {
				summary: 'Deletes an asset. Renders already made from it keep their video.',
				tags: ['assets'],
				params: Type.Object({ id: AssetId }),
				response: { 204: Type.Null(), 404: ErrorResponse },
			},
		},
		async (request, reply) => {
			const { id } = request.params as { id: string };
			await readView(request.caller.id, id);
			await services.storage.delete(assetKey(request.caller.id, id));
			await services.storage.delete(metaKey(request.caller.id, id));
			return reply.code(204).send();
		},
	);
};

export default assets;

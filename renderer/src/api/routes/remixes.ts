/**
 * POST /v1/remixes: a new render made from an existing video. The source is a render id, an
 * uploaded video (POST /v1/remixes/uploads first) or a URL. A local-engine render is remixed by
 * re-rendering its spec with the changes; any other source is stored and filtered on the worker.
 * Either way the remix is a render record (kind "remix", with its source for provenance) that goes
 * through the same queue, lifecycle and outputs.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { rawBody, saveRawBody } from '../rawBody';
import { errorResponses } from '../schemas';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyRecord } from '../../auth/keys';
import {
	buildRemixSpec,
	probeAudioOnly,
	probeSource,
	RemixOperationsSchema,
	type RemixOperations,
} from '../../engine/remix';
import { DEFAULT_EXTENSION_SECONDS } from '../../engine/remix/operations';
import { newId } from '../../ids';
import type { RemixSource } from '../../jobs/renderRecord';
import { inScratch } from '../../jobs/scratch';
import { ApiError, pointAt } from '../../spec/errors';
import { QUALITIES, SPEC_LIMITS, WebhookSchema, type RenderSpec } from '../../spec/renderSpec';
import { renderView } from '../../jobs/renderView';
import { uploadKey } from '../../storage/uploads';
import { httpUrl } from '../../spec/schemaParts';

const MAX_SOURCE_BYTES = 512 * 1024 * 1024;
const URL_TIMEOUT_MS = 120_000;
const VIDEO_TYPES = [
	'video/mp4',
	'video/quicktime',
	'video/webm',
	'video/x-matroska',
	'application/octet-stream',
];
/** Sound files are accepted too: they become a render's music bed (`audio.music.source.uploadId`). */
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

const RemixBody = Type.Object(
	{
		source: Type.Object(
			{
				renderId: Type.Optional(
					Type.String({ pattern: '^rnd_[0-9a-z]+$', description: 'A render of yours.' }),
				),
				feedItemId: Type.Optional(
					Type.String({
						pattern: '^pub_[0-9a-z]+$',
						description:
							"A clip in the feed you may open (anyone's public or unlisted clip, or your own); cameos in it you may not cast are drawn without the likeness.",
					}),
				),
				uploadId: Type.Optional(
					Type.String({
						pattern: '^upl_[0-9a-z]+$',
						description: 'A video uploaded with POST /v1/remixes/uploads.',
					}),
				),
				url: Type.Optional(httpUrl('A video to fetch.')),
			},
			{
				additionalProperties: false,
				minProperties: 1,
				maxProperties: 1,
				description: 'Exactly one of renderId, feedItemId, uploadId, url.',
			},
		),
		operations: RemixOperationsSchema,
		output: Type.Optional(
			Type.Object(
				{
					quality: Type.Optional(
						Type.Unsafe<(typeof QUALITIES)[number]>({ type: 'string', enum: [...QUALITIES] }),
					),
				},
				{ additionalProperties: false },
			),
		),
		webhook: Type.Optional(WebhookSchema),
	},
	{ additionalProperties: false },
);
type RemixRequest = {
	source: { renderId?: string; feedItemId?: string; uploadId?: string; url?: string };
	operations: RemixOperations;
	output?: { quality?: (typeof QUALITIES)[number] };
	webhook?: RenderSpec['webhook'];
};

const remixes: FastifyPluginAsync = async (app) => {
	const { services } = app;

	// Video bodies are streamed to disk as they arrive (never buffered), only on this plugin's routes.
	app.addContentTypeParser([...VIDEO_TYPES, ...AUDIO_TYPES], (_request, payload, done) =>
		done(null, payload),
	);

	app.post(
		'/v1/remixes/uploads',
		{
			schema: {
				summary:
					"Upload a video to remix (raw body, video/mp4 or similar), or a sound file (audio/mpeg, audio/wav, ...) to use as a render's music (`audio.music.source.uploadId`). Returns an upload id.",
				tags: ['remixes'],
				response: {
					201: Type.Object({}, { additionalProperties: true }),
					...errorResponses(400, 413, 422),
				},
			},
		},
		async (request, reply) => {
			const body = rawBody(request.body, 'file', [...VIDEO_TYPES, ...AUDIO_TYPES]);
			return inScratch(services.config.dataDir, 'upload-', async (dir) => {
				const file = join(dir, 'source');
				const size = await saveRawBody(body, file, {
					maxBytes: MAX_SOURCE_BYTES,
					code: 'source_too_large',
					message: `The source video is over ${MAX_SOURCE_BYTES / 1024 / 1024} MB.`,
				});
				const id = newId('upl');
				const sound = await probeAudioOnly(file);
				if (sound) {
					await services.storage.putFile(
						uploadKey(request.caller.id, id),
						file,
						AUDIO_TYPES.find((t) => t === request.headers['content-type']?.split(';')[0].trim()) ??
							'application/octet-stream',
					);
					return reply
						.code(201)
						.send({ object: 'upload', id, sizeBytes: size, kind: 'audio', ...sound });
				}
				// One MP4/MOV or Matroska/WebM file, read with that demuxer only: a playlist or a
				// concat list dressed as video/mp4 is refused before ffmpeg can follow what it names.
				const { format: _container, ...facts } = await probeSource(file, '/body');
				await services.storage.putFile(uploadKey(request.caller.id, id), file, 'video/mp4');
				return reply
					.code(201)
					.send({ object: 'upload', id, sizeBytes: size, kind: 'video', ...facts });
			});
		},
	);

	app.post(
		'/v1/remixes',
		{
			schema: {
				summary:
					'Remix a render, an uploaded video or a URL: style, music, re-cut, extend, cameo. Answers with the new render (kind "remix").',
				tags: ['remixes'],
				headers: Type.Object({
					'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
				}),
				body: RemixBody,
				response: {
					201: Type.Object({}, { additionalProperties: true }),
					200: Type.Object({}, { additionalProperties: true }),
					...errorResponses(400, 404, 409, 413, 422),
				},
			},
		},
		async (request, reply) => {
			const body = withoutCredentials(request.body as RemixRequest);
			const caller = request.caller;
			const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
			let spec: RenderSpec;
			let source: RemixSource;

			// Checked before the source is fetched or anything is charged, under the field that names it;
			// admission plans with it as it reads now (the render resolves it again when it starts).
			const cameoId = body.operations.cameo?.cameoId;
			const checkedCameos = cameoId
				? new Map([
						[
							cameoId,
							await services.renders.checkCameo(cameoId, caller, '/operations/cameo/cameoId'),
						],
					])
				: undefined;

			// The music track, checked now with its field: an upload must be the caller's own, a URL
			// one the outbound door will fetch (it is fetched when the remix renders).
			const music = body.operations.music?.source as
				| { url?: string; uploadId?: string }
				| undefined;
			if (music?.uploadId && !(await services.storage.stat(uploadKey(caller.id, music.uploadId))))
				throw ApiError.invalid('The music upload was not found.', [
					{
						path: '/operations/music/source/uploadId',
						message: `no upload ${music.uploadId} for this API key`,
					},
				]);
			if (music?.url)
				await services.outbound.check(music.url, { pointer: '/operations/music/source/url' });

			const sourceRender = body.source.renderId
				? await pointAt('/source/renderId', services.renders.get(body.source.renderId, caller))
				: body.source.feedItemId
					? await pointAt(
							'/source/feedItemId',
							services.social.renderForRemix(body.source.feedItemId, caller),
						)
					: undefined;
			if (sourceRender && sourceRender.status !== 'completed') {
				throw ApiError.conflict(
					'source_not_completed',
					`The source render is ${sourceRender.status}; only a completed render can be remixed.`,
				);
			}
			if (
				sourceRender &&
				sourceRender.spec.provider === 'local' &&
				!sourceRender.source?.objectKey
			) {
				// Made by the local engine from its spec: re-render the spec with the changes.
				spec = withRequestSettings(buildRemixSpec(sourceRender.spec, body.operations), body);
				source = {
					kind: 'render',
					renderId: sourceRender.id,
					feedItemId: body.source.feedItemId,
					operations: body.operations as Record<string, unknown>,
				};
			} else {
				const stored = await storeSourceVideo(body, sourceRender?.outputs.video?.key, caller);
				spec = withRequestSettings(wrapperSpec(stored.facts, body), body);
				source = {
					kind: body.source.url ? 'url' : body.source.uploadId ? 'upload' : 'render',
					...body.source,
					...(sourceRender ? { renderId: sourceRender.id } : {}),
					objectKey: stored.key,
					operations: body.operations as Record<string, unknown>,
				};
			}
			const { record, created } = await services.renders.create(spec, caller, {
				idempotencyKey,
				kind: 'remix',
				source,
				...(checkedCameos ? { checkedCameos } : {}),
			});
			if (created) services.metrics.rendersCreated.inc({ provider: record.spec.provider });
			return reply
				.code(created ? 201 : 200)
				.header('Location', `/v1/renders/${record.id}`)
				.send(renderView(record, services.config.publicUrl));
		},
	);

	/** Puts the source video where the worker can fetch it: a copy under remix-sources/. */
	async function storeSourceVideo(
		body: RemixRequest,
		renderVideoKey: string | undefined,
		caller: KeyRecord,
	) {
		return inScratch(services.config.dataDir, 'remix-', async (dir) => {
			const file = join(dir, 'source');
			if (renderVideoKey) {
				await services.storage.download(renderVideoKey, file);
			} else if (body.source.uploadId) {
				const key = uploadKey(caller.id, body.source.uploadId);
				if (!(await services.storage.stat(key)))
					throw new ApiError(404, 'not_found', `Upload ${body.source.uploadId} was not found.`, [
						{ path: '/source/uploadId', message: 'no such upload of yours' },
					]);
				await services.storage.download(key, file);
			} else if (body.source.url) {
				// Through the outbound door: public addresses only (or REELFORGE_FETCH_ALLOW), pinned, capped.
				await services.outbound.download({
					url: body.source.url,
					pointer: '/source/url',
					file,
					maxBytes: MAX_SOURCE_BYTES,
					timeoutMs: URL_TIMEOUT_MS,
				});
			} else {
				throw ApiError.invalid('The source render has no video.', [
					{ path: '/source/renderId', message: 'no video output' },
				]);
			}
			const facts = await probeSource(file, sourcePointer(body));
			const key = `remix-sources/${newId('src')}`;
			await services.storage.putFile(key, file, 'video/mp4');
			return { key, facts, size: (await stat(file)).size };
		});
	}
};

/**
 * The spec a remix of a stored video is recorded with: it fixes the output (the source's size and
 * rate), the style and the length, so limits, quotas and moderation apply as for any render.
 */
function wrapperSpec(
	facts: { width: number; height: number; fps: number; durationSeconds: number },
	body: RemixRequest,
): RenderSpec {
	const even = (n: number) =>
		Math.max(SPEC_LIMITS.minEdgePx, Math.min(SPEC_LIMITS.maxEdgePx, n - (n % 2)));
	const trim = body.operations.recut?.trim;
	const kept = Math.max(
		0,
		Math.min(trim?.end ?? Infinity, facts.durationSeconds) - (trim?.start ?? 0),
	);
	const extension = (body.operations.extend?.shots ?? []).reduce(
		(sum, s) => sum + (s.duration ?? DEFAULT_EXTENSION_SECONDS),
		0,
	);
	const label =
		body.source.url ??
		body.source.uploadId ??
		body.source.renderId ??
		body.source.feedItemId ??
		'a video';
	return {
		version: '1',
		prompt: `Remix of ${label}`.slice(0, SPEC_LIMITS.maxPromptChars),
		durationSeconds: Math.min(
			SPEC_LIMITS.maxDurationSeconds,
			Math.max(0.1, Math.round((kept + extension) * 1000) / 1000),
		),
		output: {
			width: even(facts.width),
			height: even(facts.height),
			fps: Math.min(SPEC_LIMITS.maxFps, Math.max(1, Math.round(facts.fps))),
			format: 'mp4',
			quality: 'standard',
		},
		provider: 'local',
		fallback: 'none',
		style: body.operations.style ?? 'documentary',
		characters: [],
		shots: [],
		audio: {
			loudnessLufs: -14,
			...(body.operations.music ? { music: { enabled: true, ...body.operations.music } } : {}),
		},
		captions: { burnIn: false },
		watermark: { enabled: true, text: 'AI-generated · Reelforge' },
		provenance: { c2pa: true },
	} as RenderSpec;
}

/** The request field the source came from, for errors about its content. */
function sourcePointer(body: RemixRequest): string {
	if (body.source.url) return '/source/url';
	if (body.source.uploadId) return '/source/uploadId';
	return '/source/renderId';
}

/** A source URL's user:password@ is never fetched with, stored, nor shown in the render. */
function withoutCredentials(body: RemixRequest): RemixRequest {
	if (!body.source.url) return body;
	try {
		const url = new URL(body.source.url);
		if (!url.username && !url.password) return body;
		url.username = '';
		url.password = '';
		return { ...body, source: { ...body.source, url: url.toString() } };
	} catch {
		return body; // the door answers an unparsable URL with its pointer
	}
}

/** The request's quality and webhook; the source's own webhook is not inherited (it may be someone else's endpoint for that render). */
function withRequestSettings(spec: RenderSpec, body: RemixRequest): RenderSpec {
	const { webhook: _sourceWebhook, ...rest } = spec;
	return {
		...rest,
		output: { ...spec.output, ...(body.output?.quality ? { quality: body.output.quality } : {}) },
		...(body.webhook ? { webhook: body.webhook } : {}),
	};
}

export default remixes;

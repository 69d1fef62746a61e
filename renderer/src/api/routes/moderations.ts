/**
 * POST /v1/moderations: moderate a text (`{text}`), one of the caller's renders (`{renderId}`:
 * its video frames, burned-in text and transcript) or an uploaded video (raw body, video/*).
 * Answers the verdict: `{flagged, action, categories, reasons, policy, checkers, decidedBy}` — every
 * checker's scores (offline rules, guard model, OpenAI, NSFW model) and which of them decided.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { inScratch } from '../../jobs/scratch';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MediaError } from '../../media/ffmpeg';
import type { ModerationVerdict, Moderator } from '../../pipeline/contracts';
import { ApiError, pointAt } from '../../spec/errors';
import { saveRawBody } from '../rawBody';
import { createBodyAjv, toFieldErrors, validateRenderSpec } from '../../spec/validate';
import type { TextModerator } from '../../trust/moderation/moderator';

const VIDEO_TYPES = ['video/mp4', 'video/webm', 'video/quicktime', 'video/x-matroska'];
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const ajv = createBodyAjv();

const ModerationRequest = Type.Union(
	[
		Type.Object(
			{
				text: Type.String({
					minLength: 1,
					maxLength: 32_000,
					description: 'Text to check against the policy.',
				}),
			},
			{ additionalProperties: false },
		),
		Type.Object(
			{
				renderId: Type.String({
					pattern: '^rnd_[0-9a-z]+$',
					description:
						"One of the caller's completed renders: frames, burned-in text and transcript are checked.",
				}),
			},
			{ additionalProperties: false },
		),
	],
	{
		description:
			'JSON `{text}` or `{renderId}`; or send a video as the raw body (Content-Type video/mp4 or video/webm).',
	},
);
const VerdictResponse = Type.Object(
	{
		flagged: Type.Boolean(),
		action: Type.String({ description: 'allow, flag or block' }),
		categories: Type.Record(Type.String(), Type.Number(), {
			description: 'Highest score per category, 0..1.',
		}),
		reasons: Type.Array(
			Type.Object({
				category: Type.String(),
				score: Type.Number(),
				source: Type.String(),
				detail: Type.String(),
				path: Type.Optional(Type.String()),
				checker: Type.Optional(
					Type.String({ description: 'rules, guard, openai or nsfw-model: who scored it.' }),
				),
			}),
		),
		policy: Type.String(),
		checkedAt: Type.String(),
		checkers: Type.Array(
			Type.Object({
				checker: Type.String({ description: 'rules, guard, openai or nsfw-model.' }),
				model: Type.Optional(Type.String()),
				categories: Type.Record(Type.String(), Type.Number(), {
					description: "This checker's highest score per category.",
				}),
				action: Type.String({
					description: "The policy's decision on this checker's scores alone.",
				}),
				error: Type.Optional(
					Type.Object(
						{ code: Type.String(), message: Type.String() },
						{
							description: 'The checker failed; the others decided.',
						},
					),
				),
			}),
			{ description: 'Each checker that ran; the stricter decision wins.' },
		),
		decidedBy: Type.Array(Type.String(), {
			description: 'The checkers whose scores alone call for the action (empty when allowed).',
		}),
	},
	{ additionalProperties: false },
);

function isTextModerator(moderator: Moderator): moderator is TextModerator {
	return typeof (moderator as Partial<TextModerator>).moderateText === 'function';
}

function present(verdict: ModerationVerdict) {
	return {
		flagged: verdict.flagged,
		action: verdict.action ?? (verdict.flagged ? 'flag' : 'allow'),
		categories: verdict.categories,
		reasons: verdict.reasons,
		policy: verdict.policy,
		checkedAt: verdict.checkedAt,
		checkers: verdict.checkers ?? [],
		decidedBy: verdict.decidedBy ?? [],
	};
}

const moderations: FastifyPluginAsync = async (app) => {
	const { services } = app;
	// Uploaded videos are streamed to disk, never buffered (scoped to this plugin's routes).
	app.addContentTypeParser(VIDEO_TYPES, (_request, payload, done) => done(null, payload));

	app.post(
		'/v1/moderations',
		{
			schema: {
				summary:
					'Moderate a text, one of your renders, or an uploaded video against the moderation policy.',
				tags: ['moderation'],
				body: ModerationRequest,
				response: { 200: VerdictResponse },
			},
			// The body schema applies to the JSON forms; a raw video body streams past it.
			validatorCompiler: ({ schema }) => {
				const check = ajv.compile(schema);
				return (data: unknown) =>
					data instanceof Readable || check(data)
						? { value: data }
						: {
								error: ApiError.invalid(
									'The moderation request is invalid.',
									toFieldErrors(check.errors),
								),
							};
			},
		},
		async (request) => {
			const moderator = services.moderator;
			if (!moderator)
				throw new ApiError(
					503,
					'moderation_unavailable',
					'Moderation is not configured on this service.',
				);
			const signal = AbortSignal.timeout(10 * 60_000);
			const body = request.body as Readable | { text?: string; renderId?: string };

			if (!(body instanceof Readable) && body.text !== undefined) {
				if (isTextModerator(moderator)) return present(await moderator.moderateText(body.text));
				return present(
					await moderator.moderateSpec(validateRenderSpec({ prompt: body.text.slice(0, 4000) }), {
						keyId: request.caller.id,
					}),
				);
			}

			return inScratch(services.config.dataDir, 'moderation-', async (dir) => {
				const videoPath = join(dir, 'video');
				if (body instanceof Readable) {
					await saveRawBody(body, videoPath, {
						maxBytes: MAX_UPLOAD_BYTES,
						code: 'upload_too_large',
						message: `Uploads are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`,
					});
					// "upload" is no engine: its speech is transcribed by the moderator.
					const spec = validateRenderSpec({ prompt: 'uploaded video', provider: 'upload' });
					try {
						return present(
							await moderator.moderateVideo({ videoPath, transcript: '', spec }, signal),
						);
					} catch (error) {
						// Not one plain video file (a playlist, a concat list, broken data): the client's to fix.
						if (error instanceof MediaError)
							throw new ApiError(422, 'source_unsupported', error.message, [
								{ path: '/body', message: 'must be a single MP4/MOV or Matroska/WebM video file' },
							]);
						throw error;
					}
				}
				const record = await pointAt(
					'/renderId',
					services.renders.get(body.renderId!, request.caller),
				);
				const video = record.outputs.video;
				if (!video)
					throw ApiError.conflict(
						'render_has_no_video',
						`Render ${record.id} has no video yet (status ${record.status}).`,
					);
				await services.storage.download(video.key, videoPath);
				return present(
					await moderator.moderateVideo(
						{ videoPath, transcript: record.transcript ?? '', spec: record.spec },
						signal,
					),
				);
			});
		},
	);
};

export default moderations;

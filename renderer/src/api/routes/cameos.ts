/**
 * Cameos: consented likenesses. POST /v1/cameos starts a registration and returns the reading
 * script; the owner uploads a recording of themselves reading it (PUT or POST
 * /v1/cameos/:id/recording, raw video/mp4 or video/webm); the owner sets privacy (PATCH), revokes
 * (DELETE) and reads every use in the audit log (GET /v1/cameos/:id/audit).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { inScratch } from '../../jobs/scratch';
import { join } from 'node:path';
import { ApiError } from '../../spec/errors';
import { rawBody, saveRawBody } from '../rawBody';
import type { CameoRecord } from '../../trust/cameo/cameoRecord';
import { PRIVACY_LEVELS } from '../../trust/cameo/cameoRecord';

const RECORDING_TYPES = ['video/mp4', 'video/webm', 'video/quicktime'];
const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

const IdParams = Type.Object(
	{ id: Type.String({ pattern: '^cam_[A-Za-z0-9]+$' }) },
	{ additionalProperties: false },
);
const Privacy = Type.Unsafe<(typeof PRIVACY_LEVELS)[number]>({
	type: 'string',
	enum: [...PRIVACY_LEVELS],
	description: 'private: owner only; restricted: owner and allowedKeyIds; public: any API key.',
});
const AllowedKeyIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
	maxItems: 100,
	uniqueItems: true,
	description: 'API key ids a restricted cameo may be used by.',
});
const Consents = Type.Object(
	{
		voiceCloning: Type.Optional(
			Type.Boolean({
				description:
					"Allow the recorded voice to be cloned at the renderer's voice provider (ElevenLabs) and used for this cameo's lines; false withdraws it and deletes the clone.",
			}),
		),
	},
	{ additionalProperties: false },
);
const CameoResponse = Type.Object(
	{},
	{
		additionalProperties: true,
		description: 'A cameo: status, privacy, reading script, checks, voice profile, rejection.',
	},
);

/** What the owner sees: no server paths. */
export function cameoView(cameo: CameoRecord) {
	return {
		object: 'cameo',
		id: cameo.id,
		name: cameo.name,
		status: cameo.status,
		privacy: cameo.privacy,
		allowedKeyIds: cameo.allowedKeyIds,
		script: cameo.status === 'awaiting_recording' ? cameo.script : undefined,
		attempts: cameo.attempts,
		rejection: cameo.rejection,
		checks: cameo.checks,
		voice: cameo.assets?.voice,
		hasCutout: Boolean(cameo.assets?.cutoutPath),
		consents: cameo.consents,
		voiceClone: cameo.voiceClone
			? {
					status: cameo.voiceClone.status,
					provider: cameo.voiceClone.provider,
					requiresVerification: cameo.voiceClone.requiresVerification,
					reason: cameo.voiceClone.reason,
					at: cameo.voiceClone.at,
				}
			: undefined,
		createdAt: cameo.createdAt,
		updatedAt: cameo.updatedAt,
		revokedAt: cameo.revokedAt,
	};
}

/** What someone who may cast a cameo sees of it: who it is and whose, not its checks or script. */
function usableCameoView(cameo: CameoRecord, viewerKeyId: string) {
	return {
		object: 'cameo',
		id: cameo.id,
		name: cameo.name,
		privacy: cameo.privacy,
		yours: cameo.ownerKeyId === viewerKeyId,
	};
}

const cameos: FastifyPluginAsync = async (app) => {
	const { services } = app;
	const registry = () => {
		if (!services.cameos)
			throw new ApiError(503, 'cameos_unavailable', 'This service has no cameo registry.');
		return services.cameos;
	};
	const caller = (request: FastifyRequest) => ({ keyId: request.caller.id });
	const cameoId = (request: FastifyRequest) => (request.params as { id: string }).id;

	app.addContentTypeParser(RECORDING_TYPES, (_request, payload, done) => done(null, payload));

	app.post(
		'/v1/cameos',
		{
			schema: {
				summary: 'Start a cameo registration; answers with a randomised reading script to record.',
				tags: ['cameos'],
				body: Type.Object(
					{
						name: Type.String({
							minLength: 1,
							maxLength: 120,
							description: 'The name of the person (you).',
						}),
						privacy: Type.Optional(Privacy),
						allowedKeyIds: Type.Optional(AllowedKeyIds),
						consents: Type.Optional(Consents),
					},
					{ additionalProperties: false },
				),
				response: { 201: CameoResponse },
			},
		},
		async (request, reply) => {
			const cameo = await registry().register(
				caller(request),
				request.body as { name: string; consents?: { voiceCloning?: boolean } },
			);
			return reply.code(201).header('Location', `/v1/cameos/${cameo.id}`).send(cameoView(cameo));
		},
	);

	app.get(
		'/v1/cameos',
		{
			schema: {
				summary:
					'Your cameos (scope=own), or every active cameo you may cast in a render or remix (scope=usable: yours, public ones, restricted ones that list your key).',
				tags: ['cameos'],
				querystring: Type.Object(
					{
						scope: Type.Unsafe<'own' | 'usable'>({
							type: 'string',
							enum: ['own', 'usable'],
							default: 'own',
						}),
					},
					{ additionalProperties: false },
				),
			},
		},
		async (request) => {
			const { scope } = request.query as { scope: 'own' | 'usable' };
			if (scope === 'usable')
				return {
					object: 'list',
					data: (await registry().usableBy(caller(request))).map((cameo) =>
						usableCameoView(cameo, request.caller.id),
					),
				};
			return { object: 'list', data: (await registry().list(caller(request))).map(cameoView) };
		},
	);

	app.get(
		'/v1/cameos/:id',
		{
			schema: {
				summary: 'One of your cameos.',
				tags: ['cameos'],
				params: IdParams,
				response: { 200: CameoResponse },
			},
		},
		async (request) => cameoView(await registry().get(cameoId(request), caller(request))),
	);

	const upload = async (request: FastifyRequest, reply: FastifyReply) => {
		const { id } = request.params as { id: string };
		const body = rawBody(request.body, 'recording', RECORDING_TYPES);
		await registry().get(id, caller(request));
		return inScratch(services.config.dataDir, 'cameo-', async (dir) => {
			const file = join(dir, 'recording');
			await saveRawBody(body, file, {
				maxBytes: MAX_RECORDING_BYTES,
				code: 'upload_too_large',
				message: `Recordings are limited to ${MAX_RECORDING_BYTES / 1024 / 1024} MiB.`,
			});
			const cameo = await registry().submitRecording(id, caller(request), file);
			if (cameo.status === 'active') return reply.code(200).send(cameoView(cameo));
			const rejection = cameo.rejection!;
			return reply.code(422).send({
				error: {
					code: `cameo_${rejection.code}`,
					message: rejection.reason,
					details: [{ path: '/body', message: rejection.reason }],
				},
				cameo: cameoView(cameo),
			});
		});
	};
	const recordingSchema = {
		summary:
			'Upload the registration recording (raw video/mp4 or video/webm): accepted when a face is present and the script was read aloud; 422 with the reason otherwise.',
		tags: ['cameos'],
		params: IdParams,
	};
	app.put('/v1/cameos/:id/recording', { schema: recordingSchema }, upload);
	app.post('/v1/cameos/:id/recording', { schema: recordingSchema }, upload);

	app.patch(
		'/v1/cameos/:id',
		{
			schema: {
				summary: 'Change who may use the cameo.',
				tags: ['cameos'],
				params: IdParams,
				body: Type.Object(
					{ privacy: Type.Optional(Privacy), allowedKeyIds: Type.Optional(AllowedKeyIds) },
					{ additionalProperties: false, minProperties: 1 },
				),
				response: { 200: CameoResponse },
			},
		},
		async (request) =>
			cameoView(
				await registry().setPrivacy(
					cameoId(request),
					caller(request),
					request.body as { privacy?: (typeof PRIVACY_LEVELS)[number] },
				),
			),
	);

	app.delete(
		'/v1/cameos/:id',
		{
			schema: {
				summary:
					'Revoke the cameo: its likeness is deleted, renders still using it fail, published ones are unpublished.',
				tags: ['cameos'],
				params: IdParams,
				response: { 200: CameoResponse },
			},
		},
		async (request) => cameoView(await registry().revoke(cameoId(request), caller(request))),
	);

	app.post(
		'/v1/cameos/:id/consent',
		{
			schema: {
				summary:
					'Grant or withdraw consent to a further use of the cameo (voice cloning), audited. Granting clones the recorded voice now; withdrawing deletes the clone at the provider.',
				tags: ['cameos'],
				params: IdParams,
				body: Type.Object(Consents.properties, {
					additionalProperties: false,
					minProperties: 1,
				}),
				response: { 200: CameoResponse },
			},
		},
		async (request) =>
			cameoView(
				await registry().setConsent(
					cameoId(request),
					caller(request),
					request.body as { voiceCloning?: boolean },
				),
			),
	);

	app.get(
		'/v1/cameos/:id/audit',
		{
			schema: {
				summary:
					'Every registration step, privacy change, use and refused use of the cameo, newest first (owner only).',
				tags: ['cameos'],
				params: IdParams,
				querystring: Type.Object(
					{ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) },
					{ additionalProperties: false },
				),
			},
		},
		async (request) => ({
			object: 'list',
			data: await registry().audit(
				cameoId(request),
				caller(request),
				(request.query as { limit: number }).limit,
			),
		}),
	);
};

export default cameos;

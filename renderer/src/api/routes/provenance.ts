/**
 * GET /v1/renders/:id/provenance: the C2PA manifest signed into a render's video, as JSON.
 * `?verify=true` re-reads the stored file with the independent reader and reports whether it
 * still validates (it fails after any change to the file).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { inScratch } from '../../jobs/scratch';
import { join } from 'node:path';
import { ApiError } from '../../spec/errors';

const provenance: FastifyPluginAsync = async (app) => {
	const { services } = app;

	app.get(
		'/v1/renders/:id/provenance',
		{
			schema: {
				summary:
					"The render's C2PA manifest (claim generator, actions with digital source type, ingredients, signature); ?verify=true re-validates the stored file.",
				tags: ['renders'],
				params: Type.Object(
					{ id: Type.String({ pattern: '^rnd_[0-9a-z]+$' }) },
					{ additionalProperties: false },
				),
				querystring: Type.Object(
					{ verify: Type.Boolean({ default: false }) },
					{ additionalProperties: false },
				),
				response: {
					200: Type.Object(
						{},
						{
							additionalProperties: true,
							description: '{renderId, signed, manifest, verification?}',
						},
					),
				},
			},
		},
		async (request) => {
			const { id } = request.params as { id: string };
			const { verify } = request.query as { verify: boolean };
			const record = await services.renders.get(id, request.caller);
			if (!record.provenance?.signed || !record.provenance.manifest) {
				throw new ApiError(
					404,
					'provenance_not_found',
					`Render ${id} carries no C2PA manifest${record.status === 'completed' ? ' (signing was off for it)' : ` yet (status ${record.status})`}.`,
				);
			}
			const answer: Record<string, unknown> = {
				renderId: id,
				signed: true,
				manifest: record.provenance.manifest,
			};
			if (verify) {
				const { signer } = services;
				const video = record.outputs.video;
				if (!signer || !video)
					throw new ApiError(
						503,
						'provenance_unavailable',
						'Verification needs the signer and the stored video.',
					);
				await inScratch(services.config.dataDir, 'provenance-', async (dir) => {
					const file = join(dir, 'video.mp4');
					await services.storage.download(video.key, file);
					const read = await signer.read(file);
					answer.verification = {
						valid: read.valid,
						errors: read.errors,
						validationState: read.manifest?.validation_state ?? null,
					};
				});
			}
			return answer;
		},
	);
};

export default provenance;

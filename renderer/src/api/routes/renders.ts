import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorResponse, errorResponses } from '../schemas';
import { isTerminal, type RenderRecord } from '../../jobs/renderRecord';
import { ApiError } from '../../spec/errors';
import { CoverageSchema, PlannerRecordSchema } from '../../spec/coverage';
import { RenderSpecSchema } from '../../spec/renderSpec';
import { renderView } from '../../jobs/renderView';
import { sendObject } from '../sendObject';

const IdParams = Type.Object(
	{ id: Type.String({ pattern: '^rnd_[0-9a-z]+$' }) },
	{ additionalProperties: false },
);
const RenderResponse = Type.Object(
	{
		coverage: Type.Optional(Type.Ref(CoverageSchema)),
		planner: Type.Optional(PlannerRecordSchema),
	},
	{
		additionalProperties: true,
		description:
			'A render: status, progress, stage, timings, outputs (links), moderation, warnings, coverage (what the prompts name and whether the video shows it), the planner that wrote the shots, error.',
	},
);

const VARIANT_FILES = {
	video: 'video.mp4',
	poster: 'poster.jpg',
	thumbnail: 'thumbnail.jpg',
	captions: 'captions.vtt',
} as const;

const renders: FastifyPluginAsync = async (app) => {
	const { services } = app;
	const view = (r: RenderRecord) => renderView(r, services.config.publicUrl);

	app.post(
		'/v1/renders',
		{
			schema: {
				summary: 'Start a render. The same Idempotency-Key returns the same render.',
				tags: ['renders'],
				headers: Type.Object({
					'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
				}),
				body: Type.Ref(RenderSpecSchema),
				response: {
					201: RenderResponse,
					200: RenderResponse,
					...errorResponses(400, 403, 409, 422, 429),
				},
			},
		},
		async (request, reply) => {
			const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
			// A client that closes the connection before the answer gets no render made, or, past
			// the point of no return, an accepted render that is logged as such (see below).
			const clientGone = new AbortController();
			const onClose = () => {
				if (!reply.raw.writableFinished) clientGone.abort();
			};
			reply.raw.once('close', onClose);
			const { record, created } = await services.renders.create(request.body, request.caller, {
				idempotencyKey,
				clientGone: clientGone.signal,
				schemaChecked: true,
			});
			if (created && clientGone.signal.aborted)
				request.log.info(
					{ renderId: record.id, idempotencyKey },
					'client closed the connection after the render was accepted; it runs and is listed',
				);
			if (created) services.metrics.rendersCreated.inc({ provider: record.spec.provider });
			return reply
				.code(created ? 201 : 200)
				.header('Location', `/v1/renders/${record.id}`)
				.send(view(record));
		},
	);

	app.get(
		'/v1/renders',
		{
			schema: {
				summary: "List the caller's renders, newest first (cursor pagination).",
				tags: ['renders'],
				querystring: Type.Object(
					{
						cursor: Type.Optional(
							Type.String({
								pattern: '^rnd_[0-9a-z]+$',
								description: 'nextCursor of the previous page.',
							}),
						),
						limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
						status: Type.Optional(
							Type.Unsafe<string>({
								type: 'string',
								enum: ['queued', 'rendering', 'completed', 'failed', 'canceled'],
							}),
						),
					},
					{ additionalProperties: false },
				),
			},
		},
		async (request) => {
			const query = request.query as { cursor?: string; limit: number; status?: string };
			const page = await services.renders.list(request.caller, query);
			return { object: 'list', data: page.data.map(view), nextCursor: page.nextCursor };
		},
	);

	app.get(
		'/v1/renders/:id',
		{
			schema: {
				summary: 'A render.',
				tags: ['renders'],
				params: IdParams,
				response: { 200: RenderResponse, 404: ErrorResponse },
			},
		},
		async (request) => {
			const { id } = request.params as { id: string };
			return view(await services.renders.get(id, request.caller));
		},
	);

	app.delete(
		'/v1/renders/:id',
		{
			schema: {
				summary:
					'Cancel a render that is still running (200, kept as canceled); delete a finished one and its files (204).',
				tags: ['renders'],
				params: IdParams,
			},
		},
		async (request, reply) => {
			const { id } = request.params as { id: string };
			const record = await services.renders.get(id, request.caller);
			if (!isTerminal(record.status))
				return reply.code(200).send(view(await services.renders.cancel(id, request.caller)));
			await services.renders.delete(id, request.caller);
			return reply.code(204).send();
		},
	);

	app.get(
		'/v1/renders/:id/content',
		{
			schema: {
				summary:
					'The video (video/mp4, HTTP Range) or a variant: thumbnail, poster, captions (WebVTT).',
				tags: ['renders'],
				params: IdParams,
				querystring: Type.Object(
					{
						variant: Type.Unsafe<keyof typeof VARIANT_FILES>({
							type: 'string',
							enum: Object.keys(VARIANT_FILES),
							default: 'video',
						}),
					},
					{ additionalProperties: false },
				),
			},
		},
		async (request, reply) => {
			const { id } = request.params as { id: string };
			const { variant } = request.query as { variant: keyof typeof VARIANT_FILES };
			const record = await services.renders.get(id, request.caller);
			if (record.status !== 'completed')
				throw ApiError.conflict(
					'render_not_completed',
					`The render is ${record.status}; content exists once it is completed.`,
				);
			const output = record.outputs[variant];
			if (!output) throw ApiError.notFound(`The ${variant} of render ${id}`);
			return sendObject(
				request,
				reply,
				services.storage,
				output.key,
				`${id}-${VARIANT_FILES[variant]}`,
			);
		},
	);

	app.get(
		'/v1/renders/:id/events',
		{
			schema: {
				summary: 'Server-sent events: `progress`, `stage`, then `done` with the final render.',
				tags: ['renders'],
				params: IdParams,
			},
		},
		async (request, reply) => {
			const { id } = request.params as { id: string };
			let last = await services.renders.get(id, request.caller);
			reply.hijack();
			const res = reply.raw;
			res.writeHead(200, {
				'Content-Type': 'text/event-stream',
				'Cache-Control': 'no-cache',
				Connection: 'keep-alive',
				'X-Accel-Buffering': 'no',
			});
			const send = (event: string, data: unknown) =>
				res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
			let closed = false;
			const finish = () => {
				if (closed) return;
				closed = true;
				clearInterval(poll);
				clearInterval(ping);
				services.renders.events.off('update', onUpdate);
				res.end();
			};
			const emit = (record: RenderRecord, first = false) => {
				if (closed) return;
				if (first || record.stage !== last.stage)
					send('stage', { id, stage: record.stage, status: record.status });
				const shotsMoved =
					JSON.stringify(record.shotProgress) !== JSON.stringify(last.shotProgress);
				if (
					first ||
					record.progress !== last.progress ||
					record.status !== last.status ||
					shotsMoved
				)
					send('progress', {
						id,
						status: record.status,
						progress: record.progress,
						stage: record.stage,
						...(record.shotProgress ? { shots: record.shotProgress } : {}),
					});
				last = record;
				if (isTerminal(record.status)) {
					send('done', view(record));
					finish();
				}
			};
			// Updates made in this process arrive at once; those of workers in other processes are polled.
			const onUpdate = (record: RenderRecord) => record?.id === id && emit(record);
			services.renders.events.on('update', onUpdate);
			const poll = setInterval(async () => {
				const record = await services.renders.records.get(id).catch(() => undefined);
				if (record && record.updatedAt !== last.updatedAt) emit(record);
			}, 1000);
			const ping = setInterval(() => res.write(': ping\n\n'), 15000);
			request.raw.on('close', finish);
			emit(last, true);
		},
	);
};

export default renders;

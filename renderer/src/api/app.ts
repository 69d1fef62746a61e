import { VERSION } from '../version';
import Fastify, {
	type FastifyInstance,
	type FastifyReply,
	type FastifyServerOptions,
} from 'fastify';
import swagger from '@fastify/swagger';
import type { KeyRecord } from '../auth/keys';
import type { Services } from '../services';
import { ApiError, ServiceUnavailableError } from '../spec/errors';
import { CoverageSchema } from '../spec/coverage';
import { ErrorResponseSchema } from './schemas';
import { RenderSpecSchema } from '../spec/renderSpec';
import {
	createBodyAjv,
	createParamsAjv,
	shotsMissingPrompt,
	toFieldErrors,
} from '../spec/validate';
import { registerRoutes } from './routes';

declare module 'fastify' {
	interface FastifyInstance {
		services: Services;
		/** Every route registered, for the OpenAPI completeness check. */
		routeTable: Array<{ method: string; url: string; documented: boolean }>;
	}
	interface FastifyRequest {
		/** The API key of the request; set by the auth hook on every non-public route. */
		caller: KeyRecord;
		/** Set on public routes when a valid key was sent anyway (the feed shows more to its owner). */
		optionalCaller?: KeyRecord;
	}
	interface FastifyContextConfig {
		/** No key needed (health, readiness, OpenAPI, metrics, the public feed). */
		public?: boolean;
	}
}

/** ioredis's ways of saying Redis cannot be reached. */
function isRedisOutage(error: unknown): boolean {
	const { name, message } = (error ?? {}) as { name?: string; message?: string };
	return (
		name === 'MaxRetriesPerRequestError' ||
		/^(Connection is closed\.|Stream isn't writeable|Command timed out)/.test(message ?? '')
	);
}

/**
 * The HTTP API. Routes validate, authorise and hand over to services; they know nothing of ffmpeg.
 * Request schemas are TypeBox, validated by the same strict ajv the CLI uses, and the OpenAPI
 * document is generated from them.
 */
export async function buildApp(
	services: Services,
	options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
	const app = Fastify({
		logger: options.logger ?? { level: services.config.logLevel },
		bodyLimit: 1024 * 1024,
		trustProxy: true,
		// Errors Fastify raises before routing (a path that is not valid percent-encoding) answer
		// in the API's error shape too, not Fastify's default one (found by the fuzz suite).
		frameworkErrors: (_error, _request, reply) => {
			void (reply as unknown as FastifyReply)
				.code(400)
				.send(
					new ApiError(400, 'invalid_url', 'The request path is not valid percent-encoding.', [
						{ path: '/params', message: 'not a valid URL component' },
					]).toJSON(),
				);
		},
	});

	const bodyAjv = createBodyAjv();
	const paramsAjv = createParamsAjv();
	bodyAjv.addSchema(RenderSpecSchema);
	app.setValidatorCompiler(({ schema, httpPart }) =>
		(httpPart === 'body' ? bodyAjv : paramsAjv).compile(schema),
	);
	app.addSchema(RenderSpecSchema);
	app.addSchema(CoverageSchema);
	app.addSchema(ErrorResponseSchema);

	app.decorate('services', services);
	const routeTable: FastifyInstance['routeTable'] = [];
	app.decorate('routeTable', routeTable);
	app.addHook('onRoute', (route) => {
		for (const method of [route.method].flat()) {
			if (method !== 'HEAD')
				routeTable.push({
					method,
					url: route.url,
					documented: !(route.schema as { hide?: boolean } | undefined)?.hide,
				});
		}
	});
	app.decorateRequest('caller', null as unknown as KeyRecord);
	app.decorateRequest('optionalCaller', undefined);

	await app.register(swagger, {
		openapi: {
			openapi: '3.1.0',
			info: {
				title: 'Reelforge renderer API',
				version: VERSION,
				description:
					'Render, remix, moderate and publish AI video. Every error is `{error:{code,message,details:[{path,message}]}}` with the JSON pointer of each failing field.',
			},
			servers: [{ url: services.config.publicUrl }],
			components: {
				securitySchemes: {
					bearerAuth: {
						type: 'http',
						scheme: 'bearer',
						description: 'An API key made with `reelforge keys create`.',
					},
					adminKey: {
						type: 'http',
						scheme: 'bearer',
						description: 'The operator key REELFORGE_ADMIN_KEY (admin routes only).',
					},
				},
			},
			security: [{ bearerAuth: [] }],
		},
		refResolver: {
			buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
		},
	});

	app.setErrorHandler((error: unknown, request, reply) => {
		if (error instanceof ApiError) {
			return reply.code(error.statusCode).headers(error.headers).send(error.toJSON());
		}
		const err = error as {
			validation?: Parameters<typeof toFieldErrors>[0];
			validationContext?: string;
			statusCode?: number;
			code?: string;
			message?: string;
		};
		if (err.validation) {
			const prefix =
				err.validationContext && err.validationContext !== 'body'
					? `/${err.validationContext}`
					: '';
			return reply.code(400).send(
				ApiError.invalid(`The request ${err.validationContext ?? 'body'} is invalid.`, [
					...toFieldErrors(err.validation, prefix),
					// A RenderSpec's "prompt unless media" is a rule the schema cannot say.
					...(prefix ? [] : shotsMissingPrompt(request.body)),
				]).toJSON(),
			);
		}
		if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
			// Fastify's own client errors (bad JSON, body too large, unsupported media type).
			const code =
				err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
					? 'invalid_json'
					: (err.code ?? 'bad_request').toLowerCase();
			return reply.code(err.statusCode).send({
				error: {
					code,
					message: err.message ?? 'Bad request.',
					details: [{ path: '/', message: err.message ?? 'bad request' }],
				},
			});
		}
		if (isRedisOutage(error)) {
			// A Redis call that was not wrapped (a library's own): still an outage, not a bug.
			const unavailable = new ServiceUnavailableError('job store or queue (Redis)');
			return reply.code(503).headers(unavailable.headers).send(unavailable.toJSON());
		}
		request.log.error({ err: error }, 'unhandled error');
		return reply
			.code(500)
			.send({ error: { code: 'internal', message: 'Internal error.', details: [] } });
	});

	app.setNotFoundHandler((request, reply) =>
		reply.code(404).send({
			error: {
				code: 'not_found',
				message: `No route ${request.method} ${request.url.split('?')[0]}.`,
				details: [],
			},
		}),
	);

	app.addHook('onRequest', async (request) => {
		const header = request.headers.authorization;
		const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
		const isPublic = request.routeOptions.config?.public === true || !request.routeOptions.url;
		if (isPublic) {
			if (token) request.optionalCaller = await services.keys.authenticate(token);
			return;
		}
		if (!token)
			throw new ApiError(
				401,
				'unauthorized',
				'Send an API key as "Authorization: Bearer <key>".',
				[],
				{ 'WWW-Authenticate': 'Bearer' },
			);
		const caller = await services.keys.authenticate(token);
		if (!caller)
			throw new ApiError(401, 'unauthorized', 'The API key is unknown or revoked.', [], {
				'WWW-Authenticate': 'Bearer error="invalid_token"',
			});
		request.caller = caller;
	});

	app.addHook('onResponse', async (request, reply) => {
		services.metrics.httpRequests.inc({
			method: request.method,
			route: request.routeOptions.url ?? 'unmatched',
			status: String(reply.statusCode),
		});
	});

	await registerRoutes(app);
	app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
		app.swagger(),
	);
	return app;
}

export { VERSION };

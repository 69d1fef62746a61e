import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bull';
import { credentialOf, sameSecret } from '../adminAuth';

export interface AdminOptions {
	/** The bull queue renders run on (`BullQueue.queue`). */
	queue: Queue;
	/** Mount point of the board. */
	basePath?: string;
}

const REALM = 'Basic realm="Reelforge admin", charset="UTF-8"';

/**
 * Bull Board over the render queue, for operators. It needs `REELFORGE_ADMIN_KEY` or a pro-tier API
 * key, sent as `Authorization: Bearer <key>`, or as the password of HTTP Basic auth so a browser
 * can open the board (it prompts on the 401).
 */
const admin: FastifyPluginAsync<AdminOptions> = async (app, options) => {
	const basePath = options.basePath ?? '/admin/queues';
	const { services } = app;

	// The board's routes carry no API-key semantics of their own: they skip the API's key check
	// (marked public) and pass the admin check below instead. They stay out of the OpenAPI document.
	app.addHook('onRoute', (route) => {
		route.config = { ...(route.config as object), public: true };
	});

	app.addHook('onRequest', async (request, reply) => {
		const refusal = await authorise(request);
		// Answered here, not thrown: the board installs its own error handler, which would turn a 401 into a 500.
		if (refusal) return sendRefusal(reply, refusal);
		return undefined;
	});

	async function authorise(
		request: FastifyRequest,
	): Promise<{ status: 401 | 403; code: string; message: string } | undefined> {
		const token = credentialOf(request.headers.authorization);
		if (!token)
			return {
				status: 401,
				code: 'unauthorized',
				message: 'The queue board needs REELFORGE_ADMIN_KEY or a pro-tier API key.',
			};
		const adminKey = services.config.adminKey;
		if (adminKey && sameSecret(token, adminKey)) return undefined;
		const caller = await services.keys.authenticate(token);
		if (!caller)
			return { status: 401, code: 'unauthorized', message: 'The key is unknown or revoked.' };
		if (caller.tier !== 'pro')
			return {
				status: 403,
				code: 'tier_forbids',
				message: `The ${caller.tier} tier cannot open the queue board; a pro-tier key or the admin key can.`,
			};
		return undefined;
	}

	const serverAdapter = new FastifyAdapter();
	serverAdapter.setBasePath(basePath);
	createBullBoard({
		queues: [new BullAdapter(options.queue)],
		serverAdapter,
		options: { uiConfig: { boardTitle: 'Reelforge queues' } },
	});
	await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
};

function sendRefusal(
	reply: FastifyReply,
	refusal: { status: number; code: string; message: string },
) {
	if (refusal.status === 401) reply.header('WWW-Authenticate', REALM);
	return reply.code(refusal.status).send({
		error: {
			code: refusal.code,
			message: refusal.message,
			details: [{ path: '/headers/authorization', message: refusal.message }],
		},
	});
}

export default admin;

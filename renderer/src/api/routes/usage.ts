import type { FastifyPluginAsync } from 'fastify';
import { publicKey } from '../../auth/keys';

const usage: FastifyPluginAsync = async (app) => {
	app.get(
		'/v1/usage',
		{ schema: { summary: "The caller's key, tier, today's usage and limits.", tags: ['account'] } },
		async (request) => ({
			key: publicKey(request.caller),
			...(await app.services.quotas.usage(request.caller)),
		}),
	);
};

export default usage;

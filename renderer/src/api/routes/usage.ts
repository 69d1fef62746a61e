import type { FastifyPluginAsync } from 'fastify';
import { publicKey } from '../../auth/keys';

const usage: FastifyPluginAsync = async (app) => {
	app.get(
		'/v1/usage',
		{
			schema: {
				summary:
					"The caller's key, tier, today's usage (renders, output seconds, and output seconds per provider) and limits.",
				tags: ['account'],
			},
		},
		async (request) => ({
			key: publicKey(request.caller),
			...(await app.services.quotas.usage(request.caller)),
			// Output seconds each provider made today (remote generators bill per second).
			providerSecondsToday: await app.services.quotas.providerSecondsToday(
				request.caller.id,
				app.services.providers.all().map((p) => p.id),
			),
		}),
	);
};

export default usage;

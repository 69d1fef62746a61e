import type { FastifyPluginAsync } from 'fastify';
import { VERSION } from '../../version';

const health: FastifyPluginAsync = async (app) => {
	const { services } = app;

	app.get(
		'/health',
		{
			config: { public: true },
			schema: { summary: 'Liveness: the process answers.', tags: ['service'], security: [] },
		},
		async () => ({ status: 'ok', version: VERSION, role: services.role }),
	);

	app.get(
		'/ready',
		{
			config: { public: true },
			schema: {
				summary: 'Readiness: queue and storage reachable.',
				tags: ['service'],
				security: [],
			},
		},
		async (_request, reply) => {
			const [queue, store, storage] = await Promise.all([
				services.queue.ready(),
				services.store.ready(),
				services.storage.ready(),
			]);
			const ready = queue && store && storage;
			return reply
				.code(ready ? 200 : 503)
				.send({ status: ready ? 'ready' : 'not_ready', checks: { queue, store, storage } });
		},
	);

	app.get(
		'/metrics',
		{
			config: { public: true },
			schema: { summary: 'Prometheus metrics.', tags: ['service'], security: [] },
		},
		async (_request, reply) => {
			reply.header('Content-Type', services.metrics.registry.contentType);
			return services.metricsText();
		},
	);
};

export default health;

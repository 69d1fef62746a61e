import type { FastifyInstance } from 'fastify';
import admin from './admin';
import assets from './assets';
import capabilities from './capabilities';
import feed from './feed';
import health from './health';
import remixes from './remixes';
import publish from './publish';
import renders from './renders';
import specs from './specs';
import usage from './usage';
import webhooks from './webhooks';
import moderations from './moderations';
import cameos from './cameos';
import provenance from './provenance';
import providerWebhooks from './providerWebhooks';
import social from './social';
import adminApi from './adminApi';
import feedApp from './feedApp';
import { BullQueue } from '../../queue/bullQueue';

/** Every resource's routes, one plugin per file with its schemas beside its handlers. */
export async function registerRoutes(app: FastifyInstance) {
	await app.register(health);
	await app.register(renders);
	await app.register(remixes);
	await app.register(assets);
	await app.register(specs);
	await app.register(capabilities);
	await app.register(usage);
	await app.register(webhooks);
	await app.register(publish);
	await app.register(feed);
	await app.register(moderations);
	await app.register(cameos);
	await app.register(provenance);
	await app.register(providerWebhooks);
	await app.register(social);
	await app.register(adminApi);
	await app.register(feedApp);
	// Bull Board only has something to show when renders run on bull.
	if (app.services.queue instanceof BullQueue)
		await app.register(admin, { queue: app.services.queue.queue });
}

import type { FastifyInstance } from 'fastify';
import capabilities from './capabilities';
import health from './health';
import remixes from './remixes';
import renders from './renders';
import specs from './specs';
import usage from './usage';

/** Every resource's routes, one plugin per file with its schemas beside its handlers. */
export async function registerRoutes(app: FastifyInstance) {
  await app.register(health);
  await app.register(renders);
  await app.register(remixes);
  await app.register(specs);
  await app.register(capabilities);
  await app.register(usage);
}

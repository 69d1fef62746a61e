import { buildApp } from '../api/app';
import { loadConfig } from '../config';
import { createServices, type Role, type Services } from '../services';

/** Stop taking work, let running renders finish (or requeue them), then exit. */
function onShutdown(services: Services, close: () => Promise<void>) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.log.info({ signal }, 'shutting down: no new jobs; running ones finish or are requeued');
    try {
      await close();
      await services.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function start(role: Role): Promise<number> {
  const config = loadConfig();
  if ((role === 'api' || role === 'worker') && !config.redisUrl) {
    throw new Error(`"reelforge ${role}" shares work through Redis: set REDIS_URL (or use "reelforge serve")`);
  }
  const services = await createServices(config, role);
  services.startDelivery();
  if (role !== 'api') {
    if (services.queue.kind === 'memory') await requeueUnfinished(services);
    services.startWorker();
  }
  if (role === 'worker') {
    services.log.info({ queue: config.queueDriver, concurrency: config.workerConcurrency }, 'worker started');
    onShutdown(services, async () => undefined);
    return -1;
  }
  const app = await buildApp(services);
  await app.listen({ host: config.host, port: config.port });
  services.log.info({ url: config.publicUrl, role, queue: config.queueDriver, store: services.store.kind, storage: services.storage.kind }, 'Reelforge renderer listening');
  process.stdout.write(`Reelforge renderer (${role}) listening on ${config.publicUrl}\n`);
  onShutdown(services, () => app.close());
  return -1;
}

/**
 * The embedded queue lives in memory, so at start every render the store still has as unfinished
 * goes back on it. (bull keeps its own jobs in Redis and hands a dead worker's job to another.)
 */
async function requeueUnfinished(services: Services) {
  const unfinished = await services.renders.unfinished();
  for (const record of unfinished) {
    if (record.status === 'rendering') {
      await services.renders.renders.update(record.id, (r) => (r.status === 'rendering' ? { ...r, status: 'queued', stage: 'queued', progress: 0 } : r));
    }
    await services.queue.enqueue(record.id);
  }
  if (unfinished.length) services.log.info({ count: unfinished.length }, 'requeued unfinished renders');
}

export const runServe = () => start('serve');
export const runApi = () => start('api');
export const runWorker = () => start('worker');
export { requeueUnfinished };

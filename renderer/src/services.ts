import fs from 'node:fs/promises';
import path from 'node:path';
import { KeyService } from './auth/keys';
import { QuotaService } from './auth/quotas';
import { loadTiers, type Tier } from './auth/tiers';
import type { Config } from './config';
import { createRunner } from './jobs/runner';
import { RenderService } from './jobs/renderService';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import type { CameoResolver, Moderator, ProvenanceSigner } from './pipeline/contracts';
import type { VideoProvider } from './providers/provider';
import { ProviderRegistry } from './providers/registry';
import { createTestPatternProvider } from './providers/testpattern';
import { BullQueue } from './queue/bullQueue';
import { MemoryQueue } from './queue/memoryQueue';
import type { JobQueue } from './queue/queue';
import { LocalStorage } from './storage/localStorage';
import type { ObjectStorage } from './storage/storage';
import { openStore } from './store/open';
import type { Store } from './store/store';
import type { EventSink } from './webhooks/webhooks';
import { createModerator, type CameoConsent } from './trust/moderation/moderator';
import { createCameoService } from './trust/cameo/cameoService';
import type { TextRulesConfig } from './trust/moderation/textRules';
import { createProvenanceSigner } from './trust/provenance/signer';
import { createWebhookService, type WebhookService } from './webhooks/service';
import { S3Storage } from './storage/s3Storage';

/** Which parts a process runs: the HTTP API, the worker, or both (`serve`, `render`). */
export type Role = 'serve' | 'api' | 'worker' | 'render';

export interface Services {
  config: Config;
  role: Role;
  log: Logger;
  store: Store;
  storage: ObjectStorage;
  queue: JobQueue;
  tiers: Record<string, Tier>;
  keys: KeyService;
  quotas: QuotaService;
  providers: ProviderRegistry;
  renders: RenderService;
  events: EventSink;
  /** Subscriptions, delivery log and direct sends (publish targets). */
  webhooks: WebhookService;
  metrics: Metrics;
  moderator?: Moderator;
  signer?: ProvenanceSigner;
  cameos?: CameoResolver;
  /** Starts the loop that sends and retries webhook deliveries in this process. */
  startDelivery(): void;
  /** Starts the worker (claims jobs) in this process. */
  startWorker(): void;
  /** Stops taking jobs, lets running ones finish within the grace period, closes connections. */
  close(): Promise<void>;
}

export interface ServiceOverrides {
  providers?: VideoProvider[];
  events?: EventSink;
  moderator?: Moderator | null;
  signer?: ProvenanceSigner | null;
  cameos?: CameoResolver | null;
  logger?: Logger;
}

/** Builds every service from the configuration. Tests pass overrides for parts they replace with fixtures of their own. */
export async function createServices(config: Config, role: Role, overrides: ServiceOverrides = {}): Promise<Services> {
  const log = overrides.logger ?? createLogger(config.logLevel);
  const store: Store = openStore(config);
  const storage: ObjectStorage = config.storageDriver === 's3' ? new S3Storage(config.s3) : new LocalStorage(path.join(config.dataDir, 'objects'));
  const retry = { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs };
  const queue: JobQueue = config.queueDriver === 'bull' ? new BullQueue(config.redisUrl!, retry, config.redisPrefix) : new MemoryQueue(retry);
  const tiers = loadTiers(config.tiersJson);
  const keys = new KeyService(store, Object.keys(tiers));
  const quotas = new QuotaService(store, tiers);
  const providers = new ProviderRegistry(overrides.providers ?? (await defaultProviders()));
  const metrics = createMetrics(queue);
  const trust = await loadTrust(config, overrides, store);
  const renders = new RenderService({ store, queue, storage, quotas, providers, moderator: trust.moderator });
  const webhooks = createWebhookService({ store, keys, config, log: (message, fields) => log.info(fields ?? {}, message) });
  const events = overrides.events ?? webhooks;

  const runRender = createRunner({
    renders,
    storage,
    providers,
    quotas,
    events,
    retry,
    dataDir: config.dataDir,
    cacheDir: config.cacheDir,
    modelsDir: config.modelsDir,
    moderator: trust.moderator,
    signer: trust.signer,
    cameos: trust.cameos,
    log: (message, fields) => log.info(fields ?? {}, message),
    onStageTiming: (stage, seconds) => metrics.stageSeconds.observe({ stage }, seconds),
  });

  let workerStarted = false;
  const services: Services = {
    config,
    role,
    log,
    store,
    storage,
    queue,
    tiers,
    keys,
    quotas,
    providers,
    renders,
    events,
    webhooks,
    metrics,
    ...trust,
    startDelivery() {
      webhooks.start();
    },
    startWorker() {
      if (workerStarted) return;
      workerStarted = true;
      queue.process(async (renderId, job) => {
        const end = metrics.renderSeconds.startTimer();
        try {
          await runRender(renderId, job);
        } finally {
          const record = await renders.renders.get(renderId).catch(() => undefined);
          if (record) metrics.rendersFinished.inc({ status: record.status });
          end();
        }
      }, config.workerConcurrency);
    },
    async close() {
      await queue.close(config.shutdownGraceMs);
      await webhooks.stop();
      await (trust.signer as { close?: () => Promise<void> } | undefined)?.close?.();
      await store.close();
    },
  };
  return services;
}

async function defaultProviders(): Promise<VideoProvider[]> {
  const providers: VideoProvider[] = [createTestPatternProvider()];
  try {
    const local = (await import('./providers/local')) as { createLocalProvider: () => VideoProvider };
    providers.unshift(local.createLocalProvider());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
  }
  return providers;
}


/** Trust & safety from the configuration; tests may replace a part or turn it off with `null`. */
async function loadTrust(config: Config, overrides: ServiceOverrides, store: Store) {
  const pick = <T>(override: T | null | undefined, make: () => T): T | undefined => (override === null ? undefined : (override ?? make()));
  const lists = config.moderation.listsPath ? (JSON.parse(await fs.readFile(config.moderation.listsPath, 'utf8')) as TextRulesConfig) : {};
  // The cameo registry is also the moderator's consent check (a named real person needs a usable cameo).
  const cameos = pick<CameoResolver>(overrides.cameos, () => createCameoService({ store, dataDir: config.dataDir, realPeople: lists.realPeople }));
  const consent = cameos && typeof (cameos as Partial<CameoConsent>).consentedPeople === 'function' ? (cameos as CameoResolver & CameoConsent) : undefined;
  const moderator = pick(overrides.moderator, () =>
    createModerator({
      ...lists,
      cameos: consent,
      policy: config.moderation.policyJson ? JSON.parse(config.moderation.policyJson) : undefined,
      openai: config.moderation.openaiApiKey ? { apiKey: config.moderation.openaiApiKey, baseUrl: config.moderation.openaiBaseUrl } : false,
    }),
  );
  const signer = pick(overrides.signer, () => createProvenanceSigner({ dataDir: config.dataDir, ...config.c2pa }));
  return { moderator, signer, cameos };
}

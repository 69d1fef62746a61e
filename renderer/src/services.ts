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
import type { Moderator, ProvenanceSigner } from './pipeline/contracts';
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
import { createModerator } from './trust/moderation/moderator';
import { guardFromConfig, openaiFromConfig } from './trust/moderation/moderationConfig';
import { createCameoService, type CameoService } from './trust/cameo/cameoService';
import { createPublishService, type PublishService } from './publish/service';
import { withdrawOnCameoRevoke } from './jobs/cameoRevocation';
import { createLocalProvider } from './providers/local';
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
	cameos?: CameoService;
	/** Publishing to the feed, webhook targets and S3, behind the moderation gate. */
	publisher: PublishService;
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
	cameos?: CameoService | null;
	logger?: Logger;
}

/** Builds every service from the configuration. Tests pass overrides for parts they replace with fixtures of their own. */
export async function createServices(
	config: Config,
	role: Role,
	overrides: ServiceOverrides = {},
): Promise<Services> {
	const log = overrides.logger ?? createLogger(config.logLevel);
	const logInfo = (message: string, fields?: Record<string, unknown>) =>
		log.info(fields ?? {}, message);
	const store: Store = openStore(config);
	const storage: ObjectStorage =
		config.storageDriver === 's3'
			? new S3Storage(config.s3)
			: new LocalStorage(path.join(config.dataDir, 'objects'));
	const retry = { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs };
	const queue: JobQueue =
		config.queueDriver === 'bull'
			? new BullQueue(config.redisUrl!, retry, config.redisPrefix)
			: new MemoryQueue(retry);
	const tiers = loadTiers(config.tiersJson);
	const keys = new KeyService(store, Object.keys(tiers));
	const quotas = new QuotaService(store, tiers);
	const providers = new ProviderRegistry(overrides.providers ?? defaultProviders(config));
	const metrics = createMetrics(queue);
	const trust = await loadTrust(config, overrides, store);
	const renders = new RenderService({
		store,
		queue,
		storage,
		quotas,
		providers,
		moderator: trust.moderator,
	});
	const webhooks = createWebhookService({ store, keys, config, log: logInfo });
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
		log: logInfo,
		onStageTiming: (stage, seconds) => metrics.stageSeconds.observe({ stage }, seconds),
	});

	const publisher = createPublishService({ store, storage, renders, events, webhooks, config });
	const stopRevocation = trust.cameos
		? withdrawOnCameoRevoke({ cameos: trust.cameos, renders, queue, publisher, keys, log: logInfo })
		: () => undefined;

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
		publisher,
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
			stopRevocation();
			await queue.close(config.shutdownGraceMs);
			await webhooks.stop();
			await (trust.signer as { close?: () => Promise<void> } | undefined)?.close?.();
			await store.close();
		},
	};
	return services;
}

function defaultProviders(config: Config): VideoProvider[] {
	return [createLocalProvider({ modelsDir: config.modelsDir }), createTestPatternProvider()];
}

/** Trust & safety from the configuration; tests may replace a part or turn it off with `null`. */
async function loadTrust(config: Config, overrides: ServiceOverrides, store: Store) {
	const pick = <T>(override: T | null | undefined, make: () => T): T | undefined =>
		override === null ? undefined : (override ?? make());
	const lists = config.moderation.listsPath
		? (JSON.parse(await fs.readFile(config.moderation.listsPath, 'utf8')) as TextRulesConfig)
		: {};
	// The cameo registry is also the moderator's consent check (a named real person needs a usable cameo).
	const cameos = pick<CameoService>(overrides.cameos, () =>
		createCameoService({ store, dataDir: config.dataDir, realPeople: lists.realPeople }),
	);
	const moderator = pick(overrides.moderator, () =>
		createModerator({
			...lists,
			cameos,
			policy: config.moderation.policyJson ? JSON.parse(config.moderation.policyJson) : undefined,
			openai: openaiFromConfig(config.moderation),
			guard: guardFromConfig(config.moderation),
		}),
	);
	const signer = pick(overrides.signer, () =>
		createProvenanceSigner({ dataDir: config.dataDir, ...config.c2pa }),
	);
	return { moderator, signer, cameos };
}

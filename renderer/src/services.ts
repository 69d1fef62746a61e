import fs from 'node:fs/promises';
import path from 'node:path';
import { KeyService } from './auth/keys';
import { QuotaService } from './auth/quotas';
import { loadTiers, type Tier } from './auth/tiers';
import type { Config } from './config';
import { createRunner } from './jobs/runner';
import { removeDeadScratch } from './jobs/scratch';
import { RenderService, type StoryWriter } from './jobs/renderService';
import type { RenderRecord } from './jobs/renderRecord';
import { createLogger, type Logger } from './logger';
import { configureMedia } from './media/ffmpeg';
import { createMetrics, metricsText, type Metrics } from './metrics';
import { Outbound, type Resolver } from './net/outbound';
import { createRoutedProvider } from './shots/routedProvider';
import type { Moderator, ProvenanceSigner } from './pipeline/contracts';
import type { VideoProvider } from './providers/provider';
import { ProviderRegistry } from './providers/registry';
import { createTestPatternProvider } from './providers/testpattern';
import type { BullQueue } from './queue/bullQueue';
import { MemoryQueue } from './queue/memoryQueue';
import { ProcessQueue } from './queue/processQueue';
import { storeHandlers } from './store/ipcStore';
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
import { createRemixProvider } from './providers/remix';
import { createRemoteVoices, createVoiceCloner } from './voices';
import { doorFetch } from './voices/http';
import type { TextRulesConfig } from './trust/moderation/textRules';
import { createProvenanceSigner } from './trust/provenance/signer';
import { createWebhookService, type WebhookService } from './webhooks/service';
import type { S3Storage } from './storage/s3Storage';
import { createRemoteProviders } from './providers/remote';
import type { PollingPolicy } from './providers/remote/runner';
import { MemoryWakeBus, RedisWakeBus, type WakeBus } from './providers/remote/wake';
import { createSocialService, type SocialService } from './social/service';
import { adminStats } from './admin/stats';
import { createModelStoryWriter } from './story/modelStoryWriter';

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
	/** The one door for outbound HTTP (remix URLs, webhooks, publish targets, provider downloads). */
	outbound: Outbound;
	/** Subscriptions, delivery log and direct sends (publish targets). */
	webhooks: WebhookService;
	metrics: Metrics;
	moderator?: Moderator;
	signer?: ProvenanceSigner;
	cameos?: CameoService;
	/** Publishing to the feed, webhook targets and S3, behind the moderation gate. */
	publisher: PublishService;
	/** Wakes remote-clip poll loops when a provider's completion event arrives (any process). */
	clipWake: WakeBus;
	/** The feed's social side: item views, likes, reports and their review, provenance badges. */
	social: SocialService;
	/** Prometheus metrics of this service, a render process's included. */
	metricsText(): Promise<string>;
	/** The operator's overview for the admin API. */
	adminStats(options: { window: number; failures: number }): ReturnType<typeof adminStats>;
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
	/** Who writes prompt-only storyboards besides the rules; `null` turns a configured model off. */
	storyWriter?: StoryWriter | null;
	/**
	 * The one render this process was started for (`reelforge render`) is about to be admitted: the
	 * threads it will need (the frame models', and the signer's when `sign`) start loading now, on the
	 * core that is otherwise idle while the service is set up and the spec admitted (~2 s).
	 */
	prepareRender?: { sign: boolean };
	logger?: Logger;
	/** The outbound door's resolver (tests make `*.test` names resolve where they need). */
	resolve?: Resolver;
	/** Poll timing of remote providers (tests make it short). */
	remotePolling?: Partial<PollingPolicy>;
	/** The store to use instead of the configured one (the render process asks its parent's). */
	store?: Store;
	/**
	 * Renders in a child process instead of this one (`reelforge serve`, embedded queue): the
	 * entry module and node options of the child (tests run it from TypeScript).
	 */
	renderProcess?: { entry?: string; execArgv?: string[]; env?: Record<string, string> };
}

// The AWS SDK and bull (with ioredis) are loaded only when the configuration picks them: a
// `reelforge render` on local storage and the in-memory queue starts ~0.5 s sooner without them.
const loadS3Storage = (): typeof S3Storage =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('./storage/s3Storage') as typeof import('./storage/s3Storage')).S3Storage;
const loadBullQueue = (): typeof BullQueue =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('./queue/bullQueue') as typeof import('./queue/bullQueue')).BullQueue;

/** Builds every service from the configuration. Tests pass overrides for parts they replace with fixtures of their own. */
export async function createServices(
	config: Config,
	role: Role,
	overrides: ServiceOverrides = {},
): Promise<Services> {
	configureMedia(config.media);
	const log = overrides.logger ?? createLogger(config.logLevel);
	const logInfo = (message: string, fields?: Record<string, unknown>) =>
		log.info(fields ?? {}, message);
	const store: Store = overrides.store ?? openStore(config);
	const outbound = new Outbound({ allow: config.fetchAllow, resolve: overrides.resolve });
	const storage: ObjectStorage =
		config.storageDriver === 's3'
			? new (loadS3Storage())(config.s3, outbound.sdkHandlerOptions())
			: new LocalStorage(path.join(config.dataDir, 'objects'));
	const retry = { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs };
	const queue: JobQueue =
		config.queueDriver === 'bull'
			? new (loadBullQueue())(config.redisUrl!, retry, {
					prefix: config.redisPrefix,
					lockMs: config.jobLockMs,
					log: logInfo,
				})
			: overrides.renderProcess
				? new ProcessQueue(
						{
							entry:
								overrides.renderProcess.entry ??
								path.join(__dirname, 'cli', `renderChild${path.extname(__filename)}`),
							execArgv: overrides.renderProcess.execArgv,
							env: overrides.renderProcess.env,
							handlers: storeHandlers(store),
							onUpdate: (record) => renders.records.relay(record as RenderRecord),
							recover: () => renders.requeueUnfinished().then(() => undefined),
							log: logInfo,
						},
						config.workerConcurrency,
					)
				: new MemoryQueue(retry);
	const tiers = loadTiers(config.tiersJson);
	const keys = new KeyService(store, Object.keys(tiers));
	const quotas = new QuotaService(store, tiers);
	// Jobs may run in another process than the API that receives a provider's webhook (bull).
	const clipWake: WakeBus =
		config.queueDriver === 'bull' && config.redisUrl
			? new RedisWakeBus(config.redisUrl, config.redisPrefix)
			: new MemoryWakeBus();
	const providers = new ProviderRegistry(
		overrides.providers ?? [
			...defaultProviders(config, outbound),
			...createRemoteProviders(config.remoteProviders.instances, {
				wake: clipWake,
				log: logInfo,
				polling: overrides.remotePolling,
				outbound,
			}),
		],
	);
	providers.useShotRouting(createRoutedProvider({ providers, storage, outbound }));
	providers.useStoredVideo(createRemixProvider());
	const metrics = createMetrics(queue);
	const trust = await loadTrust(config, overrides, store, outbound);
	const webhooks = createWebhookService({ store, keys, outbound, config, log: logInfo });
	const renders = new RenderService({
		store,
		queue,
		storage,
		quotas,
		providers,
		moderator: trust.moderator,
		cameos: trust.cameos,
		checkWebhookUrl: webhooks.checkTarget,
		checkMediaUrl: (url, pointer) => outbound.check(url, { pointer }),
		storyWriter:
			overrides.storyWriter === null
				? undefined
				: (overrides.storyWriter ??
					(config.planner.url
						? createModelStoryWriter({
								...config.planner,
								url: config.planner.url,
								outbound,
								log: logInfo,
							})
						: undefined)),
	});
	const events = overrides.events ?? webhooks;

	const runRender = createRunner({
		renders,
		storage,
		providers,
		quotas,
		events,
		keys,
		retry,
		dataDir: config.dataDir,
		cacheDir: config.cacheDir,
		modelsDir: config.modelsDir,
		moderator: trust.moderator,
		signer: trust.signer,
		cameos: trust.cameos,
		outbound,
		log: logInfo,
		onStageTiming: (stage, seconds) => metrics.stageSeconds.observe({ stage }, seconds),
	});

	const publisher = createPublishService({
		store,
		storage,
		renders,
		events,
		webhooks,
		outbound,
		config,
	});
	const social = createSocialService({
		store,
		publisher,
		findRender: (id) => renders.records.get(id),
		providers,
		cameos: trust.cameos,
		publicUrl: config.publicUrl,
		reportThreshold: config.reportThreshold,
	});
	// Cloned cameo voices whose deletion at the provider failed (an outage during a revocation) are
	// retried now and every 15 minutes.
	const sweepVoices = () =>
		trust.cameos
			?.sweepVoiceDeletions()
			.catch((error: Error) =>
				logInfo('cloned voice deletion sweep failed', { error: error.message }),
			);
	const voiceSweep = config.speech.elevenlabs ? setInterval(sweepVoices, 15 * 60_000) : undefined;
	voiceSweep?.unref();
	if (voiceSweep) void sweepVoices();
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
		outbound,
		webhooks,
		publisher,
		clipWake,
		social,
		adminStats: (options) =>
			adminStats(
				{
					queue,
					recentRenders: (limit) => renders.records.list({ limit }),
					providers: () => providers.capabilities(),
					reports: () => social.reportCounts(),
				},
				options,
			),
		metrics,
		metricsText: () =>
			metricsText(metrics, queue instanceof ProcessQueue ? () => queue.renderMetrics() : undefined),
		...trust,
		startDelivery() {
			webhooks.start();
		},
		startWorker() {
			if (workerStarted) return;
			workerStarted = true;
			// Scratch left by workers that died on this host (kill -9, OOM) is removed at start.
			removeDeadScratch(config.dataDir)
				.then((n) => n && logInfo('removed scratch folders of dead workers', { count: n }))
				.catch((error: unknown) =>
					logInfo('could not clean scratch folders', { error: (error as Error).message }),
				);
			queue.process(
				async (renderId, job) => {
					const end = metrics.renderSeconds.startTimer();
					try {
						await runRender(renderId, job);
					} finally {
						const record = await renders.records.get(renderId).catch(() => undefined);
						if (record) metrics.rendersFinished.inc({ status: record.status });
						end();
					}
				},
				config.workerConcurrency,
				{ abandoned: (renderId, reason) => runRender.abandon(renderId, reason) },
			);
		},
		async close() {
			stopRevocation();
			if (voiceSweep) clearInterval(voiceSweep);
			await queue.close(config.shutdownGraceMs);
			runRender.stop();
			await webhooks.stop();
			await clipWake.close();
			await (trust.signer as { close?: () => Promise<void> } | undefined)?.close?.();
			await store.close();
		},
	};
	return services;
}

function defaultProviders(config: Config, outbound: Outbound): VideoProvider[] {
	return [
		createLocalProvider({
			modelsDir: config.modelsDir,
			remoteVoices: createRemoteVoices(config.speech, doorFetch(outbound)),
		}),
		createTestPatternProvider(),
	];
}

/** Trust & safety from the configuration; tests may replace a part or turn it off with `null`. */
async function loadTrust(
	config: Config,
	overrides: ServiceOverrides,
	store: Store,
	outbound: Outbound,
) {
	const pick = <T>(override: T | null | undefined, make: () => T): T | undefined =>
		override === null ? undefined : (override ?? make());
	const signer = pick(overrides.signer, () =>
		createProvenanceSigner({ dataDir: config.dataDir, ...config.c2pa }),
	);
	if (overrides.prepareRender?.sign) signer?.prepare?.();
	const lists = config.moderation.listsPath
		? (JSON.parse(await fs.readFile(config.moderation.listsPath, 'utf8')) as TextRulesConfig)
		: {};
	// The cameo registry is also the moderator's consent check (a named real person needs a usable cameo).
	const cameos = pick<CameoService>(overrides.cameos, () =>
		createCameoService({
			store,
			dataDir: config.dataDir,
			realPeople: lists.realPeople,
			voiceCloner: createVoiceCloner(config.speech, doorFetch(outbound)),
		}),
	);
	const moderator = pick(overrides.moderator, () =>
		createModerator({
			...lists,
			cameos,
			policy: config.moderation.policyJson ? JSON.parse(config.moderation.policyJson) : undefined,
			// Operator-configured endpoints, asked through the service's outbound door (trusted policy).
			openai: withDoor(openaiFromConfig(config.moderation), outbound),
			guard: withDoor(guardFromConfig(config.moderation), outbound),
			preloadVideoModels: overrides.prepareRender !== undefined,
		}),
	);
	return { moderator, signer, cameos };
}

function withDoor<T extends object>(
	settings: T | false,
	outbound: Outbound,
): (T & { outbound: Outbound }) | false {
	return settings && { ...settings, outbound };
}

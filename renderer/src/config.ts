/**
 * Every setting of the renderer, read once from the environment. The README's configuration
 * table lists the same variables; `describeConfig()` keeps the two honest (a test compares them).
 */
import path from 'node:path';
import { AllowList } from './net/addresses';
import type { ProviderInstance } from './providers/remote/instances';
import type {
	ElevenLabsSettings,
	OpenAiSpeechSettings,
	SpeechInstance,
} from './voices/speechInstances';

// The remote providers' and speech instances' validators (TypeBox and ajv: ~0.1 s of CPU for each
// thread that loads them, several times that on a busy machine) are loaded only by loadConfig: the
// engine's threads (frames, mix, frame inspection) import this module for mediaTools() and
// engineSettings() alone.
const loadResolveInstances = () =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('./providers/remote/instances') as typeof import('./providers/remote/instances'))
		.resolveInstances;
const loadSpeechInstancesFromFile = () =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require('./voices/speechInstances') as typeof import('./voices/speechInstances'))
		.speechInstancesFromFile;

export type QueueDriverName = 'memory' | 'bull';
export type StorageDriverName = 'local' | 's3';

export interface S3Config {
	endpoint?: string;
	region: string;
	bucket: string;
	accessKeyId?: string;
	secretAccessKey?: string;
	forcePathStyle: boolean;
	/** Base URL objects are publicly reachable at (a CDN or the bucket's website), when there is one. */
	publicBaseUrl?: string;
	prefix: string;
}

export interface Config {
	host: string;
	port: number;
	/** The URL clients reach this service at; used in links (content, feed). */
	publicUrl: string;
	dataDir: string;
	redisUrl?: string;
	/** Namespace of every Redis key, so several deployments (or test runs) can share one Redis. */
	redisPrefix: string;
	queueDriver: QueueDriverName;
	storageDriver: StorageDriverName;
	s3: S3Config;
	/** Separate S3 settings for the publish target `s3` (defaults to the storage bucket). */
	publishS3: S3Config;
	workerConcurrency: number;
	/** Where `reelforge serve` (embedded queue) renders: a child process, or the API's own. */
	renderProcess: 'child' | 'inline';
	jobAttempts: number;
	jobBackoffMs: number;
	modelsDir: string;
	cacheDir: string;
	tiersJson?: string;
	adminKey?: string;
	/** Open reports (from distinct keys) at which a feed clip is hidden until a reviewer decides. */
	reportThreshold: number;
	webhookRetrySchedule: number[];
	/** How long to wait for running jobs on shutdown before they are requeued. */
	shutdownGraceMs: number;
	logLevel: string;
	moderation: {
		/** JSON: per-category thresholds and actions, e.g. {"categories":{"violence":{"threshold":0.8}}}. */
		policyJson?: string;
		/** A JSON file with extra lists: realPeople, protectedCharacters, brands, lexicon. */
		listsPath?: string;
		openaiApiKey?: string;
		openaiBaseUrl?: string;
		/** The user's guard model behind an OpenAI-compatible chat endpoint; absent when not configured. */
		guard?: {
			url: string;
			model: string;
			apiKey?: string;
			format: 'auto' | 'llama-guard' | 'shieldgemma';
			timeoutMs: number;
		};
	};
	c2pa: { certPath?: string; keyPath?: string; trustAnchorsPath?: string };
	/** Addresses outbound fetches may reach although they are not public (net/addresses.ts). */
	fetchAllow: AllowList;
	media: MediaTools;
	engine: EngineSettings;
	/** bull's job lock: a dead worker's render is handed on within about 1.5× this. */
	jobLockMs: number;
	/** Remote video generators (Veo, Omni, OpenAI-style gateways, ComfyUI), keys resolved. */
	remoteProviders: {
		instances: ProviderInstance[];
		/** Signing secret of the Gemini API webhook that wakes waiting Veo/Omni jobs. */
		geminiWebhookSecret?: string;
	};
	/** An OpenAI-compatible chat-completions endpoint that writes storyboards; the rules plan without it. */
	planner: { url?: string; apiKey?: string; model: string; timeoutMs: number };
	/** Where `reelforge voices pull` downloads Piper voices from (rhasspy/piper-voices layout). */
	piperVoicesUrl: string;
	speech: SpeechConfig;
}

export interface MediaTools {
	ffmpegPath: string;
	ffprobePath: string;
}

/** Remote speech providers. Keys live here only: never in specs, render records or logs. */
export interface SpeechConfig {
	/** An OpenAI-compatible `POST {baseUrl}/audio/speech` (OpenAI, Kokoro-FastAPI, LocalAI, ...). */
	openai?: OpenAiSpeechSettings;
	/** ElevenLabs text-to-speech with character timestamps, and instant voice cloning for cameos. */
	elevenlabs?: ElevenLabsSettings;
	/** Named providers from the `speech` list of the REELFORGE_PROVIDERS file. */
	instances: SpeechInstance[];
}

/** How the local engine uses the machine: encoder, GPU execution providers, the festival binary. */
export interface EngineSettings {
	/** A forced video encoder; unset, the NVENC probe decides. */
	encoder?: 'libx264' | 'h264_nvenc';
	/** Try the style-transfer model on CUDA first (off by default: style runs once per shot). */
	styleGpu: boolean;
	/** Try Piper voices on CUDA first. */
	onnxCuda: boolean;
	/** Try the moderation models (OCR, NSFW classifier) on CUDA first. */
	ocrCuda: boolean;
	festivalBin: string;
}

export interface ConfigVariable {
	name: string;
	default: string;
	description: string;
}

const VARIABLES: ConfigVariable[] = [
	{ name: 'HOST', default: '127.0.0.1', description: 'Address the API listens on.' },
	{ name: 'PORT', default: '8080', description: 'Port the API listens on.' },
	{
		name: 'PUBLIC_URL',
		default: 'http://HOST:PORT',
		description: 'URL clients reach the service at (used in content and feed links).',
	},
	{
		name: 'REELFORGE_DATA_DIR',
		default: './.reelforge',
		description: 'Embedded job store, keys, local storage, cache and signing keys.',
	},
	{
		name: 'REDIS_URL',
		default: '(unset)',
		description:
			'When set: jobs, keys and quotas live in Redis and the queue is bull, so `reelforge api` and N `reelforge worker` processes share them.',
	},
	{
		name: 'REELFORGE_REDIS_PREFIX',
		default: 'rf',
		description: 'Prefix of every Redis key (store, counters and bull queue).',
	},
	{
		name: 'REELFORGE_QUEUE',
		default: 'memory, or bull when REDIS_URL is set',
		description: 'Queue driver: memory | bull.',
	},
	{
		name: 'REELFORGE_STORAGE',
		default: 'local',
		description: 'Storage driver for outputs: local | s3.',
	},
	{
		name: 'S3_ENDPOINT',
		default: '(AWS)',
		description: 'S3-compatible endpoint URL (MinIO, R2, ...).',
	},
	{ name: 'S3_REGION', default: 'us-east-1', description: 'S3 region.' },
	{
		name: 'S3_BUCKET',
		default: 'reelforge',
		description:
			'Bucket for outputs (and for the s3 publish target unless PUBLISH_S3_BUCKET is set).',
	},
	{ name: 'S3_ACCESS_KEY_ID', default: '(unset)', description: 'S3 access key id.' },
	{ name: 'S3_SECRET_ACCESS_KEY', default: '(unset)', description: 'S3 secret key.' },
	{
		name: 'S3_FORCE_PATH_STYLE',
		default: 'true',
		description: 'Path-style bucket URLs (needed by most S3-compatible servers).',
	},
	{
		name: 'S3_PUBLIC_BASE_URL',
		default: '(unset)',
		description: 'Public base URL of the bucket, for published links.',
	},
	{ name: 'S3_PREFIX', default: '', description: 'Key prefix inside the bucket.' },
	{
		name: 'PUBLISH_S3_BUCKET',
		default: '$S3_BUCKET',
		description: 'Bucket of the s3 publish target.',
	},
	{
		name: 'PUBLISH_S3_PUBLIC_BASE_URL',
		default: '$S3_PUBLIC_BASE_URL',
		description: 'Public base URL of the publish bucket.',
	},
	{
		name: 'REELFORGE_WORKER_CONCURRENCY',
		default: '1',
		description: 'Renders one worker runs at once (each uses all cores through ffmpeg).',
	},
	{
		name: 'REELFORGE_RENDER_PROCESS',
		default: 'child',
		description:
			'Where `reelforge serve` (embedded queue) renders: child (a process of its own, so the API stays responsive) or inline (in the API process).',
	},
	{
		name: 'REELFORGE_JOB_ATTEMPTS',
		default: '3',
		description: 'Attempts for a render that fails transiently.',
	},
	{
		name: 'REELFORGE_JOB_BACKOFF_MS',
		default: '2000',
		description: 'First retry delay; doubles per attempt.',
	},
	{
		name: 'REELFORGE_MODELS_DIR',
		default: '$REELFORGE_DATA_DIR/models',
		description: 'Optional models (Piper voices in models/piper).',
	},
	{
		name: 'REELFORGE_CACHE_DIR',
		default: '$REELFORGE_DATA_DIR/cache',
		description: 'Reusable work (speech, physics) keyed by content hash.',
	},
	{
		name: 'REELFORGE_TIERS',
		default: '(built-in free and pro)',
		description: 'JSON overriding tier quotas, e.g. {"free":{"rendersPerDay":5}}.',
	},
	{
		name: 'REELFORGE_ADMIN_KEY',
		default: '(unset)',
		description:
			"Bearer key for the admin API (/v1/admin: stats, report reviews) and the feed app's admin view; also opens /admin/queues (Bull Board), which otherwise takes a pro-tier key.",
	},
	{
		name: 'REELFORGE_REPORT_THRESHOLD',
		default: '3',
		description:
			'Open viewer reports at which a feed clip is hidden from everyone but its owner until a reviewer decides.',
	},
	{
		name: 'REELFORGE_WEBHOOK_RETRY_MS',
		default: '5000,30000,120000,600000,1800000',
		description: 'Delays between webhook delivery attempts.',
	},
	{
		name: 'REELFORGE_SHUTDOWN_GRACE_MS',
		default: '30000',
		description: 'On SIGTERM, how long running renders may finish before they are requeued.',
	},
	{
		name: 'REELFORGE_MODERATION_POLICY',
		default: '(built-in)',
		description: 'JSON overriding per-category thresholds and actions (block, flag, allow).',
	},
	{
		name: 'REELFORGE_MODERATION_LISTS',
		default: '(unset)',
		description: 'JSON file with extra realPeople, protectedCharacters, brands and lexicon terms.',
	},
	{
		name: 'OPENAI_API_KEY',
		default: '(unset)',
		description: "When set, text is also checked with OpenAI's omni-moderation-latest.",
	},
	{
		name: 'OPENAI_BASE_URL',
		default: 'https://api.openai.com',
		description: 'Base URL of the OpenAI-compatible moderation endpoint.',
	},
	{
		name: 'REELFORGE_GUARD_URL',
		default: '(unset)',
		description:
			'Base URL of an OpenAI-compatible chat API serving a guard model (e.g. http://localhost:11434/v1 for Ollama, http://localhost:8000/v1 for vLLM); with REELFORGE_GUARD_MODEL, every text is also checked by it.',
	},
	{
		name: 'REELFORGE_GUARD_MODEL',
		default: '(unset)',
		description:
			'The guard model, e.g. llama-guard3:8b, meta-llama/Llama-Guard-3-8B, google/shieldgemma-2b.',
	},
	{
		name: 'REELFORGE_GUARD_API_KEY',
		default: '(unset)',
		description: 'Bearer key for the guard endpoint, when it needs one.',
	},
	{
		name: 'REELFORGE_GUARD_FORMAT',
		default: 'auto',
		description:
			'auto (from the model name) | llama-guard (safe / unsafe + S1–S14) | shieldgemma (one Yes/No prompt per policy).',
	},
	{
		name: 'REELFORGE_GUARD_TIMEOUT_MS',
		default: '20000',
		description: 'How long one guard request may take before the rules decide alone.',
	},
	{
		name: 'REELFORGE_C2PA_CERT',
		default: '(development chain)',
		description:
			'PEM chain (end-entity, intermediates) that signs C2PA manifests; a development chain is generated under the data dir when unset.',
	},
	{
		name: 'REELFORGE_C2PA_KEY',
		default: '(development key)',
		description: 'PEM private key (P-256) of REELFORGE_C2PA_CERT.',
	},
	{
		name: 'REELFORGE_C2PA_TRUST_ANCHORS',
		default: '(development root)',
		description: 'PEM root certificates readers treat as trusted.',
	},
	{
		name: 'REELFORGE_FETCH_ALLOW',
		default: '(none)',
		description:
			'Non-public addresses outbound fetches (remix URLs, webhooks, publish targets) may reach: CIDRs, addresses or host names, each optionally with :port, e.g. `127.0.0.1:5678,n8n.internal,10.1.0.0/16`. Everything else that is loopback, private, link-local, CGNAT, metadata, multicast or reserved is refused.',
	},
	{
		name: 'FFMPEG_PATH',
		default: 'ffmpeg',
		description: 'The ffmpeg binary (a name on PATH or a path).',
	},
	{
		name: 'FFPROBE_PATH',
		default: 'ffprobe',
		description: 'The ffprobe binary (a name on PATH or a path).',
	},
	{
		name: 'REELFORGE_ENCODER',
		default: '(probe: h264_nvenc when it works, else libx264)',
		description:
			'Forces the video encoder, libx264 or h264_nvenc (to compare them, or to keep a shared GPU free).',
	},
	{
		name: 'MIMALLOC_ALLOW_THP',
		default: '0 (set by the renderer before Skia loads)',
		description:
			'Transparent huge pages in the allocator of @napi-rs/canvas (Skia). Off by default: every frame read back from Skia is fresh memory, and zeroing it in 2 MB pages cost the drawing thread 3–5 s of system CPU a 16 s 1080p render on a busy machine (docs/BENCHMARKS.md). 1 turns them back on.',
	},
	{
		name: 'MIMALLOC_PURGE_DELAY',
		default: '1000 (set by the renderer before Skia loads)',
		description:
			"Milliseconds before the allocator of @napi-rs/canvas (Skia) gives freed memory back to the system (mimalloc's own default is 10). At 10 ms each frame's 8 MB read-back was given back between two frames and faulted in afresh by the next (~400 page faults and ~0.5 ms of system CPU a 1080p frame, docs/BENCHMARKS.md); at 1000 it is reused while a render draws and still given back a second after. -1 never gives it back.",
	},
	{
		name: 'NODE_OPTIONS',
		default: '(none)',
		description:
			"Node's own flags for every Node process (Node reads it; the renderer only looks). A wasm tier flag there (`--liftoff-only`, `--no-wasm-tier-up`, `--wasm-dynamic-tiering`, ...) leaves the physics engine's WebAssembly compiled as those flags say; otherwise the renderer compiles it with the baseline compiler alone (docs/BENCHMARKS.md).",
	},
	{
		name: 'REELFORGE_STYLE_GPU',
		default: '0',
		description: '1 tries the style-transfer model on CUDA first (CPU when CUDA is unavailable).',
	},
	{
		name: 'REELFORGE_ONNX_CUDA',
		default: '1',
		description: '0 keeps Piper voices on the CPU; otherwise CUDA is tried first, CPU on failure.',
	},
	{
		name: 'REELFORGE_OCR_CUDA',
		default: '1',
		description:
			'0 keeps the moderation models (OCR and the NSFW classifier) on the CPU; otherwise CUDA is tried first when installed.',
	},
	{
		name: 'REELFORGE_FESTIVAL_BIN',
		default: '/usr/bin/festival',
		description: 'The festival binary used for the built-in HTS voice.',
	},
	{
		name: 'REELFORGE_JOB_LOCK_MS',
		default: '10000',
		description:
			"bull's job lock: a worker renews it every quarter of this; a render whose worker died is handed to another within about 1.5× this.",
	},
	{
		name: 'GEMINI_API_KEY',
		default: '(unset)',
		description:
			'Gemini API key; enables the `veo` (Veo 3.1) and `omni` (Gemini Omni Flash) providers.',
	},
	{
		name: 'GEMINI_BASE_URL',
		default: 'https://generativelanguage.googleapis.com/v1beta',
		description: 'Gemini API base URL, ending in the API version (a proxy or gateway in front).',
	},
	{
		name: 'GEMINI_VEO_MODEL',
		default: 'veo-3.1-generate-preview',
		description:
			'Model of the `veo` provider: veo-3.1-generate-preview, veo-3.1-fast-generate-preview or veo-3.1-lite-generate-preview.',
	},
	{
		name: 'GEMINI_OMNI_MODEL',
		default: 'gemini-omni-flash-preview',
		description: 'Model of the `omni` provider.',
	},
	{
		name: 'GEMINI_WEBHOOK_SECRET',
		default: '(unset)',
		description:
			'Signing secret (whsec_...) of a Gemini API webhook pointed at PUBLIC_URL/v1/provider-webhooks/gemini; its video.generated and interaction events wake waiting jobs (polling stays the fallback).',
	},
	{
		name: 'OPENAI_VIDEOS_BASE_URL',
		default: '(unset)',
		description:
			'Base URL (ending in /v1) of a gateway serving the OpenAI Videos API; enables the `openai-videos` provider.',
	},
	{
		name: 'OPENAI_VIDEOS_API_KEY',
		default: '(unset)',
		description: 'Bearer key for OPENAI_VIDEOS_BASE_URL.',
	},
	{
		name: 'OPENAI_VIDEOS_MODEL',
		default: 'sora-2',
		description: 'Model the `openai-videos` provider asks the gateway for.',
	},
	{
		name: 'COMFYUI_URL',
		default: '(unset)',
		description:
			'Your ComfyUI server (e.g. http://gpu-box:8188); with COMFYUI_WORKFLOW enables the `comfyui` provider.',
	},
	{
		name: 'COMFYUI_WORKFLOW',
		default: '(unset)',
		description:
			'Path of an API-format workflow JSON with {{prompt}}, {{seed}}, {{width}}, {{height}}, {{frames}}, {{fps}}, {{negative_prompt}}, {{image}} placeholders.',
	},
	{
		name: 'COMFYUI_API_KEY',
		default: '(unset)',
		description: 'Bearer token for a proxy in front of ComfyUI (ComfyUI itself has no auth).',
	},
	{
		name: 'REELFORGE_PROVIDERS',
		default: '(unset)',
		description:
			'JSON file of named remote provider instances (two gateways, two ComfyUI boxes, Veo Fast beside Veo) and, in its `speech` list, named speech providers (OpenAI-compatible servers, ElevenLabs accounts); keys as {"env":NAME} or {"file":path}. See docs/providers.md and docs/engine-sound.md.',
	},
	{
		name: 'REELFORGE_PLANNER_URL',
		default: '(unset)',
		description:
			'Base URL of an OpenAI-compatible chat-completions API (OpenAI, Ollama, LiteLLM, ...; POST {url}/chat/completions) that writes the storyboard of prompt-only specs; the built-in rules plan when unset or when its answer is unusable.',
	},
	{
		name: 'REELFORGE_PLANNER_API_KEY',
		default: '(unset)',
		description: 'Bearer key sent to REELFORGE_PLANNER_URL (local servers often need none).',
	},
	{
		name: 'REELFORGE_PLANNER_MODEL',
		default: 'gpt-4o-mini',
		description: 'Model name sent to REELFORGE_PLANNER_URL.',
	},
	{
		name: 'REELFORGE_PLANNER_TIMEOUT_MS',
		default: '60000',
		description:
			'How long admission waits for the storyboard model (each call) before the rules plan instead.',
	},
	{
		name: 'REELFORGE_PIPER_VOICES_URL',
		default: 'https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0',
		description:
			'Base URL `reelforge voices pull` reads `voices.json` and Piper voice files from (md5-checked).',
	},
	{
		name: 'OPENAI_SPEECH_BASE_URL',
		default: 'https://api.openai.com/v1 when OPENAI_SPEECH_API_KEY is set',
		description:
			'OpenAI-compatible speech endpoint (`POST {base}/audio/speech`), e.g. a self-hosted Kokoro or LocalAI at http://host:8880/v1; setting it enables `openai:<voice>` voices.',
	},
	{
		name: 'OPENAI_SPEECH_API_KEY',
		default: '(unset)',
		description: 'Bearer key for OPENAI_SPEECH_BASE_URL (self-hosted servers may need none).',
	},
	{
		name: 'OPENAI_SPEECH_MODEL',
		default: 'tts-1',
		description: 'Model sent to the speech endpoint (tts-1, gpt-4o-mini-tts, kokoro, ...).',
	},
	{
		name: 'OPENAI_SPEECH_VOICES',
		default: 'alloy,ash,ballad,coral,echo,fable,nova,onyx,sage,shimmer',
		description: 'Comma-separated voice names the endpoint serves, offered as `openai:<name>`.',
	},
	{
		name: 'ELEVENLABS_API_KEY',
		default: '(unset)',
		description:
			"Enables ElevenLabs voices (`elevenlabs:<voice_id>`, with character timings) and cameo voice cloning (with the owner's consent).",
	},
	{
		name: 'ELEVENLABS_BASE_URL',
		default: 'https://api.elevenlabs.io',
		description: 'ElevenLabs API base URL.',
	},
	{
		name: 'ELEVENLABS_MODEL',
		default: 'eleven_multilingual_v2',
		description: 'ElevenLabs model_id for speech.',
	},
	{
		name: 'ELEVENLABS_VOICES',
		default: '(unset)',
		description:
			'Comma-separated `Name=voice_id` pairs a spec may use as `elevenlabs:<voice_id>` (cloned cameo voices are used only through their cameo).',
	},
	{
		name: 'LOG_LEVEL',
		default: 'info',
		description: 'Log level (pino): fatal, error, warn, info, debug.',
	},
];

export function describeConfig(): ConfigVariable[] {
	return VARIABLES;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const host = env.HOST || '127.0.0.1';
	const port = int(env, 'PORT', 8080);
	const dataDir = path.resolve(env.REELFORGE_DATA_DIR || './.reelforge');
	const redisUrl = env.REDIS_URL || undefined;
	const queueDriver = (env.REELFORGE_QUEUE || (redisUrl ? 'bull' : 'memory')) as QueueDriverName;
	if (queueDriver !== 'memory' && queueDriver !== 'bull')
		throw new Error(`REELFORGE_QUEUE must be memory or bull, got "${queueDriver}"`);
	if (queueDriver === 'bull' && !redisUrl) throw new Error('REELFORGE_QUEUE=bull needs REDIS_URL');
	const storageDriver = (env.REELFORGE_STORAGE || 'local') as StorageDriverName;
	if (storageDriver !== 'local' && storageDriver !== 's3')
		throw new Error(`REELFORGE_STORAGE must be local or s3, got "${storageDriver}"`);
	const s3: S3Config = {
		endpoint: env.S3_ENDPOINT || undefined,
		region: env.S3_REGION || 'us-east-1',
		bucket: env.S3_BUCKET || 'reelforge',
		accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
		secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
		forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
		publicBaseUrl: env.S3_PUBLIC_BASE_URL || undefined,
		prefix: env.S3_PREFIX || '',
	};
	const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	const guardFormat = env.REELFORGE_GUARD_FORMAT || 'auto';
	if (!['auto', 'llama-guard', 'shieldgemma'].includes(guardFormat))
		throw new Error(
			`REELFORGE_GUARD_FORMAT must be auto, llama-guard or shieldgemma, got "${guardFormat}"`,
		);
	const renderProcess = (env.REELFORGE_RENDER_PROCESS || 'child') as Config['renderProcess'];
	if (renderProcess !== 'child' && renderProcess !== 'inline')
		throw new Error(
			`REELFORGE_RENDER_PROCESS must be child or inline, got "${env.REELFORGE_RENDER_PROCESS}"`,
		);
	if (env.REELFORGE_ENCODER && !engineSettings(env).encoder)
		throw new Error(
			`REELFORGE_ENCODER must be libx264 or h264_nvenc, got "${env.REELFORGE_ENCODER}"`,
		);
	if (Boolean(env.REELFORGE_GUARD_URL) !== Boolean(env.REELFORGE_GUARD_MODEL))
		throw new Error('REELFORGE_GUARD_URL and REELFORGE_GUARD_MODEL must be set together');
	return {
		host,
		port,
		publicUrl: (env.PUBLIC_URL || `http://${displayHost}:${port}`).replace(/\/$/, ''),
		dataDir,
		redisUrl,
		redisPrefix: env.REELFORGE_REDIS_PREFIX || 'rf',
		queueDriver,
		storageDriver,
		s3,
		publishS3: {
			...s3,
			bucket: env.PUBLISH_S3_BUCKET || s3.bucket,
			publicBaseUrl: env.PUBLISH_S3_PUBLIC_BASE_URL || s3.publicBaseUrl,
		},
		workerConcurrency: Math.max(1, int(env, 'REELFORGE_WORKER_CONCURRENCY', 1)),
		renderProcess,
		jobAttempts: Math.max(1, int(env, 'REELFORGE_JOB_ATTEMPTS', 3)),
		jobBackoffMs: int(env, 'REELFORGE_JOB_BACKOFF_MS', 2000),
		modelsDir: defaultModelsDir(env),
		cacheDir: defaultCacheDir(env),
		tiersJson: env.REELFORGE_TIERS || undefined,
		adminKey: env.REELFORGE_ADMIN_KEY || undefined,
		reportThreshold: Math.max(1, int(env, 'REELFORGE_REPORT_THRESHOLD', 3)),
		webhookRetrySchedule: (env.REELFORGE_WEBHOOK_RETRY_MS || '5000,30000,120000,600000,1800000')
			.split(',')
			.map((s) => Number(s.trim())),
		shutdownGraceMs: int(env, 'REELFORGE_SHUTDOWN_GRACE_MS', 30000),
		logLevel: env.LOG_LEVEL || 'info',
		moderation: {
			policyJson: env.REELFORGE_MODERATION_POLICY || undefined,
			listsPath: env.REELFORGE_MODERATION_LISTS || undefined,
			openaiApiKey: env.OPENAI_API_KEY || undefined,
			openaiBaseUrl: env.OPENAI_BASE_URL || undefined,
			guard:
				env.REELFORGE_GUARD_URL && env.REELFORGE_GUARD_MODEL
					? {
							url: env.REELFORGE_GUARD_URL,
							model: env.REELFORGE_GUARD_MODEL,
							apiKey: env.REELFORGE_GUARD_API_KEY || undefined,
							format: guardFormat as 'auto' | 'llama-guard' | 'shieldgemma',
							timeoutMs: Math.max(1, int(env, 'REELFORGE_GUARD_TIMEOUT_MS', 20000)),
						}
					: undefined,
		},
		c2pa: {
			certPath: env.REELFORGE_C2PA_CERT || undefined,
			keyPath: env.REELFORGE_C2PA_KEY || undefined,
			trustAnchorsPath: env.REELFORGE_C2PA_TRUST_ANCHORS || undefined,
		},
		fetchAllow: AllowList.parse(env.REELFORGE_FETCH_ALLOW),
		media: mediaTools(env),
		engine: engineSettings(env),
		jobLockMs: Math.max(1000, int(env, 'REELFORGE_JOB_LOCK_MS', 10000)),
		remoteProviders: {
			instances: loadResolveInstances()(
				{
					GEMINI_API_KEY: env.GEMINI_API_KEY,
					GEMINI_BASE_URL: env.GEMINI_BASE_URL,
					GEMINI_VEO_MODEL: env.GEMINI_VEO_MODEL,
					GEMINI_OMNI_MODEL: env.GEMINI_OMNI_MODEL,
					OPENAI_VIDEOS_BASE_URL: env.OPENAI_VIDEOS_BASE_URL,
					OPENAI_VIDEOS_API_KEY: env.OPENAI_VIDEOS_API_KEY,
					OPENAI_VIDEOS_MODEL: env.OPENAI_VIDEOS_MODEL,
					COMFYUI_URL: env.COMFYUI_URL,
					COMFYUI_WORKFLOW: env.COMFYUI_WORKFLOW,
					COMFYUI_API_KEY: env.COMFYUI_API_KEY,
				},
				// The providers file names its keys' variables ({"env": NAME}); they are read here too.
				(name) => env[name],
				env.REELFORGE_PROVIDERS || undefined,
			),
			geminiWebhookSecret: env.GEMINI_WEBHOOK_SECRET || undefined,
		},
		planner: {
			url: env.REELFORGE_PLANNER_URL || undefined,
			apiKey: env.REELFORGE_PLANNER_API_KEY || undefined,
			model: env.REELFORGE_PLANNER_MODEL || 'gpt-4o-mini',
			timeoutMs: int(env, 'REELFORGE_PLANNER_TIMEOUT_MS', 60000),
		},
		piperVoicesUrl: (
			env.REELFORGE_PIPER_VOICES_URL || 'https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0'
		).replace(/\/+$/, ''),
		speech: speechConfig(env),
	};
}

/**
 * The ffmpeg and ffprobe binaries. Also read on its own by the ffmpeg door (media/ffmpeg.ts), which
 * engine code reaches without a Config in hand.
 */
export function mediaTools(env: NodeJS.ProcessEnv = process.env): MediaTools {
	return {
		ffmpegPath: env.FFMPEG_PATH || 'ffmpeg',
		ffprobePath: env.FFPROBE_PATH || 'ffprobe',
	};
}

function list(raw: string | undefined, fallback: string): string[] {
	return (raw || fallback)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

function speechConfig(env: NodeJS.ProcessEnv): SpeechConfig {
	const instances = env.REELFORGE_PROVIDERS
		? loadSpeechInstancesFromFile()(env.REELFORGE_PROVIDERS, (name) => env[name])
		: [];
	const speech: SpeechConfig = { instances };
	if (env.OPENAI_SPEECH_BASE_URL || env.OPENAI_SPEECH_API_KEY)
		speech.openai = {
			baseUrl: (env.OPENAI_SPEECH_BASE_URL || 'https://api.openai.com/v1').replace(/\/+$/, ''),
			apiKey: env.OPENAI_SPEECH_API_KEY || undefined,
			model: env.OPENAI_SPEECH_MODEL || 'tts-1',
			voices: list(
				env.OPENAI_SPEECH_VOICES,
				'alloy,ash,ballad,coral,echo,fable,nova,onyx,sage,shimmer',
			),
		};
	if (env.ELEVENLABS_API_KEY) {
		const voices = list(env.ELEVENLABS_VOICES, '').map((pair) => {
			const at = pair.lastIndexOf('=');
			const id = (at >= 0 ? pair.slice(at + 1) : pair).trim();
			if (!/^[A-Za-z0-9]{8,64}$/.test(id))
				throw new Error(`ELEVENLABS_VOICES: "${pair}" is not Name=voice_id`);
			return { name: at >= 0 ? pair.slice(0, at).trim() : id, id };
		});
		speech.elevenlabs = {
			baseUrl: (env.ELEVENLABS_BASE_URL || 'https://api.elevenlabs.io').replace(/\/+$/, ''),
			apiKey: env.ELEVENLABS_API_KEY,
			model: env.ELEVENLABS_MODEL || 'eleven_multilingual_v2',
			voices,
		};
	}
	for (const shortcut of ['openai', 'elevenlabs'] as const)
		if (speech[shortcut] && instances.some((i) => i.name === shortcut))
			throw new Error(
				`speech provider "${shortcut}" is defined twice (the shortcut variables and REELFORGE_PROVIDERS); rename one`,
			);
	return speech;
}

const ENCODERS = ['libx264', 'h264_nvenc'] as const;

/**
 * The engine's settings. Also read on its own by the engine modules that need one (the encoder
 * choice, the ONNX sessions, the festival voice), which run without a Config in hand.
 */
export function engineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
	// loadConfig refuses another value at start; here (no Config in hand) it is left to the probe.
	const encoder = ENCODERS.find((name) => name === env.REELFORGE_ENCODER);
	return {
		encoder,
		styleGpu: env.REELFORGE_STYLE_GPU === '1',
		onnxCuda: env.REELFORGE_ONNX_CUDA !== '0',
		ocrCuda: env.REELFORGE_OCR_CUDA !== '0',
		festivalBin: env.REELFORGE_FESTIVAL_BIN || '/usr/bin/festival',
	};
}

/** The models folder as the service would configure it, for a local provider made without one. */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(
		env.REELFORGE_MODELS_DIR || path.join(env.REELFORGE_DATA_DIR || './.reelforge', 'models'),
	);
}

/** The cache folder as the service would configure it, for code that runs outside a job (a worker thread). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(
		env.REELFORGE_CACHE_DIR || path.join(env.REELFORGE_DATA_DIR || './.reelforge', 'cache'),
	);
}

/** The flags the operator gives every Node process through NODE_OPTIONS (Node's own variable). */
export function nodeOptionsFlags(env: NodeJS.ProcessEnv = process.env): string[] {
	return (env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
}

/** The configuration with some variables set over the process's own (the one-shot CLI). */
export function loadConfigWith(overrides: Record<string, string>): Config {
	return loadConfig({ ...process.env, ...overrides });
}

/**
 * Skia's allocator, tuned for a frame loop unless the operator chose otherwise. @napi-rs/canvas
 * links mimalloc, which reads its options from the environment when the native module loads; each
 * frame's pixel read-back (`canvas.data()`, 8.3 MB at 1080×1920) is a large allocation freed a frame
 * later:
 * - without transparent huge pages: with them, the kernel zeroes fresh memory 2 MB at a time on
 *   first touch (`perf`: clear_page_erms under do_huge_pmd_anonymous_page);
 * - with freed memory kept a second before it goes back to the system: at mimalloc's 10 ms the
 *   read-back's span was decommitted between two frames and the next frame faulted all of it in
 *   again (~2000 faults a frame, the same 2025 pages re-faulted every few frames under `perf record
 *   -e page-faults -d`).
 * Run when this module loads, which is before any module that draws (config is among the first
 * modules every entry point loads).
 */
export function tuneNativeAllocator(env: NodeJS.ProcessEnv = process.env): void {
	if (env.MIMALLOC_ALLOW_THP === undefined || env.MIMALLOC_ALLOW_THP === '')
		env.MIMALLOC_ALLOW_THP = '0';
	if (env.MIMALLOC_PURGE_DELAY === undefined || env.MIMALLOC_PURGE_DELAY === '')
		env.MIMALLOC_PURGE_DELAY = '1000';
}
tuneNativeAllocator();

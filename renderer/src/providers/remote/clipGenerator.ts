/**
 * The clip-generator contract: what every remote video generator (Veo, Gemini Omni, an OpenAI-style
 * `/v1/videos` gateway, the user's ComfyUI) offers Reelforge, at the level of one clip.
 *
 * A generator describes its limits (`capabilities`), accepts a request (`submit` → a handle),
 * reports progress (`status`), hands the finished file over (`download`, streamed to disk) and
 * can be stopped (`cancel`, which reaches the provider). Some can continue a clip they made
 * (`extend`) or edit it from an instruction (`remix`). Every failure is a `ProviderError` carrying
 * one of Reelforge's codes. `runner.ts` drives a generator through submit → poll → download;
 * `clipProvider.ts` turns one into a `VideoProvider` for single-clip specs.
 *
 * Handles and results are plain JSON so a later stage can store them against a shot (paid work is
 * never paid twice) and resume polling after a worker restart.
 */
import { ApiError, type FieldError } from '../../spec/errors';

export type ClipProviderKind = 'veo' | 'omni' | 'openai-videos' | 'comfyui';

/** One frame size a generator produces natively. */
export interface ClipSize {
	width: number;
	height: number;
	/** "16:9", "9:16", "1:1", ... */
	aspectRatio: string;
	/** The provider's name for the size ("720p", "1080p", "4k", or "1280x720"). */
	resolution: string;
	/** When this size only allows some clip lengths (Veo: 1080p and 4k only at 8 s). */
	durations?: number[];
}

/** A price per second of output as the provider publishes it; `asOf` and `source` say where from. */
export interface ClipPrice {
	usdPerSecond: number;
	/** Per resolution when the price depends on it ("720p": 0.1, "4k": 0.3). */
	byResolution?: Record<string, number>;
	asOf: string;
	source: string;
	note?: string;
}

export interface ClipCapabilities {
	/** The model behind this generator (configured). */
	model: string;
	/** Clip lengths accepted, in seconds, ascending. */
	durations: number[];
	/** Native output sizes. */
	sizes: ClipSize[];
	/** Frame rates the provider outputs (empty when it does not say; the clip is probed). */
	fps: number[];
	/** The clip comes with its own sound (speech, effects, music). */
	nativeAudio: boolean;
	/** How many reference images (subject or style) a request may carry; 0 when none. */
	referenceImages: number;
	firstFrame: boolean;
	lastFrame: boolean;
	/** Continuing a clip this generator made: each call adds `addsSeconds`, up to `maxTotalSeconds`. */
	extension?: { addsSeconds: number; maxTotalSeconds: number; resolutions: string[] };
	/** Editing a finished clip from an instruction (conversational edit, remix). */
	remix: boolean;
	negativePrompt: boolean;
	seed: boolean;
	/** Values of Veo's `personGeneration` the request may set. */
	personGeneration?: string[];
	/** The provider can call the renderer back when a clip is done (see providers/remote/wake.ts). */
	webhooks: boolean;
	/** How many clips this instance should generate at once (configured). */
	concurrency: number;
	/** The longest a clip may take before it is canceled, in seconds (configured). */
	deadlineSeconds: number;
	price?: ClipPrice;
}

/** An image sent with a request: a file on local disk the renderer wrote. */
export interface ImageInput {
	path: string;
	mimeType: string;
}

export interface ClipRequest {
	prompt: string;
	negativePrompt?: string;
	/** One of `capabilities().durations`. */
	durationSeconds: number;
	/** One of `capabilities().sizes`. */
	size: ClipSize;
	fps?: number;
	seed?: number;
	firstFrame?: ImageInput;
	lastFrame?: ImageInput;
	referenceImages?: ImageInput[];
	/** Veo's `personGeneration` ("allow_all", "allow_adult", "dont_allow"). */
	personGeneration?: string;
}

/** A continuation of a finished clip (Veo extension): the new clip includes the old one. */
export interface ExtendRequest {
	prompt: string;
	negativePrompt?: string;
	seed?: number;
	size: ClipSize;
}

/** A submitted job at a provider. JSON: safe to store and to resume from. */
export interface ClipHandle {
	/** The generator instance's name (the spec's `provider`). */
	provider: string;
	kind: ClipProviderKind;
	/** The provider's job id (Veo operation name, interaction id, video id, prompt id). */
	id: string;
	/** Ids a webhook may name for this job, besides `id` (see wake.ts). */
	aliases?: string[];
	/** Anything else the provider needs to poll, download or cancel (ComfyUI's client id, ...). */
	data?: Record<string, string>;
}

export type ClipState = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

/** Where a finished clip can be fetched; provider-specific plain JSON. */
export type ClipResult = Record<string, unknown>;

export interface ClipStatus {
	state: ClipState;
	/** 0..1 when the provider reports it. */
	progress?: number;
	/** How long the provider asks us to wait before the next poll. */
	pollAfterMs?: number;
	/** Set when `state` is `succeeded`. */
	result?: ClipResult;
	/** Set when `state` is `failed` or `canceled`. */
	error?: ProviderError;
}

export interface DownloadedClip {
	path: string;
	bytes: number;
	contentType?: string;
}

export interface DownloadOptions {
	/** The finished job's result from `status`; fetched again when absent. */
	result?: ClipResult;
	/** Bytes so far and the total when the provider sends a length. */
	onProgress?: (bytes: number, total?: number) => void;
}

export interface ProbeResult {
	reachable: boolean;
	/** Why not (or what is wrong although it answers: a rejected key). */
	reason?: string;
	/** The credentials were refused. */
	authFailed?: boolean;
}

export interface ClipGenerator {
	/** Instance name: the id a spec names in `provider`. */
	readonly id: string;
	readonly kind: ClipProviderKind;
	readonly displayName: string;
	capabilities(): ClipCapabilities;
	/** Field errors for a request this generator would refuse (paths are ClipRequest fields). */
	validate(request: ClipRequest): FieldError[];
	submit(request: ClipRequest, signal: AbortSignal): Promise<ClipHandle>;
	status(handle: ClipHandle, signal: AbortSignal): Promise<ClipStatus>;
	/** Streams the finished clip into `dir`; resolves with the file. */
	download(
		handle: ClipHandle,
		dir: string,
		signal: AbortSignal,
		options?: DownloadOptions,
	): Promise<DownloadedClip>;
	/** Asks the provider to stop (and not bill) the job; resolves once it answered. */
	cancel(handle: ClipHandle, signal: AbortSignal): Promise<void>;
	/** Continues a finished clip (its `result` from `status`). */
	extend?(
		source: { handle: ClipHandle; result: ClipResult },
		request: ExtendRequest,
		signal: AbortSignal,
	): Promise<ClipHandle>;
	/** Edits a finished clip from an instruction. */
	remix?(
		source: { handle: ClipHandle; result?: ClipResult },
		instruction: string,
		signal: AbortSignal,
	): Promise<ClipHandle>;
	/** A cheap request that tells whether the provider answers and accepts the credentials. */
	probe(signal: AbortSignal): Promise<ProbeResult>;
}

/**
 * The finished job's result a download reads: the one `status` already gave when it is usable,
 * else a fresh status, which must have succeeded (its error, or "not ready", otherwise).
 */
export async function finishedResult(
	generator: { readonly id: string; status: ClipGenerator['status'] },
	handle: ClipHandle,
	signal: AbortSignal,
	given: ClipResult | undefined,
	usable: (result: ClipResult) => boolean = () => true,
): Promise<ClipResult> {
	if (given && usable(given)) return given;
	const current = await generator.status(handle, signal);
	if (current.state !== 'succeeded')
		throw (
			current.error ??
			new ProviderError('provider_failed', `${generator.id}: the clip is not ready`, {
				provider: generator.id,
			})
		);
	return current.result!;
}

export type ProviderErrorCode =
	| 'provider_blocked'
	| 'provider_rate_limited'
	| 'provider_unavailable'
	| 'provider_auth'
	| 'provider_bad_request'
	| 'provider_failed'
	| 'provider_malformed'
	| 'provider_timeout';

const HTTP_STATUS: Record<ProviderErrorCode, number> = {
	provider_blocked: 422,
	provider_rate_limited: 429,
	provider_unavailable: 503,
	provider_auth: 502,
	provider_bad_request: 400,
	provider_failed: 502,
	provider_malformed: 502,
	provider_timeout: 504,
};

export interface ProviderErrorOptions {
	/** The generator instance. */
	provider: string;
	/** The provider's HTTP status, when an answer came. */
	httpStatus?: number;
	/** The provider's own error code or status string (RESOURCE_EXHAUSTED, moderation_blocked). */
	providerCode?: string;
	/** provider_rate_limited: how long the provider asked us to wait. */
	retryAfterMs?: number;
	/** provider_blocked: the provider's reasons, verbatim. */
	reasons?: string[];
	/** provider_bad_request: the provider's name of the field it refused. */
	field?: string;
	/** JSON pointers into the spec (or request) the error is about; `/provider` otherwise. */
	details?: FieldError[];
}

/**
 * A failure at a remote generator, with one of Reelforge's codes. Rate limits and outages are
 * `transient` (the job may be tried again without paying twice: nothing was accepted); a failed or
 * blocked generation is not. Messages never carry credentials (the transport redacts them).
 */
export class ProviderError extends ApiError {
	declare readonly code: ProviderErrorCode;
	readonly transient: boolean;
	readonly provider: string;
	readonly httpStatus?: number;
	readonly providerCode?: string;
	readonly retryAfterMs?: number;
	readonly reasons?: string[];
	readonly field?: string;

	constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions) {
		const details =
			options.details ??
			(options.reasons?.length
				? options.reasons.map((reason) => ({ path: '/prompt', message: reason }))
				: [
						{
							path: options.field
								? `/provider/${options.field.replace(/[^\w.[\]-]/g, '_')}`
								: '/provider',
							message,
						},
					]);
		const headers: Record<string, string> =
			options.retryAfterMs !== undefined
				? { 'Retry-After': String(Math.max(1, Math.ceil(options.retryAfterMs / 1000))) }
				: {};
		super(HTTP_STATUS[code], code, message, details, headers);
		this.name = 'ProviderError';
		this.provider = options.provider;
		this.httpStatus = options.httpStatus;
		this.providerCode = options.providerCode;
		this.retryAfterMs = options.retryAfterMs;
		this.reasons = options.reasons;
		this.field = options.field;
		this.transient = code === 'provider_rate_limited' || code === 'provider_unavailable';
	}
}

export function isProviderError(error: unknown): error is ProviderError {
	return error instanceof ProviderError;
}

/** The smallest accepted clip length at least `seconds` long, or the longest one. */
export function fitDuration(capabilities: Pick<ClipCapabilities, 'durations'>, seconds: number) {
	const sorted = [...capabilities.durations].sort((a, b) => a - b);
	return sorted.find((d) => d >= seconds - 1e-6) ?? sorted[sorted.length - 1];
}

/** The aspect ratio of a width × height, reduced ("1080x1920" → "9:16"). */
export function aspectRatioOf(width: number, height: number): string {
	const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
	const g = gcd(width, height);
	return `${width / g}:${height / g}`;
}

/** "1280x720" as a ClipSize named by its dimensions (OpenAI-style sizes, ComfyUI sizes). */
export function parseSize(text: string): ClipSize | undefined {
	const match = /^(\d{2,5})x(\d{2,5})$/.exec(text.trim());
	if (!match) return undefined;
	const width = Number(match[1]);
	const height = Number(match[2]);
	return {
		width,
		height,
		aspectRatio: aspectRatioOf(width, height),
		resolution: `${width}x${height}`,
	};
}

/** Checks the parts of a request every generator checks the same way: duration, size, images. */
export function validateCommon(capabilities: ClipCapabilities, request: ClipRequest): FieldError[] {
	const errors: FieldError[] = [];
	if (!request.prompt.trim()) errors.push({ path: '/prompt', message: 'must not be empty' });
	if (!capabilities.durations.includes(request.durationSeconds))
		errors.push({
			path: '/durationSeconds',
			message: `must be one of ${capabilities.durations.join(', ')} s`,
		});
	const size = capabilities.sizes.find(
		(s) => s.width === request.size.width && s.height === request.size.height,
	);
	if (!size)
		errors.push({
			path: '/size',
			message: `must be one of ${capabilities.sizes.map((s) => `${s.width}x${s.height}`).join(', ')}`,
		});
	else if (size.durations && !size.durations.includes(request.durationSeconds))
		errors.push({
			path: '/durationSeconds',
			message: `${size.resolution} clips must last ${size.durations.join(' or ')} s`,
		});
	const references = request.referenceImages?.length ?? 0;
	if (references > capabilities.referenceImages)
		errors.push({
			path: '/referenceImages',
			message: capabilities.referenceImages
				? `at most ${capabilities.referenceImages} reference images`
				: 'this provider takes no reference images',
		});
	if (request.firstFrame && !capabilities.firstFrame)
		errors.push({ path: '/firstFrame', message: 'this provider takes no first frame' });
	if (request.lastFrame && !capabilities.lastFrame)
		errors.push({ path: '/lastFrame', message: 'this provider takes no last frame' });
	if (request.negativePrompt && !capabilities.negativePrompt)
		errors.push({ path: '/negativePrompt', message: 'this provider takes no negative prompt' });
	if (request.seed !== undefined && !capabilities.seed)
		errors.push({ path: '/seed', message: 'this provider takes no seed' });
	if (
		request.personGeneration !== undefined &&
		!capabilities.personGeneration?.includes(request.personGeneration)
	)
		errors.push({
			path: '/personGeneration',
			message: capabilities.personGeneration
				? `must be one of ${capabilities.personGeneration.join(', ')}`
				: 'this provider has no person-generation setting',
		});
	return errors;
}

/**
 * `veo`: Google Veo 3.1 through the Gemini API.
 *
 * - Submit: `POST {base}/models/{model}:predictLongRunning` with
 *   `{instances:[{prompt, image?, lastFrame?, referenceImages?, video?}], parameters:{aspectRatio,
 *   resolution, durationSeconds, negativePrompt?, personGeneration?, seed?}}` → an operation
 *   `{name:"models/{model}/operations/{id}"}`. Images go inline as `{bytesBase64Encoded, mimeType}`
 *   (the Developer API wire form; the SDK's converters write the same), reference images as
 *   `{image, referenceType:"asset"}`, the clip to extend as `video:{uri}`.
 * - Poll: `GET {base}/{operation name}` until `done`; then `error` (google.rpc.Status) or
 *   `response.generateVideoResponse.generatedSamples[].video.uri`. No samples and
 *   `raiMediaFilteredReasons` means the safety filters blocked it: `provider_blocked`.
 * - Download: the sample's URI with the key, following redirects.
 * - Cancel: `POST {base}/{operation name}:cancel` (google.longrunning). When the API does not
 *   implement it for Veo, the operation runs on and may be billed; that is logged, not thrown.
 * - Completion webhooks: `video.generated` (static webhooks, Standard Webhooks signatures) wake
 *   the poll loop; see api/routes/providerWebhooks.ts.
 */
import type { FieldError } from '../../spec/errors';
import {
	finishedResult,
	ProviderError,
	validateCommon,
	type ClipCapabilities,
	type ClipGenerator,
	type ClipHandle,
	type ClipRequest,
	type ClipStatus,
	type ExtendRequest,
	type ImageInput,
} from '../remote/clipGenerator';
import type { Outbound } from '../../net/outbound';
import { GeminiApi, inlineImageBase64, safeResourceName } from '../remote/geminiApi';
import { VEO_DEFAULT_MODEL, veoCapabilities } from './models';

export interface VeoConfig {
	/** Instance name (`veo` for the GEMINI_API_KEY shortcut). */
	name: string;
	apiKey: string;
	baseUrl?: string;
	model?: string;
	/** Sent as `personGeneration` when set and the request does not say. */
	personGeneration?: string;
	/** Whether to send `seed` (the Developer API SDK marks it Vertex-only; some endpoints take it). */
	seed?: boolean;
	concurrency?: number;
	deadlineSeconds?: number;
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
}

interface VeoOperation {
	name?: string;
	done?: boolean;
	metadata?: { progressPercent?: number };
	error?: { code?: number; message?: string; status?: string };
	response?: {
		generateVideoResponse?: {
			generatedSamples?: Array<{ video?: { uri?: string; encoding?: string } }>;
			raiMediaFilteredCount?: number;
			raiMediaFilteredReasons?: string[];
		};
	};
}

/** google.rpc.Code.CANCELLED */
const RPC_CANCELLED = 1;

export function createVeoGenerator(config: VeoConfig): ClipGenerator {
	const model = config.model ?? VEO_DEFAULT_MODEL;
	const api = new GeminiApi({
		provider: config.name,
		apiKey: config.apiKey,
		baseUrl: config.baseUrl,
		outbound: config.outbound,
	});
	const caps: ClipCapabilities = veoCapabilities(model, {
		seed: config.seed ?? false,
		concurrency: config.concurrency ?? 2,
		deadlineSeconds: config.deadlineSeconds ?? 900,
	});
	const provider = config.name;

	async function inline(image: ImageInput, field: string) {
		return {
			bytesBase64Encoded: await inlineImageBase64(provider, image, field),
			mimeType: image.mimeType,
		};
	}

	function handleOf(operation: VeoOperation): ClipHandle {
		const name = safeResourceName(provider, operation.name);
		return {
			provider,
			kind: 'veo',
			id: name,
			aliases: [name.split('/').pop()!],
		};
	}

	async function start(
		instance: Record<string, unknown>,
		parameters: Record<string, unknown>,
		signal: AbortSignal,
	) {
		const operation = await api.call<VeoOperation>(
			'POST',
			`models/${encodeURIComponent(model)}:predictLongRunning`,
			signal,
			{ instances: [instance], parameters },
		);
		return handleOf(operation);
	}

	/**
	 * Veo 3.1 takes `allow_all` for text-to-video and extension, `allow_adult` with images. A
	 * request's own value is sent as asked (validate() checks it); the instance's setting means
	 * "people allowed" and is sent in the form the mode takes.
	 */
	function personGeneration(requested: string | undefined, withImages: boolean) {
		if (requested !== undefined) return { personGeneration: requested };
		if (config.personGeneration === undefined) return {};
		return { personGeneration: withImages ? 'allow_adult' : 'allow_all' };
	}

	function blockedOrMalformed(operation: VeoOperation): ProviderError {
		const response = operation.response?.generateVideoResponse;
		const reasons = response?.raiMediaFilteredReasons?.filter((r) => typeof r === 'string') ?? [];
		if (reasons.length || (response?.raiMediaFilteredCount ?? 0) > 0)
			return new ProviderError(
				'provider_blocked',
				`${provider}: the video was blocked by the provider's safety filters${reasons.length ? `: ${reasons.join('; ')}` : ''}`,
				{
					provider,
					reasons: reasons.length ? reasons : ['filtered by the provider (no reason given)'],
				},
			);
		return new ProviderError(
			'provider_malformed',
			`${provider}: the finished operation has no video`,
			{
				provider,
			},
		);
	}

	return {
		id: provider,
		kind: 'veo',
		displayName: `Google Veo (${model})`,

		capabilities: () => caps,

		validate(request: ClipRequest): FieldError[] {
			const errors = validateCommon(caps, request);
			if (request.referenceImages?.length && request.durationSeconds !== 8)
				errors.push({ path: '/durationSeconds', message: 'reference images need an 8 s clip' });
			if (request.referenceImages?.length && (request.firstFrame || request.lastFrame))
				errors.push({
					path: '/referenceImages',
					message: 'reference images cannot be combined with a first or last frame',
				});
			if (request.lastFrame && !request.firstFrame)
				errors.push({ path: '/lastFrame', message: 'a last frame needs a first frame' });
			const withImages = Boolean(request.firstFrame || request.referenceImages?.length);
			if (request.personGeneration === 'allow_all' && withImages)
				errors.push({
					path: '/personGeneration',
					message: 'image-guided Veo 3.1 clips take "allow_adult" only',
				});
			if (request.personGeneration === 'allow_adult' && !withImages)
				errors.push({
					path: '/personGeneration',
					message: 'text-to-video Veo 3.1 clips take "allow_all" only',
				});
			return errors;
		},

		async submit(request, signal) {
			const instance: Record<string, unknown> = { prompt: request.prompt };
			if (request.firstFrame) instance.image = await inline(request.firstFrame, 'image');
			if (request.lastFrame) instance.lastFrame = await inline(request.lastFrame, 'lastFrame');
			if (request.referenceImages?.length)
				instance.referenceImages = await Promise.all(
					request.referenceImages.map(async (image, i) => ({
						image: await inline(image, `referenceImages[${i}]`),
						referenceType: 'asset',
					})),
				);
			const withImages = Boolean(request.firstFrame || request.referenceImages?.length);
			const parameters: Record<string, unknown> = {
				aspectRatio: request.size.aspectRatio,
				resolution: request.size.resolution,
				durationSeconds: request.durationSeconds,
				...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
				...personGeneration(request.personGeneration, withImages),
				...(caps.seed && request.seed !== undefined ? { seed: request.seed } : {}),
			};
			return start(instance, parameters, signal);
		},

		async extend(source, request: ExtendRequest, signal) {
			const uri = source.result.uri;
			if (typeof uri !== 'string')
				throw new ProviderError(
					'provider_bad_request',
					`${provider}: the clip to extend has no video URI`,
					{
						provider,
						field: 'video',
					},
				);
			return start(
				{ prompt: request.prompt, video: { uri } },
				{
					aspectRatio: request.size.aspectRatio,
					resolution: '720p',
					...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
					...personGeneration(undefined, false),
					...(caps.seed && request.seed !== undefined ? { seed: request.seed } : {}),
				},
				signal,
			);
		},

		status,

		async download(handle, dir, signal, options = {}) {
			const { uri } = await finishedResult(
				{ id: provider, status },
				handle,
				signal,
				options.result,
				(result) => typeof result.uri === 'string',
			);
			return api.download(
				String(uri),
				dir,
				`veo-${handle.id.split('/').pop()}.mp4`,
				signal,
				options.onProgress,
			);
		},

		async cancel(handle, signal) {
			try {
				await api.call('POST', `${safeResourceName(provider, handle.id)}:cancel`, signal, {});
			} catch (error) {
				if (
					error instanceof ProviderError &&
					(error.httpStatus === 501 || error.httpStatus === 404 || error.httpStatus === 405)
				)
					throw new ProviderError(
						'provider_failed',
						`${provider}: the Gemini API does not cancel this operation; it runs to the end and may be billed`,
						{ provider, httpStatus: error.httpStatus },
					);
				throw error;
			}
		},

		probe: (signal) => api.probe(model, signal),
	};

	async function status(handle: ClipHandle, signal: AbortSignal): Promise<ClipStatus> {
		const operation = await api.call<VeoOperation>(
			'GET',
			safeResourceName(provider, handle.id),
			signal,
			undefined,
			{ notFound: 'provider_failed' },
		);
		const percent = operation.metadata?.progressPercent;
		const progress =
			typeof percent === 'number' ? Math.min(1, Math.max(0, percent / 100)) : undefined;
		if (!operation.done) return { state: progress ? 'running' : 'queued', progress };
		if (operation.error) {
			if (operation.error.code === RPC_CANCELLED)
				return {
					state: 'canceled',
					error: new ProviderError('provider_failed', `${provider}: the operation was canceled`, {
						provider,
						providerCode: 'CANCELLED',
					}),
				};
			const message = api.http.redact(
				`${provider}: ${operation.error.message ?? 'the generation failed'}${operation.error.status ? ` (${operation.error.status})` : ''}`,
			);
			const blocked = /safety|responsible ai|policy|guideline|blocked|filtered/i.test(
				operation.error.message ?? '',
			);
			return {
				state: 'failed',
				error: blocked
					? new ProviderError('provider_blocked', message, {
							provider,
							reasons: [operation.error.message ?? 'blocked'],
							providerCode: operation.error.status,
						})
					: new ProviderError('provider_failed', message, {
							provider,
							providerCode: operation.error.status ?? String(operation.error.code ?? ''),
						}),
			};
		}
		const uri = operation.response?.generateVideoResponse?.generatedSamples?.find(
			(s) => typeof s?.video?.uri === 'string',
		)?.video?.uri;
		if (!uri) return { state: 'failed', error: blockedOrMalformed(operation) };
		return { state: 'succeeded', progress: 1, result: { uri } };
	}
}

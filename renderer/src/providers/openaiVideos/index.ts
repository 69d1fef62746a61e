/**
 * `openai-videos`: the OpenAI Videos protocol, as gateways (LiteLLM and others) still serve it
 * after OpenAI retired its own endpoint.
 *
 * - `POST {base}/videos`: JSON `{model, prompt, seconds, size}`, or multipart with the same fields
 *   plus an `input_reference` file (the first frame; it must match `size`). `seconds` is a string.
 * - `GET {base}/videos/{id}`: the video object, `status` queued → in_progress → completed | failed,
 *   `progress` 0–100, `error {code, message}`; the `openai-poll-after-ms` header says when to ask
 *   again.
 * - `GET {base}/videos/{id}/content?variant=video|thumbnail|spritesheet`: the bytes.
 * - `POST {base}/videos/{id}/remix {prompt}`: a new video made from a finished one.
 * - `DELETE {base}/videos/{id}`: removes it (and stops it where the gateway supports that).
 * - Errors: `{error:{message, type, param, code}}`.
 *
 * The base URL ends in `/v1`. OpenRouter's `/api/v1/videos` is a different protocol (202 with a
 * `polling_url`) and is not served by this adapter.
 */
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import type { FieldError } from '../../spec/errors';
import {
	parseSize,
	ProviderError,
	validateCommon,
	type ClipCapabilities,
	type ClipGenerator,
	type ClipHandle,
	type ClipPrice,
	type ClipStatus,
	type ProbeResult,
} from '../remote/clipGenerator';
import type { Outbound } from '../../net/outbound';
import { bearerClient, joinUrl, retryAfterMs } from '../remote/http';

export const OPENAI_VIDEOS_DEFAULT_MODEL = 'sora-2';
export const OPENAI_VIDEOS_DEFAULT_SECONDS = [4, 8, 12];
export const OPENAI_VIDEOS_DEFAULT_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];

export interface OpenAIVideosConfig {
	name: string;
	/** Ends with `/v1`. */
	baseUrl: string;
	apiKey?: string;
	model?: string;
	/** Clip lengths the gateway's model takes. */
	seconds?: number[];
	/** Sizes as "WIDTHxHEIGHT". */
	sizes?: string[];
	/** Whether the model's clips carry sound (Sora 2 does). */
	nativeAudio?: boolean;
	/** The gateway's price per output second, when the operator knows it. */
	usdPerSecond?: number;
	concurrency?: number;
	deadlineSeconds?: number;
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
}

interface VideoObject {
	id?: string;
	object?: string;
	status?: string;
	progress?: number;
	error?: { code?: string; message?: string } | null;
	size?: string;
	seconds?: string;
}

interface OpenAIError {
	error?: { message?: string; type?: string; param?: string | null; code?: string | null };
}

const BLOCKED = /moderation|content[_ ]policy|safety|blocked/i;
const ID = /^[A-Za-z0-9_-]{1,200}$/;

/** OpenAI's list prices for its own Sora 2 models (a gateway may charge differently). */
function listPrice(model: string): ClipPrice | undefined {
	const source = 'https://openai.com/api/pricing (Sora 2 video, as published at launch 2025-10)';
	if (model === 'sora-2')
		return {
			usdPerSecond: 0.1,
			asOf: '2025-10',
			source,
			note: 'OpenAI list price; gateways differ',
		};
	if (model === 'sora-2-pro')
		return {
			usdPerSecond: 0.3,
			byResolution: { '720x1280': 0.3, '1280x720': 0.3, '1024x1792': 0.5, '1792x1024': 0.5 },
			asOf: '2025-10',
			source,
			note: 'OpenAI list price; gateways differ',
		};
	return undefined;
}

export function createOpenAIVideosGenerator(config: OpenAIVideosConfig): ClipGenerator {
	const provider = config.name;
	const model = config.model ?? OPENAI_VIDEOS_DEFAULT_MODEL;
	const base = config.baseUrl.replace(/\/+$/, '');
	const { http, credentials } = bearerClient({
		provider,
		base,
		apiKey: config.apiKey,
		outbound: config.outbound,
	});
	const price =
		config.usdPerSecond !== undefined
			? { usdPerSecond: config.usdPerSecond, asOf: 'configured', source: 'REELFORGE_PROVIDERS' }
			: listPrice(model);
	const caps: ClipCapabilities = {
		model,
		durations: [...(config.seconds ?? OPENAI_VIDEOS_DEFAULT_SECONDS)].sort((a, b) => a - b),
		sizes: (config.sizes ?? OPENAI_VIDEOS_DEFAULT_SIZES).map((s) => parseSize(s)!).filter(Boolean),
		fps: [],
		nativeAudio: config.nativeAudio ?? true,
		referenceImages: 0,
		firstFrame: true,
		lastFrame: false,
		remix: true,
		negativePrompt: false,
		seed: false,
		webhooks: false,
		concurrency: config.concurrency ?? 2,
		deadlineSeconds: config.deadlineSeconds ?? 1200,
		price,
	};

	const url = (path: string) => joinUrl(base, path);

	async function error(response: Response): Promise<ProviderError> {
		const body = (await http.maybeJson(response)) as OpenAIError | undefined;
		const e = body?.error;
		const code = e?.code ?? e?.type ?? undefined;
		const message = http.redact(
			`${provider}: ${e?.message ?? `HTTP ${response.status}`}${code ? ` (${code})` : ''}`,
		);
		const options = {
			provider,
			httpStatus: response.status,
			providerCode: code ?? undefined,
		};
		if (code === 'insufficient_quota')
			return new ProviderError(
				'provider_auth',
				`${message}: the account behind the key has no quota left`,
				options,
			);
		if (response.status === 401 || response.status === 403)
			return new ProviderError('provider_auth', message, options);
		if (response.status === 429)
			return new ProviderError('provider_rate_limited', message, {
				...options,
				retryAfterMs: retryAfterMs(response.headers),
			});
		if (response.status >= 500)
			return new ProviderError('provider_unavailable', message, {
				...options,
				retryAfterMs: retryAfterMs(response.headers),
			});
		if (BLOCKED.test(`${code ?? ''} ${e?.message ?? ''}`) && response.status < 500)
			return new ProviderError('provider_blocked', message, {
				...options,
				reasons: [http.redact(e?.message ?? code ?? 'blocked')],
			});
		if (response.status >= 400 && response.status < 500)
			return new ProviderError('provider_bad_request', message, {
				...options,
				field: e?.param ?? undefined,
			});
		return new ProviderError('provider_failed', message, options);
	}

	async function send(
		method: string,
		path: string,
		signal: AbortSignal,
		body?: string | FormData,
		extraHeaders: Record<string, string> = {},
	) {
		const response = await http.request(url(path), {
			method,
			signal,
			headers: { accept: 'application/json', ...extraHeaders },
			credentials,
			body,
		});
		if (!response.ok) throw await error(response);
		return response;
	}

	function videoId(handle: ClipHandle) {
		if (!ID.test(handle.id))
			throw new ProviderError('provider_malformed', `${provider}: invalid video id`, { provider });
		return encodeURIComponent(handle.id);
	}

	async function handleFrom(response: Response): Promise<ClipHandle> {
		const video = await http.json<VideoObject>(response);
		if (typeof video.id !== 'string' || !ID.test(video.id))
			throw new ProviderError('provider_malformed', `${provider}: the answer has no video id`, {
				provider,
			});
		return { provider, kind: 'openai-videos', id: video.id };
	}

	function pollAfter(response: Response): number | undefined {
		const value = Number(response.headers.get('openai-poll-after-ms'));
		return response.headers.has('openai-poll-after-ms') && Number.isFinite(value) && value >= 0
			? value
			: undefined;
	}

	async function status(handle: ClipHandle, signal: AbortSignal): Promise<ClipStatus> {
		const response = await send('GET', `videos/${videoId(handle)}`, signal);
		const video = await http.json<VideoObject>(response);
		const progress =
			typeof video.progress === 'number'
				? Math.min(1, Math.max(0, video.progress / 100))
				: undefined;
		const after = pollAfter(response);
		switch (video.status) {
			case 'queued':
				return { state: 'queued', progress, pollAfterMs: after };
			case 'in_progress':
			case 'processing':
				return { state: 'running', progress, pollAfterMs: after };
			case 'completed':
				return { state: 'succeeded', progress: 1, result: { id: handle.id } };
			case 'failed': {
				const text = http.redact(
					[video.error?.code, video.error?.message].filter(Boolean).join(': ') ||
						'the generation failed',
				);
				return {
					state: 'failed',
					error: BLOCKED.test(text)
						? new ProviderError('provider_blocked', `${provider}: ${text}`, {
								provider,
								reasons: [text],
								providerCode: video.error?.code ?? undefined,
							})
						: new ProviderError('provider_failed', `${provider}: ${text}`, {
								provider,
								providerCode: video.error?.code ?? undefined,
							}),
				};
			}
			case 'cancelled':
			case 'canceled':
				return {
					state: 'canceled',
					error: new ProviderError('provider_failed', `${provider}: the video was canceled`, {
						provider,
					}),
				};
			default:
				throw new ProviderError(
					'provider_malformed',
					`${provider}: unknown video status ${JSON.stringify(video.status)}`,
					{ provider },
				);
		}
	}

	return {
		id: provider,
		kind: 'openai-videos',
		displayName: `OpenAI Videos gateway (${model})`,
		capabilities: () => caps,

		validate(request): FieldError[] {
			return validateCommon(caps, request);
		},

		async submit(request, signal) {
			const fields = {
				model,
				prompt: request.prompt,
				seconds: String(request.durationSeconds),
				size: `${request.size.width}x${request.size.height}`,
			};
			if (!request.firstFrame)
				return handleFrom(
					await send('POST', 'videos', signal, JSON.stringify(fields), {
						'content-type': 'application/json',
					}),
				);
			const form = new FormData();
			for (const [key, value] of Object.entries(fields)) form.append(key, value);
			const blob = await openAsBlob(request.firstFrame.path, { type: request.firstFrame.mimeType });
			form.append(
				'input_reference',
				blob,
				`reference.${request.firstFrame.mimeType.split('/')[1] ?? 'png'}`,
			);
			return handleFrom(await send('POST', 'videos', signal, form));
		},

		async remix(source, instruction, signal) {
			return handleFrom(
				await send(
					'POST',
					`videos/${videoId(source.handle)}/remix`,
					signal,
					JSON.stringify({ prompt: instruction }),
					{ 'content-type': 'application/json' },
				),
			);
		},

		status,

		async download(handle, dir, signal, options = {}) {
			const response = await http.request(url(`videos/${videoId(handle)}/content?variant=video`), {
				signal,
				timeoutMs: 120_000,
				headers: { accept: 'video/mp4, application/octet-stream' },
				credentials,
			});
			return http.saveClip(response, join(dir, `openai-${handle.id}.mp4`), error, {
				signal,
				onProgress: options.onProgress,
			});
		},

		async cancel(handle, signal) {
			await send('DELETE', `videos/${videoId(handle)}`, signal);
		},

		async probe(signal): Promise<ProbeResult> {
			try {
				await send('GET', 'models', signal);
				return { reachable: true };
			} catch (e) {
				if (!(e instanceof ProviderError)) throw e;
				if (e.code === 'provider_auth')
					return { reachable: true, authFailed: true, reason: 'the API key was refused' };
				if (e.httpStatus === undefined) return { reachable: false, reason: e.message };
				return { reachable: true, reason: e.httpStatus === 404 ? undefined : e.message };
			}
		},
	};
}

/**
 * What Veo and Gemini Omni share: the Gemini API's key, base URL, error envelope, file downloads
 * and a cheap probe.
 *
 * Errors are `{"error":{"code","message","status","details":[...]}}` (google.rpc.Status); a wrong
 * key answers 400 with an ErrorInfo reason `API_KEY_INVALID`, a missing one 403
 * PERMISSION_DENIED, quota 429 RESOURCE_EXHAUSTED (a RetryInfo detail may carry `retryDelay`).
 * Files are downloaded from the URI the API returns, with the key, following redirects; the key is
 * only ever sent to the configured base URL's origin and to Google's own API host.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
	ProviderError,
	type DownloadedClip,
	type ImageInput,
	type ProbeResult,
	type ProviderErrorCode,
} from './clipGenerator';
import type { Outbound } from '../../net/outbound';
import { durationStringMs, joinUrl, RemoteHttp, retryAfterMs } from './http';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';
const GOOGLE_API_ORIGIN = 'https://generativelanguage.googleapis.com';

export interface GeminiApiConfig {
	/** The instance name. */
	provider: string;
	apiKey: string;
	/** Ends with the API version (`.../v1beta`). */
	baseUrl?: string;
	timeoutMs?: number;
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
}

interface GoogleErrorDetail {
	'@type'?: string;
	reason?: string;
	retryDelay?: string;
	fieldViolations?: Array<{ field?: string; description?: string }>;
}

interface GoogleError {
	error?: { code?: number; message?: string; status?: string; details?: GoogleErrorDetail[] };
}

export class GeminiApi {
	readonly http: RemoteHttp;
	readonly baseUrl: string;
	readonly provider: string;
	private readonly apiKey: string;

	constructor(config: GeminiApiConfig) {
		this.baseUrl = (config.baseUrl ?? GEMINI_DEFAULT_BASE_URL).replace(/\/+$/, '');
		this.provider = config.provider;
		this.apiKey = config.apiKey;
		this.http = new RemoteHttp({
			provider: config.provider,
			secrets: [config.apiKey],
			timeoutMs: config.timeoutMs,
			credentialOrigins: [this.baseUrl, GOOGLE_API_ORIGIN],
			outbound: config.outbound,
		});
	}

	url(path: string): string {
		return joinUrl(this.baseUrl, path);
	}

	/** A JSON request with the key; non-2xx answers become ProviderErrors. */
	async call<T>(
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		signal: AbortSignal,
		body?: unknown,
		options: { maxBytes?: number; notFound?: ProviderErrorCode } = {},
	): Promise<T> {
		const response = await this.http.request(this.url(path), {
			method,
			signal,
			headers: {
				accept: 'application/json',
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			credentials: { 'x-goog-api-key': this.apiKey },
			body: body !== undefined ? JSON.stringify(body) : undefined,
		});
		if (!response.ok) throw await this.error(response, options.notFound);
		if (response.status === 204) return {} as T;
		return this.http.json<T>(response, options.maxBytes);
	}

	/** Maps a Gemini API error answer onto Reelforge's codes. */
	async error(response: Response, notFound: ProviderErrorCode = 'provider_bad_request') {
		const body = (await this.http.maybeJson(response)) as GoogleError | undefined;
		const error = body?.error;
		const status = error?.status;
		const reasons = (error?.details ?? []).map((d) => d.reason).filter(Boolean) as string[];
		const message = this.http.redact(
			`${this.provider}: ${error?.message ?? `HTTP ${response.status}`}${status ? ` (${status})` : ''}`,
		);
		const violation = error?.details?.flatMap((d) => d.fieldViolations ?? [])[0];
		const options = {
			provider: this.provider,
			httpStatus: response.status,
			providerCode: reasons[0] ?? status,
		};
		if (
			response.status === 401 ||
			response.status === 403 ||
			reasons.includes('API_KEY_INVALID') ||
			status === 'UNAUTHENTICATED' ||
			status === 'PERMISSION_DENIED'
		)
			return new ProviderError('provider_auth', message, options);
		if (response.status === 429 || status === 'RESOURCE_EXHAUSTED') {
			const delay =
				retryAfterMs(response.headers) ??
				error?.details?.map((d) => durationStringMs(d.retryDelay)).find((d) => d !== undefined);
			return new ProviderError('provider_rate_limited', message, {
				...options,
				retryAfterMs: delay,
			});
		}
		if (response.status >= 500)
			return new ProviderError('provider_unavailable', message, {
				...options,
				retryAfterMs: retryAfterMs(response.headers),
			});
		if (response.status === 404) return new ProviderError(notFound, message, options);
		if (response.status === 400 || response.status === 409 || response.status === 413)
			return new ProviderError('provider_bad_request', message, {
				...options,
				field: violation?.field ?? fieldNamedIn(error?.message),
			});
		return new ProviderError('provider_failed', message, options);
	}

	/**
	 * Downloads a file URI the API returned (`.../files/<id>:download?alt=media`), with the key,
	 * following redirects (the key is not carried to other origins).
	 */
	async download(
		uri: string,
		dir: string,
		name: string,
		signal: AbortSignal,
		onProgress?: (bytes: number, total?: number) => void,
	): Promise<DownloadedClip> {
		let target: URL;
		try {
			target = new URL(uri, this.baseUrl + '/');
		} catch {
			throw new ProviderError(
				'provider_malformed',
				`${this.provider}: the video URI is not a URL`,
				{
					provider: this.provider,
				},
			);
		}
		if (target.protocol !== 'https:' && target.protocol !== 'http:')
			throw new ProviderError(
				'provider_malformed',
				`${this.provider}: the video URI is not HTTP(S)`,
				{
					provider: this.provider,
				},
			);
		const response = await this.http.request(target.href, {
			signal,
			timeoutMs: 120_000,
			credentials: { 'x-goog-api-key': this.apiKey },
		});
		return this.http.saveClip(
			response,
			join(dir, name),
			(refused) => this.error(refused, 'provider_failed'),
			{ signal, onProgress },
		);
	}

	/** `GET models/{model}`: answers without cost and checks the key. */
	async probe(model: string, signal: AbortSignal): Promise<ProbeResult> {
		try {
			await this.call('GET', `models/${encodeURIComponent(model)}`, signal);
			return { reachable: true };
		} catch (error) {
			if (!(error instanceof ProviderError)) throw error;
			if (error.code === 'provider_auth')
				return { reachable: true, authFailed: true, reason: 'the API key was refused' };
			if (error.code === 'provider_unavailable' && error.httpStatus === undefined)
				return { reachable: false, reason: error.message };
			if (error.code === 'provider_bad_request' && error.httpStatus === 404)
				return { reachable: true, reason: `model "${model}" is not served` };
			return { reachable: true, reason: error.message };
		}
	}
}

/** Google's messages often name the field: `Invalid value at 'instances[0].image'`. */
function fieldNamedIn(message: string | undefined): string | undefined {
	const match = message && /(?:at|field|parameter)\s+'([\w.[\]]+)'/.exec(message);
	return match?.[1];
}

/** Operation and interaction names are paths we put into URLs: refuse anything odd. */
/** The most an image sent inline (base64 in the request) may weigh. */
const MAX_INLINE_IMAGE_BYTES = 20 * 1024 * 1024;

/** An image as the base64 Veo and Omni take inline; one over 20 MB is refused before it is read. */
export async function inlineImageBase64(
	provider: string,
	image: ImageInput,
	field: string,
): Promise<string> {
	const info = await stat(image.path);
	if (info.size > MAX_INLINE_IMAGE_BYTES)
		throw new ProviderError('provider_bad_request', `${provider}: ${field} is larger than 20 MB`, {
			provider,
			field,
		});
	return (await readFile(image.path)).toString('base64');
}

export function safeResourceName(provider: string, name: unknown): string {
	if (
		typeof name !== 'string' ||
		!/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,511}$/.test(name) ||
		name.includes('..')
	)
		throw new ProviderError(
			'provider_malformed',
			`${provider}: the job name is missing or invalid`,
			{
				provider,
			},
		);
	return name;
}

/**
 * The remote generators' one door to outbound HTTP. Every request a generator makes goes through
 * `RemoteHttp`: it bounds time and size, follows redirects itself (credentials only ever go to the
 * origins the operator configured), streams downloads to disk, turns network failures into
 * `provider_unavailable` and scrubs the instance's secrets out of every message it produces.
 *
 * The endpoints are operator-configured (a ComfyUI box on the LAN is the normal case), so private
 * addresses are allowed here; what is refused is sending a key anywhere but its configured origin.
 * When the project's shared outbound-fetch module lands, this file is the only one to switch.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { abortError } from '../../engine/encode/abort';
import { ProviderError } from './clipGenerator';

export interface RemoteHttpOptions {
	/** The generator instance, for error messages. */
	provider: string;
	/** Values that must never appear in an error or log line (API keys, bearer tokens). */
	secrets: Array<string | undefined>;
	/** Per-request time limit unless a call says otherwise. */
	timeoutMs?: number;
	/** Origins allowed to receive the credentials (the configured base URLs' origins). */
	credentialOrigins: string[];
}

export interface RequestOptions {
	method?: string;
	headers?: Record<string, string>;
	/** Headers sent only to a credential origin (the API key, a bearer token). */
	credentials?: Record<string, string>;
	body?: string | FormData | Uint8Array;
	signal: AbortSignal;
	timeoutMs?: number;
	/** Redirects to follow (each hop re-checks where credentials may go); 0 returns the 3xx. */
	maxRedirects?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

export class RemoteHttp {
	readonly provider: string;
	private readonly secrets: string[];
	private readonly timeoutMs: number;
	private readonly credentialOrigins: Set<string>;

	constructor(options: RemoteHttpOptions) {
		this.provider = options.provider;
		this.secrets = options.secrets.filter(
			(s): s is string => typeof s === 'string' && s.length >= 4,
		);
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.credentialOrigins = new Set(options.credentialOrigins.map((u) => new URL(u).origin));
	}

	/** Removes every configured secret, `key=` query values and bearer tokens from a text. */
	redact(text: string): string {
		let out = text;
		for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
		return out
			.replace(/([?&](?:key|api_key|token)=)[^&\s"']+/gi, '$1[redacted]')
			.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]');
	}

	/**
	 * One request, following redirects by hand. Aborting `signal` rejects with the signal's reason;
	 * a network failure or a timeout rejects with `provider_unavailable`.
	 */
	async request(url: string, options: RequestOptions): Promise<Response> {
		let target = new URL(url);
		let method = options.method ?? 'GET';
		let body = options.body;
		const hops = options.maxRedirects ?? MAX_REDIRECTS;
		for (let hop = 0; ; hop++) {
			const response = await this.once(target, method, body, options);
			const location = response.headers.get('location');
			if (response.status < 300 || response.status >= 400 || !location || hops === 0)
				return response;
			await response.body?.cancel().catch(() => undefined);
			if (hop >= hops)
				throw new ProviderError(
					'provider_malformed',
					`${this.provider}: more than ${hops} redirects from ${this.redact(url)}`,
					{ provider: this.provider, httpStatus: response.status },
				);
			target = new URL(location, target);
			if (target.protocol !== 'https:' && target.protocol !== 'http:')
				throw new ProviderError(
					'provider_malformed',
					`${this.provider}: redirect to an unsupported scheme (${target.protocol})`,
					{ provider: this.provider, httpStatus: response.status },
				);
			if (
				response.status === 303 ||
				((response.status === 301 || response.status === 302) && method === 'POST')
			) {
				method = 'GET';
				body = undefined;
			}
		}
	}

	private async once(
		target: URL,
		method: string,
		body: RequestOptions['body'],
		options: RequestOptions,
	): Promise<Response> {
		const timeoutMs = options.timeoutMs ?? this.timeoutMs;
		const timeout = AbortSignal.timeout(timeoutMs);
		const signal = AbortSignal.any([options.signal, timeout]);
		const headers: Record<string, string> = { ...options.headers };
		if (options.credentials && this.credentialOrigins.has(target.origin))
			Object.assign(headers, options.credentials);
		try {
			return await fetch(target, {
				method,
				headers,
				body: body as RequestInit['body'],
				signal,
				redirect: 'manual',
			});
		} catch (error) {
			if (options.signal.aborted) throw abortError(options.signal);
			const what = timeout.aborted
				? `did not answer within ${Math.round(timeoutMs / 1000)} s`
				: `cannot be reached (${describeNetworkError(error)})`;
			throw new ProviderError(
				'provider_unavailable',
				`${this.provider}: ${this.redact(`${method} ${target.origin}${target.pathname}`)} ${what}`,
				{ provider: this.provider },
			);
		}
	}

	/** The body as text, at most `maxBytes` (a provider answering more is malformed). */
	async text(response: Response, maxBytes = 1 << 20): Promise<string> {
		if (!response.body) return '';
		const chunks: Buffer[] = [];
		let size = 0;
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > maxBytes) {
				await reader.cancel().catch(() => undefined);
				throw new ProviderError(
					'provider_malformed',
					`${this.provider}: the answer is larger than ${maxBytes} bytes`,
					{ provider: this.provider, httpStatus: response.status },
				);
			}
			chunks.push(Buffer.from(value));
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	/** The body as JSON; anything else is `provider_malformed`. */
	async json<T = unknown>(response: Response, maxBytes = 1 << 20): Promise<T> {
		const text = await this.text(response, maxBytes);
		try {
			return JSON.parse(text) as T;
		} catch {
			throw new ProviderError(
				'provider_malformed',
				`${this.provider}: expected JSON, got ${JSON.stringify(this.redact(text.slice(0, 120)))} (HTTP ${response.status})`,
				{ provider: this.provider, httpStatus: response.status },
			);
		}
	}

	/** The body as JSON when it is JSON (error envelopes), else undefined. */
	async maybeJson(response: Response, maxBytes = 1 << 16): Promise<unknown> {
		const text = await this.text(response, maxBytes).catch(() => '');
		try {
			return JSON.parse(text);
		} catch {
			return text ? { text: text.slice(0, 500) } : undefined;
		}
	}

	/**
	 * Streams the body to `path` (never whole in memory). A body cut short, larger than `maxBytes`
	 * or empty is `provider_failed` and leaves no file behind.
	 */
	async saveToFile(
		response: Response,
		path: string,
		options: {
			signal: AbortSignal;
			maxBytes?: number;
			onProgress?: (bytes: number, total?: number) => void;
		},
	): Promise<number> {
		if (!response.body)
			throw new ProviderError('provider_failed', `${this.provider}: the download has no body`, {
				provider: this.provider,
				httpStatus: response.status,
			});
		const maxBytes = options.maxBytes ?? 4 * 1024 ** 3;
		const lengthHeader = Number(response.headers.get('content-length'));
		const total = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
		let bytes = 0;
		const provider = this.provider;
		const counter = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				bytes += chunk.length;
				if (bytes > maxBytes)
					return done(
						new ProviderError(
							'provider_failed',
							`${provider}: the download exceeds ${maxBytes} bytes`,
							{
								provider,
							},
						),
					);
				options.onProgress?.(bytes, total);
				done(null, chunk);
			},
		});
		try {
			await pipeline(
				Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>),
				counter,
				createWriteStream(path),
				{ signal: options.signal },
			);
		} catch (error) {
			await rm(path, { force: true });
			if (options.signal.aborted) throw abortError(options.signal);
			if (error instanceof ProviderError) throw error;
			throw new ProviderError(
				'provider_failed',
				`${this.provider}: the download broke off after ${bytes} bytes (${this.redact(String((error as Error).message ?? error))})`,
				{ provider: this.provider, httpStatus: response.status },
			);
		}
		if (total !== undefined && bytes !== total) {
			await rm(path, { force: true });
			throw new ProviderError(
				'provider_failed',
				`${this.provider}: the download ended at ${bytes} of ${total} bytes`,
				{ provider: this.provider, httpStatus: response.status },
			);
		}
		if (bytes === 0) {
			await rm(path, { force: true });
			throw new ProviderError('provider_failed', `${this.provider}: the download is empty`, {
				provider: this.provider,
				httpStatus: response.status,
			});
		}
		return bytes;
	}
}

/** Milliseconds a 429/503 asks us to wait: `Retry-After` (seconds or an HTTP date) or `retry-after-ms`. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
	const ms = Number(headers.get('retry-after-ms'));
	if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
	const value = headers.get('retry-after');
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A protobuf Duration string ("30s", "1.5s") in milliseconds, as Google's RetryInfo sends it. */
export function durationStringMs(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
	return match ? Number(match[1]) * 1000 : undefined;
}

function describeNetworkError(error: unknown): string {
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

/** Joins a base URL (with or without a trailing slash) and a path. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

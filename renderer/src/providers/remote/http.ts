/**
 * The remote generators' HTTP client, on the service's outbound door (net/outbound.ts). Every
 * request a generator makes goes through `RemoteHttp`: the door bounds time and size and pins each
 * connection to the address it vetted; this client follows redirects itself, one hop at a time, so
 * each hop gets its own policy — the origins the operator configured (a ComfyUI box on the LAN is
 * the normal case) are `trusted` and receive the credentials; any other origin (Veo's download
 * redirect to a storage host) is `public`, refused when it is not a public address, and never sees
 * a credential. It streams downloads to disk, turns network failures into `provider_unavailable`
 * and scrubs the instance's secrets out of every message it produces.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { abortError } from '../../media/abort';
import { OutboundError } from '../../net/errors';
import { Outbound, type FetchPolicy, type OutboundResponse } from '../../net/outbound';
import { ProviderError, type DownloadedClip } from './clipGenerator';

export interface RemoteHttpOptions {
	/** The generator instance, for error messages. */
	provider: string;
	/** Values that must never appear in an error or log line (API keys, bearer tokens). */
	secrets: Array<string | undefined>;
	/** Per-request time limit unless a call says otherwise. */
	timeoutMs?: number;
	/** The origins the operator configured: asked with the trusted policy, the only ones given credentials. */
	credentialOrigins: string[];
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
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
/** The door's own cap; text(), json() and saveToFile() apply the tighter limits each caller needs. */
const DOOR_MAX_BYTES = 4 * 1024 ** 3 + 1;
/** Statuses whose answers have no body (a web Response refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

let ownDoor: Outbound | undefined;

/**
 * A client for a provider behind one base URL whose key, when it has one, is a bearer token:
 * the client (the key sent to that origin only, and redacted) and the header that carries it.
 */
export function bearerClient(options: {
	provider: string;
	base: string;
	apiKey?: string;
	outbound?: Outbound;
}): { http: RemoteHttp; credentials: Record<string, string> } {
	const http = new RemoteHttp({
		provider: options.provider,
		secrets: [options.apiKey],
		credentialOrigins: [options.base],
		outbound: options.outbound,
	});
	return {
		http,
		credentials: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
	};
}

export class RemoteHttp {
	readonly provider: string;
	private readonly secrets: string[];
	private readonly timeoutMs: number;
	private readonly credentialOrigins: Set<string>;
	private readonly outbound: Outbound;

	constructor(options: RemoteHttpOptions) {
		this.provider = options.provider;
		this.secrets = options.secrets.filter(
			(s): s is string => typeof s === 'string' && s.length >= 4,
		);
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.credentialOrigins = new Set(options.credentialOrigins.map((u) => new URL(u).origin));
		this.outbound = options.outbound ?? (ownDoor ??= new Outbound());
	}

	/** Removes every configured secret, `key=` query values and bearer tokens from a text. */
	redact(text: string): string {
		let out = text;
		for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
		return out
			.replace(/([?&](?:key|api_key|token)=)[^&\s"']+/gi, '$1[redacted]')
			.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1[redacted]');
	}

	/** The policy a URL is asked with: trusted for the configured origins, public for the rest. */
	policyFor(url: URL): FetchPolicy {
		return this.credentialOrigins.has(url.origin) ? 'trusted' : 'public';
	}

	/**
	 * A socket lookup for a connection this client does not make itself (ComfyUI's progress
	 * websocket): the host vetted with the configured origins' trusted policy, the socket pinned
	 * to the vetted address.
	 */
	socketLookup() {
		return this.outbound.vettedLookup('trusted', this.timeoutMs);
	}

	/**
	 * One request, following redirects by hand. Aborting `signal` rejects with the signal's reason;
	 * a network failure or a timeout rejects with `provider_unavailable`.
	 */
	async request(url: string, options: RequestOptions): Promise<Response> {
		let target = new URL(url);
		let method = options.method ?? 'GET';
		let body = await serialise(options.body);
		const hops = options.maxRedirects ?? MAX_REDIRECTS;
		for (let hop = 0; ; hop++) {
			const response = await this.once(target, method, body, options);
			if (response.status < 200 || response.status > 599) {
				response.discard();
				throw new ProviderError(
					'provider_malformed',
					`${this.provider}: answered with HTTP status ${response.status}`,
					{ provider: this.provider, httpStatus: response.status },
				);
			}
			const location = response.headers.location;
			if (response.status < 300 || response.status >= 400 || !location || hops === 0)
				return toWebResponse(response);
			response.discard();
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
		body: SerialisedBody | undefined,
		options: RequestOptions,
	): Promise<OutboundResponse> {
		const timeoutMs = options.timeoutMs ?? this.timeoutMs;
		const policy = this.policyFor(target);
		const headers: Record<string, string> = { ...options.headers };
		if (body?.contentType) headers['content-type'] = body.contentType;
		if (options.credentials && policy === 'trusted') Object.assign(headers, options.credentials);
		try {
			return await this.outbound.request({
				url: target.toString(),
				policy,
				method,
				headers,
				body: body?.bytes,
				maxRedirects: 0,
				maxBytes: DOOR_MAX_BYTES,
				timeoutMs,
				signal: options.signal,
			});
		} catch (error) {
			if (options.signal.aborted) throw abortError(options.signal);
			const where = this.redact(`${method} ${target.origin}${target.pathname}`);
			if (error instanceof OutboundError && error.code === 'url_forbidden')
				throw new ProviderError(
					'provider_malformed',
					`${this.provider}: ${where} is refused: ${error.details[0]?.message ?? error.message}`,
					{ provider: this.provider },
				);
			const what =
				error instanceof OutboundError && error.reason === 'timed out'
					? `did not answer within ${Math.round(timeoutMs / 1000)} s`
					: `cannot be reached (${describeNetworkError(error)})`;
			throw new ProviderError('provider_unavailable', `${this.provider}: ${where} ${what}`, {
				provider: this.provider,
			});
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
	/**
	 * A finished clip's answer saved into `path`. A refusal the provider's errors (`describe`) call
	 * a bad request is a failed download here: the request that made the clip was accepted, and a
	 * download that fails on the server's side is worth another try.
	 */
	async saveClip(
		response: Response,
		path: string,
		describe: (response: Response) => Promise<ProviderError>,
		options: { signal: AbortSignal; onProgress?: (bytes: number, total?: number) => void },
	): Promise<DownloadedClip> {
		if (!response.ok) {
			const error = await describe(response);
			throw error.code === 'provider_bad_request'
				? new ProviderError('provider_failed', error.message, {
						provider: this.provider,
						httpStatus: error.httpStatus,
					})
				: error;
		}
		const bytes = await this.saveToFile(response, path, options);
		return { path, bytes, contentType: response.headers.get('content-type') ?? undefined };
	}

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
	if (error instanceof OutboundError) return error.reason;
	return (error as Error)?.message ?? String(error);
}

interface SerialisedBody {
	bytes: Uint8Array | string;
	contentType?: string;
}

/** A request body as bytes the door can send; a multipart form gets its boundary's content type. */
async function serialise(body: RequestOptions['body']): Promise<SerialisedBody | undefined> {
	if (body === undefined) return undefined;
	if (!(body instanceof FormData)) return { bytes: body };
	const encoded = new Response(body);
	return {
		bytes: new Uint8Array(await encoded.arrayBuffer()),
		contentType: encoded.headers.get('content-type') ?? undefined,
	};
}

/** The door's answer as a web Response (what the generators read), its body still streaming. */
function toWebResponse(response: OutboundResponse): Response {
	const headers = new Headers();
	for (const [name, value] of Object.entries(response.headers)) {
		if (value === undefined) continue;
		for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
	}
	if (NULL_BODY.has(response.status)) {
		response.discard();
		return new Response(null, { status: response.status, headers });
	}
	const body = Readable.toWeb(response.body) as unknown as ReadableStream<Uint8Array>;
	return new Response(body, { status: response.status, headers });
}

/** Joins a base URL (with or without a trailing slash) and a path. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

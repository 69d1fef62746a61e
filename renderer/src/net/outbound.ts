/**
 * The one door for everything the renderer fetches or sends over HTTP: remix sources, webhook
 * deliveries and publish targets, provider downloads, and the operator's own endpoints.
 *
 * Each hop of a request: the URL must be http(s); its credentials are dropped; the host is
 * resolved once; every address it resolves to is classified (net/addresses.ts) and the request is
 * refused when any is not public, unless REELFORGE_FETCH_ALLOW opens it; the connection is then
 * pinned to the vetted address (the socket's lookup returns it, so nothing resolves the name a
 * second time, while Host and TLS SNI stay the name). Redirects are followed by hand, a bounded
 * number of times, each hop checked like the first. The whole exchange has one deadline and the
 * body a byte cap, and bodies stream (to a file, or to the caller), never whole into memory.
 *
 * `policy: 'trusted'` is for endpoints the operator configured (the OpenAI moderation base URL, a
 * provider's base URL): the same pinning, caps and deadline, without the address refusal.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import net, { type LookupFunction } from 'node:net';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AllowList, familyOf, nonPublicRange, normaliseHost } from './addresses';
import { OutboundError } from './errors';

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Resolves a host name to its addresses (tests inject one; the default is the system resolver). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export type FetchPolicy = 'public' | 'trusted';

export interface OutboundRequest {
	url: string;
	/** JSON pointer of the request field the URL came from; errors name it. */
	pointer?: string;
	/** 'public' (default) refuses non-public addresses; 'trusted' is for operator-configured endpoints. */
	policy?: FetchPolicy;
	method?: string;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
	/** Redirects to follow (default 5). With 0, a redirect is returned as the response. */
	maxRedirects?: number;
	/** Most bytes of body to accept (default 64 MiB). */
	maxBytes?: number;
	/** Deadline for the whole exchange, body included (default 30 s). */
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface OutboundResponse {
	status: number;
	headers: IncomingHttpHeaders;
	/** The URL that answered (after redirects), without credentials. */
	url: string;
	/** The body, capped at maxBytes and cut at the deadline (the stream errors with OutboundError). */
	body: Readable;
	text(): Promise<string>;
	json<T = unknown>(): Promise<T>;
	/** Stops reading and releases the connection. */
	discard(): void;
}

export interface OutboundOptions {
	allow?: AllowList;
	resolve?: Resolver;
	userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_REDIRECTS = 5;

const systemResolver: Resolver = async (host) =>
	(await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
		address: a.address,
		family: a.family === 6 ? 6 : 4,
	}));

/** A connection target that passed the checks: the URL to ask and the address to connect to. */
interface VettedTarget {
	url: URL;
	host: string;
	port: number;
	address: string;
	family: 4 | 6;
}

export class Outbound {
	private readonly allow: AllowList;
	private readonly resolve: Resolver;
	private readonly userAgent: string;

	constructor(options: OutboundOptions = {}) {
		this.allow = options.allow ?? AllowList.none;
		this.resolve = options.resolve ?? systemResolver;
		this.userAgent = options.userAgent ?? 'Reelforge/1';
	}

	/**
	 * Checks a URL a client gave without connecting: scheme, credentials, and where its host
	 * resolves now. A host that does not resolve yet passes (`resolved: false`) unless `mustResolve`.
	 */
	async check(
		raw: string,
		options: {
			pointer?: string;
			policy?: FetchPolicy;
			mustResolve?: boolean;
			signal?: AbortSignal;
		} = {},
	): Promise<{ url: string; resolved: boolean }> {
		const pointer = options.pointer ?? '/url';
		const url = parseHttpUrl(raw, pointer);
		const limit = deadline(10_000, options.signal);
		try {
			await this.vet(url, pointer, options.policy ?? 'public', limit);
			return { url: url.toString(), resolved: true };
		} catch (error) {
			if (
				!options.mustResolve &&
				error instanceof OutboundError &&
				error.code === 'fetch_failed' &&
				/^resolve/.test(error.reason)
			)
				return { url: url.toString(), resolved: false };
			throw translate(error, pointer, limit);
		} finally {
			limit.clear();
		}
	}

	/** One request through the door; the caller reads or discards the body. */
	async request(request: OutboundRequest): Promise<OutboundResponse> {
		const pointer = request.pointer ?? '/url';
		const policy = request.policy ?? 'public';
		const maxRedirects = request.maxRedirects ?? DEFAULT_REDIRECTS;
		const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
		const limit = deadline(request.timeoutMs ?? DEFAULT_TIMEOUT_MS, request.signal);
		let url = parseHttpUrl(request.url, pointer);
		let method = (request.method ?? 'GET').toUpperCase();
		let body = request.body;
		const headers: Record<string, string> = { 'user-agent': this.userAgent, ...request.headers };
		try {
			for (let hop = 0; ; hop++) {
				const target = await this.vet(url, pointer, policy, limit);
				const response = await send(target, method, headers, body, limit.signal);
				const location = response.headers.location;
				if (!REDIRECTS.has(response.statusCode ?? 0) || !location || maxRedirects === 0)
					return wrapResponse(response, target.url, maxBytes, limit, pointer);
				response.destroy();
				if (hop >= maxRedirects)
					throw new OutboundError(
						'fetch_failed',
						`The URL redirected more than ${maxRedirects} times.`,
						pointer,
						'too many redirects',
					);
				const next = parseHttpUrl(new URL(location, url).toString(), pointer, 'redirected to');
				if (next.origin !== url.origin) {
					// Credentials meant for one origin are not handed to another.
					delete headers.authorization;
					delete headers.cookie;
				}
				if (
					response.statusCode === 303 ||
					((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
				) {
					method = 'GET';
					body = undefined;
					delete headers['content-type'];
				}
				url = next;
			}
		} catch (error) {
			limit.clear();
			throw translate(error, pointer, limit);
		}
	}

	/** Streams a GET to a file; refuses non-2xx answers. Returns the bytes written. */
	async download(
		request: OutboundRequest & { file: string },
	): Promise<{ bytes: number; contentType?: string }> {
		const pointer = request.pointer ?? '/url';
		const response = await this.request(request);
		if (response.status < 200 || response.status >= 300) {
			response.discard();
			throw new OutboundError(
				'fetch_failed',
				`The URL answered HTTP ${response.status}.`,
				pointer,
				`HTTP ${response.status}`,
			);
		}
		let bytes = 0;
		try {
			await pipeline(
				response.body,
				new Transform({
					transform(chunk: Buffer, _enc, done) {
						bytes += chunk.length;
						done(null, chunk);
					},
				}),
				createWriteStream(request.file),
			);
		} catch (error) {
			await rm(request.file, { force: true });
			throw translate(error, pointer);
		}
		return { bytes, contentType: response.headers['content-type'] };
	}

	/**
	 * A socket `lookup` for clients that open their own connections (the S3 SDK, a websocket): the
	 * host is resolved through this door's resolver and vetted with `policy`, and the socket is
	 * given the vetted address, so it cannot connect anywhere the door would refuse and nothing
	 * resolves the name a second time.
	 */
	vettedLookup(policy: FetchPolicy = 'trusted', timeoutMs = DEFAULT_TIMEOUT_MS): LookupFunction {
		return ((
			hostname: string,
			options: { all?: boolean },
			callback: (...args: unknown[]) => void,
		) => {
			const limit = deadline(timeoutMs);
			const host = hostname.includes(':') ? `[${hostname}]` : hostname;
			this.vet(new URL(`http://${host}/`), '/', policy, limit)
				.finally(() => limit.clear())
				.then(
					(target) => {
						if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
						else callback(null, target.address, target.family);
					},
					(error: unknown) => callback(error),
				);
		}) as LookupFunction;
	}

	/**
	 * For an SDK that brings its own HTTP client (the S3 client signs and streams its requests):
	 * agents whose sockets resolve through `vettedLookup`, and the door's timeouts, so the SDK's
	 * traffic obeys the same rules as the door's own requests.
	 */
	sdkHandlerOptions(policy: FetchPolicy = 'trusted', timeoutMs = DEFAULT_TIMEOUT_MS) {
		const lookup = this.vettedLookup(policy, timeoutMs);
		return {
			connectionTimeout: Math.min(timeoutMs, 10_000),
			requestTimeout: timeoutMs,
			httpAgent: new http.Agent({ keepAlive: true, lookup } as http.AgentOptions),
			httpsAgent: new https.Agent({ keepAlive: true, lookup } as https.AgentOptions),
		};
	}

	/** Resolves the host once and decides whether it may be reached. */
	private async vet(
		url: URL,
		pointer: string,
		policy: FetchPolicy,
		limit: Deadline,
	): Promise<VettedTarget> {
		const host = normaliseHost(url.hostname);
		const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
		let addresses: ResolvedAddress[];
		if (net.isIP(host)) {
			addresses = [{ address: host, family: familyOf(host) }];
		} else {
			try {
				addresses = await limit.race(this.resolve(host));
			} catch (error) {
				if (limit.signal.aborted) throw error;
				throw new OutboundError(
					'fetch_failed',
					"The URL's host could not be resolved.",
					pointer,
					'host not found',
					`resolve: ${(error as NodeJS.ErrnoException).code ?? 'failed'}`,
				);
			}
			if (!addresses.length)
				throw new OutboundError(
					'fetch_failed',
					"The URL's host could not be resolved.",
					pointer,
					'host not found',
					'resolve: no addresses',
				);
		}
		if (policy === 'public') {
			for (const { address } of addresses) {
				const range = nonPublicRange(address);
				if (range && !this.allow.permits(host, port, address))
					throw new OutboundError(
						'url_forbidden',
						'This service does not connect to loopback, private, link-local, metadata or reserved addresses.',
						pointer,
						`the host is not a public internet address (${describeRange(range)})`,
						`${host} → ${range}`,
					);
			}
		}
		const [chosen] = addresses;
		return { url, host, port, address: chosen.address, family: chosen.family };
	}
}

const RANGE_WORDS: Record<string, string> = {
	loopback: 'loopback',
	private: 'private network',
	uniqueLocal: 'private network',
	linkLocal: 'link-local',
	carrierGradeNat: 'carrier-grade NAT',
	unspecified: 'unspecified',
	multicast: 'multicast',
	broadcast: 'broadcast',
	metadata: 'cloud metadata',
};

/** A range in words for the caller (the address itself is never shown). */
function describeRange(range: string): string {
	const [outer, inner] = range.split(':');
	const words = RANGE_WORDS[inner ?? outer] ?? 'reserved';
	return inner ? `${words}, written as IPv6` : words;
}

/** Parses a client's URL: absolute http(s) only; user:password@ is dropped, never sent. */
function parseHttpUrl(raw: string, pointer: string, what = 'is'): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new OutboundError(
			'url_invalid',
			'The URL is not valid.',
			pointer,
			'must be an absolute http(s) URL',
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new OutboundError(
			'url_forbidden',
			`Only http and https URLs are fetched; the URL ${what} ${url.protocol.replace(/:$/, '')}.`,
			pointer,
			`scheme "${url.protocol.replace(/:$/, '')}" is not allowed`,
		);
	url.username = '';
	url.password = '';
	url.hash = '';
	return url;
}

/** A lookup that answers with the vetted address whatever it is asked: the socket cannot go elsewhere. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
	return ((
		_hostname: string,
		options: { all?: boolean },
		callback: (...args: unknown[]) => void,
	) => {
		if (options?.all) callback(null, [{ address, family }]);
		else callback(null, address, family);
	}) as LookupFunction;
}

function send(
	target: VettedTarget,
	method: string,
	headers: Record<string, string>,
	body: string | Uint8Array | undefined,
	signal: AbortSignal,
): Promise<IncomingMessage> {
	const { url } = target;
	const isHttps = url.protocol === 'https:';
	const literal = net.isIP(target.host) !== 0;
	const options: https.RequestOptions = {
		hostname: target.host,
		port: target.port,
		path: `${url.pathname}${url.search}`,
		method,
		headers: {
			...headers,
			...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
		},
		agent: false,
		lookup: pinnedLookup(target.address, target.family),
		signal,
		...(isHttps && !literal ? { servername: target.host } : {}),
	};
	return new Promise((resolve, reject) => {
		const request = (isHttps ? https : http).request(options, resolve);
		request.on('error', reject);
		request.end(body);
	});
}

function wrapResponse(
	response: IncomingMessage,
	url: URL,
	maxBytes: number,
	limit: Deadline,
	pointer: string,
): OutboundResponse {
	const declared = Number(response.headers['content-length'] ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) {
		response.destroy();
		limit.clear();
		throw tooLarge(maxBytes, pointer);
	}
	let seen = 0;
	const capped = new Transform({
		transform(chunk: Buffer, _enc, done) {
			seen += chunk.length;
			if (seen > maxBytes) done(tooLarge(maxBytes, pointer));
			else done(null, chunk);
		},
	});
	response.on('error', (error) => capped.destroy(translate(error, pointer, limit)));
	response.pipe(capped);
	const onTimeout = () => {
		const error = translate(limit.signal.reason, pointer, limit);
		response.destroy();
		capped.destroy(error);
	};
	limit.signal.addEventListener('abort', onTimeout, { once: true });
	const release = () => {
		limit.signal.removeEventListener('abort', onTimeout);
		limit.clear();
		// A body cut short (cap, deadline, the caller gave up) must not keep the socket open.
		if (!response.complete) response.destroy();
	};
	capped.on('close', release);
	capped.on('end', release);
	const readAll = async () => {
		const chunks: Buffer[] = [];
		for await (const chunk of capped) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	};
	return {
		status: response.statusCode ?? 0,
		headers: response.headers,
		url: url.toString(),
		body: capped,
		text: readAll,
		json: async <T>() => JSON.parse(await readAll()) as T,
		discard: () => {
			capped.destroy();
			release();
		},
	};
}

function tooLarge(maxBytes: number, pointer: string): OutboundError {
	return new OutboundError(
		'fetch_too_large',
		`The answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`,
		pointer,
		'too large',
	);
}

/** Network errors in words a client may read: the error's code, never Node's message (it names the address). */
function translate(error: unknown, pointer: string, limit?: Deadline): Error {
	if (error instanceof OutboundError) return error;
	if (limit?.timedOut())
		return new OutboundError(
			'fetch_failed',
			'The URL did not answer in time.',
			pointer,
			'timed out',
		);
	if (limit?.signal.aborted) {
		const reason: unknown = limit.signal.reason;
		return reason instanceof Error ? reason : new Error(String(reason));
	}
	const name = (error as Error | undefined)?.name;
	if (name === 'AbortError') {
		// The caller's own signal: its reason goes through unchanged.
		const reason = (error as { cause?: unknown }).cause ?? error;
		return reason instanceof Error ? reason : Object.assign(new Error(String(reason)), { name });
	}
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return new OutboundError(
		'fetch_failed',
		'The URL could not be fetched.',
		pointer,
		code ? `network error (${code})` : 'network error',
		code ?? String(name ?? 'error'),
	);
}

interface Deadline {
	signal: AbortSignal;
	timedOut(): boolean;
	race<T>(work: Promise<T>): Promise<T>;
	clear(): void;
}

/** One deadline for an exchange, joined with the caller's signal. */
function deadline(ms: number, outer?: AbortSignal): Deadline {
	const controller = new AbortController();
	let expired = false;
	const timer = setTimeout(() => {
		expired = true;
		controller.abort(new Error('timed out'));
	}, ms);
	timer.unref();
	const onOuter = () => controller.abort(outer!.reason);
	if (outer?.aborted) onOuter();
	else outer?.addEventListener('abort', onOuter, { once: true });
	return {
		signal: controller.signal,
		timedOut: () => expired,
		race<T>(work: Promise<T>) {
			return new Promise<T>((resolve, reject) => {
				if (controller.signal.aborted) return reject(controller.signal.reason);
				const onAbort = () => reject(controller.signal.reason);
				controller.signal.addEventListener('abort', onAbort, { once: true });
				work.then(
					(value) => (controller.signal.removeEventListener('abort', onAbort), resolve(value)),
					(error) => (controller.signal.removeEventListener('abort', onAbort), reject(error)),
				);
			});
		},
		clear() {
			clearTimeout(timer);
			outer?.removeEventListener('abort', onOuter);
		},
	};
}

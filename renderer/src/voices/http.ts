/**
 * The one function the voice and music sources use to reach the network (Piper downloads, remote
 * speech, voice cloning, music URLs). Its shape follows the renderer's outbound door — a URL, a
 * method, headers, a string or Buffer body, a byte cap and a deadline in; status, lower-cased
 * headers and a streamed body out — so that callers do not change when it is routed through it.
 *
 * `policy: 'trusted'` marks an endpoint the operator configured (a provider's base URL, the Piper
 * voice collection); `public` is a URL a client gave (a music track), which must not reach the
 * renderer's own network.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface HttpRequest {
	url: string;
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	policy?: 'public' | 'trusted';
	/** Most bytes of body to accept (default 64 MiB). */
	maxBytes?: number;
	/** Deadline for the whole exchange, body included (default 60 s). */
	timeoutMs?: number;
	signal?: AbortSignal;
}

export interface HttpResponse {
	status: number;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** The body, capped at maxBytes (the stream errors past it). */
	body: Readable;
	text(): Promise<string>;
	json<T = unknown>(): Promise<T>;
	buffer(): Promise<Buffer>;
	discard(): void;
}

export type HttpFetch = (request: HttpRequest) => Promise<HttpResponse>;

export class HttpError extends Error {
	constructor(
		message: string,
		readonly reason: 'unreachable' | 'refused_address' | 'too_large' | 'timeout' | 'bad_url',
	) {
		super(message);
	}
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** Loopback, private, link-local, CGNAT, multicast and metadata ranges a client's URL may not reach. */
function nonPublic(address: string): boolean {
	if (address.includes(':')) {
		const a = address.toLowerCase();
		if (a === '::1' || a === '::') return true;
		if (a.startsWith('::ffff:')) return nonPublic(a.slice(7));
		return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(a);
	}
	const [a, b] = address.split('.').map(Number);
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		a >= 224
	);
}

async function checkPublic(url: URL): Promise<void> {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const addresses = isIP(host)
		? [host]
		: (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
	if (addresses.length === 0) throw new HttpError(`${url.host} does not resolve`, 'unreachable');
	if (addresses.some(nonPublic))
		throw new HttpError(`${url.host} is not a public address`, 'refused_address');
}

function capped(stream: Readable, maxBytes: number): Readable {
	let seen = 0;
	const out = new Readable({ read() {} });
	stream.on('data', (chunk: Buffer) => {
		seen += chunk.length;
		if (seen > maxBytes) {
			stream.destroy();
			out.destroy(new HttpError(`the answer is over ${maxBytes} bytes`, 'too_large'));
		} else out.push(chunk);
	});
	stream.on('end', () => out.push(null));
	stream.on('error', (error) => out.destroy(error));
	return out;
}

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export const httpFetch: HttpFetch = async (request) => {
	let url: URL;
	try {
		url = new URL(request.url);
	} catch {
		throw new HttpError('not a URL', 'bad_url');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new HttpError('only http and https URLs are fetched', 'bad_url');
	const policy = request.policy ?? 'public';
	const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
	const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
	let response: Response;
	for (let hop = 0; ; hop++) {
		if (policy === 'public') await checkPublic(url);
		try {
			response = await fetch(url, {
				method: request.method ?? 'GET',
				headers: request.headers,
				body: request.body,
				redirect: 'manual',
				signal,
			});
		} catch (error) {
			if (timeout.aborted) throw new HttpError('no answer in time', 'timeout');
			if (request.signal?.aborted) throw error;
			throw new HttpError(`${url.host} could not be reached`, 'unreachable');
		}
		const location = response.headers.get('location');
		if (response.status >= 300 && response.status < 400 && location && hop < 5) {
			url = new URL(location, url);
			continue;
		}
		break;
	}
	const headers: Record<string, string> = {};
	response.headers.forEach((value, key) => (headers[key] = value));
	const raw = response.body
		? Readable.fromWeb(response.body as unknown as WebReadableStream)
		: Readable.from([]);
	const body = capped(raw, request.maxBytes ?? DEFAULT_MAX_BYTES);
	return {
		status: response.status,
		headers,
		body,
		buffer: () => collect(body),
		text: async () => (await collect(body)).toString('utf8'),
		json: async <T>() => JSON.parse((await collect(body)).toString('utf8')) as T,
		discard: () => body.destroy(),
	};
};

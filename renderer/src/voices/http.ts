/**
 * How the voice sources reach the network (Piper downloads, remote speech, voice cloning): through
 * the renderer's one outbound door (net/outbound.ts), with its address pinning, redirect checks,
 * byte cap and deadline. This is only the shape those sources were written against — a URL, a
 * method, headers, a string or Buffer body in; status, lower-cased string headers and a capped,
 * streamed body out — so that each provider can be tested against an emulator with the same door.
 *
 * `policy: 'trusted'` marks an endpoint the operator configured (a provider's base URL, the Piper
 * voice collection); `public` (the default) is a URL a client gave, which must not reach the
 * renderer's own network.
 */
import type { Readable } from 'node:stream';
import { OutboundError } from '../net/errors';
import type { Outbound } from '../net/outbound';

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

/** A request the door refused or that failed on the way; the message is safe to show a client. */
export class HttpError extends Error {
	constructor(
		message: string,
		readonly reason: 'unreachable' | 'refused_address' | 'too_large' | 'bad_url',
	) {
		super(message);
	}
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

const REASONS: Record<OutboundError['code'], HttpError['reason']> = {
	url_invalid: 'bad_url',
	url_forbidden: 'refused_address',
	fetch_failed: 'unreachable',
	fetch_too_large: 'too_large',
};

/** The door's refusal in the voice sources' terms (its field detail says what went wrong). */
function asHttpError(error: unknown): unknown {
	if (!(error instanceof OutboundError)) return error;
	const detail = error.details[0]?.message;
	return new HttpError(
		detail ? `${error.message.replace(/\.$/, '')} (${detail})` : error.message,
		REASONS[error.code],
	);
}

async function collect(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	try {
		for await (const chunk of stream) chunks.push(chunk as Buffer);
	} catch (error) {
		throw asHttpError(error);
	}
	return Buffer.concat(chunks);
}

/** The voice sources' fetch, going out through `outbound`. */
export function doorFetch(outbound: Outbound): HttpFetch {
	return async (request) => {
		let response;
		try {
			response = await outbound.request({
				url: request.url,
				method: request.method,
				headers: request.headers,
				body: request.body,
				policy: request.policy ?? 'public',
				maxBytes: request.maxBytes ?? DEFAULT_MAX_BYTES,
				timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
				signal: request.signal,
			});
		} catch (error) {
			throw asHttpError(error);
		}
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(response.headers))
			if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
		const body = response.body;
		return {
			status: response.status,
			headers,
			body,
			buffer: () => collect(body),
			text: async () => (await collect(body)).toString('utf8'),
			json: async <T>() => JSON.parse((await collect(body)).toString('utf8')) as T,
			discard: () => response.discard(),
		};
	};
}

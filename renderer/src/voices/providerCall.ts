/**
 * One call to a remote voice provider, with the retries every provider needs: a 429 (or 503) waits
 * what `Retry-After` says (seconds or an HTTP date; exponential backoff when absent) as long as the
 * wait stays short, 5xx and network failures back off, auth and validation errors fail at once.
 * Errors are `VoiceProviderError`s — ApiErrors with a stable code, marked transient when a later
 * attempt of the render may succeed — and never carry the provider's key.
 */
import { ApiError } from '../spec/errors';
import { HttpError, type HttpFetch, type HttpRequest, type HttpResponse } from './http';

export type VoiceProviderErrorCode =
	| 'voice_provider_auth'
	| 'voice_provider_rejected'
	| 'voice_provider_busy'
	| 'voice_provider_unavailable'
	| 'voice_provider_bad_response';

export class VoiceProviderError extends ApiError {
	constructor(
		code: VoiceProviderErrorCode,
		message: string,
		/** The render may succeed if tried again later (rate limit, outage). */
		readonly transient: boolean,
		/** HTTP status the provider answered, when it answered. */
		readonly providerStatus?: number,
	) {
		super(502, code, message);
		this.name = 'VoiceProviderError';
	}
}

export interface CallOptions {
	/** Provider name for messages ("ElevenLabs"). */
	provider: string;
	/** Secret to scrub from anything the provider says back. */
	secret?: string;
	/** Reads the provider's error message out of an error body. */
	errorMessage: (body: unknown) => string | undefined;
	attempts?: number;
	/** The longest single wait honoured before giving up (the job's own retry takes over). */
	maxWaitSeconds?: number;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				reject(signal.reason);
			},
			{ once: true },
		);
	});

/** `Retry-After` in seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

function scrub(text: string, secret?: string): string {
	const clipped = text.replace(/\s+/g, ' ').trim().slice(0, 300);
	return secret ? clipped.split(secret).join('***') : clipped;
}

async function describe(response: HttpResponse, options: CallOptions): Promise<string> {
	let text = '';
	try {
		text = await response.text();
	} catch {
		return `HTTP ${response.status}`;
	}
	let said: string | undefined;
	try {
		said = options.errorMessage(JSON.parse(text));
	} catch {
		said = undefined;
	}
	return scrub(said ?? (text || `HTTP ${response.status}`), options.secret);
}

export async function callProvider(
	fetch: HttpFetch,
	request: HttpRequest,
	options: CallOptions,
): Promise<HttpResponse> {
	const attempts = options.attempts ?? 4;
	const maxWait = options.maxWaitSeconds ?? 30;
	const sleep = options.sleep ?? defaultSleep;
	const name = options.provider;
	for (let attempt = 1; ; attempt++) {
		const backoff = Math.min(maxWait, 2 ** (attempt - 1));
		let response: HttpResponse;
		try {
			response = await fetch(request);
		} catch (error) {
			if (request.signal?.aborted) throw error;
			const reason = error instanceof HttpError ? error.message : 'the request failed';
			if (attempt >= attempts)
				throw new VoiceProviderError(
					'voice_provider_unavailable',
					`${name} could not be reached: ${scrub(reason, options.secret)}`,
					true,
				);
			await sleep(backoff * 1000, request.signal);
			continue;
		}
		const status = response.status;
		if (status >= 200 && status < 300) return response;
		const message = await describe(response, options);
		if (status === 429 || status === 503) {
			const wait = retryAfterSeconds(response.headers['retry-after']) ?? backoff;
			if (attempt >= attempts || wait > maxWait)
				throw new VoiceProviderError(
					'voice_provider_busy',
					`${name} is rate-limiting (HTTP ${status}${wait !== undefined ? `, retry after ${Math.ceil(wait)} s` : ''}): ${message}`,
					true,
					status,
				);
			await sleep(wait * 1000, request.signal);
			continue;
		}
		if (status >= 500) {
			if (attempt >= attempts)
				throw new VoiceProviderError(
					'voice_provider_unavailable',
					`${name} failed (HTTP ${status}): ${message}`,
					true,
					status,
				);
			await sleep(backoff * 1000, request.signal);
			continue;
		}
		if (status === 401 || status === 403)
			throw new VoiceProviderError(
				'voice_provider_auth',
				`${name} refused the configured key (HTTP ${status}): ${message}`,
				false,
				status,
			);
		throw new VoiceProviderError(
			'voice_provider_rejected',
			`${name} rejected the request (HTTP ${status}): ${message}`,
			false,
			status,
		);
	}
}

export function badResponse(provider: string, what: string): VoiceProviderError {
	return new VoiceProviderError(
		'voice_provider_bad_response',
		`${provider} sent an answer that cannot be used: ${what}`,
		true,
	);
}

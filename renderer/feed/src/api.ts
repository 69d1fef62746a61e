/**
 * The one door to the renderer's API: same-origin requests with the viewer's key (or the admin
 * key), errors read from the API's `{error:{code,message,details}}` shape.
 */
import { session } from './session';

/** The API lives beside the app: the page is at <service>/feed/, the API at <service>/v1/. */
export const apiUrl = (path: string) => new URL(`..${path}`, document.baseURI).href;

/**
 * Links the API hands out carry the service's PUBLIC_URL; the page's Content-Security-Policy only
 * allows its own origin, so a link to another spelling of the same service is rewritten onto it.
 */
export function sameOrigin(link: string): string {
	const url = new URL(link, document.baseURI);
	return url.origin === location.origin
		? url.href
		: `${location.origin}${url.pathname}${url.search}`;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details: Array<{ path: string; message: string }> = [],
	) {
		super(message);
	}
}

export interface RequestOptions {
	body?: unknown;
	/** A raw body (a recording) with its content type. */
	raw?: { body: Blob; type: string };
	/** Send the admin key instead of the viewer's API key. */
	admin?: boolean;
	signal?: AbortSignal;
}

export async function request<T>(
	method: string,
	path: string,
	options: RequestOptions = {},
): Promise<T> {
	const headers: Record<string, string> = {};
	const key = options.admin ? session.adminKey() : session.apiKey();
	if (key) headers.authorization = `Bearer ${key}`;
	let body: BodyInit | undefined;
	if (options.raw) {
		headers['content-type'] = options.raw.type;
		body = options.raw.body;
	} else if (options.body !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.body);
	}
	let response: Response;
	try {
		response = await fetch(apiUrl(path), { method, headers, body, signal: options.signal });
	} catch (error) {
		if ((error as Error).name === 'AbortError') throw error;
		throw new ApiError(0, 'network', 'The service cannot be reached. Check your connection.');
	}
	if (response.status === 204) return undefined as T;
	const json = parseJson(await response.text());
	if (!response.ok) {
		const error = (json as { error?: { code?: string; message?: string; details?: [] } })?.error;
		throw new ApiError(
			response.status,
			error?.code ?? `http_${response.status}`,
			error?.message ?? `The service answered ${response.status}.`,
			error?.details ?? [],
		);
	}
	return json as T;
}

/**
 * Server-sent events over fetch (an EventSource cannot send the API key): calls `onEvent` for each
 * event until the stream ends or `signal` aborts.
 */
export async function streamEvents(
	path: string,
	onEvent: (event: string, data: unknown) => void,
	signal: AbortSignal,
): Promise<void> {
	const key = session.apiKey();
	const response = await fetch(apiUrl(path), {
		headers: { accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) },
		signal,
	});
	if (!response.ok || !response.body) {
		const json = (await response.json().catch(() => undefined)) as
			| { error?: { code: string; message: string } }
			| undefined;
		throw new ApiError(
			response.status,
			json?.error?.code ?? 'events_unavailable',
			json?.error?.message ?? 'Progress is not available.',
		);
	}
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return;
		buffer += value;
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			let event = 'message';
			const data: string[] = [];
			for (const line of block.split('\n')) {
				if (line.startsWith('event:')) event = line.slice(6).trim();
				else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
			}
			if (data.length) onEvent(event, JSON.parse(data.join('\n')));
		}
	}
}

/** A message for a person, with the failing fields when the API named them. */
export function describeError(error: unknown): string {
	if (error instanceof ApiError) {
		const fields = error.details
			.filter((d) => d.path && d.path !== '/')
			.map((d) => `${d.path}: ${d.message}`);
		return fields.length ? `${error.message} (${fields.join('; ')})` : error.message;
	}
	return (error as Error)?.message ?? String(error);
}

/** The body as JSON; undefined when empty or not JSON (a proxy's HTML error page). */
function parseJson(text: string): unknown {
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

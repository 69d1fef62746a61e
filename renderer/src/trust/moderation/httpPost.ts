/**
 * The one outbound HTTP call of moderation (OpenAI's moderation endpoint, the user's guard model):
 * a JSON POST with a deadline, through the outbound door (net/outbound.ts) with its trusted policy
 * — these endpoints are the operator's configuration — so it is pinned, capped and timed out like
 * every other outbound call. Redirects are not followed.
 */
import { OutboundError } from '../../net/errors';
import { Outbound } from '../../net/outbound';

export interface JsonResponse {
	status: number;
	headers: Headers;
	/** The parsed body, or undefined when it was not JSON. */
	json: unknown;
	text: string;
}

const sharedDoor = new Outbound();

export async function postJson(
	url: string,
	body: unknown,
	options: {
		headers?: Record<string, string>;
		signal?: AbortSignal;
		timeoutMs: number;
		/** The service's door (its resolver); a door of its own otherwise. */
		outbound?: Outbound;
	},
): Promise<JsonResponse> {
	let text: string;
	let status: number;
	const headers = new Headers();
	try {
		const response = await (options.outbound ?? sharedDoor).request({
			url,
			policy: 'trusted',
			method: 'POST',
			headers: { 'content-type': 'application/json', ...options.headers },
			body: JSON.stringify(body),
			maxRedirects: 0,
			maxBytes: 8 * 1024 * 1024,
			timeoutMs: options.timeoutMs,
			signal: options.signal,
		});
		status = response.status;
		for (const [name, value] of Object.entries(response.headers))
			if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
		text = await response.text();
	} catch (error) {
		if (!(error instanceof OutboundError)) throw error;
		// Callers tell a timeout from an unreachable endpoint by the error's name, as with fetch.
		const detail = error.details[0]?.message ?? error.message;
		throw Object.assign(new Error(`${error.message} (${detail})`), {
			name: detail === 'timed out' ? 'TimeoutError' : 'FetchError',
			code: error.code,
		});
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status, headers, json, text };
}

/**
 * The one outbound HTTP call of moderation (OpenAI's moderation endpoint, the user's guard model):
 * a JSON POST with a deadline. Kept in one small function so that it moves to the service's
 * SSRF-guarded outbound fetch in one place.
 */
export interface JsonResponse {
	status: number;
	headers: Headers;
	/** The parsed body, or undefined when it was not JSON. */
	json: unknown;
	text: string;
}

export async function postJson(
	url: string,
	body: unknown,
	options: { headers?: Record<string, string>; signal?: AbortSignal; timeoutMs: number },
): Promise<JsonResponse> {
	const deadline = AbortSignal.timeout(options.timeoutMs);
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...options.headers },
		body: JSON.stringify(body),
		signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
		redirect: 'error',
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, json, text };
}

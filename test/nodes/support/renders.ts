/** Makes finished renders for node tests through the renderer's own API (real queue, real ffmpeg). */
import { tinySpec } from './renderer';

export interface RendererRef {
	url: string;
	apiKey: string;
}

export async function renderApi<T = Record<string, any>>(renderer: RendererRef, method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> {
	const response = await fetch(`${renderer.url}${route}`, {
		method,
		headers: { authorization: `Bearer ${renderer.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

/** A completed tiny render, waited for by polling its status. */
export async function completedRender(renderer: RendererRef, prompt: string, timeoutMs = 240_000): Promise<Record<string, any>> {
	const created = await renderApi(renderer, 'POST', '/v1/renders', tinySpec(prompt));
	if (created.status >= 300) throw new Error(`render refused: ${JSON.stringify(created.json)}`);
	const until = Date.now() + timeoutMs;
	for (;;) {
		const { json } = await renderApi(renderer, 'GET', `/v1/renders/${created.json.id}`);
		if (json.status === 'completed') return json;
		if (json.status === 'failed' || json.status === 'canceled') throw new Error(`render ${json.id} ${json.status}: ${JSON.stringify(json.error)}`);
		if (Date.now() > until) throw new Error(`render ${json.id} still ${json.status}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

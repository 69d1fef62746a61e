/** Makes finished renders for node tests through the renderer's own API (real queue, real ffmpeg). */
import { tinySpec } from './renderer';

export interface RendererRef {
	url: string;
	apiKey: string;
}

export async function renderApi<T = Record<string, any>>(
	renderer: RendererRef,
	method: string,
	route: string,
	body?: unknown,
): Promise<{ status: number; json: T }> {
	const response = await fetch(`${renderer.url}${route}`, {
		method,
		headers: {
			authorization: `Bearer ${renderer.apiKey}`,
			...(body ? { 'content-type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * A completed small render, waited for by polling its status. 180×320 with a fixed seed: the
 * renderer's NSFW model misreads some 96×160 frames, and a fixed seed keeps the frames (and so the
 * moderation verdict) the same on every run.
 */
export async function completedRender(
	renderer: RendererRef,
	prompt: string,
	timeoutMs = 240_000,
): Promise<Record<string, any>> {
	const created = await renderApi(renderer, 'POST', '/v1/renders', {
		...tinySpec(prompt),
		seed: 7,
		output: { width: 180, height: 320, fps: 8, quality: 'draft' },
	});
	if (created.status >= 300) throw new Error(`render refused: ${JSON.stringify(created.json)}`);
	const until = Date.now() + timeoutMs;
	for (;;) {
		const { json } = await renderApi(renderer, 'GET', `/v1/renders/${created.json.id}`);
		if (json.status === 'completed') return json;
		if (json.status === 'failed' || json.status === 'canceled')
			throw new Error(`render ${json.id} ${json.status}: ${JSON.stringify(json.error)}`);
		if (Date.now() > until) throw new Error(`render ${json.id} still ${json.status}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

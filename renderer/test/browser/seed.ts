/** Clips the browser tests and the screenshot script publish: tiny, real renders. */
import { api, waitForStatus } from '../support/renderer';

type Caller = { url: string; apiKey: string };

/** A 2.5 s 180×320 draft from the local engine with one spoken line (so it has WebVTT captions). */
export function tinySpec(title: string, line: string, setting = 'beach') {
	return {
		version: '1',
		provider: 'local',
		seed: 7,
		style: 'cinematic',
		output: { width: 180, height: 320, fps: 24, quality: 'draft' },
		metadata: { title },
		characters: [{ id: 'maya', name: 'Maya', description: 'woman in a red jacket' }],
		shots: [
			{
				id: 'a',
				prompt: `Maya waves hello on a sunny ${setting}`,
				duration: 2.5,
				setting,
				characters: ['maya'],
				dialogue: [{ character: 'maya', text: line, at: 0.2 }],
			},
		],
	};
}

export async function renderAndPublish(
	caller: Caller,
	spec: unknown,
	publish: { title: string; visibility?: 'public' | 'unlisted' | 'private'; description?: string },
): Promise<{ renderId: string; itemId: string }> {
	const created = await api(caller, 'POST', '/v1/renders', spec);
	if (created.status !== 201) throw new Error(`render refused: ${created.text}`);
	const done = await waitForStatus(caller, created.json.id, ['completed', 'failed'], 180_000);
	if (done.status !== 'completed')
		throw new Error(`seed render failed: ${JSON.stringify(done.error)}`);
	const published = await api(caller, 'POST', `/v1/renders/${created.json.id}/publish`, {
		target: 'feed',
		visibility: publish.visibility ?? 'public',
		title: publish.title,
		description: publish.description,
	});
	if (published.status !== 201) throw new Error(`publish refused: ${published.text}`);
	return { renderId: created.json.id, itemId: published.json.id };
}

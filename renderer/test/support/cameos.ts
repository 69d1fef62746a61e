/** Cameos the service tests register through the API, as a user would. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { drawFace, makeRecording } from '../trust/support/cameoRecording';
import { api, type RunningRenderer } from './renderer';

/**
 * A cameo of the renderer's own key named `name`, registered with a real recording (a drawn face
 * speaking the script) that the registry accepted; its files are made in `dir`. Answers its id.
 */
export async function registerCameo(
	r: RunningRenderer,
	name = 'Bea Example',
	dir = r.dataDir,
): Promise<string> {
	const started = await api(r, 'POST', '/v1/cameos', { name });
	expect(started.status).toBe(201);
	await drawFace(path.join(dir, 'face.png'));
	const recording = await makeRecording(dir, 'cameo', started.json.script.text, 'face');
	const accepted = await fetch(`${r.url}/v1/cameos/${started.json.id}/recording`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': 'video/mp4' },
		body: await readFile(recording),
	});
	expect(accepted.status).toBe(200);
	return started.json.id as string;
}

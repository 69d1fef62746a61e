/**
 * A submit the client gave up on (closed the connection before the answer) creates nothing: no
 * render, no quota used. Admission here waits on a storyboard writer the test holds, so the client
 * can go away while the checks are still running.
 */
import http from 'node:http';
import type { StoryDraft } from '../../src/pipeline/render';
import { api, startRenderer, type RunningRenderer } from '../support/renderer';

describe('a submit the client gave up on', () => {
	let r: RunningRenderer;
	let release: () => void = () => undefined;
	let writing: () => void = () => undefined;
	let started: Promise<void>;
	beforeAll(async () => {
		r = await startRenderer({
			worker: false,
			overrides: {
				moderator: null,
				signer: null,
				storyWriter: {
					write: async (): Promise<StoryDraft> => {
						writing();
						await new Promise<void>((resolve) => (release = resolve));
						return { planner: { name: 'rules' } };
					},
				},
			},
		});
	});
	afterAll(() => r.close());

	const spec = {
		provider: 'testpattern',
		prompt: 'a lighthouse at dusk',
		durationSeconds: 2,
		output: { width: 160, height: 96, fps: 12 },
	};

	it('leaves no render and no used quota when the connection closed before the answer', async () => {
		started = new Promise<void>((resolve) => (writing = resolve));
		const before = (await api(r, 'GET', '/v1/usage')).json;
		const body = JSON.stringify(spec);
		const request = http.request(`${r.url}/v1/renders`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${r.apiKey}`,
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(body)),
			},
		});
		request.on('error', () => undefined);
		request.end(body);
		await started;
		request.destroy();
		// Let the server notice the close, then let admission go on.
		await new Promise((resolve) => setTimeout(resolve, 200));
		release();
		await new Promise((resolve) => setTimeout(resolve, 500));

		const list = await api(r, 'GET', '/v1/renders');
		expect(list.status).toBe(200);
		expect(list.json.data).toEqual([]);
		const after = (await api(r, 'GET', '/v1/usage')).json;
		expect(after.rendersToday).toBe(before.rendersToday);
		expect(after.concurrentJobs).toBe(0);
	});

	it('still creates the render for a client that waits for the answer', async () => {
		started = new Promise<void>((resolve) => (writing = resolve));
		const pending = api(r, 'POST', '/v1/renders', spec);
		await started;
		release();
		const created = await pending;
		expect(created.status).toBe(201);
		expect((await api(r, 'GET', '/v1/renders')).json.data.map((d: { id: string }) => d.id)).toEqual(
			[created.json.id],
		);
	});
});

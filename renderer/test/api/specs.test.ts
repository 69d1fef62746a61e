import { api, startRenderer, type RunningRenderer } from '../support/renderer';

describe('spec validation and capabilities', () => {
	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer({ worker: false });
	});
	afterAll(() => r.close());

	it('POST /v1/specs/validate normalises a prompt-only spec', async () => {
		const res = await api(r, 'POST', '/v1/specs/validate', {
			prompt: 'two friends talk on a neon city street at night',
			durationSeconds: 16,
			seed: 3,
		});
		expect(res.status).toBe(200);
		expect(res.json.valid).toBe(true);
		expect(res.json.spec.output).toEqual({
			width: 1080,
			height: 1920,
			fps: 30,
			format: 'mp4',
			quality: 'standard',
		});
		expect(res.json.storyboard).toBeUndefined();
	});

	it('POST /v1/specs/validate?expand=true returns the planned storyboard', async () => {
		const res = await api(r, 'POST', '/v1/specs/validate?expand=true', {
			prompt: 'a basketball player misses a shot in the gym',
			durationSeconds: 8,
			seed: 3,
		});
		expect(res.status).toBe(200);
		expect(res.json.storyboard.shots.length).toBeGreaterThan(0);
		expect(res.json.storyboard.durationSeconds).toBe(8);
	});

	it("refuses a spec over the provider's limits once, with one message, at validation and at submit", async () => {
		const tooLong = { provider: 'local', prompt: 'a long walk on the beach', durationSeconds: 150 };
		for (const route of ['/v1/specs/validate', '/v1/renders']) {
			const res = await api(r, 'POST', route, tooLong);
			expect(res.status).toBe(400);
			expect(res.json.error.message).toBe("The spec exceeds the provider's limits.");
			expect(res.json.error.details).toEqual([
				{
					path: '/durationSeconds',
					message: 'provider "local" renders at most 120 s; this spec lasts 150 s',
				},
			]);
		}
	});

	it('answers an invalid spec with the path of each failing field', async () => {
		const res = await api(r, 'POST', '/v1/specs/validate', {
			prompt: 'x',
			output: { quality: 'ultra' },
			provider: 'nope',
		});
		expect(res.status).toBe(400);
		expect(res.json.error.details).toEqual([
			{ path: '/output/quality', message: 'must be one of: draft, standard, high' },
		]);
		const unknownProvider = await api(r, 'POST', '/v1/specs/validate', {
			prompt: 'x',
			provider: 'nope',
		});
		expect(unknownProvider.status).toBe(400);
		expect(unknownProvider.json.error.details[0].path).toBe('/provider');
	});

	it('answers malformed JSON with a JSON error', async () => {
		const res = await fetch(`${r.url}/v1/specs/validate`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': 'application/json' },
			body: '{"prompt":',
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
	});

	it('GET /v1/capabilities lists providers, styles, vocabulary and limits', async () => {
		const res = await api(r, 'GET', '/v1/capabilities');
		expect(res.status).toBe(200);
		const ids = res.json.providers.map((p: { id: string }) => p.id);
		expect(ids).toEqual(expect.arrayContaining(['local', 'testpattern']));
		expect(res.json.styles).toEqual(
			expect.arrayContaining(['cinematic', 'anime', 'documentary', 'neon', 'painted']),
		);
		expect(res.json.vocabulary).toBeDefined();
		expect(res.json.limits.maxDurationSeconds).toBe(300);
		expect(res.json.limits.tier.name).toBe('pro');
	});

	it('GET /ready reports queue, store and storage; /metrics is Prometheus text', async () => {
		const ready = await api({ url: r.url, apiKey: '' }, 'GET', '/ready');
		expect(ready.json).toEqual({
			status: 'ready',
			checks: { queue: true, store: true, storage: true },
		});
		const metrics = await api({ url: r.url, apiKey: '' }, 'GET', '/metrics');
		expect(metrics.headers.get('content-type')).toContain('text/plain');
		expect(metrics.text).toContain('reelforge_queue_jobs');
	});
});

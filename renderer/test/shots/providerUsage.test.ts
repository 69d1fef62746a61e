/**
 * Providers per tier and per key: a tier that lists its providers refuses a spec naming another one
 * (at the top, on a shot or in the fallback chain), and /v1/usage counts each key's output seconds
 * per provider.
 */
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';

const output = { width: 96, height: 160, fps: 8, quality: 'draft' };

describe('providers per tier and per key', () => {
	let r: RunningRenderer;
	beforeAll(async () => {
		r = await startRenderer({
			tier: 'free',
			env: { REELFORGE_TIERS: JSON.stringify({ free: { providers: ['testpattern', 'local'] } }) },
			overrides: { moderator: null },
		});
	});
	afterAll(async () => {
		await r.close();
	});

	it('refuses a provider the tier does not list, naming each field', async () => {
		const res = await api(r, 'POST', '/v1/renders', {
			output,
			provider: 'auto',
			fallback: ['local', 'openai-videos'],
			shots: [
				{ prompt: 'a dog runs', duration: 1 },
				{ prompt: 'a cat sleeps', provider: 'veo', duration: 1 },
			],
		});
		expect(res.status).toBe(403);
		expect(res.json.error.code).toBe('tier_forbids');
		expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual([
			'/provider',
			'/shots/1/provider',
			'/fallback/1',
		]);
	});

	it('counts output seconds per provider in /v1/usage', async () => {
		const before = (await api(r, 'GET', '/v1/usage')).json;
		expect(before.providerSecondsToday).toEqual({});
		const created = await api(r, 'POST', '/v1/renders', {
			output,
			provider: 'testpattern',
			prompt: 'a pattern',
			durationSeconds: 2,
		});
		expect(created.status).toBe(201);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 120_000);
		expect(done.status).toBe('completed');
		const after = (await api(r, 'GET', '/v1/usage')).json;
		expect(after.providerSecondsToday).toEqual({ testpattern: 2 });
	});
});

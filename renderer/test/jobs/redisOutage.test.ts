/**
 * A real redis-server is stopped under a running bull worker mid-render and started again (AOF,
 * as a persistent deployment runs it). The worker survives, the render finishes,
 * the API answers 503 with Retry-After while Redis is away and promptly again once it is back,
 * and nothing it answered 503 to was created.
 */
import { createTestPatternProvider } from '../../src/providers/testpattern';
import { createGateProvider } from '../support/fixtureProviders';
import {
	api,
	freePort,
	startRenderer,
	waitForStatus,
	type RunningRenderer,
} from '../support/renderer';
import { RedisServer } from '../support/redisServer';

const spec = (provider: string) => ({
	provider,
	prompt: 'outage test',
	durationSeconds: 2,
	output: { width: 160, height: 96, fps: 12, quality: 'draft' },
	provenance: { c2pa: false },
});

describe('Redis stopped and restarted under a running bull worker', () => {
	let redis: RedisServer;
	let apiSide: RunningRenderer;
	let worker: RunningRenderer;
	const gate = createGateProvider();
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);

	beforeAll(async () => {
		process.on('unhandledRejection', onUnhandled);
		redis = new RedisServer(await freePort());
		await redis.start();
		const common = {
			driver: 'bull' as const,
			env: { REDIS_URL: redis.url },
			overrides: {
				providers: [createTestPatternProvider(), gate.provider],
				moderator: null,
				signer: null,
			},
		};
		// `reelforge api` and `reelforge worker`: two services sharing one Redis.
		apiSide = await startRenderer({ ...common, worker: false });
		worker = await startRenderer({
			...common,
			worker: true,
			createKey: false,
			redisPrefix: apiSide.redisPrefix,
		});
	});

	afterAll(async () => {
		gate.release();
		await worker?.close();
		await apiSide?.close();
		await redis?.destroy();
		process.off('unhandledRejection', onUnhandled);
	});

	it('pauses, answers 503 meanwhile, and resumes on its own', async () => {
		const accepted = await api(apiSide, 'POST', '/v1/renders', spec('gate'));
		expect(accepted.status).toBe(201);
		await waitForStatus(apiSide, accepted.json.id, ['rendering'], 30_000);

		await redis.stop();
		// The render goes on while Redis is away: its progress writes fail and are let go.
		gate.release();

		const refusals: Array<{
			status: number;
			retryAfter: string | null;
			code?: string;
			ms: number;
		}> = [];
		for (const [method, route, body] of [
			['POST', '/v1/renders', spec('testpattern')],
			['GET', `/v1/renders/${accepted.json.id}`, undefined],
			['GET', '/v1/renders', undefined],
			['DELETE', `/v1/renders/${accepted.json.id}`, undefined],
			['POST', '/v1/renders', spec('testpattern')],
		] as const) {
			const started = Date.now();
			const res = await api(apiSide, method, route, body);
			refusals.push({
				status: res.status,
				retryAfter: res.headers.get('retry-after'),
				code: res.json?.error?.code,
				ms: Date.now() - started,
			});
		}
		for (const refusal of refusals)
			expect(refusal).toEqual({
				status: 503,
				retryAfter: '5',
				code: 'service_unavailable',
				ms: expect.any(Number),
			});
		// Each answer is prompt: bounded, never a hang.
		expect(Math.max(...refusals.map((r) => r.ms))).toBeLessThan(3000);
		const ready = await api(apiSide, 'GET', '/ready');
		expect(ready.status).toBe(503);

		await new Promise((r) => setTimeout(r, 3000));
		await redis.start();

		// The API answers again promptly once Redis is back.
		const backAt = Date.now();
		let answered: Awaited<ReturnType<typeof api>> | undefined;
		while (Date.now() - backAt < 10_000) {
			answered = await api(apiSide, 'GET', `/v1/renders/${accepted.json.id}`);
			if (answered.status === 200) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(answered?.status).toBe(200);
		expect(Date.now() - backAt).toBeLessThan(5000);

		// The render that was running finishes, with its video, in the same worker.
		const done = await waitForStatus(apiSide, accepted.json.id, ['completed', 'failed'], 60_000);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		expect(done.outputs.video).toBeDefined();
		expect(gate.started).toBe(1);

		// The worker is alive and takes new work without a restart.
		const after = await api(apiSide, 'POST', '/v1/renders', spec('testpattern'));
		expect(after.status).toBe(201);
		expect(
			(await waitForStatus(apiSide, after.json.id, ['completed', 'failed'], 60_000)).status,
		).toBe('completed');

		// Nothing answered with 503 was created: only the two accepted renders exist.
		const list = await api(apiSide, 'GET', '/v1/renders');
		expect(list.json.data.map((r: { id: string }) => r.id).sort()).toEqual(
			[accepted.json.id, after.json.id].sort(),
		);
		expect(unhandled).toEqual([]);
	}, 150_000);

	it('a Redis that hangs (connections open, no answers) costs a request at most its command timeout', async () => {
		redis.pause();
		try {
			const started = Date.now();
			const res = await api(apiSide, 'POST', '/v1/renders', spec('testpattern'));
			expect(res.status).toBe(503);
			expect(res.headers.get('retry-after')).toBe('5');
			// One 2 s command timeout (the key check), not a hang.
			expect(Date.now() - started).toBeLessThan(5000);
		} finally {
			redis.resume();
		}
		const back = await api(apiSide, 'GET', '/v1/renders');
		expect(back.status).toBe(200);
		expect(unhandled).toEqual([]);
	}, 60_000);
});

/**
 * Redis stopped under a submit loop: a real `reelforge api` and `reelforge worker` on the suite's
 * own redis-server (AOF everysec, as deployed). While it is down every submit is answered 503 with
 * Retry-After (never 500, never a hang); the processes stay alive; when it is back they recover
 * with no restart and every submit that was accepted (201) completes. 5 s always; 60 s in the
 * long run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	baseEnv,
	call,
	createKey,
	freePort,
	RedisServer,
	RendererProcess,
	sleep,
	testpatternSpec,
	waitFor,
} from '../support/processes';
import { figure, level } from '../support/level';

describe.each(level.redisOutages)('Redis down for %i s under a submit loop', (seconds) => {
	const scratch = mkdtempSync(path.join(tmpdir(), 'rf-fault-redis-'));
	let redis: RedisServer;
	let api: RendererProcess;
	let worker: RendererProcess;
	afterAll(async () => {
		await api?.kill('SIGKILL');
		await worker?.kill('SIGKILL');
		await redis?.destroy();
		rmSync(scratch, { recursive: true, force: true });
	});

	it('503 with Retry-After while down, 0 accepted jobs lost, recovery with no restart', async () => {
		redis = new RedisServer(await freePort());
		await redis.start();
		const env = baseEnv(path.join(scratch, 'data'), {
			REDIS_URL: redis.url,
			REELFORGE_QUEUE: 'bull',
			REELFORGE_REDIS_PREFIX: `ho${randomBytes(4).toString('hex')}`,
		});
		api = await new RendererProcess('api', env, await freePort()).start();
		worker = await new RendererProcess('worker', env).start();
		const { key } = createKey(env);

		const accepted: string[] = [];
		const statuses: Record<string, number> = {};
		const downAnswers: Array<{ status: number; retryAfter: string | null; ms: number }> = [];
		let phase = 'up' as 'up' | 'down' | 'back';
		let stop = false;
		const loop = (async () => {
			while (!stop) {
				const started = Date.now();
				const res = await call(api.url, key, 'POST', '/v1/renders', testpatternSpec(1), {}, 20_000);
				const ms = Date.now() - started;
				statuses[res.status] = (statuses[res.status] ?? 0) + 1;
				if (res.status === 201) accepted.push(res.json.id);
				if (phase === 'down')
					downAnswers.push({ status: res.status, retryAfter: res.headers.get('retry-after'), ms });
				await sleep(100);
			}
		})();

		await sleep(2000);
		phase = 'down';
		await redis.stop('SIGKILL');
		await sleep(seconds * 1000);
		expect(api.alive).toBe(true);
		expect(worker.alive).toBe(true);
		await redis.start();
		phase = 'back';
		const backAt = Date.now();
		// The API answers again without a restart.
		let firstOk = -1;
		while (Date.now() - backAt < 30_000) {
			const res = await call(api.url, key, 'GET', '/v1/renders?limit=1');
			if (res.status === 200) {
				firstOk = Date.now() - backAt;
				break;
			}
			await sleep(100);
		}
		await sleep(2000);
		stop = true;
		await loop;

		expect(firstOk).toBeGreaterThanOrEqual(0);
		// While down: refusals are 503 + Retry-After, nothing else (a 201 in flight at the cut is fine).
		const refusals = downAnswers.filter((a) => a.status !== 201);
		expect(refusals.length).toBeGreaterThan(0);
		for (const a of refusals)
			expect({ status: a.status, retryAfter: a.retryAfter !== null }).toEqual({
				status: 503,
				retryAfter: true,
			});
		expect(statuses[500] ?? 0).toBe(0);
		expect(statuses[0] ?? 0).toBe(0);

		// Every accepted render completes: nothing accepted was lost.
		for (const id of accepted) await waitFor(api.url, key, id, ['completed'], 120_000);
		expect(api.alive && worker.alive).toBe(true);
		figure('faults', `redis down ${seconds}s: submits accepted`, accepted.length);
		figure('faults', `redis down ${seconds}s: 503 answers`, refusals.length);
		figure(
			'faults',
			`redis down ${seconds}s: slowest 503 (ms)`,
			Math.max(...refusals.map((a) => a.ms)),
		);
		figure('faults', `redis down ${seconds}s: API back after (ms)`, firstOk);
		figure('faults', `redis down ${seconds}s: accepted lost`, 0);
	});
});

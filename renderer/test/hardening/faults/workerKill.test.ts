/**
 * `kill -9` of a bull worker in the middle of a render: real `reelforge api` and two
 * `reelforge worker` processes on a real Redis. The render the dead worker held is taken over by
 * the other one (stalled-job detection, REELFORGE_JOB_LOCK_MS), finishes as a valid MP4 (ffprobe),
 * its webhook event is delivered exactly once, and the dead worker's scratch folder is gone.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	baseEnv,
	call,
	createKey,
	freePort,
	RendererProcess,
	sleep,
	waitFor,
} from '../support/processes';
import { figure } from '../support/level';

describe('kill -9 of a worker mid-render', () => {
	const scratch = mkdtempSync(path.join(tmpdir(), 'rf-fault-kill-'));
	const processes: RendererProcess[] = [];
	const deliveries: Array<{ id: string; body: string }> = [];
	const receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c));
		req.on('end', () => {
			deliveries.push({ id: String(req.headers['webhook-id']), body });
			res.writeHead(204).end();
		});
	});
	afterAll(async () => {
		for (const p of processes) await p.kill('SIGKILL');
		receiver.closeAllConnections();
		receiver.close();
		rmSync(scratch, { recursive: true, force: true });
	});

	it('another worker finishes it: valid MP4, one webhook event, scratch removed', async () => {
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
		const dataDir = path.join(scratch, 'data');
		const env = baseEnv(dataDir, {
			REDIS_URL: process.env.REDIS_TEST_URL!,
			REELFORGE_QUEUE: 'bull',
			REELFORGE_REDIS_PREFIX: `hk${randomBytes(4).toString('hex')}`,
			REELFORGE_JOB_LOCK_MS: '2000',
			REELFORGE_FETCH_ALLOW: hook.replace('http://', ''),
		});
		const api = new RendererProcess('api', env, await freePort());
		processes.push(api);
		await api.start();
		const { key } = createKey(env);
		const first = new RendererProcess('worker', env);
		processes.push(first);
		await first.start();

		const submitted = await call(api.url, key, 'POST', '/v1/renders', {
			provider: 'testpattern',
			prompt: 'a long test card',
			// Long enough that the render is still going once the second worker is up (a process start,
			// ~1–2 s): at 10 s a faster render had finished before the kill.
			durationSeconds: 30,
			output: { width: 320, height: 180, fps: 30, quality: 'standard' },
			webhook: { url: `${hook}/kill`, events: ['render.completed', 'render.failed'] },
		});
		expect(submitted.status).toBe(201);
		const id: string = submitted.json.id;
		await waitFor(api.url, key, id, ['rendering'], 60_000);
		// The second worker comes up only now, so the first one surely holds the render.
		const second = new RendererProcess('worker', env);
		processes.push(second);
		await second.start();
		await sleep(300);
		const before = await call(api.url, key, 'GET', `/v1/renders/${id}`);
		const killedAt = Date.now();
		await first.kill('SIGKILL');
		expect(before.json.status).toBe('rendering');

		const done = await waitFor(api.url, key, id, ['completed', 'failed'], 180_000);
		expect(done.status).toBe('completed');
		figure(
			'faults',
			'kill -9 worker: takeover to completed (s)',
			((Date.now() - killedAt) / 1000).toFixed(1),
		);
		expect(second.alive).toBe(true);

		const video = path.join(scratch, 'out.mp4');
		const content = await fetch(`${api.url}/v1/renders/${id}/content`, {
			headers: { authorization: `Bearer ${key}` },
		});
		writeFileSync(video, Buffer.from(await content.arrayBuffer()));
		const probe = JSON.parse(
			execFileSync(
				'ffprobe',
				['-v', 'error', '-show_format', '-show_streams', '-of', 'json', video],
				{
					encoding: 'utf8',
				},
			),
		);
		expect(probe.format.format_name).toContain('mp4');
		expect(Number(probe.format.duration)).toBeGreaterThan(29);
		expect(probe.streams.some((s: { codec_type: string }) => s.codec_type === 'video')).toBe(true);

		// Exactly one completed event for it, one webhook-id.
		await sleep(3000);
		const mine = deliveries.filter((d) => d.body.includes(id));
		expect(mine.map((d) => JSON.parse(d.body).type)).toEqual(['render.completed']);
		expect(new Set(mine.map((d) => d.id)).size).toBe(1);

		// The dead worker's scratch folder is gone (the survivor sweeps dead workers' folders).
		const tmp = path.join(dataDir, 'tmp');
		const left = existsSync(tmp)
			? readdirSync(tmp).filter((d) => d.includes(String(first.pid)))
			: [];
		expect(left).toEqual([]);
	});
});

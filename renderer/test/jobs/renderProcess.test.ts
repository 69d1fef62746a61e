/**
 * `reelforge serve` renders in a child process (off the API's event loop): the render runs in
 * another pid against the parent's store, its progress reaches the parent's server-sent events,
 * a cancel reaches it, a render process killed mid-render is replaced and the render finishes,
 * and closing the service ends the child.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ProcessQueue } from '../../src/queue/processQueue';
import { ffprobe } from '../support/ffprobe';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';

const spec = (durationSeconds: number) => ({
	provider: 'testpattern',
	prompt: 'render process',
	durationSeconds,
	output: { width: 160, height: 96, fps: 12, quality: 'draft' },
	provenance: { c2pa: false },
});

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

// A render process started from TypeScript (transpiled as it loads) and its models take a while
// on a busy machine; these tests wait on real processes, not on timers.
jest.setTimeout(300_000);

describe('the embedded service with its render process', () => {
	let r: RunningRenderer;
	let queue: ProcessQueue;
	beforeAll(async () => {
		r = await startRenderer({ renderProcess: true, env: { REELFORGE_SHUTDOWN_GRACE_MS: '2000' } });
		queue = r.services.queue as ProcessQueue;
	});
	afterAll(async () => {
		await r?.close();
	});

	it('renders in another process, with progress in the API process’s server-sent events', async () => {
		expect(queue).toBeInstanceOf(ProcessQueue);
		const created = await api(r, 'POST', '/v1/renders', spec(1));
		expect(created.status).toBe(201);
		const pid = await until('the render process', () => queue.pid);
		expect(pid).not.toBe(process.pid);
		expect(alive(pid)).toBe(true);

		const events = await fetch(`${r.url}/v1/renders/${created.json.id}/events`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		const text = await events.text(); // the stream ends after `done`
		const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
		expect(names).toContain('progress');
		expect(names.at(-1)).toBe('done');
		expect(JSON.parse(/event: done\ndata: (.*)\n/.exec(text)![1]).status).toBe('completed');

		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.status).toBe('completed');
		const content = await fetch(done.outputs.video.url, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		const file = path.join(r.dataDir, 'child.mp4');
		await fs.writeFile(file, Buffer.from(await content.arrayBuffer()));
		const probe = await ffprobe(file);
		expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({
			width: 160,
			height: 96,
		});
		const counts = await r.services.queue.counts();
		expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0 });

		// The render process's render metrics are part of the API's /metrics.
		let metrics = '';
		for (
			let i = 0;
			i < 50 && !/renders_finished_total\{status="completed"\} 1/.test(metrics);
			i++
		) {
			metrics = await (await fetch(`${r.url}/metrics`)).text();
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(metrics).toMatch(/^reelforge_renders_finished_total\{status="completed"\} 1$/m);
		expect(metrics).toMatch(/^reelforge_render_seconds_count 1$/m);
		expect(metrics).toMatch(/^reelforge_stage_seconds_count\{stage="encode"\} 1$/m);
		expect(metrics).toMatch(/^reelforge_renders_created_total\{provider="testpattern"\} 1$/m);
	});

	it('passes a cancel to the render process, which stops the render', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', spec(60));
		await waitForStatus(r, json.id, ['rendering']);
		const canceled = await api(r, 'DELETE', `/v1/renders/${json.id}`);
		expect(canceled.json.status).toBe('canceled');
		for (let i = 0; i < 50 && (await r.services.queue.counts()).active > 0; i++)
			await new Promise((resolve) => setTimeout(resolve, 100));
		expect((await r.services.queue.counts()).active).toBe(0);
		expect((await api(r, 'GET', `/v1/renders/${json.id}`)).json.status).toBe('canceled');
	});

	it('replaces a render process killed mid-render, and the render still completes', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', spec(6));
		await waitForStatus(r, json.id, ['rendering']);
		const first = queue.pid!;
		process.kill(first, 'SIGKILL');
		const second = await until('a new render process', () =>
			queue.pid !== undefined && queue.pid !== first ? queue.pid : undefined,
		);
		expect(alive(first)).toBe(false);
		const done = await waitForStatus(r, json.id, ['completed', 'failed'], 120_000);
		expect(done.status).toBe('completed');
		expect(queue.pid).toBe(second);
	});

	it('ends the render process when the service closes', async () => {
		const pid = queue.pid!;
		await r.close();
		expect(alive(pid)).toBe(false);
		r = undefined as unknown as RunningRenderer;
	});
});

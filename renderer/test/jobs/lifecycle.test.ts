/**
 * The render lifecycle, run unchanged against both queue drivers: the in-memory queue with the
 * file store, and bull with the Redis store on the real redis-server started by jest's global setup.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '../../src/store/fileStore';
import { KeyService } from '../../src/auth/keys';
import type { EventSink, EventType } from '../../src/webhooks/webhooks';
import { createFlakyProvider, createGateProvider } from '../support/fixtureProviders';
import { createTestPatternProvider } from '../../src/providers/testpattern';
import {
	api,
	startRenderer,
	waitForStatus,
	type Driver,
	type RunningRenderer,
} from '../support/renderer';
import { ffprobe } from '../support/ffprobe';

function recordingSink() {
	const events: Array<{ type: EventType; renderId?: string; status?: string }> = [];
	const sink: EventSink = {
		async emit(type, payload) {
			events.push({ type, renderId: payload.render?.id, status: payload.render?.status });
		},
	};
	return { sink, events };
}

const tiny = (provider: string, extra: Record<string, unknown> = {}) => ({
	provider,
	prompt: 'lifecycle test',
	durationSeconds: 1,
	output: { width: 160, height: 96, fps: 12, quality: 'draft' },
	provenance: { c2pa: false },
	...extra,
});

describe.each<Driver>(['memory', 'bull'])('render lifecycle with the %s queue', (driver) => {
	let r: RunningRenderer;
	let gate: ReturnType<typeof createGateProvider>;
	let recorded: ReturnType<typeof recordingSink>;

	beforeEach(async () => {
		gate = createGateProvider();
		recorded = recordingSink();
		r = await startRenderer({
			driver,
			overrides: {
				providers: [
					createTestPatternProvider(),
					gate.provider,
					createFlakyProvider(1, 'transient'),
					createFlakyProvider(99, 'permanent'),
				],
				events: recorded.sink,
				moderator: null,
				signer: null,
				cameos: null,
			},
		});
	});

	afterEach(async () => {
		gate.release();
		await r.close();
	});

	it('queues, renders and completes with progress, stage timings and a real MP4', async () => {
		const created = await api(r, 'POST', '/v1/renders', tiny('testpattern'));
		expect(created.status).toBe(201);
		expect(created.json.status).toBe('queued');
		expect(created.headers.get('location')).toBe(`/v1/renders/${created.json.id}`);

		const done = await waitForStatus(r, created.json.id, ['completed', 'failed']);
		expect(done.status).toBe('completed');
		expect(done.progress).toBe(100);
		expect(done.attempts).toBe(1);
		expect(done.timings.map((t: { stage: string }) => t.stage)).toEqual(
			expect.arrayContaining(['encode', 'store']),
		);

		const content = await fetch(done.outputs.video.url, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		expect(content.status).toBe(200);
		expect(content.headers.get('content-type')).toBe('video/mp4');
		const file = path.join(r.dataDir, 'out.mp4');
		await fs.writeFile(file, Buffer.from(await content.arrayBuffer()));
		const probe = await ffprobe(file);
		expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
		expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({
			width: 160,
			height: 96,
			pix_fmt: 'yuv420p',
		});
		expect(Number(probe.format.duration)).toBeCloseTo(1, 0);
		expect(recorded.events).toContainEqual({
			type: 'render.completed',
			renderId: created.json.id,
			status: 'completed',
		});
	});

	it('answers HTTP Range requests on the content with 206 and 416', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', tiny('testpattern'));
		const done = await waitForStatus(r, json.id, ['completed']);
		const auth = { authorization: `Bearer ${r.apiKey}` };
		const partial = await fetch(done.outputs.video.url, {
			headers: { ...auth, range: 'bytes=0-99' },
		});
		expect(partial.status).toBe(206);
		expect(partial.headers.get('content-range')).toBe(`bytes 0-99/${done.outputs.video.size}`);
		expect((await partial.arrayBuffer()).byteLength).toBe(100);
		const beyond = await fetch(done.outputs.video.url, {
			headers: { ...auth, range: `bytes=${done.outputs.video.size}-` },
		});
		expect(beyond.status).toBe(416);
	});

	it('returns the same render for the same Idempotency-Key and refuses the key with another body', async () => {
		const first = await api(r, 'POST', '/v1/renders', tiny('testpattern'), {
			'idempotency-key': 'abc-1',
		});
		const again = await api(r, 'POST', '/v1/renders', tiny('testpattern'), {
			'idempotency-key': 'abc-1',
		});
		expect(first.status).toBe(201);
		expect(again.status).toBe(200);
		expect(again.json.id).toBe(first.json.id);
		const other = await api(r, 'POST', '/v1/renders', tiny('testpattern', { seed: 5 }), {
			'idempotency-key': 'abc-1',
		});
		expect(other.status).toBe(409);
		expect(other.json.error.code).toBe('idempotency_key_reused');
	});

	it('retries a transient failure with backoff and completes', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', tiny('flaky'));
		const done = await waitForStatus(r, json.id, ['completed', 'failed']);
		expect(done.status).toBe('completed');
		expect(done.attempts).toBe(2);
	});

	it('fails a permanent failure at once, with the reason, and emits render.failed', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', tiny('broken'));
		const done = await waitForStatus(r, json.id, ['completed', 'failed']);
		expect(done.status).toBe('failed');
		expect(done.attempts).toBe(1);
		expect(done.error).toEqual({
			code: 'render_failed',
			message: 'the provider rejected the prompt',
			retryable: false,
		});
		expect(recorded.events).toContainEqual({
			type: 'render.failed',
			renderId: json.id,
			status: 'failed',
		});
	});

	it('cancels a running render, then deletes it', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', tiny('gate'));
		await waitForStatus(r, json.id, ['rendering']);
		const canceled = await api(r, 'DELETE', `/v1/renders/${json.id}`);
		expect(canceled.status).toBe(200);
		expect(canceled.json.status).toBe('canceled');
		// The worker saw the abort: the record stays canceled and never completes.
		gate.release();
		await new Promise((res) => setTimeout(res, 500));
		expect((await api(r, 'GET', `/v1/renders/${json.id}`)).json.status).toBe('canceled');
		expect((await api(r, 'DELETE', `/v1/renders/${json.id}`)).status).toBe(204);
		expect((await api(r, 'GET', `/v1/renders/${json.id}`)).status).toBe(404);
	});

	it('streams progress and the final render as server-sent events', async () => {
		const { json } = await api(r, 'POST', '/v1/renders', tiny('testpattern'));
		const res = await fetch(`${r.url}/v1/renders/${json.id}/events`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		expect(res.headers.get('content-type')).toBe('text/event-stream');
		const text = await res.text(); // the server ends the stream after `done`
		const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
		expect(events[0]).toBe('stage');
		expect(events).toContain('progress');
		expect(events[events.length - 1]).toBe('done');
		const done = JSON.parse(/event: done\ndata: (.*)\n/.exec(text)![1]);
		expect(done.status).toBe('completed');
	});

	it("lists the caller's renders newest first with a cursor, and hides other keys' renders", async () => {
		const ids: string[] = [];
		for (let i = 0; i < 3; i++)
			ids.push((await api(r, 'POST', '/v1/renders', tiny('gate'))).json.id);
		const page1 = await api(r, 'GET', '/v1/renders?limit=2');
		expect(page1.json.data.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
		const page2 = await api(r, 'GET', `/v1/renders?limit=2&cursor=${page1.json.nextCursor}`);
		expect(page2.json.data.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
		expect(page2.json.nextCursor).toBeNull();

		const other = await r.services.keys.create('pro', 'other');
		const asOther = { url: r.url, apiKey: other.key };
		expect((await api(asOther, 'GET', `/v1/renders/${ids[0]}`)).status).toBe(404);
		expect((await api(asOther, 'GET', '/v1/renders')).json.data).toEqual([]);
		for (const id of ids) await api(r, 'DELETE', `/v1/renders/${id}`);
	});

	it('rejects requests without a valid key', async () => {
		const none = await api({ url: r.url, apiKey: '' }, 'GET', '/v1/renders');
		expect(none.status).toBe(401);
		expect(none.json.error.code).toBe('unauthorized');
		const wrong = await api(
			{ url: r.url, apiKey: 'rf_key_0000000000abcdefabcdef_nope' },
			'GET',
			'/v1/renders',
		);
		expect(wrong.status).toBe(401);
		expect((await api({ url: r.url, apiKey: '' }, 'GET', '/health')).status).toBe(200);
	});

	it('answers an invalid spec with 400 naming each bad field', async () => {
		const bad = await api(r, 'POST', '/v1/renders', {
			prompt: 'x',
			output: { width: 4000, fps: 0 },
			shots: [{ duration: -1 }],
			extra: true,
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error.code).toBe('invalid_request');
		expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
			'/extra',
			'/output/fps',
			'/output/width',
			'/shots/0/duration',
			'/shots/0/prompt',
		]);
	});

	it('enforces per-key quotas with 429 and Retry-After', async () => {
		const free = await r.services.keys.create('free', 'quota');
		const asFree = { url: r.url, apiKey: free.key };
		const first = await api(asFree, 'POST', '/v1/renders', tiny('gate'));
		expect(first.status).toBe(201);
		const second = await api(asFree, 'POST', '/v1/renders', tiny('gate'));
		expect(second.status).toBe(429);
		expect(second.json.error.code).toBe('quota_concurrent_jobs');
		expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
		// The free tier cannot drop the watermark.
		const noMark = await api(
			asFree,
			'POST',
			'/v1/renders',
			tiny('testpattern', { watermark: { enabled: false } }),
		);
		expect(noMark.status).toBe(403);
		expect(noMark.json.error.details[0].path).toBe('/watermark/enabled');
		await api(asFree, 'DELETE', `/v1/renders/${first.json.id}`);
		const third = await api(asFree, 'POST', '/v1/renders', tiny('testpattern'));
		expect(third.status).toBe(201);
	});

	it('accepts a key created by another process on the same store without a restart', async () => {
		const store =
			driver === 'memory' ? new FileStore(path.join(r.dataDir, 'store')) : await redisStoreFor(r);
		const cliKeys = new KeyService(store, ['free', 'pro']);
		const created = await cliKeys.create('pro', 'from-cli');
		expect((await api({ url: r.url, apiKey: created.key }, 'GET', '/v1/usage')).status).toBe(200);
		await cliKeys.revoke(created.record.id);
		expect((await api({ url: r.url, apiKey: created.key }, 'GET', '/v1/usage')).status).toBe(401);
		await store.close();
	});

	it('loses no accepted job across a restart, and requeues a running job on shutdown', async () => {
		const { json: waiting } = await api(r, 'POST', '/v1/renders', tiny('gate'));
		await waitForStatus(r, waiting.id, ['rendering']);
		const { json: queued } = await api(r, 'POST', '/v1/renders', tiny('testpattern'));
		// Shut down while one job runs (held by the gate past the grace period) and one waits.
		await r.close();

		const second = createGateProvider();
		second.release();
		const restarted = await startRenderer({
			driver,
			dataDir: r.dataDir,
			redisPrefix: r.redisPrefix,
			createKey: false,
			overrides: {
				providers: [createTestPatternProvider(), second.provider],
				events: recorded.sink,
				moderator: null,
				signer: null,
				cameos: null,
			},
		});
		const again = { ...restarted, apiKey: r.apiKey };
		try {
			expect((await waitForStatus(again, waiting.id, ['completed', 'failed'], 90000)).status).toBe(
				'completed',
			);
			expect((await waitForStatus(again, queued.id, ['completed', 'failed'], 90000)).status).toBe(
				'completed',
			);
			// No scratch files are left behind by the interrupted or the finished renders.
			const scratch = await fs.readdir(path.join(r.dataDir, 'tmp')).catch(() => []);
			expect(scratch).toEqual([]);
		} finally {
			r = restarted; // afterEach closes it
		}
	});
});

async function redisStoreFor(r: RunningRenderer) {
	const { RedisStore } = await import('../../src/store/redisStore');
	return new RedisStore(process.env.REDIS_TEST_URL!, r.redisPrefix);
}

afterAll(async () => {
	await fs.rm(path.join(os.tmpdir(), 'never-created'), { force: true });
});

#!/usr/bin/env node
/**
 * Outbound webhook delivery benchmark (plain node on the built renderer/dist):
 * N events emitted to a local receiver that verifies every signature, on the file store and
 * (when REDIS_URL is set) on Redis. Reports events/s from first emit to last verified receipt,
 * emit→receipt latency percentiles, and the time of one due-loop pass over P pending retries.
 *
 *   npm run build -w @reelforge/renderer && node bench/delivery.js [--events=500] [--pending=1000]
 */
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const DIST = process.env.REELFORGE_DIST ?? path.resolve(__dirname, '..', 'renderer', 'dist');
const { Webhook } = require('standardwebhooks');
const { FileStore } = require(path.join(DIST, 'store', 'fileStore'));
const { RedisStore } = require(path.join(DIST, 'store', 'redisStore'));
const { KeyService } = require(path.join(DIST, 'auth', 'keys'));
const { createWebhookService } = require(path.join(DIST, 'webhooks', 'service'));
const { validateRenderSpec } = require(path.join(DIST, 'spec', 'validate'));

const option = (name, fallback) =>
	Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const EVENTS = option('events', 500);
const PENDING = option('pending', 1000);

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function receiver(secret, onVerified, status = 200) {
	const hook = new Webhook(secret);
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			try {
				const payload = hook.verify(Buffer.concat(chunks).toString('utf8'), req.headers);
				onVerified(payload);
			} catch {
				// counted as not received
			}
			res.writeHead(status).end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${server.address().port}/hook` };
}

function render(keyId, url, i) {
	const now = new Date().toISOString();
	return {
		id: `rnd_bench${String(i).padStart(8, '0')}`,
		object: 'render',
		kind: 'render',
		keyId,
		status: 'completed',
		progress: 100,
		stage: 'store',
		attempts: 1,
		spec: validateRenderSpec({
			prompt: 'bench',
			durationSeconds: 2,
			webhook: { url, events: ['render.completed'] },
		}),
		warnings: [],
		timings: [],
		outputs: {},
		durationSeconds: 2,
		publications: [],
		details: {},
		createdAt: now,
		updatedAt: now,
	};
}

async function runCase(name, store) {
	const keys = new KeyService(store, ['free', 'pro']);
	const { record, webhookSecret } = await keys.create('pro');
	const sentAt = new Map();
	const latencies = [];
	let done;
	const finished = new Promise((resolve) => (done = resolve));
	const { server, url } = await receiver(webhookSecret, (payload) => {
		latencies.push(performance.now() - sentAt.get(payload.data.render.id));
		if (latencies.length === EVENTS) done();
	});
	const service = createWebhookService({
		store,
		keys,
		config: { webhookRetrySchedule: [60_000], publicUrl: 'http://bench' },
		log: () => undefined,
	});
	const started = performance.now();
	for (let i = 0; i < EVENTS; i++) {
		const r = render(record.id, url, i);
		sentAt.set(r.id, performance.now());
		await service.emit('render.completed', { keyId: record.id, render: r });
	}
	await finished;
	const seconds = (performance.now() - started) / 1000;
	await service.stop();
	server.close();

	// Due-loop pass over P deliveries that are pending but not yet due (the common idle case).
	const refusing = await receiver(webhookSecret, () => undefined, 500);
	const idle = createWebhookService({
		store,
		keys,
		config: { webhookRetrySchedule: [3_600_000], publicUrl: 'http://bench' },
		log: () => undefined,
	});
	for (let i = 0; i < PENDING; i++)
		await idle.emit('render.completed', {
			keyId: record.id,
			render: render(record.id, refusing.url, EVENTS + i),
		});
	await idle.stop();
	const passStart = performance.now();
	await idle.runDue();
	const passMs = performance.now() - passStart;
	refusing.server.close();

	latencies.sort((a, b) => a - b);
	return {
		store: name,
		events: EVENTS,
		eventsPerSecond: Math.round(EVENTS / seconds),
		p50Ms: +percentile(latencies, 50).toFixed(1),
		p95Ms: +percentile(latencies, 95).toFixed(1),
		p99Ms: +percentile(latencies, 99).toFixed(1),
		idlePassMs: Math.round(passMs),
		pending: PENDING,
	};
}

(async () => {
	const results = [];
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-delivery-'));
	const fileStore = new FileStore(dir);
	results.push(await runCase('file', fileStore));
	fs.rmSync(dir, { recursive: true, force: true });
	if (process.env.REDIS_URL) {
		const redis = new RedisStore(process.env.REDIS_URL, `bench${Date.now()}`);
		results.push(await runCase('redis', redis));
		await redis.close();
	}
	console.log(`${os.cpus().length} cores, node ${process.version}`);
	console.table(results);
})().catch((err) => {
	console.error(err);
	process.exit(1);
});

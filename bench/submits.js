#!/usr/bin/env node
/**
 * Submit throughput of the API (POST /v1/renders) under a bounded loopback load, with autocannon,
 * against the real built service started as the README starts it:
 *
 * - embedded: `reelforge serve` (file store, in-memory queue, renders in its render process,
 *   which keeps rendering the queued work while the load runs);
 * - bull: `reelforge api` on Redis (a redis-server this script starts on a free port, no
 *   persistence), no worker — submits only, as the hardening issue measured it.
 *
 * Each mode runs `--seconds` (default 10) at `--connections` (default 200) after a 2 s warm-up;
 * prints submits/s (2xx answers only), latency p50/p99/max, non-2xx answers and errors.
 *
 *   npm run build -w @reelforge/renderer && node bench/submits.js [--modes=embedded,bull]
 *       [--connections=200] [--seconds=10]
 */
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const CLI = path.resolve(__dirname, '..', 'renderer', 'dist', 'cli', 'index.js');
const option = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const MODES = option('modes', 'embedded,bull').split(',');
const CONNECTIONS = Number(option('connections', 200));
const SECONDS = Number(option('seconds', 10));

// A tier without daily or concurrency limits: the bench measures admission, not quota refusals.
const TIERS = JSON.stringify({
	bench: {
		rendersPerDay: 1e9,
		outputSecondsPerDay: 1e12,
		concurrentJobs: 1e9,
		maxEdgePx: 3840,
		watermarkRequired: false,
	},
});
const SPEC = JSON.stringify({
	provider: 'testpattern',
	prompt: 'a lighthouse at dusk, waves on the rocks',
	durationSeconds: 2,
	output: { width: 160, height: 96, fps: 12, quality: 'draft' },
	provenance: { c2pa: false },
});

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

async function waitForHttp(url, child, timeoutMs = 60_000) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${url} did not answer in ${timeoutMs} ms`);
}

async function startRedis(dir) {
	const port = await freePort();
	const redis = spawn(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ stdio: 'ignore' },
	);
	for (let i = 0; i < 50; i++) {
		try {
			execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
			return { redis, url: `redis://127.0.0.1:${port}` };
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
	redis.kill('SIGKILL');
	throw new Error('redis-server did not start');
}

async function runMode(mode) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `reelforge-bench-${mode}-`));
	const port = await freePort();
	const env = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		REELFORGE_DATA_DIR: dataDir,
		REELFORGE_TIERS: TIERS,
		LOG_LEVEL: 'warn',
	};
	let redis;
	if (mode === 'bull') {
		redis = await startRedis(dataDir);
		Object.assign(env, { REDIS_URL: redis.url, REELFORGE_QUEUE: 'bull' });
	} else {
		Object.assign(env, { REELFORGE_QUEUE: 'memory', REDIS_URL: '' });
	}
	const key = JSON.parse(
		execFileSync(process.execPath, [CLI, 'keys', 'create', '--tier', 'bench', '--json'], {
			env,
			encoding: 'utf8',
		}),
	).key;
	const service = spawn(process.execPath, [CLI, mode === 'bull' ? 'api' : 'serve'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitForHttp(`${url}/health`, service);
		const request = {
			url: `${url}/v1/renders`,
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: SPEC,
		};
		await autocannon({ ...request, connections: 20, duration: 2 });
		const result = await autocannon({
			...request,
			connections: CONNECTIONS,
			duration: SECONDS,
			timeout: 10,
		});
		return {
			mode,
			connections: CONNECTIONS,
			seconds: SECONDS,
			submitsPerSecond: Math.round(result['2xx'] / SECONDS),
			latencyMs: {
				p50: result.latency.p50,
				p99: result.latency.p99,
				max: result.latency.max,
			},
			non2xx: result.non2xx,
			errors: result.errors,
			timeouts: result.timeouts,
		};
	} finally {
		service.kill('SIGTERM');
		await new Promise((resolve) => {
			const killer = setTimeout(() => service.kill('SIGKILL'), 15_000);
			service.once('exit', () => (clearTimeout(killer), resolve()));
		});
		redis?.redis.kill('SIGTERM');
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

(async () => {
	const load = os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');
	console.log(`# ${os.cpus().length} CPUs, load average before: ${load}`);
	const results = [];
	for (const mode of MODES) {
		const result = await runMode(mode);
		results.push(result);
		console.log(JSON.stringify(result));
	}
	const [embedded, bull] = ['embedded', 'bull'].map((m) => results.find((r) => r.mode === m));
	if (embedded && bull)
		console.log(
			`# embedded/bull submits/s: ${(embedded.submitsPerSecond / bull.submitsPerSecond).toFixed(2)}`,
		);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

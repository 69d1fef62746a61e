#!/usr/bin/env node
/**
 * Submit load (autocannon, loopback only, bounded): POST /v1/renders per second and latency
 * percentiles against a real `reelforge` on this machine, in two modes:
 *   bull      `reelforge api` on a Redis of its own (no worker: the API's own cost)
 *   embedded  `reelforge serve` (memory queue, the in-process worker rendering as it goes)
 *
 *   npm run bench:load                      # both modes, 200 connections, 15 s each
 *   npm run bench:load -- --mode=bull --connections=200 --seconds=15 --json=<file>
 *   npm run bench:load -- --mode=bull --rate=500          # offer 500 submits/s (open model)
 *   npm run bench:load -- --cpu-prof=/tmp/prof            # then: node bench/cpuProfileTop.js /tmp/prof/bull.cpuprofile
 *   node bench/load.js --cli=/path/to/other/renderer/dist/cli/index.js   # A/B against another build
 *
 * Targets (issue 9): bull ≥ 500 submits/s and p99 < 50 ms at 200 connections on the 2-core
 * machine; embedded within 2× of bull. Printed as figures, never asserted: the machine may be
 * shared; say under what load a figure was taken (the load average is printed with it), and
 * compare builds by the API's CPU per submit, which other processes move least.
 *
 * With a fixed number of connections each sending its next request when the last is answered
 * (the default, closed model), the mean latency is connections ÷ throughput (Little's law): 200
 * connections at 500 submits/s wait 400 ms on average whatever the server does. A p99 under 50 ms
 * at 200 connections therefore needs either ≥ 4 000 submits/s or an offered rate below what the
 * server takes (--rate, open model); the bench reports both.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) =>
	args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
// --cli=<path>: another build's CLI (an A/B run against a checkout of main, say).
const CLI = path.resolve(option('cli', path.join(ROOT, 'renderer', 'dist', 'cli', 'index.js')));
const modes = option('mode', 'bull,embedded').split(',');
const connections = Number(option('connections', '200'));
const seconds = Number(option('seconds', '15'));
const jsonOut = option('json');
// --cpu-prof=<dir>: the API process writes a V8 CPU profile there (read with bench/cpuProfileTop.js).
const cpuProfDir = option('cpu-prof');
// --rate=<n>: offer n submits/s in all, evenly spaced (open model, `paced` below) rather than as
// many as the connections take; latency then says how long a submit waits at that rate, not how
// deep the queue of connections is. (autocannon's own rate limit releases each second's budget at
// the start of the second: a burst of n, not n spread over the second.)
const rate = option('rate') ? Number(option('rate')) : undefined;
// --warmup=<s>: submits before the measured run (JIT, lazily loaded modules, first connections).
const warmupSeconds = Number(option('warmup', '3'));

const SPEC = JSON.stringify({
	provider: 'testpattern',
	prompt: 'load test card',
	durationSeconds: 1,
	output: { width: 160, height: 96, fps: 10, quality: 'draft' },
});

const freePort = () =>
	new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
/**
 * CPU seconds a process has used (user + system, from /proc; Linux only, else null). Per accepted
 * submit it is the figure the machine's other load moves least: throughput and latency on a shared
 * machine depend on who else runs, the API's own CPU per request does not.
 */
function cpuSeconds(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]);
		return ticks / CLOCK_TICKS;
	} catch {
		return null;
	}
}
const CLOCK_TICKS = (() => {
	const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
	return Number(out.stdout?.trim()) || 100;
})();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends `rate` requests a second, evenly spaced, for `seconds`, over at most `connections` kept-alive
 * sockets. Each latency counts from when the request was due, not when a socket was free, so a
 * server that falls behind shows it (no coordinated omission). Answers in autocannon's shape.
 */
async function paced({ url, method, headers, body }, { rate, seconds, connections }) {
	const http = require('node:http');
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const total = Math.round(rate * seconds);
	const latencies = [];
	const counts = { ok: 0, non2xx: 0, errors: 0, timeouts: 0 };
	const pending = new Set();
	const started = performance.now();
	const fire = (due) => {
		const done = new Promise((resolve) => {
			const req = http.request(url, { method, headers, agent, timeout: 10_000 }, (res) => {
				res.resume();
				res.on('end', () => {
					latencies.push(performance.now() - due);
					if (res.statusCode >= 200 && res.statusCode < 300) counts.ok++;
					else counts.non2xx++;
					resolve();
				});
			});
			req.on('timeout', () => {
				counts.timeouts++;
				req.destroy();
			});
			req.on('error', () => {
				counts.errors++;
				resolve();
			});
			req.end(body);
		});
		pending.add(done);
		void done.then(() => pending.delete(done));
	};
	let sent = 0;
	await new Promise((resolve) => {
		const tick = () => {
			const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
			for (; sent < due; sent++) fire(started + (sent * 1000) / rate);
			if (sent < total) setTimeout(tick, 1);
			else resolve();
		};
		tick();
	});
	await Promise.all(pending);
	agent.destroy();
	const elapsed = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q) =>
		Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
	return {
		requests: { average: counts.ok / elapsed },
		'2xx': counts.ok,
		non2xx: counts.non2xx,
		errors: counts.errors,
		timeouts: counts.timeouts,
		latency: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
	};
}

async function waitHealthy(url, child) {
	for (let i = 0; i < 600; i++) {
		if (child.exitCode !== null) throw new Error(`${url}: the process exited`);
		try {
			if ((await fetch(`${url}/health`)).ok) return;
		} catch {
			/* not yet */
		}
		await sleep(100);
	}
	throw new Error(`${url} did not come up`);
}

async function run(mode) {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `rf-load-${mode}-`));
	const port = await freePort();
	const env = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		HOST: '127.0.0.1',
		PORT: String(port),
		REELFORGE_DATA_DIR: path.join(scratch, 'data'),
		LOG_LEVEL: 'warn',
		// Load is not what quotas are for: an unlimited tier for the bench key.
		REELFORGE_TIERS: JSON.stringify({
			load: {
				rendersPerDay: 1e9,
				outputSecondsPerDay: 1e12,
				concurrentJobs: 1e9,
				maxEdgePx: 3840,
				watermarkRequired: false,
			},
		}),
	};
	let redis;
	if (mode === 'bull') {
		const redisPort = await freePort();
		redis = spawn(
			'redis-server',
			[
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'everysec',
				'--dir',
				scratch,
			],
			{ stdio: 'ignore' },
		);
		await sleep(300);
		Object.assign(env, {
			REELFORGE_QUEUE: 'bull',
			REDIS_URL: `redis://127.0.0.1:${redisPort}`,
			REELFORGE_REDIS_PREFIX: 'load',
		});
	} else {
		env.REELFORGE_QUEUE = 'memory';
	}
	const keyOut = spawnSync(
		process.execPath,
		[CLI, 'keys', 'create', '--tier', 'load', '--name', 'load', '--json'],
		{ env, encoding: 'utf8' },
	);
	if (keyOut.status !== 0) throw new Error(keyOut.stderr);
	const { key } = JSON.parse(keyOut.stdout.trim().split('\n').pop());
	const profile = cpuProfDir
		? [
				'--cpu-prof',
				`--cpu-prof-dir=${path.resolve(cpuProfDir)}`,
				`--cpu-prof-name=${mode}.cpuprofile`,
			]
		: [];
	const child = spawn(process.execPath, [...profile, CLI, mode === 'bull' ? 'api' : 'serve'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitHealthy(url, child);
		const request = {
			url: `${url}/v1/renders`,
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: SPEC,
		};
		if (warmupSeconds > 0)
			await autocannon({ ...request, connections: 10, duration: warmupSeconds, timeout: 10 });
		const load = os.loadavg()[0].toFixed(2);
		const cpuBefore = cpuSeconds(child.pid);
		const result = rate
			? await paced(request, { rate, seconds, connections })
			: await autocannon({ ...request, connections, duration: seconds, timeout: 10 });
		const figures = {
			mode,
			connections,
			seconds,
			offeredRate: rate ?? null,
			submitsPerSecond: Math.round(result.requests.average),
			accepted2xx: result['2xx'],
			non2xx: result.non2xx,
			errors: result.errors,
			timeouts: result.timeouts,
			apiCpuMsPerSubmit:
				cpuBefore === null || !result['2xx']
					? null
					: Number((((cpuSeconds(child.pid) - cpuBefore) * 1000) / result['2xx']).toFixed(3)),
			p50ms: result.latency.p50,
			p99ms: result.latency.p99,
			maxMs: result.latency.max,
			loadAverageBefore: Number(load),
			cpus: os.cpus().length,
		};
		return figures;
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
		redis?.kill('SIGKILL');
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

(async () => {
	if (!fs.existsSync(CLI)) throw new Error('build first: npm run build');
	const results = [];
	for (const mode of modes) {
		const r = await run(mode);
		results.push(r);
		process.stdout.write(
			`${mode.padEnd(9)} ${r.submitsPerSecond} submits/s  p50 ${r.p50ms} ms  p99 ${r.p99ms} ms  max ${r.maxMs} ms  ` +
				`API CPU ${r.apiCpuMsPerSubmit} ms/submit  (${r.accepted2xx} accepted, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; ` +
				`${r.connections} connections, ${r.seconds} s, load average ${r.loadAverageBefore} on ${r.cpus} CPUs)\n`,
		);
	}
	const bull = results.find((r) => r.mode === 'bull');
	const embedded = results.find((r) => r.mode === 'embedded');
	if (bull)
		process.stdout.write(
			`target bull ≥ 500 submits/s and p99 < 50 ms: ${bull.submitsPerSecond >= 500 && bull.p99ms < 50 ? 'met' : 'NOT met'}\n`,
		);
	if (bull && embedded)
		process.stdout.write(
			`target embedded within 2× of bull: ${embedded.submitsPerSecond * 2 >= bull.submitsPerSecond ? 'met' : 'NOT met'} (${(bull.submitsPerSecond / Math.max(1, embedded.submitsPerSecond)).toFixed(1)}×)\n`,
		);
	if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(results, null, '\t')}\n`);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});

/**
 * The SSRF matrix, run inside a private network namespace (security/ssrf.test.ts starts it with
 * `unshare -rnm`), so nothing can leave the machine and the "forbidden" addresses really answer:
 * the loopback interface carries 10.0.0.8, 169.254.169.254, 192.168.1.1, 100.64.0.1, 172.16.0.1,
 * fc00::1 and an "allowed public" 10.9.9.9, and one trap server per port records every hit.
 * /etc/hosts (bind-mounted for this namespace only) makes names resolve to those addresses, so
 * the renderer's real system resolver is what is tested. A real `reelforge serve` is started
 * here; the matrix goes through its HTTP API; the result is printed as one JSON line.
 *
 * Without a namespace (NAMESPACE=0) it runs on the host's loopback with the loopback targets only.
 */
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../../dist/cli/index.js',
);
const inNamespace = process.env.NAMESPACE === '1';
const TRAP_PORTS = inNamespace ? [80, 6379, 8080] : [Number(process.env.TRAP_PORT)];
const ALLOWED = inNamespace ? '10.9.9.9:8080' : `127.0.0.1:${process.env.REDIRECT_PORT}`;
const hits = [];

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
}

async function main() {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-ssrf-'));
	const clip = process.env.CLIP;
	// Traps: any request that reaches them is a leak.
	const traps = [];
	for (const port of TRAP_PORTS) {
		const trap = http.createServer((req, res) => {
			if (`${req.socket.localAddress.replace(/^::ffff:/, '')}:${port}` === ALLOWED)
				return redirector(req, res);
			hits.push(`${req.socket.localAddress}:${port}${req.url}`);
			res.writeHead(200, { 'content-type': 'video/mp4' }).end(fs.readFileSync(clip));
		});
		await listen(trap, port, inNamespace ? '::' : '127.0.0.1');
		traps.push(trap);
	}
	// The allowed host: serves a real clip, and redirects anywhere it is asked to.
	function redirector(req, res) {
		const url = new URL(req.url, `http://${ALLOWED}`);
		if (url.pathname === '/clip.mp4')
			return res.writeHead(200, { 'content-type': 'video/mp4' }).end(fs.readFileSync(clip));
		if (url.pathname === '/to')
			return res.writeHead(302, { location: url.searchParams.get('u') }).end();
		if (url.pathname === '/chain')
			return res
				.writeHead(301, { location: `/to?u=${encodeURIComponent(url.searchParams.get('u'))}` })
				.end();
		res.writeHead(404).end();
	}
	let redirectServer;
	if (!inNamespace) {
		redirectServer = http.createServer(redirector);
		await listen(redirectServer, Number(process.env.REDIRECT_PORT), '127.0.0.1');
	}

	const port = inNamespace ? 3000 : Number(process.env.API_PORT);
	const env = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		HOST: '127.0.0.1',
		PORT: String(port),
		REELFORGE_DATA_DIR: path.join(scratch, 'data'),
		REELFORGE_QUEUE: 'memory',
		LOG_LEVEL: 'warn',
		REELFORGE_FETCH_ALLOW: ALLOWED,
	};
	const keyOut = spawnSync(process.execPath, [CLI, 'keys', 'create', '--name', 'ssrf', '--json'], {
		env,
		encoding: 'utf8',
	});
	if (keyOut.status !== 0) throw new Error(keyOut.stderr);
	const { key } = JSON.parse(keyOut.stdout.trim().split('\n').pop());
	const serve = spawn(process.execPath, [CLI, 'serve'], {
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let serveErr = '';
	serve.stderr.on('data', (c) => (serveErr = (serveErr + c).slice(-4000)));
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${base}/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (i > 600) throw new Error(`serve did not start: ${serveErr}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const post = async (route, body) => {
		const res = await fetch(`${base}${route}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return {
			status: res.status,
			code: json?.error?.code,
			paths: (json?.error?.details ?? []).map((d) => d.path),
			text,
		};
	};

	const targets = JSON.parse(process.env.TARGETS);
	// The traps are real: this process (which has no door) reaches them by address and by name.
	const reachable = [];
	for (const url of JSON.parse(process.env.SELF_CHECK ?? '[]')) {
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
			await res.arrayBuffer();
			reachable.push(url);
		} catch (error) {
			reachable.push(`${url} unreachable: ${error.cause?.message ?? error.message}`);
		}
	}
	const selfHits = hits.splice(0);
	const results = [];
	for (const target of targets) {
		const direct = [
			['remix', '/v1/remixes', { source: { url: target }, operations: { style: 'anime' } }],
			['subscription', '/v1/webhooks', { url: target, events: ['render.completed'] }],
			[
				'spec webhook',
				'/v1/renders',
				{ provider: 'testpattern', prompt: 'x', durationSeconds: 1, webhook: { url: target } },
			],
		];
		const redirected = `http://${ALLOWED}/to?u=${encodeURIComponent(target)}`;
		const chained = `http://${ALLOWED}/chain?u=${encodeURIComponent(target)}`;
		const cases = [
			...direct,
			[
				'remix via redirect',
				'/v1/remixes',
				{ source: { url: redirected }, operations: { style: 'anime' } },
			],
			[
				'remix via 2 redirects',
				'/v1/remixes',
				{ source: { url: chained }, operations: { style: 'anime' } },
			],
		];
		for (const [via, route, body] of cases) {
			const res = await post(route, body);
			results.push({
				target,
				via,
				status: res.status,
				code: res.code,
				paths: res.paths,
				serverPath: /\/(tmp|work|home|root)\//.test(res.text),
			});
		}
	}
	// The control: the allowed host's clip is fetched and accepted (the matrix is not "refuse all").
	const control = await post('/v1/remixes', {
		source: { url: `http://${ALLOWED}/clip.mp4` },
		operations: { style: 'anime' },
	});
	await new Promise((r) => setTimeout(r, 500));
	serve.kill('SIGTERM');
	await new Promise((r) => serve.once('exit', r));
	for (const t of traps) t.close();
	redirectServer?.close();
	fs.rmSync(scratch, { recursive: true, force: true });
	process.stdout.write(
		`${JSON.stringify({ inNamespace, reachable, selfHits: selfHits.length, results, hits, control: { status: control.status, code: control.code } })}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});

// Starts one real redis-server for the whole test run (unless REDIS_URL points at one already)
// and publishes its URL as REDIS_TEST_URL. Each test file takes its own key prefix.
const { spawn } = require('node:child_process');
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

async function waitForPort(port, deadlineMs) {
	const until = Date.now() + deadlineMs;
	while (Date.now() < until) {
		const ok = await new Promise((resolve) => {
			const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
			s.on('error', () => resolve(false));
		});
		if (ok) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`redis-server did not listen on ${port}`);
}

module.exports = async function globalSetup() {
	if (process.env.REDIS_TEST_URL) return;
	if (process.env.REDIS_URL) {
		process.env.REDIS_TEST_URL = process.env.REDIS_URL;
		return;
	}
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelforge-redis-'));
	const child = spawn(
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
	child.on('error', (err) => {
		throw new Error(
			`could not start redis-server (is it installed? .ci/run installs it): ${err.message}`,
		);
	});
	await waitForPort(port, 10000);
	process.env.REDIS_TEST_URL = `redis://127.0.0.1:${port}`;
	globalThis.__REELFORGE_REDIS__ = { child, dir };
};

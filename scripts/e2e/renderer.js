'use strict';
/** The real renderer for the e2e run: `reelforge keys create` then `reelforge serve` on a free port. */
const path = require('node:path');
const { freePort, run, startService, waitFor } = require('./processes');

async function startRenderer({ repoRoot, workDir }) {
	const cli = path.join(repoRoot, 'renderer', 'dist', 'cli', 'index.js');
	const dataDir = path.join(workDir, 'renderer-data');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		REELFORGE_DATA_DIR: dataDir,
		HOST: '127.0.0.1',
		PORT: String(port),
		PUBLIC_URL: url,
		REELFORGE_QUEUE: 'memory',
		LOG_LEVEL: 'warn',
		// n8n runs next to the renderer on loopback: its webhooks are opened on purpose.
		REELFORGE_FETCH_ALLOW: '127.0.0.1',
	};
	delete env.REDIS_URL;
	const { stdout } = await run(
		process.execPath,
		[cli, 'keys', 'create', '--tier', 'pro', '--name', 'n8n-e2e', '--json'],
		{ env },
	);
	const created = JSON.parse(
		stdout
			.trim()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.pop(),
	);
	const service = startService('renderer', process.execPath, [cli, 'serve'], {
		env,
		cwd: repoRoot,
		logFile: path.join(workDir, 'renderer.log'),
	});
	await waitFor('the renderer to be ready', async () => (await fetch(`${url}/ready`)).ok, {
		service,
		timeoutMs: 120_000,
	});
	const request = async (method, route, body) => {
		const response = await fetch(`${url}${route}`, {
			method,
			headers: {
				authorization: `Bearer ${created.key}`,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	return { url, apiKey: created.key, dataDir, service, request };
}

module.exports = { startRenderer };

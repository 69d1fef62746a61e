'use strict';
/**
 * A real n8n 2.41.1 (Node 24) with the node pack installed the way users install it: unpacked
 * into `$N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-reelforge`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { freePort, run, startService, waitFor } = require('./processes');

async function installPackage({ repoRoot, userFolder, workDir }) {
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', workDir], {
		cwd: repoRoot,
		env: { ...process.env, npm_config_ignore_scripts: 'true' },
	});
	const tarball = path.join(workDir, stdout.trim().split('\n').pop());
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-reelforge');
	fs.mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	fs.writeFileSync(
		path.join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { 'n8n-nodes-reelforge': `file:${tarball}` },
			},
			null,
			2,
		),
	);
	return target;
}

async function createN8n({ toolchain, workDir }) {
	const userFolder = path.join(workDir, 'n8n');
	fs.mkdirSync(userFolder, { recursive: true });
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = (brokerPort) => ({
		...process.env,
		PATH: `${toolchain.node.binDir}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'reelforge-e2e-encryption-key',
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
	});
	const node = toolchain.node.nodeBin;
	const bin = toolchain.n8n.n8nBin;

	const cli = async (args, timeoutMs = 300_000) =>
		await run(node, [bin, ...args], { env: env(await freePort()), cwd: workDir, timeoutMs });

	let server;
	const start = async () => {
		server = startService('n8n', node, [bin, 'start'], {
			env: env(await freePort()),
			cwd: workDir,
			logFile: path.join(workDir, 'n8n.log'),
		});
		// /healthz answers as soon as the HTTP server is up; /healthz/readiness only once the database
		// is connected and migrated (under load n8n answers webhooks 503 "Database is not ready" before).
		await waitFor(
			'n8n to answer /healthz/readiness',
			async () => (await fetch(`${baseUrl}/healthz/readiness`)).ok,
			{ service: server, timeoutMs: 180_000 },
		);
		return server;
	};

	/** Owner account, a session cookie and a public-API key, to read executions back. */
	const apiKey = async () => {
		const owner = {
			email: 'e2e@reelforge.dev',
			firstName: 'Reel',
			lastName: 'Forge',
			password: 'Reelforge-e2e-1',
		};
		await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		const login = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		const created = await fetch(`${baseUrl}/rest/api-keys`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify({
				label: 'e2e',
				expiresAt: null,
				scopes: ['execution:read', 'execution:list', 'workflow:read', 'workflow:list'],
			}),
		});
		const body = await created.json();
		const key = body?.data?.rawApiKey ?? body?.data?.apiKey;
		if (!key) throw new Error(`could not create an n8n API key: ${JSON.stringify(body)}`);
		return key;
	};

	return { userFolder, baseUrl, cli, start, apiKey, stop: async () => server?.stop() };
}

/** `n8n execute --rawOutput` prints log lines, then the run as JSON. */
function parseExecuteOutput(stdout) {
	const start = stdout.split('\n').findIndex((line) => line.startsWith('{'));
	if (start < 0) throw new Error(`n8n execute printed no JSON:\n${stdout}`);
	return JSON.parse(stdout.split('\n').slice(start).join('\n'));
}

module.exports = { installPackage, createN8n, parseExecuteOutput };

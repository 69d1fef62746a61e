'use strict';
/** Child processes for the e2e run: started in their own process group so a stop ends the whole tree. */
const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

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

/** Runs a command to completion; rejects with its output when it fails. */
function run(command, args, { env, cwd, timeoutMs = 300_000 } = {}) {
	return new Promise((resolve, reject) => {
		execFile(
			command,
			args,
			{ env, cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) {
					error.message = `${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`;
					reject(error);
				} else resolve({ stdout, stderr });
			},
		);
	});
}

/** Starts a long-running service with its output in a log file. */
function startService(name, command, args, { env, cwd, logFile }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', out, out] });
	child.unref();
	let exited = false;
	child.on('exit', () => (exited = true));
	return {
		name,
		pid: child.pid,
		get exited() {
			return exited;
		},
		async stop() {
			if (exited) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
			if (!exited) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					/* already gone */
				}
			}
		},
	};
}

async function waitFor(what, check, { timeoutMs = 120_000, intervalMs = 500, service } = {}) {
	const until = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < until) {
		if (service?.exited) throw new Error(`${service.name} exited while waiting for ${what}`);
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

module.exports = { freePort, run, startService, waitFor };

/**
 * Real processes for the fault suites: the built `reelforge` CLI (serve, api, worker, keys) and
 * redis-server, started and killed the way an operator or a crash would. Nothing here reaches
 * into the renderer's modules: the suites see only processes, HTTP and files.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { answerOf } from '../../support/http';

export { freePort } from '../../support/ports';
export { RedisServer } from '../../support/redisServer';

export const CLI = path.resolve(__dirname, '../../../dist/cli/index.js');

export function assertBuilt(): void {
	if (!existsSync(CLI))
		throw new Error(`${CLI} is missing: run "npm run build" (npm run test:hardening does)`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment every renderer process of a suite shares (data dir, Redis, quick retries). */
export function baseEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		REELFORGE_DATA_DIR: dataDir,
		LOG_LEVEL: 'warn',
		REELFORGE_JOB_BACKOFF_MS: '200',
		REELFORGE_WEBHOOK_RETRY_MS: '300,600,1200,2400',
		REELFORGE_SHUTDOWN_GRACE_MS: '2000',
		...extra,
	};
}

/** One `reelforge <role>` process with its output kept (the tail shows in failures). */
export class RendererProcess {
	child?: ChildProcess;
	output = '';
	exit?: { code: number | null; signal: NodeJS.Signals | null };

	constructor(
		readonly role: 'serve' | 'api' | 'worker',
		readonly env: NodeJS.ProcessEnv,
		readonly port?: number,
	) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number {
		return this.child!.pid!;
	}

	get alive(): boolean {
		return this.child !== undefined && this.exit === undefined;
	}

	async start(timeoutMs = 60_000): Promise<this> {
		assertBuilt();
		this.output = '';
		this.exit = undefined;
		const env = {
			...this.env,
			...(this.port ? { HOST: '127.0.0.1', PORT: String(this.port) } : {}),
			// A worker has no port to poll: its "worker started" line (info) says it is up.
			...(this.role === 'worker' ? { LOG_LEVEL: 'info' } : {}),
		};
		const child = spawn(process.execPath, [CLI, this.role], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		const keep = (chunk: Buffer) => {
			this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
		};
		child.stdout!.on('data', keep);
		child.stderr!.on('data', keep);
		child.on('exit', (code, signal) => (this.exit = { code, signal }));
		const until = Date.now() + timeoutMs;
		while (Date.now() < until) {
			if (this.exit)
				throw new Error(
					`reelforge ${this.role} exited (${JSON.stringify(this.exit)}):\n${this.output}`,
				);
			if (this.port ? await this.healthy() : /worker started/.test(this.output)) return this;
			await sleep(100);
		}
		throw new Error(`reelforge ${this.role} did not come up in ${timeoutMs} ms:\n${this.output}`);
	}

	async healthy(): Promise<boolean> {
		try {
			const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) });
			return res.status === 200;
		} catch {
			return false;
		}
	}

	/** Sends a signal and waits for the process to be gone. */
	async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 20_000): Promise<void> {
		if (!this.alive) return;
		const exited = new Promise<void>((resolve) => this.child!.once('exit', () => resolve()));
		this.child!.kill(signal);
		await Promise.race([exited, sleep(timeoutMs)]);
		if (this.alive) {
			this.child!.kill('SIGKILL');
			await exited;
		}
	}

	/** SIGTERM (graceful), then SIGKILL if it lingers. */
	stop(): Promise<void> {
		return this.kill('SIGTERM', 15_000);
	}
}

/** `reelforge keys create` against the same store; returns the key and its id. */
export function createKey(
	env: NodeJS.ProcessEnv,
	tier: 'free' | 'pro' = 'pro',
	name = 'hardening',
): { key: string; id: string; webhookSecret: string } {
	const out = spawnSync(
		process.execPath,
		[CLI, 'keys', 'create', '--tier', tier, '--name', name, '--json'],
		{ env, encoding: 'utf8' },
	);
	if (out.status !== 0) throw new Error(`keys create failed: ${out.stderr}`);
	const created = JSON.parse(out.stdout.trim().split('\n').pop()!) as {
		key: string;
		id: string;
		webhookSecret: string;
	};
	return created;
}

export function revokeKey(env: NodeJS.ProcessEnv, id: string): string {
	const out = spawnSync(process.execPath, [CLI, 'keys', 'revoke', id], { env, encoding: 'utf8' });
	if (out.status !== 0) throw new Error(`keys revoke failed: ${out.stderr}`);
	return out.stdout;
}

/** JSON over fetch with a key; never throws on an HTTP status (network errors are `status: 0`). */
export async function call(
	base: string,
	key: string | undefined,
	method: string,
	route: string,
	body?: unknown,
	headers: Record<string, string> = {},
	timeoutMs = 15_000,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
): Promise<{ status: number; headers: Headers; json: any; text: string; error?: string }> {
	try {
		const res = await fetch(`${base}${route}`, {
			method,
			headers: {
				...(key ? { authorization: `Bearer ${key}` } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		return await answerOf(res);
	} catch (error) {
		return {
			status: 0,
			headers: new Headers(),
			json: undefined,
			text: '',
			error: (error as Error).message,
		};
	}
}

/** Polls a render until one of `statuses`. */
export async function waitFor(
	base: string,
	key: string,
	id: string,
	statuses: string[],
	timeoutMs = 90_000,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a render view
): Promise<any> {
	const until = Date.now() + timeoutMs;
	let last: { status?: string; error?: unknown } | undefined;
	while (Date.now() < until) {
		const res = await call(base, key, 'GET', `/v1/renders/${id}`);
		if (res.status === 200) {
			last = res.json;
			if (statuses.includes(res.json.status)) return res.json;
		}
		await sleep(200);
	}
	throw new Error(
		`render ${id} did not reach ${statuses.join('|')} in ${timeoutMs} ms (last ${JSON.stringify(last?.status)} ${JSON.stringify(last?.error)})`,
	);
}

/** A small, fast spec: the diagnostic test pattern at a small size. */
export function testpatternSpec(seconds = 1, extra: Record<string, unknown> = {}) {
	return {
		provider: 'testpattern',
		prompt: 'hardening test card',
		durationSeconds: seconds,
		output: { width: 160, height: 96, fps: 10, quality: 'draft' },
		...extra,
	};
}

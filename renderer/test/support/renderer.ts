/**
 * Starts a real renderer service for tests: the real API on a free loopback port, the real queue
 * (in-memory, or bull on the real redis-server jest's global setup started), the real store and
 * storage in a temporary data dir, real ffmpeg. Nothing is mocked; tests may add fixture providers.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app';
import { requeueUnfinished } from '../../src/cli/serve';
import { loadConfig } from '../../src/config';
import { freePort } from './ports';
import { createServices, type ServiceOverrides, type Services } from '../../src/services';
import { answerOf } from './http';

export type Driver = 'memory' | 'bull';

export interface StartOptions {
	driver?: Driver;
	/** Reuse a data dir (restart tests); a new temp dir otherwise. */
	dataDir?: string;
	/** Reuse a Redis prefix (restart tests with bull). */
	redisPrefix?: string;
	env?: Record<string, string>;
	overrides?: ServiceOverrides;
	tier?: string;
	/** Start the worker in this process (default true). */
	worker?: boolean;
	/** Create an API key (default true). */
	createKey?: boolean;
	/** Render in a child process, as `reelforge serve` does (default: in this process). */
	renderProcess?: boolean;
}

export interface RunningRenderer {
	url: string;
	apiKey: string;
	keyId: string;
	dataDir: string;
	redisPrefix: string;
	services: Services;
	app: FastifyInstance;
	close(): Promise<void>;
}

export { freePort };

export async function startRenderer(options: StartOptions = {}): Promise<RunningRenderer> {
	const driver = options.driver ?? 'memory';
	const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'reelforge-test-')));
	const redisPrefix = options.redisPrefix ?? `t${randomBytes(4).toString('hex')}`;
	const port = await freePort();
	const env: Record<string, string> = {
		HOST: '127.0.0.1',
		PORT: String(port),
		REELFORGE_DATA_DIR: dataDir,
		LOG_LEVEL: 'warn',
		REELFORGE_JOB_BACKOFF_MS: '100',
		REELFORGE_SHUTDOWN_GRACE_MS: '3000',
		REELFORGE_WEBHOOK_RETRY_MS: '200,400,800',
		REELFORGE_REDIS_PREFIX: redisPrefix,
		...(driver === 'bull'
			? { REDIS_URL: process.env.REDIS_TEST_URL!, REELFORGE_QUEUE: 'bull' }
			: { REELFORGE_QUEUE: 'memory' }),
		...options.env,
	};
	if (driver === 'bull' && !env.REDIS_URL)
		throw new Error('REDIS_TEST_URL is not set: jest global setup starts redis-server');
	const config = loadConfig(env);
	const services = await createServices(config, 'serve', {
		...options.overrides,
		...(options.renderProcess
			? {
					renderProcess: {
						execArgv: ['--require', path.join(__dirname, 'tsRegister.js')],
						env: { ...(process.env as Record<string, string>), ...env },
					},
				}
			: {}),
	});
	if (options.worker !== false) {
		if (services.queue.kind === 'memory') await requeueUnfinished(services);
		services.startWorker();
	}
	services.startDelivery();
	const app = await buildApp(services, { logger: false });
	await app.listen({ host: '127.0.0.1', port });
	let apiKey = '';
	let keyId = '';
	if (options.createKey !== false) {
		const created = await services.keys.create(options.tier ?? 'pro', 'test');
		apiKey = created.key;
		keyId = created.record.id;
	}
	return {
		url: `http://127.0.0.1:${port}`,
		apiKey,
		keyId,
		dataDir,
		redisPrefix,
		services,
		app,
		async close() {
			await app.close();
			await services.close();
		},
	};
}

/**
 * The smallest render the service makes: one second of the diagnostic test pattern at 160×120,
 * 10 fps; `extra` adds fields or replaces them (another prompt, a webhook, another provider).
 */
export function testCard(extra: Record<string, unknown> = {}) {
	return {
		prompt: 'a test card',
		durationSeconds: 1,
		provider: 'testpattern',
		output: { width: 160, height: 120, fps: 10 },
		...extra,
	};
}

/** fetch with the key and JSON. */
export async function api(
	r: Pick<RunningRenderer, 'url' | 'apiKey'>,
	method: string,
	route: string,
	body?: unknown,
	headers: Record<string, string> = {},
) {
	const res = await fetch(`${r.url}${route}`, {
		method,
		headers: {
			...(r.apiKey ? { authorization: `Bearer ${r.apiKey}` } : {}),
			...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			...headers,
		},
		body: body !== undefined ? JSON.stringify(body) : undefined,
	});
	return answerOf(res);
}

/** Polls a render until it reaches one of `statuses`. */
export async function waitForStatus(
	r: Pick<RunningRenderer, 'url' | 'apiKey'>,
	id: string,
	statuses: string[],
	timeoutMs = 60000,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a render view as JSON
): Promise<any> {
	const until = Date.now() + timeoutMs;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a render view as JSON
	let last: any;
	while (Date.now() < until) {
		last = (await api(r, 'GET', `/v1/renders/${id}`)).json;
		if (last && statuses.includes(last.status)) return last;
		await new Promise((res) => setTimeout(res, 100));
	}
	throw new Error(
		`render ${id} did not reach ${statuses.join('|')} in ${timeoutMs} ms; last: ${JSON.stringify(last?.status)} ${JSON.stringify(last?.error)}`,
	);
}

/**
 * The two kinds of Redis connection the renderer opens, chosen for what waits on them.
 *
 * - On a request's path (the store, the queue's producer, cancel broadcasts): no offline queue, so
 *   a command fails at once while Redis is down instead of waiting in memory, and a command
 *   timeout, so a Redis that hangs cannot hold a request either. The API answers 503 with
 *   Retry-After and accepts nothing it could not keep; it answers normally again as soon as the
 *   connection is back (reconnects are tried every half second at most).
 * - Background loops (bull's worker, the cancel subscriber): commands wait for Redis to come back,
 *   so a worker pauses through an outage and resumes by itself, with no restart.
 */
import Redis, { ReplyError, type RedisOptions } from 'ioredis';
import { ServiceUnavailableError } from '../spec/errors';

/** How long one Redis command of a request may take before the request gives up (503). */
export const COMMAND_TIMEOUT_MS = 2000;

const reconnect: RedisOptions['retryStrategy'] = (times) => Math.min(50 * times, 500);

export function requestConnection(url: string): Redis {
	return new Redis(url, {
		enableOfflineQueue: false,
		commandTimeout: COMMAND_TIMEOUT_MS,
		connectTimeout: COMMAND_TIMEOUT_MS,
		maxRetriesPerRequest: 1,
		retryStrategy: reconnect,
	});
}

export function backgroundConnection(url: string, options: RedisOptions = {}): Redis {
	return new Redis(url, {
		maxRetriesPerRequest: null,
		connectTimeout: COMMAND_TIMEOUT_MS,
		retryStrategy: reconnect,
		...options,
	});
}

/**
 * Waits (at most `ms`) for a fresh connection's first handshake: without an offline queue, the
 * very first commands of a starting process would otherwise fail while it is still connecting.
 * Afterwards, it returns at once whatever the state.
 */
export function firstReady(redis: Redis, ms = 10_000): Promise<void> {
	const state = redis as Redis & { __firstReady?: Promise<void> };
	if (redis.status === 'ready') return Promise.resolve();
	state.__firstReady ??= new Promise<void>((resolve) => {
		const timer = setTimeout(done, ms);
		timer.unref();
		redis.once('ready', done);
		function done() {
			clearTimeout(timer);
			redis.off('ready', done);
			resolve();
		}
	});
	return state.__firstReady;
}

/** A Redis error that is about reaching Redis (not a reply to a bad command). */
export function isConnectionError(error: unknown): boolean {
	return error instanceof Error && !(error instanceof ReplyError);
}

/** Runs one request-path Redis call; connection failures become ServiceUnavailableError (503). */
export async function guarded<T>(redis: Redis, what: string, work: () => Promise<T>): Promise<T> {
	await firstReady(redis);
	try {
		return await work();
	} catch (error) {
		if (isConnectionError(error)) throw new ServiceUnavailableError(what);
		throw error;
	}
}

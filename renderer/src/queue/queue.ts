/**
 * Queue drivers only move render ids: enqueue, claim, retry, cancel. They know nothing about video;
 * the job runner is the handler they call. Both drivers give the same lifecycle guarantees, and the
 * lifecycle test suite runs unchanged against each.
 */
export interface JobRunContext {
	/** 1-based attempt number. */
	attempt: number;
	/** Aborted on cancel (reason `canceled`) or on shutdown past the grace period (reason `shutdown`). */
	signal: AbortSignal;
}

export type JobHandler = (renderId: string, ctx: JobRunContext) => Promise<void>;

export interface QueueCounts {
	waiting: number;
	active: number;
	delayed: number;
}

export interface ProcessHooks {
	/** The queue gave up on a job it could not keep running (bull: it stalled too often). */
	abandoned?(renderId: string, reason: string): Promise<void> | void;
}

export interface JobQueue {
	readonly kind: 'memory' | 'bull';
	/** Idempotent per render id while the job is waiting or running. */
	enqueue(renderId: string): Promise<void>;
	/** Start claiming jobs in this process. */
	process(handler: JobHandler, concurrency: number, hooks?: ProcessHooks): void;
	/** Drops a waiting job or aborts a running one, wherever it runs. */
	cancel(renderId: string): Promise<void>;
	counts(): Promise<QueueCounts>;
	ready(): Promise<boolean>;
	/** Stop claiming; let running jobs finish for up to `graceMs`, then abort them with reason `shutdown`. */
	close(graceMs: number): Promise<void>;
}

/** A failure worth another attempt (network blips, a provider's 5xx, ffmpeg killed by OOM). */
export class TransientError extends Error {
	readonly transient = true;
	constructor(
		message: string,
		readonly cause?: unknown,
	) {
		super(message);
		this.name = 'TransientError';
	}
}

/** Thrown by a handler aborted for shutdown: the job goes back on the queue without using an attempt. */
export class RequeueError extends Error {
	constructor() {
		super('requeued for shutdown');
		this.name = 'RequeueError';
	}
}

export function isTransient(err: unknown): boolean {
	return (
		typeof err === 'object' && err !== null && (err as { transient?: unknown }).transient === true
	);
}

export interface RetryPolicy {
	attempts: number;
	backoffMs: number;
}

/** Exponential backoff: backoffMs, 2×, 4×, ... */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
	return policy.backoffMs * 2 ** (attempt - 1);
}

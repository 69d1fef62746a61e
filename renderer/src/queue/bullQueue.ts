import Bull from 'bull';
import type Redis from 'ioredis';
import {
	backgroundConnection,
	firstReady,
	guarded,
	requestConnection,
} from '../store/redisConnections';
import {
	isTransient,
	RequeueError,
	type JobHandler,
	type JobQueue,
	type ProcessHooks,
	type RetryPolicy,
} from './queue';

interface JobData {
	renderId: string;
}

export interface BullQueueOptions {
	prefix?: string;
	/**
	 * bull's job lock. A worker renews it every quarter of this; every half of this, live workers
	 * look for jobs whose lock ran out (their worker died) and hand them on. A dead worker's render
	 * is therefore picked up within about 1.5× this. It must stay well above the longest time the
	 * worker's event loop can be blocked (model loading: ~3 s), or a live render looks dead.
	 */
	lockMs?: number;
	log?: (message: string, fields?: Record<string, unknown>) => void;
}

const WHAT = 'job queue (Redis)';

/**
 * bull on Redis: `reelforge api` enqueues, any number of `reelforge worker` processes claim.
 * bull's own retry (attempts + exponential backoff) and stalled-job recovery (a worker that dies
 * mid-render releases its job to another) carry the "no accepted job is lost" guarantee here.
 * Cancel reaches the worker running a job through a Redis pub/sub channel.
 *
 * Two bull queues share one name: the producer (enqueue, counts, Bull Board) sits on a request's
 * path, so its commands fail fast while Redis is down (the API answers 503); the consumer (the
 * worker) uses connections whose commands wait, so a Redis outage pauses the worker and it resumes
 * on its own. See store/redisConnections.ts.
 */
export class BullQueue implements JobQueue {
	readonly kind = 'bull' as const;
	/** The producer side; Bull Board shows it. */
	readonly queue: Bull.Queue<JobData>;
	private consumer?: Bull.Queue<JobData>;
	private readonly running = new Map<string, AbortController>();
	private readonly connections: Redis[] = [];
	private subscriber?: Redis;
	private readonly publisher: Redis;
	private readonly cancelChannel: string;
	private readonly prefix: string;
	private readonly lockMs: number;
	private readonly log: NonNullable<BullQueueOptions['log']>;
	private lastErrorLog = 0;
	private closing = false;

	constructor(
		private readonly redisUrl: string,
		private readonly policy: RetryPolicy,
		options: BullQueueOptions = {},
	) {
		this.prefix = options.prefix ?? 'rf';
		this.lockMs = options.lockMs ?? 10_000;
		this.log = options.log ?? (() => undefined);
		this.queue = new Bull<JobData>('renders', {
			prefix: `${this.prefix}:bull`,
			createClient: (type) =>
				this.track(
					type === 'client'
						? requestConnection(redisUrl)
						: backgroundConnection(redisUrl, { enableReadyCheck: false }),
				),
		});
		this.queue.on('error', (error) => this.logError('bull producer error', error));
		this.publisher = this.track(requestConnection(redisUrl));
		this.cancelChannel = `${this.prefix}:cancel`;
	}

	private track(connection: Redis): Redis {
		// Errors surface on the commands (503) or are waited out; the events only need a listener.
		connection.on('error', () => undefined);
		this.connections.push(connection);
		return connection;
	}

	/** One log line per 10 s at most: an outage must not flood the log. */
	private logError(message: string, error: unknown) {
		const now = Date.now();
		if (now - this.lastErrorLog < 10_000) return;
		this.lastErrorLog = now;
		this.log(message, { error: (error as Error)?.message ?? String(error) });
	}

	async enqueue(renderId: string) {
		await guarded(this.queue.client, WHAT, async () => {
			await this.queue.add(
				{ renderId },
				{
					jobId: renderId,
					attempts: this.policy.attempts,
					backoff: { type: 'exponential', delay: this.policy.backoffMs },
					removeOnComplete: true,
					removeOnFail: 1000,
				},
			);
		});
	}

	process(handler: JobHandler, concurrency: number, hooks: ProcessHooks = {}) {
		this.subscriber = this.track(backgroundConnection(this.redisUrl));
		this.subscriber
			.subscribe(this.cancelChannel)
			.catch((error: unknown) => this.logError('cancel channel subscription failed', error));
		this.subscriber.on('message', (_channel, renderId: string) =>
			this.running.get(renderId)?.abort('canceled'),
		);

		const consumer = new Bull<JobData>('renders', {
			prefix: `${this.prefix}:bull`,
			createClient: (type) =>
				this.track(
					type === 'client'
						? backgroundConnection(this.redisUrl)
						: backgroundConnection(this.redisUrl, { enableReadyCheck: false }),
				),
			settings: {
				lockDuration: this.lockMs,
				lockRenewTime: Math.max(250, Math.floor(this.lockMs / 4)),
				stalledInterval: Math.max(500, Math.floor(this.lockMs / 2)),
				maxStalledCount: 3,
				retryProcessDelay: 1000,
			},
		});
		this.consumer = consumer;
		consumer.on('error', (error) => this.logError('bull worker error (waiting for Redis)', error));
		consumer.on('failed', (job, error) => {
			// bull gives up on a job that stalled too often: its render would stay "rendering" forever.
			if (/stalled more than allowable limit/i.test(error?.message ?? ''))
				Promise.resolve(hooks.abandoned?.(job.data.renderId, error.message)).catch((e) =>
					this.logError('could not record an abandoned render', e),
				);
		});

		// The consumer's commands wait for Redis, so starting during an outage only waits; should
		// the start fail all the same, it is tried again (the handler stays registered after the first).
		const start = (attempt: number) => {
			const starting =
				attempt === 0
					? consumer.process(concurrency, (job) => this.run(job, handler))
					: (consumer as unknown as { start(c: number, name: string): Promise<void> }).start(
							concurrency,
							'__default__',
						);
			starting.catch((error: unknown) => {
				if (this.closing) return;
				this.logError('worker could not start; retrying', error);
				setTimeout(() => start(attempt + 1), Math.min(5000, 500 * 2 ** attempt)).unref();
			});
		};
		start(0);
	}

	private async run(job: Bull.Job<JobData>, handler: JobHandler) {
		const { renderId } = job.data;
		const controller = new AbortController();
		this.running.set(renderId, controller);
		try {
			await handler(renderId, { attempt: job.attemptsMade + 1, signal: controller.signal });
		} catch (err) {
			if (err instanceof RequeueError) {
				// Shutdown: hand the render to another worker without spending one of its attempts.
				await this.queue.add(
					{ renderId },
					{
						jobId: `${renderId}:requeue:${Date.now()}`,
						attempts: this.policy.attempts,
						backoff: { type: 'exponential', delay: this.policy.backoffMs },
					},
				);
				return;
			}
			if (isTransient(err)) throw err; // bull retries with backoff
			// Permanent failures were recorded by the handler; don't let bull retry them.
			await job.discard();
			throw err;
		} finally {
			this.running.delete(renderId);
		}
	}

	async cancel(renderId: string) {
		await guarded(this.queue.client, WHAT, async () => {
			const job = await this.queue.getJob(renderId);
			if (job && ((await job.isWaiting()) || (await job.isDelayed())))
				await job.remove().catch(() => undefined);
		});
		await guarded(this.publisher, WHAT, () => this.publisher.publish(this.cancelChannel, renderId));
	}

	async counts() {
		const c = await guarded(this.queue.client, WHAT, () => this.queue.getJobCounts());
		return { waiting: c.waiting, active: c.active, delayed: c.delayed };
	}

	async ready() {
		try {
			await firstReady(this.publisher);
			return (await this.publisher.ping()) === 'PONG' && this.queue.client.status === 'ready';
		} catch {
			return false;
		}
	}

	async close(graceMs: number) {
		this.closing = true;
		// Stop claiming; running jobs get the grace period, then are aborted (and requeued by the handler).
		const timer = setTimeout(() => {
			for (const c of this.running.values()) c.abort('shutdown');
		}, graceMs);
		timer.unref();
		// With Redis gone, bull's close would wait on commands that never run: bounded here.
		const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs + 5000).unref());
		await Promise.race([
			Promise.all([this.consumer?.close(), this.queue.close()]).catch((error: unknown) =>
				this.logError('closing the queue failed', error),
			),
			deadline,
		]);
		clearTimeout(timer);
		await Promise.all(
			this.connections.map((c) =>
				c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect(),
			),
		);
	}
}

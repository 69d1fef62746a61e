import Bull from 'bull';
import Redis from 'ioredis';
import {
	isTransient,
	RequeueError,
	type JobHandler,
	type JobQueue,
	type RetryPolicy,
} from './queue';

interface JobData {
	renderId: string;
}

/**
 * bull on Redis: `reelforge api` enqueues, any number of `reelforge worker` processes claim.
 * bull's own retry (attempts + exponential backoff) and stalled-job recovery (a worker that dies
 * mid-render releases its job to another) carry the "no accepted job is lost" guarantee here.
 * Cancel reaches the worker running a job through a Redis pub/sub channel.
 */
export class BullQueue implements JobQueue {
	readonly kind = 'bull' as const;
	readonly queue: Bull.Queue<JobData>;
	private readonly running = new Map<string, AbortController>();
	private subscriber?: Redis;
	private publisher: Redis;
	private readonly cancelChannel: string;

	constructor(
		redisUrl: string,
		private readonly policy: RetryPolicy,
		prefix = 'rf',
	) {
		this.queue = new Bull<JobData>('renders', redisUrl, {
			prefix: `${prefix}:bull`,
			settings: { stalledInterval: 15000, maxStalledCount: 3, lockDuration: 60000 },
		});
		this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
		this.cancelChannel = `${prefix}:cancel`;
	}

	async enqueue(renderId: string) {
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
	}

	process(handler: JobHandler, concurrency: number) {
		this.subscriber = this.publisher.duplicate();
		void this.subscriber.subscribe(this.cancelChannel);
		this.subscriber.on('message', (_channel, renderId: string) =>
			this.running.get(renderId)?.abort('canceled'),
		);

		void this.queue.process(concurrency, async (job) => {
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
		});
	}

	async cancel(renderId: string) {
		const job = await this.queue.getJob(renderId);
		if (job && ((await job.isWaiting()) || (await job.isDelayed())))
			await job.remove().catch(() => undefined);
		await this.publisher.publish(this.cancelChannel, renderId);
	}

	async counts() {
		const c = await this.queue.getJobCounts();
		return { waiting: c.waiting, active: c.active, delayed: c.delayed };
	}

	async ready() {
		try {
			await this.queue.isReady();
			return (await this.publisher.ping()) === 'PONG';
		} catch {
			return false;
		}
	}

	async close(graceMs: number) {
		// Stop claiming; running jobs get the grace period, then are aborted (and requeued by the handler).
		const timer = setTimeout(() => {
			for (const c of this.running.values()) c.abort('shutdown');
		}, graceMs);
		timer.unref();
		await this.queue.close();
		clearTimeout(timer);
		await this.subscriber?.quit().catch(() => undefined);
		await this.publisher.quit().catch(() => undefined);
	}
}

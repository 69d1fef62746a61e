import {
	isTransient,
	retryDelay,
	RequeueError,
	type JobHandler,
	type JobQueue,
	type RetryPolicy,
} from './queue';

interface Running {
	controller: AbortController;
	done: Promise<void>;
}

/**
 * The embedded queue of `reelforge serve`. It holds only ids; the file-backed job store is the
 * record of truth, and the service re-enqueues unfinished renders at start, so a restart loses nothing.
 */
export class MemoryQueue implements JobQueue {
	readonly kind = 'memory' as const;
	private readonly waiting: Array<{ renderId: string; attempt: number }> = [];
	private readonly delayed = new Map<string, NodeJS.Timeout>();
	private readonly running = new Map<string, Running>();
	private handler?: JobHandler;
	private concurrency = 0;
	private closing = false;

	constructor(private readonly policy: RetryPolicy) {}

	async enqueue(renderId: string) {
		if (this.closing) throw new Error('queue is closing');
		if (
			this.running.has(renderId) ||
			this.delayed.has(renderId) ||
			this.waiting.some((j) => j.renderId === renderId)
		)
			return;
		this.waiting.push({ renderId, attempt: 1 });
		this.pump();
	}

	process(handler: JobHandler, concurrency: number) {
		this.handler = handler;
		this.concurrency = concurrency;
		this.pump();
	}

	async cancel(renderId: string) {
		const index = this.waiting.findIndex((j) => j.renderId === renderId);
		if (index >= 0) this.waiting.splice(index, 1);
		const timer = this.delayed.get(renderId);
		if (timer) {
			clearTimeout(timer);
			this.delayed.delete(renderId);
		}
		this.running.get(renderId)?.controller.abort('canceled');
	}

	async counts() {
		return { waiting: this.waiting.length, active: this.running.size, delayed: this.delayed.size };
	}

	async ready() {
		return !this.closing;
	}

	async close(graceMs: number) {
		this.closing = true;
		for (const timer of this.delayed.values()) clearTimeout(timer);
		this.delayed.clear();
		this.waiting.length = 0;
		const all = Promise.all([...this.running.values()].map((r) => r.done));
		const timeout = new Promise<'timeout'>((resolve) =>
			setTimeout(resolve, graceMs, 'timeout').unref(),
		);
		if ((await Promise.race([all.then(() => 'done' as const), timeout])) === 'timeout') {
			for (const r of this.running.values()) r.controller.abort('shutdown');
			await all;
		}
	}

	private pump() {
		if (!this.handler || this.closing) return;
		while (this.running.size < this.concurrency && this.waiting.length) {
			const job = this.waiting.shift()!;
			this.start(job.renderId, job.attempt);
		}
	}

	private start(renderId: string, attempt: number) {
		const controller = new AbortController();
		const done = (async () => {
			try {
				await this.handler!(renderId, { attempt, signal: controller.signal });
			} catch (err) {
				// Requeue on shutdown: the record stays unfinished and is picked up again at next start.
				if (err instanceof RequeueError || controller.signal.aborted) return;
				if (isTransient(err) && attempt < this.policy.attempts && !this.closing) {
					const timer = setTimeout(
						() => {
							this.delayed.delete(renderId);
							this.waiting.push({ renderId, attempt: attempt + 1 });
							this.pump();
						},
						retryDelay(this.policy, attempt),
					);
					this.delayed.set(renderId, timer);
				}
			} finally {
				this.running.delete(renderId);
				this.pump();
			}
		})();
		this.running.set(renderId, { controller, done });
	}
}

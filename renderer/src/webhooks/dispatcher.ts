import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Outbound } from '../net/outbound';
import type { Collection, Store } from '../store/store';
import type { Delivery, DeliveryAttempt } from './delivery';
import { sendSigned } from './sender';
import { isHttpUrl } from './targetUrl';

interface PendingEntry {
	deliveryId: string;
	nextAttemptAt: string;
	createdAt: string;
}

interface RenderIndexEntry {
	deliveryId: string;
}

export interface DispatcherOptions {
	store: Store;
	/** Every attempt goes out through the outbound door, which checks the receiver's address each time. */
	outbound: Outbound;
	/** Delays between attempts; a delivery gets `schedule.length + 1` attempts in all. */
	retrySchedule: number[];
	/** The secret a delivery is signed with, or why it can no longer be sent. */
	secretFor: (delivery: Delivery) => Promise<{ secret: string } | { refused: string }>;
	/** The receiver answered 410 Gone: it wants nothing more. */
	onGone: (delivery: Delivery) => Promise<void>;
	log: (message: string, fields?: Record<string, unknown>) => void;
	pollIntervalMs: number;
	timeoutMs: number;
	/** Sends at once per due-loop pass (each waits on a remote receiver). */
	parallelism?: number;
	/** Pending entries read per store call while scanning (default 500). */
	pageSize?: number;
}

/** A pending index entry whose delivery never got written (a crash between the two writes). */
const ORPHAN_AFTER_MS = 60_000;

/**
 * Sends deliveries and retries them on schedule. Every delivery is written to the store before its
 * first attempt and stays in a `deliveries-pending` index until it is delivered or given up, so a
 * restarted process (or any other process sharing the store) picks up what was left. A short lease
 * on the record keeps two processes from sending the same attempt.
 */
/** What one attempt of a delivery ended in, as the delivery record stores it. */
interface DeliveryOutcome {
	status: Delivery['status'];
	attempt?: DeliveryAttempt;
	nextAttemptAt?: string;
	failureReason?: string;
	deliveredAt?: string;
}

export class DeliveryDispatcher {
	readonly deliveries: Collection<Delivery>;
	private readonly pending: Collection<PendingEntry>;
	private readonly byRender: Collection<RenderIndexEntry>;
	private readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
	private readonly inflight = new Set<Promise<unknown>>();
	private timer?: NodeJS.Timeout;
	private running = false;
	private passing?: Promise<number>;

	constructor(private readonly options: DispatcherOptions) {
		this.deliveries = options.store.collection<Delivery>('deliveries');
		this.pending = options.store.collection<PendingEntry>('deliveries-pending');
		this.byRender = options.store.collection<RenderIndexEntry>('deliveries-by-render');
	}

	/** Persists a new delivery, then makes its first attempt in the background. */
	async enqueue(delivery: Delivery): Promise<void> {
		// The pending entry goes first: if the process dies before the record is written, the due loop
		// finds an orphan entry and drops it; the other order could lose a written delivery.
		await this.pending.put(delivery.id, {
			deliveryId: delivery.id,
			nextAttemptAt: delivery.createdAt,
			createdAt: delivery.createdAt,
		});
		await this.deliveries.put(delivery.id, delivery);
		if (delivery.renderId)
			await this.byRender.put(`${delivery.renderId}.${delivery.id}`, { deliveryId: delivery.id });
		this.track(this.attempt(delivery.id));
	}

	/** Deliveries for one render, oldest first. */
	async ofRender(renderId: string): Promise<Delivery[]> {
		const entries = await this.byRender.list({ prefix: `${renderId}.`, limit: 1000 });
		const records = await Promise.all(entries.map((e) => this.deliveries.get(e.deliveryId)));
		return records.filter((d): d is Delivery => d !== undefined).reverse();
	}

	/** Starts the due loop. */
	start(): void {
		if (this.running) return;
		this.running = true;
		const tick = async () => {
			if (!this.running) return;
			await this.runDue().catch((err) =>
				this.options.log('webhook due loop failed', { error: (err as Error).message }),
			);
			if (this.running) {
				this.timer = setTimeout(() => void tick(), this.options.pollIntervalMs);
				this.timer.unref();
			}
		};
		void tick();
	}

	/** Stops the loop and waits for attempts already on the wire. */
	async stop(): Promise<void> {
		this.running = false;
		if (this.timer) clearTimeout(this.timer);
		await this.passing?.catch(() => undefined);
		while (this.inflight.size) await Promise.allSettled([...this.inflight]);
	}

	/** One pass over the pending index: attempts everything that is due. Returns how many it tried. */
	runDue(): Promise<number> {
		// Passes never overlap inside one process; leases handle other processes.
		this.passing ??= this.pass().finally(() => {
			this.passing = undefined;
		});
		return this.passing;
	}

	private async pass(): Promise<number> {
		const now = Date.now();
		const due: string[] = [];
		for await (const entry of this.allPending()) {
			if (Date.parse(entry.nextAttemptAt) > now) continue;
			const delivery = await this.deliveries.get(entry.deliveryId);
			if (!delivery) {
				if (now - Date.parse(entry.createdAt) > ORPHAN_AFTER_MS)
					await this.pending.delete(entry.deliveryId);
				continue;
			}
			if (delivery.status !== 'pending') {
				await this.pending.delete(delivery.id);
				continue;
			}
			if (delivery.lease && delivery.lease.until > now) continue;
			due.push(delivery.id);
		}
		const parallelism = this.options.parallelism ?? 8;
		for (let i = 0; i < due.length; i += parallelism) {
			await Promise.all(due.slice(i, i + parallelism).map((id) => this.attempt(id)));
		}
		return due.length;
	}

	/** Every pending entry, page by page (the index lists newest first; the oldest must not starve). */
	private async *allPending(): AsyncGenerator<PendingEntry> {
		const pageSize = this.options.pageSize ?? 500;
		let before: string | undefined;
		for (;;) {
			const page = await this.pending.list({ before, limit: pageSize });
			yield* page;
			if (page.length < pageSize) return;
			before = page[page.length - 1].deliveryId;
		}
	}

	private track(work: Promise<unknown>) {
		const settled = work.catch((err) =>
			this.options.log('webhook attempt failed unexpectedly', { error: (err as Error).message }),
		);
		this.inflight.add(settled);
		void settled.finally(() => this.inflight.delete(settled));
	}

	/** Claims the delivery, sends it once, and records the outcome and what happens next. */
	private async attempt(id: string): Promise<void> {
		const leaseMs = this.options.timeoutMs + 5000;
		const now = Date.now();
		// A token per attempt: two claims from this same process in the same millisecond must not both win.
		const owner = `${this.owner}:${randomBytes(6).toString('hex')}`;
		const claimed = await this.deliveries.update(id, (d) => {
			if (
				d.status !== 'pending' ||
				(d.lease && d.lease.until > now) ||
				(d.nextAttemptAt && Date.parse(d.nextAttemptAt) > now)
			)
				return d;
			return { ...d, lease: { owner, until: now + leaseMs } };
		});
		if (!claimed || claimed.lease?.owner !== owner) return;

		const key = await this.options.secretFor(claimed);
		if ('refused' in key) {
			await this.finish(claimed, { status: 'failed', failureReason: key.refused });
			return;
		}
		if (!isHttpUrl(claimed.url)) {
			await this.finish(claimed, {
				status: 'failed',
				failureReason: 'only http(s) URLs are sent to',
			});
			return;
		}
		const attempt = await sendSigned(
			this.options.outbound,
			{ id: claimed.id, url: claimed.url, body: claimed.payload, secret: key.secret },
			this.options.timeoutMs,
		);
		if (attempt.error?.startsWith('url_forbidden')) {
			// Not a network blip: the receiver's address is one this service does not send to. No
			// connection was made, so no attempt is logged.
			await this.finish(claimed, { status: 'failed', failureReason: `refused: ${attempt.error}` });
			return;
		}
		const ok =
			attempt.statusCode !== undefined && attempt.statusCode >= 200 && attempt.statusCode < 300;
		const attemptsMade = claimed.attempts.length + 1;
		if (ok) {
			await this.finish(claimed, { status: 'delivered', attempt, deliveredAt: attempt.at });
		} else if (attempt.statusCode === 410) {
			// The subscription is disabled first, so nothing reads the delivery as failed while the
			// subscription still looks live (and no event slips in between).
			await this.options.onGone(claimed);
			await this.finish(claimed, {
				status: 'failed',
				attempt,
				failureReason: 'the receiver answered 410 Gone',
			});
		} else if (attemptsMade > this.options.retrySchedule.length) {
			await this.finish(claimed, {
				status: 'failed',
				attempt,
				failureReason: `gave up after ${attemptsMade} attempts`,
			});
		} else {
			const nextAttemptAt = new Date(
				Date.now() + this.options.retrySchedule[attemptsMade - 1],
			).toISOString();
			await this.finish(claimed, { status: 'pending', attempt, nextAttemptAt });
		}
		this.options.log(ok ? 'webhook delivered' : 'webhook attempt failed', {
			deliveryId: id,
			url: claimed.url,
			attempt: attemptsMade,
			statusCode: attempt.statusCode,
			error: attempt.error,
		});
	}

	private async finish(delivery: Delivery, outcome: DeliveryOutcome) {
		// The attempt already happened: recording it is worth a few tries under store contention. If
		// every try fails, the lease runs out and the attempt is repeated (same webhook-id: receivers dedupe).
		for (let attempt = 1; ; attempt++) {
			try {
				await this.record(delivery, outcome);
				return;
			} catch (err) {
				if (attempt >= 5) throw err;
				await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
			}
		}
	}

	private async record(delivery: Delivery, outcome: DeliveryOutcome) {
		await this.deliveries.update(delivery.id, (d) => ({
			...d,
			status: outcome.status,
			attempts: outcome.attempt ? [...d.attempts, outcome.attempt] : d.attempts,
			nextAttemptAt: outcome.nextAttemptAt,
			failureReason: outcome.failureReason,
			deliveredAt: outcome.deliveredAt,
			lease: undefined,
			updatedAt: new Date().toISOString(),
		}));
		if (outcome.status === 'pending' && outcome.nextAttemptAt) {
			await this.pending.put(delivery.id, {
				deliveryId: delivery.id,
				nextAttemptAt: outcome.nextAttemptAt,
				createdAt: delivery.createdAt,
			});
		} else {
			await this.pending.delete(delivery.id);
		}
	}
}

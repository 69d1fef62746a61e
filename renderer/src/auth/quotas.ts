import { ApiError } from '../spec/errors';
import type { Collection, Store } from '../store/store';
import type { KeyRecord } from './keys';
import type { Tier } from './tiers';

interface ActiveEntry {
	keyId: string;
	renderId: string;
}

function secondsUntilUtcMidnight(now: Date): number {
	const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

const day = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Per-key quotas: renders per day, output seconds per day (UTC days), concurrent jobs.
 * Daily counters are store counters that expire; concurrency is an index of the key's unfinished
 * renders, so a crash can never leave a key stuck at its limit for longer than its renders live.
 */
export class QuotaService {
	/** The key's unfinished renders (`<keyId>.<renderId>`); the store keeps one handle per collection. */
	private readonly active: Collection<ActiveEntry>;

	constructor(
		private readonly store: Store,
		private readonly tiers: Record<string, Tier>,
	) {
		this.active = store.collection<ActiveEntry>('active');
	}

	tierOf(key: KeyRecord): Tier {
		return this.tiers[key.tier] ?? this.tiers.free;
	}

	/**
	 * Takes one render and `seconds` of output from today's allowance and a concurrency slot, or
	 * throws 429 with Retry-After. The three are taken at once, then the slots counted (two round
	 * trips to a Redis store, not four), and all given back when any is over its limit.
	 */
	async admit(key: KeyRecord, renderId: string, seconds: number, now = new Date()): Promise<void> {
		const tier = this.tierOf(key);
		const ttl = secondsUntilUtcMidnight(now) + 60;
		const wanted = Math.ceil(seconds);
		const rendersCounter = `renders.${key.id}.${day(now)}`;
		const secondsCounter = `seconds.${key.id}.${day(now)}`;
		const [renders, used] = await Promise.all([
			this.store.incr(rendersCounter, 1, ttl),
			this.store.incr(secondsCounter, wanted, ttl),
			this.active.put(`${key.id}.${renderId}`, { keyId: key.id, renderId }),
		]);
		const running = await this.active.count(`${key.id}.`);
		const refusal =
			renders > tier.rendersPerDay
				? quotaError(
						'quota_renders_per_day',
						`The ${tier.name} tier allows ${tier.rendersPerDay} renders per day.`,
						secondsUntilUtcMidnight(now),
					)
				: used > tier.outputSecondsPerDay
					? quotaError(
							'quota_output_seconds_per_day',
							`The ${tier.name} tier allows ${tier.outputSecondsPerDay} s of output per day; this render needs ${wanted} s and ${Math.max(0, used - wanted)} s are used.`,
							secondsUntilUtcMidnight(now),
						)
					: running > tier.concurrentJobs
						? quotaError(
								'quota_concurrent_jobs',
								`The ${tier.name} tier allows ${tier.concurrentJobs} unfinished render(s) at once.`,
								10,
							)
						: undefined;
		if (!refusal) return;
		await Promise.all([
			this.release(key.id, renderId),
			this.store.incr(secondsCounter, -wanted, ttl),
			this.store.incr(rendersCounter, -1, ttl),
		]);
		throw refusal;
	}

	/** Called when a render reaches a terminal state. */
	async release(keyId: string, renderId: string): Promise<void> {
		await this.active.delete(`${keyId}.${renderId}`);
	}

	/** Adds each provider's output seconds of a finished render to its key's count for today. */
	async recordProviderSeconds(
		keyId: string,
		bySource: Record<string, number>,
		now = new Date(),
	): Promise<void> {
		const ttl = secondsUntilUtcMidnight(now) + 60;
		await Promise.all(
			Object.entries(bySource)
				.filter(([, seconds]) => seconds > 0)
				.map(([provider, seconds]) =>
					this.store.incr(
						`provider-seconds.${keyId}.${day(now)}.${provider}`,
						Math.ceil(seconds),
						ttl,
					),
				),
		);
	}

	/** Today's output seconds per provider for a key (providers with none are left out). */
	async providerSecondsToday(
		keyId: string,
		providers: string[],
		now = new Date(),
	): Promise<Record<string, number>> {
		const ttl = secondsUntilUtcMidnight(now) + 60;
		const counts = await Promise.all(
			providers.map((p) => this.store.incr(`provider-seconds.${keyId}.${day(now)}.${p}`, 0, ttl)),
		);
		return Object.fromEntries(
			providers.map((p, i) => [p, counts[i]!] as const).filter(([, n]) => n > 0),
		);
	}

	async usage(key: KeyRecord, now = new Date()) {
		const tier = this.tierOf(key);
		const ttl = secondsUntilUtcMidnight(now) + 60;
		const [renders, seconds, running] = await Promise.all([
			this.store.incr(`renders.${key.id}.${day(now)}`, 0, ttl),
			this.store.incr(`seconds.${key.id}.${day(now)}`, 0, ttl),
			this.active.count(`${key.id}.`),
		]);
		return {
			tier: tier.name,
			rendersToday: renders,
			outputSecondsToday: seconds,
			concurrentJobs: running,
			limits: tier,
		};
	}
}

function quotaError(code: string, message: string, retryAfterSeconds: number): ApiError {
	return new ApiError(429, code, message, [], { 'Retry-After': String(retryAfterSeconds) });
}

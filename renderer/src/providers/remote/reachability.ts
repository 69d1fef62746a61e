/**
 * Whether a remote generator answers, for `/v1/capabilities`, without ever making that route wait:
 * `current()` returns what is known at once (unknown before the first probe) and starts a probe in
 * the background when the answer is stale. One probe per provider at a time, each bounded by a
 * timeout; a good answer is kept a minute, a bad one 15 s.
 */
import type { ProbeResult } from './clipGenerator';

export interface Reachability {
	/** null until the first probe has answered. */
	reachable: boolean | null;
	/** The credentials were refused although the server answered. */
	authFailed?: boolean;
	reason?: string;
	checkedAt?: string;
}

export interface ReachabilityOptions {
	ttlMs?: number;
	failureTtlMs?: number;
	timeoutMs?: number;
	now?: () => number;
}

export class ReachabilityCache {
	private known: Reachability = { reachable: null };
	private checkedAtMs = 0;
	private inFlight?: Promise<Reachability>;
	private readonly ttlMs: number;
	private readonly failureTtlMs: number;
	private readonly timeoutMs: number;
	private readonly now: () => number;

	constructor(
		private readonly probe: (signal: AbortSignal) => Promise<ProbeResult>,
		options: ReachabilityOptions = {},
	) {
		this.ttlMs = options.ttlMs ?? 60_000;
		this.failureTtlMs = options.failureTtlMs ?? 15_000;
		this.timeoutMs = options.timeoutMs ?? 3_000;
		this.now = options.now ?? Date.now;
	}

	/** What is known now; a stale answer triggers a background probe. */
	current(): Reachability {
		const ok = this.known.reachable === true && !this.known.authFailed;
		const ttl = ok ? this.ttlMs : this.failureTtlMs;
		if (this.known.reachable === null || this.now() - this.checkedAtMs > ttl) void this.refresh();
		return { ...this.known };
	}

	/** Probes now (or joins the probe in flight). Never rejects. */
	refresh(): Promise<Reachability> {
		this.inFlight ??= (async () => {
			let result: Reachability;
			const signal = AbortSignal.timeout(this.timeoutMs);
			try {
				const answer = await this.probe(signal);
				result = { ...answer };
			} catch (error) {
				result = {
					reachable: false,
					reason: signal.aborted
						? `no answer within ${this.timeoutMs / 1000} s`
						: String((error as Error)?.message ?? error),
				};
			}
			this.checkedAtMs = this.now();
			this.known = { ...result, checkedAt: new Date(this.checkedAtMs).toISOString() };
			return { ...this.known };
		})().finally(() => {
			this.inFlight = undefined;
		});
		return this.inFlight;
	}
}

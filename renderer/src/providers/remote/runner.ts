/**
 * Drives one clip through a generator: submit → poll → download.
 *
 * - Submit is retried only when the provider answered that it did not take the job (429, or an
 *   HTTP 503): nothing was accepted, so nothing is paid twice. A request that may have landed
 *   (a timeout, a dropped connection) is not re-sent here.
 * - Polls wait what the provider asks (`openai-poll-after-ms`, `Retry-After` on 429) or back off
 *   (×1.5 up to `maxPollMs`); a completion webhook (wake.ts) ends a wait early. Status requests are
 *   idempotent, so a 429 or an outage while polling only delays the next poll.
 * - A deadline bounds the whole job; past it, or when `signal` aborts, the job is canceled at the
 *   provider before the runner gives up.
 * - Downloads stream to disk and are retried when they break off.
 */
import { abortError } from '../../media/abort';
import {
	ProviderError,
	type ClipGenerator,
	type ClipHandle,
	type ClipRequest,
	type ClipResult,
	type ClipState,
	type ClipStatus,
	type DownloadedClip,
	type ExtendRequest,
} from './clipGenerator';
import { wakeKey, type WakeBus } from './wake';

export type ClipJob =
	| { kind: 'generate'; request: ClipRequest }
	| { kind: 'extend'; source: { handle: ClipHandle; result: ClipResult }; request: ExtendRequest }
	| { kind: 'remix'; source: { handle: ClipHandle; result?: ClipResult }; instruction: string };

export interface PollingPolicy {
	/** Wait before the first status request when the provider gives no hint. */
	firstPollMs: number;
	/** Hints below this are raised to it (a provider asking for 0 ms does not get a busy loop). */
	minPollMs: number;
	maxPollMs: number;
	/** Growth of the wait between polls without a hint. */
	growth: number;
	/** Tries of a submit the provider refused with 429/503. */
	submitAttempts: number;
	/** Tries of a download that broke off. */
	downloadAttempts: number;
	/** First wait after a failure without Retry-After; doubles per try. */
	retryBackoffMs: number;
	/** How long a cancel on abort or deadline may take. */
	cancelTimeoutMs: number;
}

export const DEFAULT_POLLING: PollingPolicy = {
	firstPollMs: 2000,
	minPollMs: 500,
	maxPollMs: 30_000,
	growth: 1.5,
	submitAttempts: 4,
	downloadAttempts: 3,
	retryBackoffMs: 2000,
	cancelTimeoutMs: 10_000,
};

export interface ClipProgress {
	phase: 'submit' | ClipState | 'download';
	/** 0..1 within the phase: the provider's own figure when it reports one, else an estimate. */
	fraction: number;
	/** Whether `fraction` came from the provider. */
	reported: boolean;
	handle?: ClipHandle;
}

export interface RunClipOptions {
	signal: AbortSignal;
	/** Folder to download the clip into; an intermediate step (a clip to extend) passes none. */
	dir?: string;
	/** Overall time limit; the generator's `deadlineSeconds` by default. */
	deadlineMs?: number;
	onProgress?: (progress: ClipProgress) => void;
	/** Called once the provider accepted the job (record it: it is now paid for). */
	onSubmitted?: (handle: ClipHandle) => void | Promise<void>;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	/** Completion webhooks wake the poll loop through this bus. */
	wake?: WakeBus;
	/** Webhook family of this generator's jobs (`gemini`); none when it has no webhooks. */
	wakeFamily?: string;
	polling?: Partial<PollingPolicy>;
	/** Poll an already submitted job instead of submitting (after a worker restart). */
	resume?: ClipHandle;
}

export interface ClipRun {
	handle: ClipHandle;
	result: ClipResult;
	file?: DownloadedClip;
	submitAttempts: number;
	polls: number;
	wakes: number;
	elapsedMs: number;
}

export async function runClip(
	generator: ClipGenerator,
	job: ClipJob,
	options: RunClipOptions,
): Promise<ClipRun> {
	const policy: PollingPolicy = { ...DEFAULT_POLLING, ...options.polling };
	const started = Date.now();
	const deadlineMs = options.deadlineMs ?? generator.capabilities().deadlineSeconds * 1000;
	const deadlineAt = started + deadlineMs;
	const { signal } = options;
	const log = options.log ?? (() => undefined);
	const report = (progress: ClipProgress) => options.onProgress?.(progress);
	if (signal.aborted) throw abortError(signal);

	// Submit.
	let handle = options.resume;
	let submitAttempts = 0;
	while (!handle) {
		submitAttempts++;
		report({ phase: 'submit', fraction: 0, reported: false });
		try {
			handle = await start(generator, job, signal);
		} catch (error) {
			if (signal.aborted) throw abortError(signal);
			const wait = refusedBeforeAcceptance(error)
				? (error.retryAfterMs ?? policy.retryBackoffMs * 2 ** (submitAttempts - 1))
				: undefined;
			if (
				wait === undefined ||
				submitAttempts >= policy.submitAttempts ||
				Date.now() + wait > deadlineAt
			)
				throw error;
			log('provider refused the job for now; submitting again', {
				provider: generator.id,
				code: (error as ProviderError).code,
				waitMs: wait,
			});
			await pause(wait, signal);
		}
	}
	await options.onSubmitted?.(handle);
	log('clip submitted', { provider: generator.id, job: handle.id });

	let polls = 0;
	let wakes = 0;
	try {
		// Poll.
		let status: ClipStatus | undefined;
		let wait = policy.firstPollMs;
		let failures = 0;
		for (;;) {
			const remaining = deadlineAt - Date.now();
			if (remaining <= 0) throw await timeout(generator, handle, deadlineMs, policy, log);
			const woken = await pause(
				Math.min(wait, remaining),
				signal,
				wakeKeys(options, handle),
				options.wake,
			);
			if (woken) wakes++;
			if (Date.now() >= deadlineAt) throw await timeout(generator, handle, deadlineMs, policy, log);
			try {
				status = await generator.status(handle, signal);
				failures = 0;
			} catch (error) {
				if (signal.aborted) throw error;
				if (!(error instanceof ProviderError) || !error.transient) throw error;
				failures++;
				wait = clamp(
					error.retryAfterMs ?? policy.retryBackoffMs * 2 ** Math.min(failures - 1, 5),
					policy.minPollMs,
					Math.max(policy.maxPollMs, error.retryAfterMs ?? 0),
				);
				log('status request failed; polling again later', {
					provider: generator.id,
					job: handle.id,
					code: error.code,
					waitMs: wait,
				});
				continue;
			}
			polls++;
			report({
				phase: status.state,
				fraction: status.progress ?? estimate(Date.now() - started),
				reported: status.progress !== undefined,
				handle,
			});
			if (status.state === 'succeeded') break;
			if (status.state === 'failed' || status.state === 'canceled')
				throw (
					status.error ??
					new ProviderError('provider_failed', `${generator.id}: the job ${status.state}`, {
						provider: generator.id,
					})
				);
			wait = clamp(
				status.pollAfterMs ?? (polls === 1 ? policy.firstPollMs : wait * policy.growth),
				policy.minPollMs,
				policy.maxPollMs,
			);
		}
		const result = status.result ?? {};

		// Download.
		let file: DownloadedClip | undefined;
		if (options.dir) {
			for (let attempt = 1; ; attempt++) {
				report({ phase: 'download', fraction: 0, reported: false, handle });
				try {
					file = await generator.download(handle, options.dir, signal, {
						result,
						onProgress: (bytes, total) =>
							report({
								phase: 'download',
								fraction: total ? Math.min(1, bytes / total) : 0,
								reported: total !== undefined,
								handle,
							}),
					});
					break;
				} catch (error) {
					if (signal.aborted) throw error;
					const retry =
						error instanceof ProviderError &&
						(error.transient || error.code === 'provider_failed') &&
						attempt < policy.downloadAttempts &&
						Date.now() < deadlineAt;
					if (!retry) throw error;
					const backoff =
						(error as ProviderError).retryAfterMs ?? policy.retryBackoffMs * 2 ** (attempt - 1);
					log('download failed; trying again', {
						provider: generator.id,
						job: handle.id,
						attempt,
						error: (error as Error).message,
					});
					await pause(backoff, signal);
				}
			}
			report({ phase: 'download', fraction: 1, reported: true, handle });
		}
		return { handle, result, file, submitAttempts, polls, wakes, elapsedMs: Date.now() - started };
	} catch (error) {
		if (signal.aborted) {
			await cancelQuietly(generator, handle, policy, log);
			throw abortError(signal);
		}
		throw error;
	}
}

function start(generator: ClipGenerator, job: ClipJob, signal: AbortSignal): Promise<ClipHandle> {
	switch (job.kind) {
		case 'generate':
			return generator.submit(job.request, signal);
		case 'extend':
			if (!generator.extend) throw unsupported(generator, 'extension');
			return generator.extend(job.source, job.request, signal);
		case 'remix':
			if (!generator.remix) throw unsupported(generator, 'remix');
			return generator.remix(job.source, job.instruction, signal);
	}
}

function unsupported(generator: ClipGenerator, what: string) {
	return new ProviderError('provider_bad_request', `${generator.id} does not support ${what}`, {
		provider: generator.id,
		field: what,
	});
}

/** The provider answered, and the answer says it did not take the job. */
function refusedBeforeAcceptance(error: unknown): error is ProviderError {
	return (
		error instanceof ProviderError &&
		error.httpStatus !== undefined &&
		(error.code === 'provider_rate_limited' ||
			(error.code === 'provider_unavailable' && error.httpStatus === 503))
	);
}

async function timeout(
	generator: ClipGenerator,
	handle: ClipHandle,
	deadlineMs: number,
	policy: PollingPolicy,
	log: NonNullable<RunClipOptions['log']>,
): Promise<ProviderError> {
	await cancelQuietly(generator, handle, policy, log);
	return new ProviderError(
		'provider_timeout',
		`${generator.id}: the clip was not ready within ${Math.round(deadlineMs / 1000)} s; it was canceled at the provider`,
		{ provider: generator.id },
	);
}

async function cancelQuietly(
	generator: ClipGenerator,
	handle: ClipHandle,
	policy: PollingPolicy,
	log: NonNullable<RunClipOptions['log']>,
) {
	try {
		await generator.cancel(handle, AbortSignal.timeout(policy.cancelTimeoutMs));
		log('clip canceled at the provider', { provider: generator.id, job: handle.id });
	} catch (error) {
		log('could not cancel the clip at the provider', {
			provider: generator.id,
			job: handle.id,
			error: (error as Error).message,
		});
	}
}

function wakeKeys(options: RunClipOptions, handle: ClipHandle): string[] {
	if (!options.wake || !options.wakeFamily) return [];
	return [handle.id, ...(handle.aliases ?? [])].map((id) => wakeKey(options.wakeFamily!, id));
}

/**
 * Waits `ms`, or less when one of `keys` is woken; resolves whether a wake ended it. Rejects with
 * the abort reason when `signal` aborts.
 */
function pause(
	ms: number,
	signal: AbortSignal,
	keys: string[] = [],
	bus?: WakeBus,
): Promise<boolean> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(abortError(signal));
		const unsubscribe: Array<() => void> = [];
		const finish = (woken: boolean) => {
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			for (const off of unsubscribe) off();
			resolve(woken);
		};
		const onAbort = () => {
			clearTimeout(timer);
			for (const off of unsubscribe) off();
			reject(abortError(signal));
		};
		const timer = setTimeout(() => finish(false), Math.max(0, ms));
		signal.addEventListener('abort', onAbort, { once: true });
		if (bus) for (const key of keys) unsubscribe.push(bus.subscribe(key, () => finish(true)));
	});
}

function clamp(value: number, min: number, max: number) {
	return Math.min(max, Math.max(min, value));
}

/** Progress when the provider reports none: creeps toward 0.9 (a minute gets about halfway). */
function estimate(elapsedMs: number) {
	return 0.9 * (1 - Math.exp(-elapsedMs / 90_000));
}

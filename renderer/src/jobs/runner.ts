import fs from 'node:fs/promises';
import path from 'node:path';
import type { KeyRecord } from '../auth/keys';
import { outputSecondsByProvider } from '../auth/providerSeconds';
import type { QuotaService } from '../auth/quotas';
import type { Ingredient, Moderator, ProvenanceSigner } from '../pipeline/contracts';
import type { CameoAsset, CameoResolver } from '../pipeline/render';
import type { GeneratedVideo, RenderContext, ShotProgress, StageName } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import { isTransient, RequeueError, type JobRunContext, type RetryPolicy } from '../queue/queue';
import { MediaError } from '../media/ffmpeg';
import { ApiError } from '../spec/errors';
import type { Outbound } from '../net/outbound';
import type { ObjectStorage } from '../storage/storage';
import type { EventSink } from '../webhooks/webhooks';
import {
	isTerminal,
	type OutputVariant,
	type RenderRecord,
	type StageTiming,
	type StoredOutput,
} from './renderRecord';
import type { RenderService } from './renderService';
import { createMediaFetcher, storedVideoOf } from './mediaFetcher';
import { planInputsDigest } from './planInputs';
import { KEY_REVOKED } from './renderRecords';
import { dropScratch, makeScratch, removeDeadScratch } from './scratch';

export interface RunnerDeps {
	renders: RenderService;
	storage: ObjectStorage;
	providers: ProviderRegistry;
	quotas: QuotaService;
	events: EventSink;
	/** Keys are read while a render runs: revoking one stops its renders (the CLI's own caller has no record). */
	keys?: { get(id: string): Promise<KeyRecord | undefined> };
	retry: RetryPolicy;
	dataDir: string;
	cacheDir: string;
	modelsDir: string;
	moderator?: Moderator;
	signer?: ProvenanceSigner;
	cameos?: CameoResolver;
	/** The outbound door: media a spec names by URL (a music track) is fetched through it. */
	outbound?: Outbound;
	log: (message: string, fields?: Record<string, unknown>) => void;
	onStageTiming?: (stage: StageName, ms: number) => void;
}

/** Overall progress given to each stage: generation dominates, the trust stages are short. */
const STAGE_SPAN: Partial<Record<StageName, [number, number]>> = {
	plan: [0, 5],
	synthesize: [5, 20],
	compose: [20, 30],
	generate: [0, 80],
	download: [80, 85],
	encode: [30, 85],
	moderate: [85, 93],
	sign: [93, 97],
	store: [97, 100],
};

const CONTENT_TYPES: Record<OutputVariant, string> = {
	video: 'video/mp4',
	poster: 'image/jpeg',
	thumbnail: 'image/jpeg',
	captions: 'text/vtt',
};

class Canceled extends Error {}

/** How often a running render re-reads its record and key (cancel, revocation, outside failure). */
const WATCH_INTERVAL_MS = 1000;
/** How long a render's outcome waits for an unreachable store before it gives up. */
const PERSIST_PATIENCE_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one render: the provider generates, then the render is moderated, signed and stored.
 * It owns the record's lifecycle (queued → rendering → completed | failed | canceled) and decides
 * what a failure means: transient with attempts left → back to the queue; otherwise failed.
 */
export function createRunner(deps: RunnerDeps) {
	const { records } = deps.renders;

	/**
	 * Store calls the render's outcome depends on. While the store is unreachable (Redis down:
	 * a transient error) the call is repeated until it is back, so an outage pauses a render at its
	 * next write instead of failing or losing it.
	 */
	let stopped = false;
	async function persist<T>(what: string, renderId: string, work: () => Promise<T>): Promise<T> {
		const until = Date.now() + PERSIST_PATIENCE_MS;
		let delay = 200;
		let logged = false;
		for (;;) {
			try {
				return await work();
			} catch (error) {
				// Once the service shuts down, nobody is left to wait for: the queue keeps the job.
				if (!isTransient(error) || Date.now() > until || stopped) throw error;
				if (!logged) {
					deps.log('store unreachable; the render waits for it', {
						renderId,
						step: what,
						error: (error as Error).message,
					});
					logged = true;
				}
				await sleep(delay);
				delay = Math.min(delay * 2, 2000);
			}
		}
	}

	/** A transition that must happen (start, outcome): waits out an unreachable store. */
	const surely = (id: string, transition: () => Promise<RenderRecord | undefined>) =>
		persist('save', id, transition);

	async function runRender(renderId: string, job: JobRunContext): Promise<void> {
		const initial = await persist('read', renderId, () => records.get(renderId));
		if (!initial || isTerminal(initial.status)) return; // canceled or deleted while waiting
		const owner = deps.keys
			? await persist('read key', renderId, () => deps.keys!.get(initial.keyId))
			: undefined;
		if (owner?.revokedAt) {
			await stopForRevokedKey(renderId, []);
			return;
		}

		// A fresh attempt (a retry, or a render handed on from a dead worker) starts from zero.
		const started = await surely(renderId, () => records.start(renderId, job.attempt));
		if (!started) return;

		// Scratch left by a worker that died on this host goes now (its render may be this one).
		await removeDeadScratch(deps.dataDir).catch(() => undefined);
		const workDir = await makeScratch(deps.dataDir, `${renderId}-`);
		const controller = new AbortController();
		const abort = () => controller.abort(job.signal.reason);
		job.signal.addEventListener('abort', abort, { once: true });

		const timings: StageTiming[] = [];
		let stage: StageName = 'queued';
		let stageStart = Date.now();
		let lastWrite = 0;
		let writing: Promise<unknown> = Promise.resolve();

		// Canceled or failed elsewhere (another process, a revoked cameo), or its key revoked: stop.
		let watching = false;
		const watch = setInterval(() => {
			if (watching || controller.signal.aborted) return;
			watching = true;
			Promise.all([records.get(renderId), deps.keys?.get(started.keyId)])
				.then(([current, key]) => {
					if (!current || isTerminal(current.status)) controller.abort('canceled');
					else if (key?.revokedAt) controller.abort('key_revoked');
				})
				// An unreachable store says nothing about the render: keep working.
				.catch(() => undefined)
				.finally(() => (watching = false));
		}, WATCH_INTERVAL_MS);
		watch.unref();

		const enterStage = (next: StageName) => {
			if (next === stage) return;
			const now = Date.now();
			if (stage !== 'queued') {
				timings.push({
					stage,
					startedAt: new Date(stageStart).toISOString(),
					ms: now - stageStart,
				});
				deps.onStageTiming?.(stage, (now - stageStart) / 1000);
			}
			stage = next;
			stageStart = now;
		};

		let progressFailures = 0;
		// The latest per-shot picture: every write carries it, so a skipped write loses nothing.
		let shotProgress: ShotProgress[] | undefined;
		const progress = (next: StageName, fraction: number, shots?: ShotProgress[]) => {
			if (shots) shotProgress = shots;
			const changed = next !== stage;
			enterStage(next);
			const [from, to] = STAGE_SPAN[next] ?? [0, 100];
			const percent = Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction)));
			const now = Date.now();
			// Progress is written at most 4 times a second (and on every stage change); each write also
			// notices a cancel made by another process, in case the cancel broadcast was missed.
			if (!changed && now - lastWrite < 250) return;
			lastWrite = now;
			writing = writing
				.then(async () => {
					const r = await records.progress(renderId, {
						stage: next,
						percent,
						timings,
						...(shotProgress ? { shots: shotProgress } : {}),
					});
					progressFailures = 0;
					if (!r) {
						const cur = await records.get(renderId);
						// Canceled by the client, or failed from outside (a revoked cameo): stop working on it.
						if (!cur || isTerminal(cur.status)) controller.abort('canceled');
					}
				})
				// Progress is best effort: a store outage must not stop (or crash) the render. The next
				// write, or the outcome's, brings the record up to date.
				.catch((error: unknown) => {
					if (progressFailures++ === 0)
						deps.log('progress not recorded; the render goes on', {
							renderId,
							error: (error as Error).message,
						});
				});
		};

		try {
			const record = started;
			const cameos = await resolveCameos(record);
			const plan = await admittedPlanFor(record, cameos);
			// Moderation starts with the job: a provider that encodes its own frames (the local engine)
			// hands sampled frames over as it draws them, and they are inspected during the encode.
			// The signer gets ready meanwhile, so that signing after the encode is only the signing.
			if (record.spec.provenance.c2pa) deps.signer?.prepare?.();
			const liveModeration = deps.moderator?.startVideoModeration?.(record.spec, controller.signal);
			const ctx: RenderContext = {
				workDir,
				signal: controller.signal,
				progress,
				log: (message, fields) => deps.log(message, { renderId, ...fields }),
				cacheDir: await ensureDir(deps.cacheDir),
				modelsDir: deps.modelsDir,
				cameos,
				moderation: liveModeration?.tap,
				fetchMedia: createMediaFetcher({
					storage: deps.storage,
					keyId: record.keyId,
					workDir,
					outbound: deps.outbound,
					signal: controller.signal,
				}),
				keyId: record.keyId,
				...(record.story ? { story: record.story } : {}),
				...(plan ? { plan } : {}),
				sourceVideo: storedVideoOf(record.source, { storage: deps.storage, workDir }),
			};
			const generated = await deps.providers.forRender(record.spec, ctx).generate(record.spec, ctx);
			throwIfAborted(controller.signal);

			progress('moderate', 0);
			// The verdict of the frames inspected during generation when the provider sampled them all;
			// otherwise (uploads, remote providers) the finished file is decoded and inspected now.
			const toModerate = {
				videoPath: generated.videoPath,
				transcript: generated.transcript,
				spec: record.spec,
			};
			const moderation = liveModeration
				? await liveModeration.finish(toModerate, controller.signal)
				: deps.moderator
					? await deps.moderator.moderateVideo(toModerate, controller.signal)
					: undefined;
			throwIfAborted(controller.signal);

			progress('sign', 0);
			let videoPath = generated.videoPath;
			let provenance: RenderRecord['provenance'] = { signed: false };
			if (record.spec.provenance.c2pa && deps.signer) {
				const signedPath = path.join(workDir, 'signed.mp4');
				const manifest = await deps.signer.sign({
					inputPath: videoPath,
					outputPath: signedPath,
					renderId,
					spec: record.spec,
					ingredients: ingredientsOf(record),
				});
				videoPath = signedPath;
				provenance = { signed: true, manifest };
			}
			throwIfAborted(controller.signal);

			progress('store', 0);
			const outputs = await storeOutputs(renderId, videoPath, generated);
			// The outputs are stored: the scratch goes before the render is announced finished.
			await dropScratch(workDir);
			enterStage('store');
			enterStage('queued'); // closes the last stage's timing
			await writing;

			// The slot is freed before the render reads as completed: a client that polls until it is
			// completed and submits its next render at once must not be refused for this one.
			await persist('release quota', renderId, () => deps.quotas.release(record.keyId, renderId));
			const finished = await surely(renderId, () =>
				records.complete(renderId, {
					outputs,
					timings,
					warnings: generated.warnings,
					transcript: generated.transcript,
					moderation: moderation
						? { ...moderation, status: moderation.flagged ? 'flagged' : 'passed' }
						: undefined,
					provenance,
					details: generated.details,
				}),
			);
			if (!finished) {
				// Canceled while the last stage ran: the files are not wanted.
				await Promise.all(Object.values(outputs).map((o) => o && deps.storage.delete(o.key)));
				return;
			}
			await persist('count provider seconds', renderId, () =>
				deps.quotas.recordProviderSeconds(
					finished.keyId,
					outputSecondsByProvider(
						finished.spec,
						generated.details,
						Number(generated.details.durationSeconds ?? finished.durationSeconds),
					),
				),
			);
			await persist('emit', renderId, () =>
				deps.events.emit(
					'render.completed',
					{ keyId: finished.keyId, render: finished },
					{ once: true },
				),
			);
		} catch (err) {
			await writing;
			await dropScratch(workDir);
			await handleFailure(renderId, err, controller.signal, job, timings);
		} finally {
			clearInterval(watch);
			job.signal.removeEventListener('abort', abort);
			await dropScratch(workDir); // already gone on the usual paths; this covers the rest
		}
	}

	/**
	 * The queue gave up on a render whose workers kept dying (bull: stalled too often). Without
	 * this its record would say "rendering" forever.
	 */
	async function abandon(renderId: string, reason: string) {
		const failed = await surely(renderId, () =>
			records.fail(renderId, {
				code: 'worker_lost',
				message: `The render's worker stopped answering too many times (${reason}).`,
				retryable: true,
			}),
		);
		if (!failed) return;
		await persist('release quota', renderId, () => deps.quotas.release(failed.keyId, renderId));
		await persist('emit', renderId, () =>
			deps.events.emit('render.failed', { keyId: failed.keyId, render: failed }, { once: true }),
		);
	}

	/** The key that made the render was revoked: it stops, canceled, and its quota is released. */
	async function stopForRevokedKey(renderId: string, timings: StageTiming[]) {
		const stopped = await surely(renderId, () => records.cancel(renderId, KEY_REVOKED, timings));
		if (stopped)
			await persist('release quota', renderId, () => deps.quotas.release(stopped.keyId, renderId));
	}

	async function resolveCameos(record: RenderRecord): Promise<Map<string, CameoAsset>> {
		const map = new Map<string, CameoAsset>();
		for (const character of record.spec.characters) {
			if (!character.cameoId || map.has(character.cameoId)) continue;
			if (!deps.cameos)
				throw new ApiError(400, 'cameos_unavailable', 'This service has no cameo registry.', [
					{ path: '/characters', message: 'cameos are not available' },
				]);
			map.set(
				character.cameoId,
				await deps.cameos.resolveForRender(character.cameoId, { keyId: record.keyId }, record.id),
			);
		}
		return map;
	}

	/**
	 * Admission's plan, when the cameos just resolved are the ones it was planned with: a cameo
	 * changed since (re-recorded, its voice cloned) changes looks, voices and timing, and the
	 * provider plans again. A plan stored without a digest was made without cameos.
	 */
	async function admittedPlanFor(record: RenderRecord, cameos: ReadonlyMap<string, CameoAsset>) {
		// Planning again is always correct, only slower: a store that cannot answer costs no render.
		const admitted = await records.plan(record.id).catch((error: unknown) => {
			deps.log('admission plan not read; planning again', {
				renderId: record.id,
				error: (error as Error).message,
			});
			return undefined;
		});
		if (admitted === undefined) return undefined;
		if (admitted.inputsDigest === planInputsDigest(cameos)) return admitted.plan;
		deps.log('the cameos changed since admission: planning again', { renderId: record.id });
		return undefined;
	}

	async function storeOutputs(renderId: string, videoPath: string, generated: GeneratedVideo) {
		const files: Array<[OutputVariant, string | undefined, string]> = [
			['video', videoPath, 'video.mp4'],
			['poster', generated.stills?.poster, 'poster.jpg'],
			['thumbnail', generated.stills?.thumbnail, 'thumbnail.jpg'],
			['captions', generated.captionsPath, 'captions.vtt'],
		];
		const outputs: Partial<Record<OutputVariant, StoredOutput>> = {};
		for (const [variant, file, name] of files) {
			if (!file) continue;
			const key = `renders/${renderId}/${name}`;
			const stored = await deps.storage.putFile(key, file, CONTENT_TYPES[variant]);
			outputs[variant] = { key, ...stored };
		}
		return outputs;
	}

	async function handleFailure(
		renderId: string,
		err: unknown,
		signal: AbortSignal,
		job: JobRunContext,
		timings: StageTiming[],
	) {
		const reason = signal.aborted ? String(signal.reason) : undefined;
		if (reason === 'key_revoked') return stopForRevokedKey(renderId, timings);
		if (reason === 'shutdown') {
			// Not the render's fault: it goes back to the queue untouched, for this or another worker.
			await surely(renderId, () => records.requeue(renderId));
			throw new RequeueError();
		}
		if (reason === 'canceled' || err instanceof Canceled) {
			const r = await persist('read', renderId, () => records.get(renderId));
			if (r) await persist('release quota', renderId, () => deps.quotas.release(r.keyId, renderId));
			return;
		}
		const transient = isTransient(err);
		const message = err instanceof Error ? err.message : String(err);
		// ffmpeg's own codes (ffmpeg_crashed, disk_full, media_unreadable) say what went wrong.
		const code =
			err instanceof ApiError || err instanceof MediaError
				? err.code
				: transient
					? 'transient_failure'
					: 'render_failed';
		if (transient && job.attempt < deps.retry.attempts) {
			deps.log('render attempt failed; retrying', {
				renderId,
				attempt: job.attempt,
				error: message,
			});
			await surely(renderId, () =>
				records.requeue(renderId, { error: { code, message, retryable: true }, timings }),
			);
			throw err; // the queue retries with backoff
		}
		deps.log('render failed', { renderId, attempt: job.attempt, error: message });
		const details = err instanceof ApiError && err.details.length ? err.details : undefined;
		const failed = await surely(renderId, () =>
			records.fail(renderId, { code, message, ...(details ? { details } : {}) }, timings),
		);
		if (failed) {
			await persist('release quota', renderId, () => deps.quotas.release(failed.keyId, renderId));
			await persist('emit', renderId, () =>
				deps.events.emit('render.failed', { keyId: failed.keyId, render: failed }, { once: true }),
			);
		}
	}

	/** The service is closing: renders still waiting for the store give up (their jobs stay queued). */
	function stop() {
		stopped = true;
	}

	return Object.assign(runRender, { abandon, stop });
}

function throwIfAborted(signal: AbortSignal) {
	if (signal.aborted) throw new Canceled(String(signal.reason));
}

function ingredientsOf(record: RenderRecord): Ingredient[] {
	if (!record.source) return [];
	return [
		{
			renderId: record.source.renderId,
			title: record.source.renderId ?? record.source.url ?? 'uploaded video',
		},
	];
}

async function ensureDir(dir: string) {
	await fs.mkdir(dir, { recursive: true });
	return dir;
}

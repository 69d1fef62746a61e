import { remixTexts } from '../trust/moderation/specText';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { KeyRecord } from '../auth/keys';
import type { QuotaService } from '../auth/quotas';
import { newId } from '../ids';
import type { Moderator } from '../pipeline/contracts';
import type { ProviderRegistry } from '../providers/registry';
import type { JobQueue } from '../queue/queue';
import { ApiError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';
import { specDurationSeconds, validateRenderSpec } from '../spec/validate';
import type { ObjectStorage } from '../storage/storage';
import type { Collection, Store } from '../store/store';
import type { Warning } from '../engine/storyboard';
import { isTerminal, type RemixSource, type RenderRecord } from './renderRecord';

interface IdempotencyEntry {
	renderId: string;
	specHash: string;
}

interface KeyIndexEntry {
	renderId: string;
}

export interface CreateOptions {
	idempotencyKey?: string;
	kind?: 'render' | 'remix';
	source?: RemixSource;
}

export interface Page<T> {
	data: T[];
	nextCursor: string | null;
}

const hashSpec = (spec: unknown) => createHash('sha256').update(JSON.stringify(spec)).digest('hex');

/**
 * Accepting, reading, listing and canceling renders. Routes and the CLI call this; it knows the
 * store, the queue and the rules (validation, provider limits, tier limits, quotas, moderation of
 * the request), not how a video is made.
 */
export class RenderService {
	readonly renders: Collection<RenderRecord>;
	private readonly byKey: Collection<KeyIndexEntry>;
	private readonly idempotency: Collection<IdempotencyEntry>;
	/** Emits `update` with each record this process writes (SSE and the CLI progress bar listen). */
	readonly events = new EventEmitter();

	constructor(
		private readonly deps: {
			store: Store;
			queue: JobQueue;
			storage: ObjectStorage;
			quotas: QuotaService;
			providers: ProviderRegistry;
			moderator?: Moderator;
		},
	) {
		this.renders = deps.store.collection<RenderRecord>('renders');
		this.byKey = deps.store.collection<KeyIndexEntry>('renders-by-key');
		this.idempotency = deps.store.collection<IdempotencyEntry>('idempotency');
		this.events.setMaxListeners(0);
	}

	/** Validates everything a client can be told now, then stores and enqueues the render. */
	async create(
		input: unknown,
		caller: KeyRecord,
		options: CreateOptions = {},
	): Promise<{ record: RenderRecord; created: boolean }> {
		const spec = validateRenderSpec(input);
		const idemId = options.idempotencyKey
			? createHash('sha256').update(`${caller.id}\u0000${options.idempotencyKey}`).digest('hex')
			: undefined;
		if (idemId) {
			const previous = await this.idempotency.get(idemId);
			if (previous) return this.replay(previous, input, caller);
		}

		const warnings = this.checkAgainstProviderAndTier(spec, caller);
		const requestVerdict = this.deps.moderator
			? await this.deps.moderator.moderateSpec(
					spec,
					{ keyId: caller.id },
					remixTexts(options.source?.operations),
				)
			: undefined;
		// A `block` verdict refuses the request; a `flag` (a brand mention, say) is rendered and recorded,
		// and the output's own moderation decides whether it may be published.
		if (requestVerdict?.flagged && (requestVerdict.action ?? 'block') === 'block') {
			throw new ApiError(
				422,
				'content_policy',
				'The request was refused by content moderation.',
				requestVerdict.reasons.map((r) => ({
					path: r.path ?? '/',
					message: `${r.category} (${r.score.toFixed(2)}): ${r.detail}`,
				})),
			);
		}

		const id = newId('rnd');
		const now = new Date().toISOString();
		const record: RenderRecord = {
			id,
			object: 'render',
			kind: options.kind ?? 'render',
			keyId: caller.id,
			status: 'queued',
			progress: 0,
			stage: 'queued',
			attempts: 0,
			spec,
			warnings,
			timings: [],
			outputs: {},
			durationSeconds: specDurationSeconds(spec),
			source: options.source,
			publications: [],
			idempotencyKey: options.idempotencyKey,
			details: requestVerdict?.flagged ? { requestModeration: requestVerdict } : {},
			createdAt: now,
			updatedAt: now,
		};

		if (
			idemId &&
			!(await this.idempotency.create(idemId, { renderId: id, specHash: hashSpec(input) }))
		) {
			// Another request with the same key won the race: answer with its render.
			return this.replay((await this.idempotency.get(idemId))!, input, caller);
		}
		try {
			await this.deps.quotas.admit(caller, id, record.durationSeconds);
		} catch (err) {
			if (idemId) await this.idempotency.delete(idemId);
			throw err;
		}
		await this.renders.put(id, record);
		await this.byKey.put(`${caller.id}.${id}`, { renderId: id });
		try {
			await this.deps.queue.enqueue(id);
		} catch (err) {
			// Not accepted after all: undo, so the client's retry starts clean.
			await Promise.all([
				this.renders.delete(id),
				this.byKey.delete(`${caller.id}.${id}`),
				this.deps.quotas.release(caller.id, id),
				idemId ? this.idempotency.delete(idemId) : undefined,
			]);
			throw new ApiError(
				503,
				'queue_unavailable',
				`The job queue is unavailable: ${(err as Error).message}`,
			);
		}
		this.events.emit('update', record);
		return { record, created: true };
	}

	private async replay(entry: IdempotencyEntry, input: unknown, caller: KeyRecord) {
		if (entry.specHash !== hashSpec(input)) {
			throw ApiError.conflict(
				'idempotency_key_reused',
				'This Idempotency-Key was used with a different request body.',
			);
		}
		const record = await this.renders.get(entry.renderId);
		if (!record || record.keyId !== caller.id)
			throw ApiError.conflict(
				'idempotency_key_reused',
				'This Idempotency-Key belongs to a render that no longer exists.',
			);
		return { record, created: false };
	}

	/** Provider limits (field errors), provider warnings, and what the caller's tier allows. */
	checkAgainstProviderAndTier(spec: RenderSpec, caller: KeyRecord): Warning[] {
		const provider = this.deps.providers.get(spec.provider);
		const limits = provider.capabilities().limits;
		const details: { path: string; message: string }[] = [];
		const seconds = specDurationSeconds(spec);
		if (seconds > limits.maxDurationSeconds)
			details.push({
				path: spec.shots.length ? '/shots' : '/durationSeconds',
				message: `provider "${provider.id}" renders at most ${limits.maxDurationSeconds} s; this spec lasts ${seconds} s`,
			});
		if (Math.max(spec.output.width, spec.output.height) > limits.maxEdgePx)
			details.push({
				path: '/output',
				message: `provider "${provider.id}" renders at most ${limits.maxEdgePx} px on an edge`,
			});
		if (spec.output.fps > limits.maxFps)
			details.push({
				path: '/output/fps',
				message: `provider "${provider.id}" renders at most ${limits.maxFps} fps`,
			});
		if (details.length) throw ApiError.invalid("The spec exceeds the provider's limits.", details);

		const tier = this.deps.quotas.tierOf(caller);
		if (tier.watermarkRequired && !spec.watermark.enabled) {
			throw new ApiError(
				403,
				'tier_forbids',
				`The ${tier.name} tier cannot turn the watermark off.`,
				[{ path: '/watermark/enabled', message: `must be true on the ${tier.name} tier` }],
			);
		}
		if (Math.max(spec.output.width, spec.output.height) > tier.maxEdgePx) {
			throw new ApiError(
				403,
				'tier_forbids',
				`The ${tier.name} tier renders at most ${tier.maxEdgePx} px on an edge.`,
				[
					{
						path: '/output',
						message: `at most ${tier.maxEdgePx} px on an edge on the ${tier.name} tier`,
					},
				],
			);
		}
		return provider.check(spec);
	}

	/** The caller's render, or 404 (another key's render is indistinguishable from a missing one). */
	async get(id: string, caller: KeyRecord): Promise<RenderRecord> {
		const record = await this.renders.get(id).catch(() => undefined);
		if (!record || record.keyId !== caller.id) throw ApiError.notFound(`Render ${id}`);
		return record;
	}

	async list(
		caller: KeyRecord,
		options: { cursor?: string; limit: number; status?: string },
	): Promise<Page<RenderRecord>> {
		const data: RenderRecord[] = [];
		let before = options.cursor ? `${caller.id}.${options.cursor}` : undefined;
		// Filtering by status may need more than one page of the index.
		for (;;) {
			const batch = await this.byKey.list({
				prefix: `${caller.id}.`,
				before,
				limit: options.limit + 1,
			});
			for (const entry of batch) {
				const record = await this.renders.get(entry.renderId);
				if (record && (!options.status || record.status === options.status)) data.push(record);
			}
			if (batch.length <= options.limit || data.length > options.limit) break;
			before = `${caller.id}.${batch[batch.length - 1].renderId}`;
		}
		const page = data.slice(0, options.limit);
		return {
			data: page,
			nextCursor: data.length > options.limit ? page[page.length - 1].id : null,
		};
	}

	/** Cancels an unfinished render. Returns the updated record. */
	async cancel(id: string, caller: KeyRecord): Promise<RenderRecord> {
		const current = await this.get(id, caller);
		if (isTerminal(current.status)) return current;
		const updated = await this.renders.update(id, (r) =>
			isTerminal(r.status)
				? r
				: {
						...r,
						status: 'canceled',
						error: { code: 'canceled', message: 'Canceled by the client.', retryable: false },
						updatedAt: new Date().toISOString(),
						completedAt: new Date().toISOString(),
					},
		);
		await this.deps.queue.cancel(id);
		if (updated?.status === 'canceled') await this.deps.quotas.release(updated.keyId, id);
		this.events.emit('update', updated);
		return updated!;
	}

	/** Deletes a finished render and its files. */
	async delete(id: string, caller: KeyRecord): Promise<void> {
		const record = await this.get(id, caller);
		if (!isTerminal(record.status))
			throw ApiError.conflict('render_active', 'Cancel the render before deleting it.');
		await Promise.all(
			Object.values(record.outputs).map((o) => (o ? this.deps.storage.delete(o.key) : undefined)),
		);
		await Promise.all([this.renders.delete(id), this.byKey.delete(`${caller.id}.${id}`)]);
	}

	/** Unfinished renders, for recovery at start of the embedded service. */
	async unfinished(): Promise<RenderRecord[]> {
		const out: RenderRecord[] = [];
		let before: string | undefined;
		for (;;) {
			const batch = await this.renders.list({ before, limit: 500 });
			out.push(...batch.filter((r) => !isTerminal(r.status)));
			if (batch.length < 500) return out.reverse();
			before = batch[batch.length - 1].id;
		}
	}
}

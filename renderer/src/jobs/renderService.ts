import { assertProvidersAllowed } from '../auth/providerSeconds';
import { remixTexts } from '../trust/moderation/specText';
import { createHash } from 'node:crypto';
import type { KeyRecord } from '../auth/keys';
import type { QuotaService } from '../auth/quotas';
import { newId } from '../ids';
import type { Moderator } from '../pipeline/contracts';
import type { ProviderRegistry } from '../providers/registry';
import type { JobQueue } from '../queue/queue';
import { ApiError, ServiceUnavailableError, type FieldError } from '../spec/errors';
import { mediaRefsOf } from '../spec/mediaRefs';
import { assetKey } from '../shots/mediaSource';
import type { RenderSpec } from '../spec/renderSpec';
import { completeRenderSpec, specDurationSeconds, validateRenderSpec } from '../spec/validate';
import { assertWithinLimits } from '../providers/limits';
import type { ObjectStorage } from '../storage/storage';
import { uploadKey } from '../storage/uploads';
import type { Collection, Store } from '../store/store';
import type { Coverage } from '../spec/coverage';
import { coverageWarnings } from '../engine/coverage';
import type { CameoAsset, StoryDraft, Warning } from '../pipeline/render';
import { planInputsDigest, type AdmittedPlan } from './planInputs';
import { isTerminal, type RemixSource, type RenderRecord } from './renderRecord';
import { KEY_REVOKED, RenderRecords } from './renderRecords';
import { pageOf, type Page } from '../store/page';

interface IdempotencyEntry {
	renderId: string;
	specHash: string;
}

interface KeyIndexEntry {
	renderId: string;
}

export interface CreateOptions {
	idempotencyKey?: string;
	/**
	 * Aborted when the client gave up (closed the connection before the answer). Checked at the
	 * point of no return: before it nothing is stored or charged; after it the render is accepted
	 * and runs (the client finds it again with the same Idempotency-Key), and `accepted` says so.
	 */
	clientGone?: AbortSignal;
	kind?: 'render' | 'remix';
	source?: RemixSource;
	/**
	 * The input is a request body the route already validated against RenderSpecSchema (defaults
	 * filled in): only the rules the schema cannot say are checked, not the schema a second time.
	 */
	schemaChecked?: boolean;
	/**
	 * Cameos this request already checked (`checkCameo`, under the field that named them: a remix's
	 * `/operations/cameo/cameoId`), planned with as they read then rather than asked for again.
	 */
	checkedCameos?: ReadonlyMap<string, CameoAsset>;
}

/** Writes the shots of a prompt-only spec with something other than the rules (a language model). */
export interface StoryWriter {
	/** Shots for the spec, or a draft without shots saying why the rules plan it; never throws. */
	write(spec: RenderSpec): Promise<StoryDraft>;
}

/** What admission learns about a spec: warnings, coverage, and the storyboard a model wrote. */
export interface Assessment {
	warnings: Warning[];
	coverage?: Coverage;
	story?: StoryDraft;
	/** The provider's plan the warnings and coverage came from, kept for the render (local engine). */
	plan?: unknown;
}

/** 499 (nginx's "client closed request"): nobody reads it; it ends the request without a record. */
function clientClosedRequest(): ApiError {
	return new ApiError(
		499,
		'client_closed_request',
		'The client closed the connection before the render was accepted; nothing was created.',
	);
}

const hashSpec = (spec: unknown) => createHash('sha256').update(JSON.stringify(spec)).digest('hex');

/**
 * Accepting, reading, listing and canceling renders. Routes and the CLI call this; it knows the
 * store, the queue and the rules (validation, provider limits, tier limits, quotas, moderation of
 * the request), not how a video is made.
 */
export class RenderService {
	/** The render records' one owner: every change to a render is one of its transitions. */
	readonly records: RenderRecords;
	private readonly byKey: Collection<KeyIndexEntry>;
	private readonly idempotency: Collection<IdempotencyEntry>;
	/** Emits `update` with each record this process writes (SSE and the CLI progress bar listen). */
	readonly events: RenderRecords['events'];

	constructor(
		private readonly deps: {
			store: Store;
			queue: JobQueue;
			storage: ObjectStorage;
			quotas: QuotaService;
			providers: ProviderRegistry;
			moderator?: Moderator;
			/**
			 * Refuses a cameo the caller may not use, with its JSON pointer, before anything is charged;
			 * answers what the planner takes of a usable one (its look and voice).
			 */
			cameos?: {
				checkUsable(
					cameoId: string,
					caller: { keyId: string },
					pointer: string,
				): Promise<CameoAsset>;
			};
			/** Refuses a `webhook.url` the outbound door would not send to (JSON pointer in the error). */
			checkWebhookUrl?: (url: unknown, pointer: string) => Promise<string>;
			/** Refuses a media URL (a music track) the outbound door would not fetch. */
			checkMediaUrl?: (url: string, pointer: string) => Promise<unknown>;
			storyWriter?: StoryWriter;
		},
	) {
		this.records = new RenderRecords(deps.store);
		this.events = this.records.events;
		this.byKey = deps.store.collection<KeyIndexEntry>('renders-by-key');
		this.idempotency = deps.store.collection<IdempotencyEntry>('idempotency');
	}

	/**
	 * Media the spec names, checked now with its pointer rather than failing the render: an upload
	 * must be the caller's own and exist; a URL must be one the outbound door will fetch.
	 */
	private async checkMedia(spec: RenderSpec, caller: KeyRecord): Promise<void> {
		const uploadId = spec.audio.music?.source?.uploadId;
		if (uploadId && !(await this.deps.storage.stat(uploadKey(caller.id, uploadId))))
			throw ApiError.invalid('The music upload was not found.', [
				{ path: '/audio/music/source/uploadId', message: `no upload ${uploadId} for this API key` },
			]);
		const url = spec.audio.music?.source?.url;
		if (url && this.deps.checkMediaUrl)
			await this.deps.checkMediaUrl(url, '/audio/music/source/url');
		// Pictures and clips: every field at once, so a client fixes a spec in one round.
		const refs = mediaRefsOf(spec);
		const refused: Array<{ code: string; details: FieldError[] }> = [];
		await Promise.all(
			refs.map(async (ref) => {
				if ('asset' in ref) {
					if (!(await this.deps.storage.stat(assetKey(caller.id, ref.asset))))
						refused.push({
							code: 'asset_not_found',
							details: [{ path: ref.pointer, message: 'no such asset for this API key' }],
						});
					return;
				}
				try {
					await this.deps.checkMediaUrl?.(ref.url, ref.pointer);
				} catch (error) {
					if (!(error instanceof ApiError)) throw error;
					refused.push({
						code: error.code,
						details: error.details?.length
							? error.details
							: [{ path: ref.pointer, message: error.message }],
					});
				}
			}),
		);
		if (refused.length) {
			const order = (e: FieldError) => refs.findIndex((r) => e.path.startsWith(r.pointer));
			const details = refused.flatMap((r) => r.details).sort((a, b) => order(a) - order(b));
			const codes = new Set(refused.map((r) => r.code));
			throw new ApiError(
				422,
				codes.size === 1 ? [...codes][0]! : 'media_refused',
				details.length === 1
					? `The spec names a picture or clip that cannot be used: ${details[0]!.path}.`
					: 'The spec names pictures or clips that cannot be used.',
				details,
			);
		}
	}

	/**
	 * A cameo the caller may cast, as the planner takes it (its look and voice); otherwise a 4xx
	 * naming `pointer`, the field of the request that named it.
	 */
	async checkCameo(cameoId: string, caller: KeyRecord, pointer: string): Promise<CameoAsset> {
		if (!this.deps.cameos)
			throw new ApiError(400, 'cameos_unavailable', 'This service has no cameo registry.', [
				{ path: pointer, message: 'cameos are not available' },
			]);
		return this.deps.cameos.checkUsable(cameoId, { keyId: caller.id }, pointer);
	}

	/** Validates everything a client can be told now, then stores and enqueues the render. */

	async create(
		input: unknown,
		caller: KeyRecord,
		options: CreateOptions = {},
	): Promise<{ record: RenderRecord; created: boolean }> {
		const spec = options.schemaChecked
			? completeRenderSpec(input as RenderSpec)
			: validateRenderSpec(input);
		const idemId = options.idempotencyKey
			? createHash('sha256').update(`${caller.id}\u0000${options.idempotencyKey}`).digest('hex')
			: undefined;
		if (idemId) {
			const previous = await this.idempotency.get(idemId);
			if (previous) return this.replay(previous, input, caller);
		}

		// Limits first, once (no planning: cheap, and a refused spec costs no model call).
		this.checkLimits(spec, caller);
		await this.checkMedia(spec, caller);
		// Checked now, with its pointer, rather than failing at the first delivery.
		if (spec.webhook && this.deps.checkWebhookUrl)
			await this.deps.checkWebhookUrl(spec.webhook.url, '/webhook/url');
		// A cameo the caller may not use is refused now, not charged and failed at render time; a
		// usable one is planned with as it reads now.
		const cameos = new Map<string, CameoAsset>();
		for (const [i, character] of spec.characters.entries()) {
			if (!character.cameoId) continue;
			const asset =
				options.checkedCameos?.get(character.cameoId) ??
				(await this.checkCameo(character.cameoId, caller, `/characters/${i}/cameoId`));
			cameos.set(character.cameoId, asset);
		}
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

		// Only a request moderation let through goes to a storyboard model, and what the model wrote
		// is moderated too before the render may use it.
		const story = await this.moderatedStory(spec, caller);
		const { warnings, coverage, plan } = this.assessWithinLimits(spec, story, cameos);
		const inputsDigest = plan ? planInputsDigest(cameos) : undefined;
		const admittedPlan: AdmittedPlan | undefined = plan
			? { plan, ...(inputsDigest ? { inputsDigest } : {}) }
			: undefined;

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
			...(coverage ? { coverage } : {}),
			...(story ? { story } : {}),
			planner: story?.planner ?? { name: 'rules' },
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

		// The point of no return: a client that went away while the checks ran gets nothing made.
		if (options.clientGone?.aborted) throw clientClosedRequest();
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
			if (idemId) await this.idempotency.delete(idemId).catch(() => undefined);
			throw err;
		}
		try {
			await Promise.all([
				this.records.admit(record, admittedPlan),
				this.byKey.put(`${caller.id}.${id}`, { renderId: id }),
			]);
			await this.enqueueOrRefuse(id);
		} catch (err) {
			// Not accepted after all: undo, so the client's retry starts clean. If the store is gone
			// too, the undo fails; a retry with the same Idempotency-Key then enqueues the stored record.
			await Promise.allSettled([
				this.records.remove(id),
				this.byKey.delete(`${caller.id}.${id}`),
				this.deps.quotas.release(caller.id, id),
				idemId ? this.idempotency.delete(idemId) : undefined,
			]);
			throw err;
		}
		this.records.announceAdmitted(record);
		return { record, created: true };
	}

	private async replay(entry: IdempotencyEntry, input: unknown, caller: KeyRecord) {
		if (entry.specHash !== hashSpec(input)) {
			throw ApiError.conflict(
				'idempotency_key_reused',
				'This Idempotency-Key was used with a different request body.',
			);
		}
		const record = await this.records.get(entry.renderId);
		if (!record || record.keyId !== caller.id)
			throw ApiError.conflict(
				'idempotency_key_reused',
				'This Idempotency-Key belongs to a render that no longer exists.',
			);
		// A create that failed after storing the record (the queue went away before the job was
		// added, and the undo failed too) is healed by the client's retry: enqueueing is idempotent.
		if (record.status === 'queued') await this.enqueueOrRefuse(record.id);
		return { record, created: false };
	}

	/** Adds the job; a queue that cannot take it answers 503 with Retry-After (nothing accepted). */
	private async enqueueOrRefuse(id: string): Promise<void> {
		try {
			await this.deps.queue.enqueue(id);
		} catch (err) {
			if (err instanceof ServiceUnavailableError) throw err;
			throw new ServiceUnavailableError('job queue');
		}
	}

	/** The storyboard a language model writes for a prompt-only spec, when one is configured. */
	async writeStory(spec: RenderSpec): Promise<StoryDraft | undefined> {
		return this.deps.storyWriter && spec.shots.length === 0 && spec.prompt
			? await this.deps.storyWriter.write(spec)
			: undefined;
	}

	/** `writeStory`, with the model's shots refused (the rules plan) when moderation blocks them. */
	private async moderatedStory(
		spec: RenderSpec,
		caller: KeyRecord,
	): Promise<StoryDraft | undefined> {
		const story = await this.writeStory(spec);
		if (!story?.shots || !this.deps.moderator) return story;
		const verdict = await this.deps.moderator.moderateSpec(
			{ ...spec, shots: story.shots, characters: story.characters ?? spec.characters },
			{ keyId: caller.id },
		);
		if (!verdict.flagged || (verdict.action ?? 'block') !== 'block') return story;
		return {
			planner: {
				name: 'rules',
				fallbackReason: `content moderation refused the model's storyboard (${verdict.reasons
					.map((r) => r.category)
					.join(', ')})`,
			},
		};
	}

	/**
	 * What admission tells a client about a spec, planned once: the provider's and tier's checks and
	 * the coverage report, whose terms not drawn are added to the warnings.
	 */
	assess(spec: RenderSpec, caller: KeyRecord, story?: StoryDraft): Assessment {
		this.checkLimits(spec, caller);
		return this.assessWithinLimits(spec, story);
	}

	/**
	 * `assess` for a spec whose limits were checked: the provider's warnings and coverage, and its
	 * plan, all made with the same story and cameos (the local engine plans once for the three).
	 */
	private assessWithinLimits(
		spec: RenderSpec,
		story?: StoryDraft,
		cameos?: ReadonlyMap<string, CameoAsset>,
	): Assessment {
		const provider = this.deps.providers.forSpec(spec);
		const options = { story, ...(cameos?.size ? { cameos } : {}) };
		const warnings = provider.check(spec, options);
		const coverage = provider.coverage?.(spec, options);
		const plan = provider.plan?.(spec, options);
		return {
			warnings: coverage ? [...warnings, ...coverageWarnings(coverage, warnings)] : warnings,
			...(coverage ? { coverage } : {}),
			...(story ? { story } : {}),
			...(plan ? { plan } : {}),
		};
	}

	/** Provider limits (field errors), provider warnings, and what the caller's tier allows. */
	checkAgainstProviderAndTier(spec: RenderSpec, caller: KeyRecord, story?: StoryDraft): Warning[] {
		this.checkLimits(spec, caller);
		return this.deps.providers.forSpec(spec).check(spec, { story });
	}

	/**
	 * The one limits check: the provider's published limits (one message per field, see
	 * providers/limits.ts), then what the caller's tier allows. Throws; plans nothing.
	 */
	private checkLimits(spec: RenderSpec, caller: KeyRecord): void {
		const provider = this.deps.providers.forSpec(spec);
		assertWithinLimits(spec, provider.id, provider.capabilities().limits);
		const tier = this.deps.quotas.tierOf(caller);
		assertProvidersAllowed(spec, tier);
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
	}

	/** The caller's render, or 404 (another key's render is indistinguishable from a missing one). */
	async get(id: string, caller: KeyRecord): Promise<RenderRecord> {
		const record = await this.records.get(id).catch(() => undefined);
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
				const record = await this.records.get(entry.renderId);
				if (record && (!options.status || record.status === options.status)) data.push(record);
			}
			if (batch.length <= options.limit || data.length > options.limit) break;
			before = `${caller.id}.${batch[batch.length - 1].renderId}`;
		}
		return pageOf(data, options.limit);
	}

	/** Cancels an unfinished render. Returns the updated record. */
	async cancel(id: string, caller: KeyRecord): Promise<RenderRecord> {
		const current = await this.get(id, caller);
		if (isTerminal(current.status)) return current;
		const canceled = await this.records.cancel(id, {
			code: 'canceled',
			message: 'Canceled by the client.',
		});
		await this.deps.queue.cancel(id);
		if (canceled) await this.deps.quotas.release(canceled.keyId, id);
		// Finished meanwhile (by its worker or another cancel): the record as it now reads.
		return canceled ?? (await this.get(id, caller));
	}

	/**
	 * Stops every unfinished render of a key whose key was revoked: each is canceled with
	 * `key_revoked` and its worker aborted (workers also notice on their own within a second).
	 * Returns how many were stopped.
	 */
	async stopAllOf(keyId: string): Promise<number> {
		let stopped = 0;
		let before: string | undefined;
		for (;;) {
			const batch = await this.byKey.list({ prefix: `${keyId}.`, before, limit: 200 });
			for (const { renderId } of batch) {
				const canceled = await this.records.cancel(renderId, KEY_REVOKED);
				if (!canceled) continue;
				stopped++;
				await this.deps.queue.cancel(renderId).catch(() => undefined);
				await this.deps.quotas.release(keyId, renderId);
			}
			if (batch.length < 200) return stopped;
			before = `${keyId}.${batch[batch.length - 1].renderId}`;
		}
	}

	/** Deletes a finished render and its files. */
	async delete(id: string, caller: KeyRecord): Promise<void> {
		const record = await this.get(id, caller);
		if (!isTerminal(record.status))
			throw ApiError.conflict('render_active', 'Cancel the render before deleting it.');
		await Promise.all(
			Object.values(record.outputs).map((o) => (o ? this.deps.storage.delete(o.key) : undefined)),
		);
		await Promise.all([this.records.remove(id), this.byKey.delete(`${caller.id}.${id}`)]);
	}

	/**
	 * The embedded queue lives in memory: at start (and when the render process died) every render
	 * the store has as unfinished goes back on it, those that were rendering as queued again.
	 * Returns how many.
	 */
	async requeueUnfinished(): Promise<number> {
		const unfinished = await this.unfinished();
		for (const record of unfinished) {
			if (record.status === 'rendering') await this.records.requeue(record.id);
			await this.deps.queue.enqueue(record.id);
		}
		return unfinished.length;
	}

	/** Unfinished renders, for recovery at start of the embedded service. */
	async unfinished(): Promise<RenderRecord[]> {
		const out: RenderRecord[] = [];
		let before: string | undefined;
		for (;;) {
			const batch = await this.records.list({ before, limit: 500 });
			out.push(...batch.filter((r) => !isTerminal(r.status)));
			if (batch.length < 500) return out.reverse();
			before = batch[batch.length - 1].id;
		}
	}
}

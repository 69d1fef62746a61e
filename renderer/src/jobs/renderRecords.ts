import { EventEmitter } from 'node:events';
import type { Warning } from '../pipeline/render';
import type { FieldError } from '../spec/errors';
import type { ShotProgress, StageName } from '../providers/provider';
import type { Collection, Store } from '../store/store';
import type { AdmittedPlan } from './planInputs';
import {
	isTerminal,
	type OutputVariant,
	type Publication,
	type RenderRecord,
	type StageTiming,
	type StoredOutput,
} from './renderRecord';

/** The named transitions of a render; each is also the name of the event it emits. */
export type RenderTransition =
	| 'admitted'
	| 'started'
	| 'progressed'
	| 'completed'
	| 'failed'
	| 'requeued'
	| 'canceled'
	| 'published'
	| 'unpublished'
	| 'relayed';

/** Why a render stopped: the `error` its record keeps. */
export interface StopReason {
	code: string;
	message: string;
	retryable?: boolean;
	details?: FieldError[];
}

/** Why a render stops when the API key that made it is revoked. */
export const KEY_REVOKED = {
	code: 'key_revoked',
	message: 'The API key that made this render was revoked.',
} as const;

/** What a finished render adds to its record. */
export interface RenderOutcome {
	outputs: Partial<Record<OutputVariant, StoredOutput>>;
	timings: StageTiming[];
	warnings: Warning[];
	transcript?: string;
	moderation?: RenderRecord['moderation'];
	provenance: NonNullable<RenderRecord['provenance']>;
	details: Record<string, unknown>;
}

/**
 * The one owner of the render record. Nothing else writes a render: every change is one of the
 * named transitions below, each checked against the record's current status inside the store's
 * update (a transition that no longer applies, a cancel having won the race, changes nothing and
 * answers `undefined`), stamped, persisted and announced.
 *
 * `events` emits each transition under its own name and, for the listeners that want every change
 * (SSE, the CLI's progress bar, the render process's IPC), `update` with the record and the name.
 */
export class RenderRecords {
	private readonly records: Collection<RenderRecord>;
	/** Admission's plans, by render id: written once, beside the record its progress rewrites. */
	private readonly plans: Collection<AdmittedPlan>;
	readonly events = new EventEmitter();

	constructor(store: Store) {
		this.records = store.collection<RenderRecord>('renders');
		this.plans = store.collection<AdmittedPlan>('render-plans');
		this.events.setMaxListeners(0);
	}

	get(id: string): Promise<RenderRecord | undefined> {
		return this.records.get(id);
	}

	/** Newest first, `before` an id. */
	list(options: { before?: string; limit: number }): Promise<RenderRecord[]> {
		return this.records.list(options);
	}

	/**
	 * Stores a render admission accepted, with the plan admission made for it (if any); announced by
	 * `announceAdmitted` once it is queued.
	 */
	async admit(record: RenderRecord, plan?: AdmittedPlan): Promise<void> {
		// The plan first: a stored record always finds the plan it was admitted with.
		if (plan) await this.plans.put(record.id, plan);
		await this.records.put(record.id, record);
	}

	/** The plan admission stored for a render; `undefined` for none (or a render admitted without). */
	plan(id: string): Promise<AdmittedPlan | undefined> {
		return this.plans.get(id);
	}

	/** The admitted render is queued: listeners hear of it. */
	announceAdmitted(record: RenderRecord): void {
		this.announce('admitted', record);
	}

	/** Forgets a render (deleted by its owner, or an admission undone). */
	async remove(id: string): Promise<void> {
		await Promise.all([this.records.delete(id), this.plans.delete(id)]);
	}

	/** A worker takes the render: a fresh attempt (a retry, a hand-over) starts from zero. */
	start(id: string, attempt: number): Promise<RenderRecord | undefined> {
		return this.transition('started', id, (r) =>
			r.status === 'queued' || r.status === 'rendering'
				? {
						...r,
						status: 'rendering',
						stage: 'queued',
						progress: 0,
						attempts: attempt,
						startedAt: r.startedAt ?? new Date().toISOString(),
						error: undefined,
					}
				: undefined,
		);
	}

	/** Progress of a running render (it never goes back); `undefined` once it is no longer running. */
	progress(
		id: string,
		at: {
			stage: StageName;
			percent: number;
			timings: StageTiming[];
			/** A story of shots: where each shot is. */
			shots?: ShotProgress[];
		},
	): Promise<RenderRecord | undefined> {
		return this.transition('progressed', id, (r) =>
			r.status === 'rendering'
				? {
						...r,
						progress: Math.max(r.progress, at.percent),
						stage: at.stage,
						...(at.shots ? { shotProgress: at.shots } : {}),
						timings: [...at.timings],
					}
				: undefined,
		);
	}

	/** The outputs are stored: the render is completed (unless it was canceled meanwhile). */
	complete(id: string, outcome: RenderOutcome): Promise<RenderRecord | undefined> {
		return this.transition('completed', id, (r) =>
			r.status === 'rendering'
				? {
						...r,
						status: 'completed',
						progress: 100,
						stage: 'store',
						outputs: outcome.outputs,
						timings: outcome.timings,
						// The generator's warnings join admission's, without repeating one.
						warnings: [
							...r.warnings,
							...outcome.warnings.filter(
								(w) => !r.warnings.some((x) => x.path === w.path && x.term === w.term),
							),
						],
						transcript: outcome.transcript,
						moderation: outcome.moderation,
						provenance: outcome.provenance,
						details: { ...r.details, ...outcome.details },
						completedAt: new Date().toISOString(),
					}
				: undefined,
		);
	}

	/** Fails an unfinished render for good (its error says why: render, worker lost, cameo revoked). */
	fail(id: string, reason: StopReason, timings?: StageTiming[]): Promise<RenderRecord | undefined> {
		return this.transition('failed', id, (r) =>
			isTerminal(r.status)
				? undefined
				: {
						...r,
						status: 'failed',
						error: errorOf(reason),
						...(timings ? { timings } : {}),
						completedAt: new Date().toISOString(),
					},
		);
	}

	/**
	 * A running render goes back to the queue: a retry keeps its progress and says why (`retry`);
	 * a shutdown or a recovery after a dead worker starts it over, untouched.
	 */
	requeue(
		id: string,
		retry?: { error: StopReason; timings: StageTiming[] },
	): Promise<RenderRecord | undefined> {
		return this.transition('requeued', id, (r) =>
			r.status !== 'rendering'
				? undefined
				: retry
					? {
							...r,
							status: 'queued',
							stage: 'queued',
							error: errorOf(retry.error),
							timings: retry.timings,
						}
					: { ...r, status: 'queued', stage: 'queued', progress: 0 },
		);
	}

	/** Stops an unfinished render: the client canceled it, or the key that made it was revoked. */
	cancel(
		id: string,
		reason: StopReason,
		timings?: StageTiming[],
	): Promise<RenderRecord | undefined> {
		return this.transition('canceled', id, (r) =>
			isTerminal(r.status)
				? undefined
				: {
						...r,
						status: 'canceled',
						error: errorOf(reason),
						...(timings?.length ? { timings } : {}),
						completedAt: new Date().toISOString(),
					},
		);
	}

	/** A publication of the render was made. */
	publish(id: string, publication: Publication): Promise<RenderRecord | undefined> {
		return this.transition('published', id, (r) => ({
			...r,
			publications: [...r.publications, publication],
		}));
	}

	/** A publication of the render was withdrawn at `at` (the first withdrawal's time stands). */
	unpublish(id: string, publicationId: string, at: string): Promise<RenderRecord | undefined> {
		return this.transition('unpublished', id, (r) => ({
			...r,
			publications: r.publications.map((p) =>
				p.id === publicationId ? { ...p, unpublishedAt: p.unpublishedAt ?? at } : p,
			),
		}));
	}

	/** A record another process wrote (the render process, over IPC): this process's listeners hear of it. */
	relay(record: RenderRecord): void {
		this.announce('relayed', record);
	}

	private announce(name: RenderTransition, record: RenderRecord): void {
		this.events.emit(name, record);
		this.events.emit('update', record, name);
	}

	/**
	 * Applies `change` in the store's update, stamped with `updatedAt`; when `change` answers
	 * `undefined` (the transition no longer applies) nothing is written and nothing announced.
	 */
	private async transition(
		name: RenderTransition,
		id: string,
		change: (r: RenderRecord) => RenderRecord | undefined,
	): Promise<RenderRecord | undefined> {
		let skipped = false;
		const updated = await this.records.update(id, (r) => {
			const next = change(r);
			skipped = !next;
			return next ? { ...next, updatedAt: new Date().toISOString() } : r;
		});
		if (!updated || skipped) return undefined;
		this.announce(name, updated);
		return updated;
	}
}

function errorOf(reason: StopReason): NonNullable<RenderRecord['error']> {
	return {
		code: reason.code,
		message: reason.message,
		retryable: reason.retryable ?? false,
		...(reason.details ? { details: reason.details } : {}),
	};
}

import type { FieldError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';
import type { StoryDraft, Warning } from '../pipeline/render';
import type { Coverage, PlannerRecord } from '../spec/coverage';
import type { ModerationVerdict } from '../pipeline/contracts';
import type { ShotProgress, StageName } from '../providers/provider';

export const RENDER_STATUSES = ['queued', 'rendering', 'completed', 'failed', 'canceled'] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];
export const TERMINAL_STATUSES: readonly RenderStatus[] = ['completed', 'failed', 'canceled'];

export function isTerminal(status: RenderStatus): boolean {
	return TERMINAL_STATUSES.includes(status);
}

export type OutputVariant = 'video' | 'poster' | 'thumbnail' | 'captions';

export interface StoredOutput {
	key: string;
	size: number;
	contentType: string;
}

export interface StageTiming {
	stage: StageName;
	startedAt: string;
	ms: number;
}

export interface RemixSource {
	kind: 'render' | 'upload' | 'url';
	renderId?: string;
	/** The feed item the source render was remixed from (a remix of someone else's published clip). */
	feedItemId?: string;
	url?: string;
	/** Storage key of an uploaded or fetched source video. */
	objectKey?: string;
	operations: Record<string, unknown>;
}

export interface Publication {
	id: string;
	target: 'feed' | 'webhook' | 's3';
	url: string;
	visibility?: 'public' | 'unlisted' | 'private';
	publishedAt: string;
	unpublishedAt?: string;
	/** Set when moderation was overridden: who and why, kept for the record. */
	override?: { reason: string; keyId: string; at: string };
}

export interface RenderRecord {
	id: string;
	object: 'render';
	kind: 'render' | 'remix';
	keyId: string;
	status: RenderStatus;
	/** 0..100 */
	progress: number;
	stage: StageName;
	/** A story of shots: where each shot is (which source, how far), while it renders and after. */
	shotProgress?: ShotProgress[];
	attempts: number;
	spec: RenderSpec;
	warnings: Warning[];
	/** What the prompts name and whether the video shows it (providers that report it: the local engine). */
	coverage?: Coverage;
	/** Which planner wrote the shots (absent on records older than the field: the rules). */
	planner?: PlannerRecord;
	/** The storyboard a language model wrote at admission; the render plans it instead of splitting the prompt. */
	story?: StoryDraft;
	timings: StageTiming[];
	outputs: Partial<Record<OutputVariant, StoredOutput>>;
	/** Seconds of finished video (from the spec until rendered, then measured). */
	durationSeconds: number;
	transcript?: string;
	moderation?: ModerationVerdict & { status: 'passed' | 'flagged' };
	provenance?: { signed: boolean; manifest?: Record<string, unknown> };
	source?: RemixSource;
	publications: Publication[];
	/** Why it failed; `details` names fields (a provider's block reasons come as `/prompt` entries). */
	error?: { code: string; message: string; retryable: boolean; details?: FieldError[] };
	idempotencyKey?: string;
	details: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
	startedAt?: string;
	completedAt?: string;
}

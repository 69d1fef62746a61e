/** The API's answers as the app reads them (see /openapi.json and docs/feed.md). */
// Type-only: the server's schema module gives the type and nothing reaches the bundle.
import type { ProvenanceSummary as ServerProvenanceSummary } from '../../src/social/provenanceSummarySchema';

export interface FeedItem {
	id: string;
	renderId: string;
	visibility: 'public' | 'unlisted' | 'private';
	title: string | null;
	description: string | null;
	durationSeconds: number;
	url: string;
	contentUrl: string;
	posterUrl: string | null;
	captionsUrl: string | null;
	shareUrl: string;
	aiDisclosure: { label: string; depictsRealPerson: boolean; c2pa: boolean; standard: string };
	about: { prompt: string; style: string; provider: string } | null;
	remixedFrom: { itemId: string | null; url: string | null; title: string | null } | null;
	likes: number;
	likedByYou: boolean | null;
	yours: boolean;
	hidden: boolean;
	publishedAt: string;
}

export interface Page<T> {
	data: T[];
	nextCursor: string | null;
}

/** The provenance badge's answer: the server's schema type, with the item's AI disclosure. */
export type ProvenanceSummary = ServerProvenanceSummary & {
	aiDisclosure: FeedItem['aiDisclosure'];
};

export interface ChainStep {
	itemId: string | null;
	title: string | null;
	url: string | null;
	publishedAt: string | null;
}

export interface Capabilities {
	providers: Array<{
		id: string;
		displayName: string;
		available: boolean;
		reason?: string;
		offline: boolean;
		features: string[];
	}>;
	styles: string[];
	qualities: string[];
	vocabulary: { musicMoods?: Array<{ id: string; description: string }> };
}

export interface RenderView {
	id: string;
	status: 'queued' | 'rendering' | 'completed' | 'failed' | 'canceled';
	progress: number;
	stage: string;
	durationSeconds: number;
	error?: { code: string; message: string };
	spec: { characters?: Array<{ id: string; name: string }>; shots?: unknown[] };
}

export type Privacy = 'private' | 'restricted' | 'public';

export interface Cameo {
	id: string;
	name: string;
	status: 'awaiting_recording' | 'active' | 'rejected' | 'revoked';
	privacy: Privacy;
	allowedKeyIds: string[];
	script?: { words: string[]; text?: string };
	attempts: number;
	rejection?: { code: string; reason: string; at: string };
	checks?: {
		face: { found: boolean; framesChecked: number; framesWithFace: number };
		speech?: { heard: string[]; matchFraction: number; threshold: number };
		cutout?: { matte: string };
	};
	createdAt: string;
	revokedAt?: string;
}

export interface UsableCameo {
	id: string;
	name: string;
	privacy: Privacy;
	yours: boolean;
}

export interface AuditEntry {
	id: string;
	at: string;
	event: string;
	keyId: string;
	renderId?: string;
	detail?: string;
}

export interface AdminStats {
	generatedAt: string;
	queue: { driver: string; waiting: number; active: number; delayed: number };
	renders: { window: number; byStatus: Record<string, number> };
	failures: Array<{
		renderId: string;
		provider: string;
		code: string;
		message: string;
		attempts: number;
		failedAt: string;
	}>;
	providers: Array<{
		id: string;
		displayName: string;
		available: boolean;
		reason: string | null;
		offline: boolean;
		diagnostic: boolean;
		completedToday: number;
		failedToday: number;
		secondsToday: number;
		paidSecondsToday: number;
	}>;
	paidSecondsToday: number;
	reviews: { openCases: number; hidden: number };
}

export interface ReviewCase {
	itemId: string;
	item: FeedItem | null;
	ownerKeyId: string | null;
	hidden: boolean;
	openReports: number;
	reasons: Record<string, number>;
	reports: Array<{ id: string; reason: string; note: string | null; createdAt: string }>;
	lastReportedAt: string;
}

export interface ReviewDecision {
	id: string;
	itemId: string;
	decision: 'keep' | 'remove';
	reviewer: string;
	note?: string;
	reportIds: string[];
	reasons: Record<string, number>;
	at: string;
}

/** The moderation categories a report names, with words a viewer understands. */
export const REPORT_REASONS: Array<{ id: string; label: string }> = [
	{ id: 'sexual', label: 'Sexual content' },
	{ id: 'nudity', label: 'Nudity' },
	{ id: 'minors', label: 'Involves minors' },
	{ id: 'violence', label: 'Violence or gore' },
	{ id: 'self-harm', label: 'Self-harm' },
	{ id: 'hate', label: 'Hate or harassment' },
	{ id: 'weapons', label: 'Weapons or explosives' },
	{ id: 'illegal', label: 'Illegal activity' },
	{ id: 'real-person', label: 'A real person without consent' },
	{ id: 'protected-character', label: 'A protected character' },
	{ id: 'brand', label: 'A brand or trademark' },
];

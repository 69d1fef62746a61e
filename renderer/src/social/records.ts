/** The stored shapes of likes, reports and review decisions (same store drivers as renders). */
import { CATEGORIES, type Category } from '../trust/moderation/policy';

/** A report names one of the moderation categories, so reviews and automated checks speak one language. */
export const REPORT_REASONS = CATEGORIES;
export type ReportReason = Category;

export const REVIEW_DECISIONS = ['keep', 'remove'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

export interface LikeRecord {
	itemId: string;
	keyId: string;
	at: string;
}

export interface ReportRecord {
	id: string;
	object: 'report';
	itemId: string;
	renderId: string;
	/** The reporting API key. */
	keyId: string;
	reason: ReportReason;
	note?: string;
	/** open until a review decision: `upheld` (removed) or `dismissed` (kept). */
	status: 'open' | 'upheld' | 'dismissed';
	createdAt: string;
	decisionId?: string;
	closedAt?: string;
}

/** One feed item's reports waiting for a reviewer (the review queue holds the cases with open reports). */
export interface ReviewCase {
	itemId: string;
	/** Open reports, oldest first. */
	reportIds: string[];
	firstReportedAt: string;
	lastReportedAt: string;
}

export interface ReviewDecision {
	id: string;
	object: 'review_decision';
	itemId: string;
	renderId: string;
	/** The key that published the item. */
	ownerKeyId: string;
	decision: ReviewDecisionKind;
	/** Who decided: the name the reviewer gave, authenticated by the admin key. */
	reviewer: string;
	via: 'admin_key';
	note?: string;
	/** The reports this decision closed, and their reasons tallied. */
	reportIds: string[];
	reasons: Partial<Record<ReportReason, number>>;
	at: string;
}

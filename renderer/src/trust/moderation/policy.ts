/**
 * Moderation categories and the policy that turns per-category scores into a decision.
 * A policy is data (thresholds and actions per category), so an operator can tighten or relax
 * it through configuration without touching the rules.
 */

export const CATEGORIES = [
	'sexual',
	'minors',
	'violence',
	'self-harm',
	'hate',
	'weapons',
	'illegal',
	'real-person',
	'protected-character',
	'brand',
	'nudity',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** block: refuse (spec) or flag and refuse publishing (video); flag: allow but mark; allow: record only. */
export type PolicyAction = 'block' | 'flag' | 'allow';

export interface CategoryPolicy {
	/** A score at or above this triggers the action. */
	threshold: number;
	action: PolicyAction;
}

export interface ModerationPolicy {
	/** Recorded on every verdict so a decision can be traced to the policy that made it. */
	name: string;
	categories: Record<Category, CategoryPolicy>;
}

export const DEFAULT_POLICY: ModerationPolicy = {
	name: 'reelforge-default-v1',
	categories: {
		sexual: { threshold: 0.5, action: 'block' },
		minors: { threshold: 0.3, action: 'block' },
		violence: { threshold: 0.6, action: 'block' },
		'self-harm': { threshold: 0.5, action: 'block' },
		hate: { threshold: 0.5, action: 'block' },
		weapons: { threshold: 0.5, action: 'block' },
		illegal: { threshold: 0.6, action: 'block' },
		'real-person': { threshold: 0.5, action: 'block' },
		'protected-character': { threshold: 0.5, action: 'block' },
		brand: { threshold: 0.5, action: 'flag' },
		nudity: { threshold: 0.6, action: 'flag' },
	},
};

/** Overrides merge per category, so a config can change one threshold without restating the rest. */
export function resolvePolicy(overrides?: {
	name?: string;
	categories?: Partial<Record<Category, Partial<CategoryPolicy>>>;
}): ModerationPolicy {
	const categories = { ...DEFAULT_POLICY.categories };
	for (const [category, override] of Object.entries(overrides?.categories ?? {}) as Array<
		[Category, Partial<CategoryPolicy>]
	>) {
		if (!(category in categories))
			throw new Error(`Unknown moderation category "${category}"; known: ${CATEGORIES.join(', ')}`);
		const merged = { ...categories[category], ...override };
		if (!(merged.threshold >= 0 && merged.threshold <= 1))
			throw new Error(`Threshold for "${category}" must be within 0..1`);
		categories[category] = merged;
	}
	return {
		name:
			overrides?.name ??
			(overrides?.categories ? `${DEFAULT_POLICY.name}+custom` : DEFAULT_POLICY.name),
		categories,
	};
}

const SEVERITY: Record<PolicyAction, number> = { allow: 0, flag: 1, block: 2 };

/** The strongest action any category over its threshold calls for. */
export function decide(
	policy: ModerationPolicy,
	scores: Record<string, number>,
): { action: PolicyAction; triggered: Category[] } {
	let action: PolicyAction = 'allow';
	const triggered: Category[] = [];
	for (const category of CATEGORIES) {
		const rule = policy.categories[category];
		const score = scores[category] ?? 0;
		if (score >= rule.threshold && rule.action !== 'allow') {
			triggered.push(category);
			if (SEVERITY[rule.action] > SEVERITY[action]) action = rule.action;
		}
	}
	return { action, triggered };
}

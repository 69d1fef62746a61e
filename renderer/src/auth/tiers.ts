export interface Tier {
	name: string;
	rendersPerDay: number;
	outputSecondsPerDay: number;
	concurrentJobs: number;
	maxEdgePx: number;
	/** The free tier cannot turn the visible watermark off. */
	watermarkRequired: boolean;
	/** Providers this tier may use (`auto` included only when listed); absent: every provider. */
	providers?: string[];
}

export const DEFAULT_TIERS: Record<string, Tier> = {
	free: {
		name: 'free',
		rendersPerDay: 25,
		outputSecondsPerDay: 600,
		concurrentJobs: 1,
		maxEdgePx: 1920,
		watermarkRequired: true,
	},
	pro: {
		name: 'pro',
		rendersPerDay: 1000,
		outputSecondsPerDay: 36000,
		concurrentJobs: 4,
		maxEdgePx: 3840,
		watermarkRequired: false,
	},
};

/** Built-in tiers, with any field overridden by REELFORGE_TIERS (JSON). */
export function loadTiers(json?: string): Record<string, Tier> {
	const tiers = structuredClone(DEFAULT_TIERS);
	if (!json) return tiers;
	const overrides = JSON.parse(json) as Record<string, Partial<Tier>>;
	for (const [name, fields] of Object.entries(overrides))
		tiers[name] = { ...(tiers[name] ?? DEFAULT_TIERS.free), ...fields, name };
	return tiers;
}

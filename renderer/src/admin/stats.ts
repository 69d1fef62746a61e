import { RENDER_STATUSES, type RenderRecord, type RenderStatus } from '../jobs/renderRecord';
import type { ProviderCapabilities } from '../providers/provider';
import type { JobQueue } from '../queue/queue';

export interface AdminStatsDeps {
	queue: Pick<JobQueue, 'kind' | 'counts'>;
	/** The newest renders of every key, newest first. */
	recentRenders: (limit: number) => Promise<RenderRecord[]>;
	providers: () => ProviderCapabilities[];
	reports: () => Promise<{ openCases: number; hidden: number }>;
}

const startOfUtcDay = (now: Date) =>
	new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();

/**
 * The operator's overview: the queue's depth as the queue driver reports it, renders by state and
 * the latest failures (with their error codes) over the newest `window` renders, each provider's
 * health and the seconds it rendered today — paid seconds being those of providers that are not
 * offline (remote generators bill by the second of output; the local engine costs nothing).
 */
export async function adminStats(
	deps: AdminStatsDeps,
	options: { window: number; failures: number },
) {
	const [queue, renders, reports] = await Promise.all([
		deps.queue.counts(),
		deps.recentRenders(options.window),
		deps.reports(),
	]);
	const byStatus = Object.fromEntries(RENDER_STATUSES.map((s) => [s, 0])) as Record<
		RenderStatus,
		number
	>;
	for (const render of renders) byStatus[render.status]++;

	const today = startOfUtcDay(new Date());
	const providers = deps.providers().map((p) => {
		const mine = renders.filter((r) => r.spec.provider === p.id);
		const finishedToday = mine.filter((r) => (r.completedAt ?? r.updatedAt) >= today);
		const secondsToday = finishedToday
			.filter((r) => r.status === 'completed')
			.reduce((sum, r) => sum + r.durationSeconds, 0);
		return {
			id: p.id,
			displayName: p.displayName,
			available: p.available,
			reason: p.reason ?? null,
			offline: p.offline,
			diagnostic: p.features.includes('diagnostic'),
			completedToday: finishedToday.filter((r) => r.status === 'completed').length,
			failedToday: finishedToday.filter((r) => r.status === 'failed').length,
			secondsToday: Math.round(secondsToday * 10) / 10,
			paidSecondsToday: p.offline ? 0 : Math.round(secondsToday * 10) / 10,
		};
	});

	return {
		object: 'admin_stats' as const,
		generatedAt: new Date().toISOString(),
		queue: { driver: deps.queue.kind, ...queue },
		renders: { window: renders.length, byStatus },
		failures: renders
			.filter((r) => r.status === 'failed')
			.slice(0, options.failures)
			.map((r) => ({
				renderId: r.id,
				keyId: r.keyId,
				kind: r.kind,
				provider: r.spec.provider,
				code: r.error?.code ?? 'unknown',
				message: r.error?.message ?? '',
				attempts: r.attempts,
				failedAt: r.completedAt ?? r.updatedAt,
			})),
		providers,
		paidSecondsToday: providers.reduce((sum, p) => sum + p.paidSecondsToday, 0),
		reviews: reports,
	};
}

import client from 'prom-client';
import type { JobQueue } from './queue/queue';

export interface Metrics {
	registry: client.Registry;
	rendersCreated: client.Counter<'provider'>;
	rendersFinished: client.Counter<'status'>;
	renderSeconds: client.Histogram<string>;
	stageSeconds: client.Histogram<'stage'>;
	httpRequests: client.Counter<'method' | 'route' | 'status'>;
}

/** Prometheus metrics on a registry of this service's own (tests build several services in one process). */
export function createMetrics(queue: JobQueue): Metrics {
	const registry = new client.Registry();
	client.collectDefaultMetrics({ register: registry, prefix: 'reelforge_' });
	const queueDepth = new client.Gauge({
		name: 'reelforge_queue_jobs',
		help: 'Jobs in the queue by state.',
		labelNames: ['state'],
		registers: [registry],
		async collect() {
			const counts = await queue.counts().catch(() => ({ waiting: 0, active: 0, delayed: 0 }));
			for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
		},
	});
	void queueDepth;
	return {
		registry,
		rendersCreated: new client.Counter({
			name: 'reelforge_renders_created_total',
			help: 'Renders accepted.',
			labelNames: ['provider'],
			registers: [registry],
		}),
		rendersFinished: new client.Counter({
			name: 'reelforge_renders_finished_total',
			help: 'Render attempts finished, by resulting status.',
			labelNames: ['status'],
			registers: [registry],
		}),
		renderSeconds: new client.Histogram({
			name: 'reelforge_render_seconds',
			help: 'Wall time of a render attempt.',
			buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
			registers: [registry],
		}),
		stageSeconds: new client.Histogram({
			name: 'reelforge_stage_seconds',
			help: 'Wall time per pipeline stage.',
			labelNames: ['stage'],
			buckets: [0.05, 0.25, 1, 5, 15, 60, 300],
			registers: [registry],
		}),
		httpRequests: new client.Counter({
			name: 'reelforge_http_requests_total',
			help: 'HTTP requests.',
			labelNames: ['method', 'route', 'status'],
			registers: [registry],
		}),
	};
}

/** The metrics a render process observes (the rest of its registry duplicates the API's). */
export const RENDER_PROCESS_METRICS = [
	'reelforge_renders_finished_total',
	'reelforge_render_seconds',
	'reelforge_stage_seconds',
];

type MetricsJson = Awaited<ReturnType<client.Registry['getMetricsAsJSON']>>;

/** A render process's own render metrics, for its parent's /metrics. */
export async function renderProcessMetrics(metrics: Metrics): Promise<MetricsJson> {
	return (await metrics.registry.getMetricsAsJSON()).filter((m) =>
		RENDER_PROCESS_METRICS.includes(m.name),
	);
}

/** This process's metrics in the Prometheus text format, with a render process's added in. */
export async function metricsText(
	metrics: Metrics,
	renderProcess?: () => Promise<MetricsJson>,
): Promise<string> {
	if (!renderProcess) return metrics.registry.metrics();
	const [own, theirs] = await Promise.all([
		metrics.registry.getMetricsAsJSON(),
		renderProcess().catch(() => [] as MetricsJson),
	]);
	return client.AggregatorRegistry.aggregate([own, theirs]).metrics();
}

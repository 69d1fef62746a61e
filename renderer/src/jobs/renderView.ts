import type { RenderRecord } from './renderRecord';

/** What clients see of a render: links instead of storage keys, no internal fields. */
export function renderView(record: RenderRecord, publicUrl: string) {
	const outputs: Record<string, { url: string; size: number; contentType: string }> = {};
	for (const [variant, output] of Object.entries(record.outputs)) {
		if (output)
			outputs[variant] = {
				url: `${publicUrl}/v1/renders/${record.id}/content${variant === 'video' ? '' : `?variant=${variant}`}`,
				size: output.size,
				contentType: output.contentType,
			};
	}
	return {
		id: record.id,
		object: record.object,
		kind: record.kind,
		status: record.status,
		progress: record.progress,
		stage: record.stage,
		...(record.shotProgress ? { shotProgress: record.shotProgress } : {}),
		attempts: record.attempts,
		durationSeconds: record.durationSeconds,
		spec: record.spec,
		warnings: record.warnings,
		coverage: record.coverage,
		planner: record.planner ?? { name: 'rules' as const },
		timings: record.timings,
		outputs,
		transcript: record.transcript,
		moderation: record.moderation,
		provenance: record.provenance
			? {
					signed: record.provenance.signed,
					url: record.provenance.signed
						? `${publicUrl}/v1/renders/${record.id}/provenance`
						: undefined,
				}
			: undefined,
		source: record.source,
		publications: record.publications,
		error: record.error,
		details: record.details,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		startedAt: record.startedAt,
		completedAt: record.completedAt,
	};
}

export type RenderView = ReturnType<typeof renderView>;

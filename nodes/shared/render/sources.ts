import type { IDataObject } from 'n8n-workflow';
import type { Render } from '../helpers/interfaces';

interface ShotDetail {
	index?: number;
	source?: string;
	paidSeconds?: number;
	reused?: boolean;
	fallbackFrom?: Array<{ provider?: string; code?: string }>;
}

/**
 * Who made a render's video, at a glance on the output item: the provider (or, for a story from
 * several sources, each shot's), the fallbacks used, and the seconds a paid provider generated.
 */
export function sourcesOf(render: Render): IDataObject {
	const details = (render.details ?? {}) as IDataObject;
	const specProvider = (render.spec?.provider as string | undefined) ?? undefined;
	const shots = Array.isArray(details.shots) ? (details.shots as ShotDetail[]) : undefined;
	const remote = details.remote as { provider?: string; generatedSeconds?: number } | undefined;
	if (shots) {
		const fallbacks = shots
			.filter((s) => s.fallbackFrom?.length)
			.map((s) => ({
				shot: s.index,
				used: s.source,
				from: (s.fallbackFrom ?? []).map((f) => f.provider),
			}));
		return {
			provider: [...new Set(shots.map((s) => s.source))].join(', '),
			shotSources: shots.map((s) => s.source ?? null),
			fallbackUsed: fallbacks.length > 0,
			fallbacks,
			paidSeconds: Number(details.paidSeconds ?? 0),
		};
	}
	const routedTo = details.routedTo as string | undefined;
	const fallbacks = Array.isArray(details.fallbacks) ? (details.fallbacks as IDataObject[]) : [];
	return {
		provider: routedTo ?? remote?.provider ?? specProvider ?? null,
		fallbackUsed: fallbacks.length > 0,
		fallbacks,
		paidSeconds: Number(remote?.generatedSeconds ?? 0),
	};
}

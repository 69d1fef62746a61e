/**
 * Where each shot of a story is, reported as the render's `generate` progress: each piece's shots
 * move together, a fallback shows as the shot's new source, and the stage's fraction is the share
 * of the story's shots made so far.
 */
import type { RenderContext, ShotProgress } from '../providers/provider';
import type { Piece } from './pieces';
import type { ShotRoute } from './route';

/** Reports a piece at `fraction` (1: made), made by `source` when that changed (a fallback). */
export type PieceProgress = (piece: Piece, fraction: number, source?: string) => void;

export function shotProgressReporter(
	routes: ShotRoute[],
	ctx: Pick<RenderContext, 'progress'>,
): PieceProgress {
	const total = routes.length;
	const fractions = new Map<number, number>();
	const shotState: ShotProgress[] = routes.map((route) => ({
		index: route.index,
		source: route.candidates[0]!,
		status: 'waiting',
		percent: 0,
	}));
	return (piece, fraction, source) => {
		fractions.set(piece.shots[0]!, fraction * piece.shots.length);
		for (const i of piece.shots)
			shotState[i] = {
				index: i,
				source: source ?? shotState[i]!.source,
				status: fraction >= 1 ? 'done' : 'working',
				percent: Math.round(Math.min(1, Math.max(0, fraction)) * 100),
			};
		const done = [...fractions.values()].reduce((a, b) => a + b, 0);
		ctx.progress(
			'generate',
			Math.min(1, done / total),
			shotState.map((s) => ({ ...s })),
		);
	};
}

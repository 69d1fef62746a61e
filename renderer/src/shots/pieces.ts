/**
 * How a story's shots are cut into pieces for their sources: a run of local shots is one engine
 * render, every other shot its own; the one-provider sub-spec each piece is sent, and the paths of
 * what a provider says about a sub-spec pointed back at the story's own fields.
 */
import type { Warning } from '../pipeline/render';
import type { FieldError } from '../spec/errors';
import type { PictureRef, RenderSpec, Shot } from '../spec/renderSpec';
import { estimatedShotSeconds } from '../spec/narration';
import { LOCAL, type ShotRoute } from './route';

/** The reference pictures of the characters a shot shows (on screen or speaking), in cast order. */
export function shotReferences(
	spec: RenderSpec,
	index: number,
): Array<{ ref: PictureRef; at: string }> {
	const shot = spec.shots[index]!;
	const named = new Set([
		...(shot.characters ?? []),
		...(shot.dialogue ?? []).map((d) => d.character),
	]);
	return spec.characters.flatMap((c, i) =>
		named.has(c.id)
			? (c.images ?? []).map((ref, j) => ({ ref, at: `/characters/${i}/images/${j}` }))
			: [],
	);
}

/** A run of shots one source makes at once. */
export interface Piece {
	shots: number[];
	route: ShotRoute;
}

export const shotPath = (index: number) => `/shots/${index}`;

/** A one-provider spec for some of the story's shots: no watermark or music (the stitch lays them once). */
export function subSpecFor(spec: RenderSpec, indices: number[], provider: string): RenderSpec {
	// The voice-over is the story's (laid once over the stitch); auto lengths are estimates until spoken.
	const seconds = estimatedShotSeconds(spec);
	const shots = indices.map((i) => {
		const { provider: _p, media: _m, narration: _n, overlays: _o, ...shot } = spec.shots[i]!;
		return { ...shot, duration: seconds[i]! } as Shot;
	});
	const { voiceover: _voiceover, ...audio } = spec.audio;
	const named = new Set(
		shots.flatMap((s) => [...(s.characters ?? []), ...(s.dialogue ?? []).map((d) => d.character)]),
	);
	const { prompt: _prompt, durationSeconds: _d, ...rest } = spec;
	return {
		...rest,
		provider,
		fallback: 'none',
		shots,
		// Remote generators are sent only the characters their shot shows (a cameo is refused there).
		characters:
			provider === LOCAL ? spec.characters : spec.characters.filter((c) => named.has(c.id)),
		watermark: { ...spec.watermark, enabled: false },
		audio: {
			...audio,
			music: { ...(spec.audio.music ?? {}), enabled: false },
		},
	} as RenderSpec;
}

/** A provider's field errors for a sub-spec, pointed back at the story's fields. */
export function remapErrors(
	errors: FieldError[],
	indices: number[],
	shotNamesProvider: boolean,
): FieldError[] {
	return errors.map((e) => {
		let path = e.path.replace(/^\/shots\/(\d+)/, (_m, i: string) =>
			shotPath(indices[Number(i)] ?? indices[0]!),
		);
		if (path === '/shots') path = shotPath(indices[0]!);
		if (path === '/durationSeconds') path = `${shotPath(indices[0]!)}/duration`;
		if (path.startsWith('/provider') && shotNamesProvider) path = `${shotPath(indices[0]!)}${path}`;
		return { ...e, path };
	});
}

export function remapWarnings(warnings: Warning[], indices: number[]): Warning[] {
	return warnings.map((w) => ({
		...w,
		path: remapErrors([{ path: w.path, message: '' }], indices, false)[0]!.path,
	}));
}

/** Consecutive shots of the local engine are one engine render; every other shot is its own. */
export function piecesOf(routes: ShotRoute[]): Piece[] {
	const pieces: Piece[] = [];
	for (const route of routes) {
		const last = pieces[pieces.length - 1];
		if (
			last &&
			route.candidates.length === 1 &&
			route.candidates[0] === LOCAL &&
			last.route.candidates.length === 1 &&
			last.route.candidates[0] === LOCAL
		)
			last.shots.push(route.index);
		else pieces.push({ shots: [route.index], route });
	}
	return pieces;
}

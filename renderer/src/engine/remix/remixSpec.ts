/**
 * A remix of a local-engine render is a new spec: the source spec with the operations applied.
 * The seed, characters and untouched shots stay as they were, so re-rendering it reuses the cached
 * speech and physics and a style or music change costs little more than the encode.
 */
import { ApiError, type FieldError } from '../../spec/errors';
import { shotSeconds } from '../../spec/narration';
import type { RenderSpec, Shot } from '../../spec/renderSpec';
import { validateRenderSpec } from '../../spec/validate';
import { materializeSpec } from './materialize';
import { DEFAULT_EXTENSION_SECONDS, type RemixOperations } from './operations';

export function buildRemixSpec(sourceSpec: RenderSpec, operations: RemixOperations): RenderSpec {
	const needsShots = Boolean(operations.recut || operations.extend || operations.cameo);
	let spec: RenderSpec = needsShots ? materializeSpec(sourceSpec) : structuredClone(sourceSpec);

	if (operations.style) spec.style = operations.style;
	if (operations.music)
		spec.audio = {
			...spec.audio,
			music: { ...(spec.audio.music ?? {}), enabled: true, ...operations.music },
		};
	if (operations.recut) spec = { ...spec, shots: recut(spec.shots, operations.recut) };
	if (operations.extend)
		spec = {
			...spec,
			shots: [...spec.shots, ...extensionShots(spec.shots, operations.extend.shots)],
		};
	if (operations.cameo) spec = castCameo(spec, operations.cameo);
	return validateRenderSpec(spec);
}

function recut(shots: Shot[], op: NonNullable<RemixOperations['recut']>): Shot[] {
	const errors: FieldError[] = [];
	op.order?.forEach((i, j) => {
		if (i >= shots.length)
			errors.push({
				path: `/operations/recut/order/${j}`,
				message: `the source has ${shots.length} shots (0..${shots.length - 1})`,
			});
	});
	op.drop?.forEach((i, j) => {
		if (i >= shots.length)
			errors.push({
				path: `/operations/recut/drop/${j}`,
				message: `the source has ${shots.length} shots (0..${shots.length - 1})`,
			});
	});
	if (errors.length)
		throw ApiError.invalid('The re-cut names shots the source does not have.', errors);
	const dropped = new Set(op.drop ?? []);
	let cut = (op.order ?? shots.map((_, i) => i))
		.filter((i) => !dropped.has(i))
		.map((i) => structuredClone(shots[i]));
	// The same shot twice needs two ids.
	const seen = new Map<string, number>();
	cut = cut.map((s) => {
		const id = s.id ?? 'shot';
		const n = (seen.get(id) ?? 0) + 1;
		seen.set(id, n);
		return n > 1 ? { ...s, id: `${id}-${n}`.slice(0, 63) } : s;
	});
	if (!cut.length)
		throw ApiError.invalid('The re-cut leaves no shots.', [
			{ path: '/operations/recut', message: 'at least one shot must remain' },
		]);
	return op.trim ? trim(cut, op.trim.start ?? 0, op.trim.end) : cut;
}

/** Keeps [start, end) of the timeline: shots outside go, shots across an edge are shortened. */
function trim(shots: Shot[], start: number, end: number | undefined): Shot[] {
	const total = shots.reduce((sum, s) => sum + shotSeconds(s), 0);
	const stop = Math.min(end ?? total, total);
	if (stop - start <= 0.001)
		throw ApiError.invalid('The trim keeps nothing.', [
			{
				path: '/operations/recut/trim',
				message: `the re-cut lasts ${total} s; start must be before end`,
			},
		]);
	const out: Shot[] = [];
	let t = 0;
	for (const shot of shots) {
		const from = Math.max(start, t);
		const to = Math.min(stop, t + shotSeconds(shot));
		if (to - from > 0.001) {
			const cutHead = from - t;
			const duration = Math.round((to - from) * 1000) / 1000;
			const keep = <T extends { at?: number }>(items: T[] | undefined) =>
				items
					?.filter((x) => (x.at ?? 0) >= cutHead - 1e-9 && (x.at ?? 0) - cutHead < duration)
					.map((x) => ({ ...x, at: Math.round(((x.at ?? 0) - cutHead) * 1000) / 1000 }));
			out.push({
				...shot,
				duration,
				...(shot.dialogue ? { dialogue: keep(shot.dialogue) } : {}),
				...(shot.sfx ? { sfx: keep(shot.sfx)!.map((c) => ({ ...c, at: c.at ?? 0 })) } : {}),
				...(shot.actions ? { actions: keep(shot.actions) } : {}),
			});
		}
		t += shotSeconds(shot);
	}
	return out;
}

/**
 * New shots in the place and light of the source's last shot. The cast is left to the planner: the
 * people a prompt names, else the people of the shot before, so the source's characters carry on.
 */
function extensionShots(
	shots: Shot[],
	requested: Array<{ prompt: string; duration?: number }>,
): Shot[] {
	const last = shots[shots.length - 1];
	return requested.map((r, i) => ({
		id: `ext-${i + 1}`,
		prompt: r.prompt,
		duration: r.duration ?? DEFAULT_EXTENSION_SECONDS,
		...(last?.setting ? { setting: last.setting } : {}),
		...(last?.timeOfDay ? { timeOfDay: last.timeOfDay } : {}),
		...(last?.weather ? { weather: last.weather } : {}),
	}));
}

function castCameo(spec: RenderSpec, op: NonNullable<RemixOperations['cameo']>): RenderSpec {
	const existing = op.character ? spec.characters.findIndex((c) => c.id === op.character) : -1;
	if (existing >= 0) {
		// The cameo's own voice replaces the character's (the person is cast, voice included).
		const characters = spec.characters.map((c, i) =>
			i === existing
				? { ...withoutVoice(c), cameoId: op.cameoId, ...(op.name ? { name: op.name } : {}) }
				: c,
		);
		return { ...spec, characters };
	}
	let id = op.character ?? 'cameo';
	for (let n = 2; spec.characters.some((c) => c.id === id); n++)
		id = `${op.character ?? 'cameo'}-${n}`;
	const characters = [
		...spec.characters,
		{ id, cameoId: op.cameoId, ...(op.name ? { name: op.name } : {}) },
	];
	const shots = spec.shots.map((s) =>
		s.characters ? { ...s, characters: [...s.characters, id] } : s,
	);
	return { ...spec, characters, shots };
}

function withoutVoice<T extends { voice?: unknown }>(character: T): Omit<T, 'voice'> {
	const { voice: _voice, ...rest } = character;
	return rest;
}

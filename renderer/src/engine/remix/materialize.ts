/**
 * A spec written out as explicit shots: the planner's choices (shots of a prompt-only spec,
 * dialogue timings, camera, placements, cues) become fields, so editing the shot list (re-cut,
 * extend) keeps every other shot exactly as it was planned. Planning the result gives the same
 * storyboard, because the planner honours explicit fields as given.
 */
import type { Character, RenderSpec, Shot } from '../../spec/renderSpec';
import { castFromPrompt, plan } from '../plan';

export function materializeSpec(spec: RenderSpec): RenderSpec {
	const board = plan(spec, { cameos: new Map() });
	// A prompt-made character keeps the words it was read from (its clothes, an animal's coat).
	const described = new Map(
		(spec.characters.length ? [] : castFromPrompt(spec.prompt ?? '')).map((c) => [
			c.id,
			c.description,
		]),
	);
	const source = spec.characters.length
		? spec.characters
		: board.characters.map(
				(c) =>
					({
						id: c.id,
						name: c.name,
						...(described.get(c.id) ? { description: described.get(c.id) } : {}),
					}) as Character,
			);
	const characters: Character[] = source.map((c) => {
		const profile = board.characters.find((p) => p.id === c.id)!;
		const { skin, hair, hairStyle, outfit, accent, height } = profile.look;
		return {
			...c,
			// The words the planner read the look from (for prompt-made characters, the prompt's).
			...(!c.description && profile.description ? { description: profile.description } : {}),
			look: { skin, hair, hairStyle, outfit, accent, height, ...(c.look ?? {}) },
			// A cameo's voice comes from the cameo when it is resolved; fixing it here would override it.
			...(c.cameoId ? {} : { voice: { ...profile.voice } }),
		};
	});
	const shots: Shot[] = board.shots.map((s) => ({
		id: s.id,
		prompt: s.prompt,
		duration: s.duration,
		setting: s.setting,
		timeOfDay: s.timeOfDay,
		weather: s.weather,
		camera: { ...s.camera },
		characters: s.placements.map((p) => p.character),
		// Talking is re-derived from the dialogue by the planner, so it is not written out twice.
		actions: s.actions.filter((a) => a.action !== 'talk').map((a) => ({ ...a })),
		props: [...s.props],
		dialogue: s.dialogue.map((d) => ({ ...d })),
		sfx: s.sfx.map((c) => ({ ...c })),
		...(s.physics ? { physics: { ...s.physics } } : {}),
		transition: s.transition,
	}));
	const { prompt: _prompt, durationSeconds: _duration, ...rest } = spec;
	return { ...structuredClone(rest), characters, shots };
}

/**
 * A RenderSpec as one text prompt for a remote generator. The spec's structure (setting, light,
 * weather, camera move, characters, actions, dialogue) becomes plain sentences the models follow;
 * what a clip generator cannot take from a spec (timed sound effects, physics, Reelforge's own
 * music and voice-over, burned-in captions) is reported as a warning on the field, never dropped
 * silently. Dialogue is written as speech for models with native audio and is the transcript that
 * moderation reads.
 */
import type { Warning } from '../../pipeline/render';
import type { RenderSpec } from '../../spec/renderSpec';

const CAMERA_WORDS: Record<string, string> = {
	static: 'static camera, locked-off shot',
	'pan-left': 'the camera pans left',
	'pan-right': 'the camera pans right',
	'tilt-up': 'the camera tilts up',
	'tilt-down': 'the camera tilts down',
	'dolly-in': 'slow dolly in',
	'dolly-out': 'slow dolly out',
	orbit: 'the camera orbits the subject',
	handheld: 'handheld camera',
};

const TIME_WORDS: Record<string, string> = {
	dawn: 'at dawn',
	day: 'in daylight',
	dusk: 'at dusk',
	night: 'at night',
};

const WEATHER_WORDS: Record<string, string> = {
	clear: 'clear weather',
	rain: 'in the rain',
	snow: 'in falling snow',
	fog: 'in fog',
};

const MAX_PROMPT_CHARS = 4000;

export interface ComposedPrompt {
	prompt: string;
	/** What is said in the clip (for moderation and search). */
	transcript: string;
	warnings: Warning[];
}

export function composePrompt(
	spec: RenderSpec,
	provider: { id: string; nativeAudio: boolean },
): ComposedPrompt {
	const warnings: Warning[] = [];
	const shot = spec.shots[0];
	const base = shot ? '/shots/0' : '';
	const sentences: string[] = [(shot?.prompt ?? spec.prompt ?? '').trim()];
	const names = new Map(spec.characters.map((c) => [c.id, c.name ?? c.id]));

	if (spec.style && spec.style !== 'cinematic') sentences.push(`Visual style: ${spec.style}.`);
	else sentences.push('Cinematic look.');

	if (shot) {
		const place = [
			shot.setting,
			shot.timeOfDay ? TIME_WORDS[shot.timeOfDay] : undefined,
			shot.weather ? WEATHER_WORDS[shot.weather] : undefined,
		].filter(Boolean);
		if (place.length) sentences.push(`Scene: ${place.join(', ')}.`);
		if (shot.camera?.move) sentences.push(`Camera: ${CAMERA_WORDS[shot.camera.move]}.`);
		if (shot.props?.length) sentences.push(`In view: ${shot.props.join(', ')}.`);
	}

	const onScreen = shot?.characters ?? spec.characters.map((c) => c.id);
	const described = spec.characters
		.filter((c) => onScreen.includes(c.id))
		.map((c) => (c.description ? `${c.name ?? c.id} (${c.description})` : (c.name ?? c.id)));
	if (described.length) sentences.push(`Characters: ${described.join('; ')}.`);

	for (const action of shot?.actions ?? [])
		sentences.push(
			`${names.get(action.character) ?? action.character} ${action.action}${action.at !== undefined ? ` at ${action.at} s` : ''}.`,
		);

	const lines = (shot?.dialogue ?? []).map(
		(d) => `${names.get(d.character) ?? d.character}: ${d.text}`,
	);
	if (shot?.dialogue?.length) {
		if (provider.nativeAudio)
			for (const d of shot.dialogue)
				sentences.push(
					`${names.get(d.character) ?? d.character} says: "${d.text.replace(/"/g, "'")}"`,
				);
		else
			warnings.push({
				path: `${base}/dialogue`,
				term: 'dialogue',
				message: `${provider.id} makes silent clips: the dialogue is not spoken (no captions either)`,
			});
	}
	// Native audio: the lines' captions are timed by aligning them to the clip's sound
	// (shots/dialogueCaptions.ts), with a warning there if that cannot be done.
	if (shot?.sfx?.length)
		warnings.push({
			path: `${base}/sfx`,
			term: 'sfx',
			message: `timed sound effects are not added to ${provider.id} clips yet`,
		});
	if (shot?.physics)
		warnings.push({
			path: `${base}/physics`,
			term: shot.physics.scene,
			message: `${provider.id} does not simulate physics; the set-piece is only described in the prompt`,
		});
	if (shot?.physics) sentences.push(`A ${shot.physics.scene} scene.`);
	if (spec.audio.music?.enabled)
		warnings.push({
			path: '/audio/music',
			term: 'music',
			message: `Reelforge's music is not laid under ${provider.id} clips yet${provider.nativeAudio ? ' (the clip keeps its own sound)' : ''}`,
		});
	if (spec.audio.voiceover)
		warnings.push({
			path: '/audio/voiceover',
			term: 'voiceover',
			message: `the voice-over is not added to ${provider.id} clips yet`,
		});
	// A shot of a story gets its captions (dialogue, voice-over) burned in when the story is
	// stitched; a whole video from the generator has no words to burn in.
	if (spec.captions.burnIn && !shot)
		warnings.push({
			path: '/captions/burnIn',
			term: 'captions',
			message: `no captions are burned into ${provider.id} clips: there are no word timings`,
		});

	let prompt = sentences.filter(Boolean).join(' ');
	if (prompt.length > MAX_PROMPT_CHARS) {
		prompt = prompt.slice(0, MAX_PROMPT_CHARS);
		warnings.push({
			path: base ? `${base}/prompt` : '/prompt',
			term: 'prompt',
			message: `the prompt was cut to ${MAX_PROMPT_CHARS} characters`,
		});
	}
	return { prompt, transcript: lines.join('\n'), warnings };
}

/**
 * The set-up of tests that draw the local engine's own frames without the service: a portrait
 * spec with burned-in captions (360×640 is also the moderation sampling size, so nothing is
 * scaled), planned without cameos and spoken with the real voices into a scratch folder.
 */
import { plan } from '../../src/engine/plan';
import type { SpeechTrack, Storyboard } from '../../src/engine/storyboard';
import { synthesizeSpeech } from '../../src/engine/voice';
import type { RenderSpec } from '../../src/spec/renderSpec';
import { validateRenderSpec } from '../../src/spec/validate';
import { join } from 'node:path';

export const MAYA = {
	id: 'maya',
	name: 'Maya',
	description: 'tall woman, red jacket',
	voice: { voice: 'flite:slt' },
};

/** A local, cinematic, 360×640 spec with burned-in captions; the rest from `fields`. */
export function portraitSpec(fields: {
	seed: number;
	fps: number;
	characters: unknown[];
	shots: unknown[];
}): RenderSpec {
	return validateRenderSpec({
		version: '1',
		provider: 'local',
		seed: fields.seed,
		style: 'cinematic',
		output: { width: 360, height: 640, fps: fields.fps, quality: 'standard' },
		captions: { burnIn: true },
		characters: fields.characters,
		shots: fields.shots,
	});
}

/** `spec` planned (no cameos) and its lines spoken, with speech cached under `dir`. */
export async function plannedAndSpoken(
	spec: RenderSpec,
	dir: string,
): Promise<{ storyboard: Storyboard; speech: SpeechTrack }> {
	const storyboard = plan(spec, { cameos: new Map() });
	const speech = await synthesizeSpeech(storyboard, {
		cacheDir: join(dir, 'speech'),
		modelsDir: join(dir, 'models'),
		signal: new AbortController().signal,
		log: () => undefined,
	});
	return { storyboard, speech };
}

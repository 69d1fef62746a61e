import { join } from 'node:path';
import { renderMusic } from '../engine/audio/music';
import { writeStereoWav } from '../engine/audio/wavFile';
import type { Warning } from '../engine/storyboard';
import { MOOD_TEMPO, MUSIC_MOOD_TERMS, lookupTerm } from '../engine/vocabulary';
import type { RenderSpec } from '../spec/renderSpec';

const SAMPLE_RATE = 48_000;

/** Reelforge's music under the whole story (the engine's music for each local run is off). */
export async function writeStoryMusic(
	spec: RenderSpec,
	seconds: number,
	dir: string,
	warnings: Warning[],
): Promise<string | undefined> {
	const music = spec.audio.music;
	if (music?.enabled === false || music?.volume === 0) return undefined;
	let mood = 'upbeat';
	if (music?.mood) {
		const known = lookupTerm(MUSIC_MOOD_TERMS, music.mood);
		if (known) mood = known;
		else
			warnings.push({
				path: '/audio/music/mood',
				term: music.mood,
				message: `music mood "${music.mood}" is not known; using "${mood}"`,
			});
	}
	const samples = Math.ceil(seconds * SAMPLE_RATE);
	const left = new Float32Array(samples);
	const right = new Float32Array(samples);
	renderMusic(left, right, SAMPLE_RATE, {
		mood,
		tempo: music?.tempo ?? MOOD_TEMPO[mood] ?? 110,
		seed: spec.seed ?? 0,
		volume: music?.volume ?? 0.35,
	});
	const path = join(dir, 'music.wav');
	writeStereoWav(path, SAMPLE_RATE, left, right);
	return path;
}

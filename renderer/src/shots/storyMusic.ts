import { join } from 'node:path';
import { writeMusicBed } from '../engine/audio/musicBed';
import type { Warning } from '../pipeline/render';
import type { RenderContext } from '../providers/provider';
import type { RenderSpec } from '../spec/renderSpec';

/**
 * The music under the whole story (each local run's own music is off): the user's track when the
 * spec gives one, else Reelforge's score in the spec's mood.
 */
export async function writeStoryMusic(
	spec: RenderSpec,
	seconds: number,
	ctx: RenderContext,
	warnings: Warning[],
): Promise<string | undefined> {
	const music = spec.audio.music;
	if (music?.enabled === false || music?.volume === 0) return undefined;
	const path = join(ctx.workDir, 'music.wav');
	await writeMusicBed({
		path,
		seconds,
		music: music ?? {},
		at: '/audio/music',
		seed: spec.seed ?? 0,
		defaultVolume: 0.35,
		warnings,
		...(ctx.fetchMedia ? { fetchTrack: ctx.fetchMedia.bind(ctx) } : {}),
		signal: ctx.signal,
	});
	return path;
}

/**
 * The music under a whole video assembled outside the engine's own mix (a story of several
 * sources, a remix of a stored video): the user's own track when one is given — fetched by the
 * caller's media door, trimmed or looped, levelled and faded like a render's — else Reelforge's
 * score in the asked mood. Written as a stereo WAV for the stitch to lay and duck.
 */
import { ApiError } from '../../spec/errors';
import type { MediaRef } from '../../pipeline/render';
import type { Warning } from '../storyboard';
import { MOOD_TEMPO, MUSIC_MOOD_TERMS, lookupTerm } from '../vocabulary';
import { renderMusic } from './music';
import { MusicTrackError, renderUserMusic } from './userMusic';
import { writeStereoWav } from './wavFile';
import { MIX_SAMPLE_RATE } from './index';

export interface MusicBedRequest {
	mood?: string;
	tempo?: number;
	volume?: number;
	source?: { url?: string; uploadId?: string };
	start?: number;
	loop?: boolean;
	fadeInSeconds?: number;
	fadeOutSeconds?: number;
}

export async function writeMusicBed(options: {
	path: string;
	seconds: number;
	music: MusicBedRequest;
	/** The request field the music came from (`/audio/music`, `/operations/music`): errors name it. */
	at: string;
	seed: number;
	defaultVolume: number;
	warnings: Warning[];
	/** Fetches the user's track into the work folder (the renderer's media door). */
	fetchTrack?: (source: MediaRef, at: string) => Promise<string>;
	signal?: AbortSignal;
}): Promise<void> {
	const { music, at, seconds, path } = options;
	const frames = Math.ceil(seconds * MIX_SAMPLE_RATE);
	const left = new Float32Array(frames);
	const right = new Float32Array(frames);
	const volume = music.volume ?? options.defaultVolume;
	if (music.source) {
		if (!options.fetchTrack)
			throw new ApiError(422, 'media_unavailable', 'The music source cannot be fetched here.', [
				{ path: `${at}/source`, message: 'cannot be fetched here' },
			]);
		const source: MediaRef = music.source.url
			? { url: music.source.url }
			: { uploadId: music.source.uploadId! };
		const file = await options.fetchTrack(source, `${at}/source`);
		try {
			await renderUserMusic(
				left,
				right,
				MIX_SAMPLE_RATE,
				file,
				{
					source,
					start: music.start ?? 0,
					loop: music.loop ?? true,
					fadeInSeconds: music.fadeInSeconds ?? 0.5,
					fadeOutSeconds: music.fadeOutSeconds ?? 1.5,
				},
				volume,
				options.signal,
			);
		} catch (error) {
			if (error instanceof MusicTrackError)
				throw new ApiError(422, 'music_unreadable', error.message, [
					{ path: `${at}/source`, message: error.message },
				]);
			throw error;
		}
	} else {
		let mood = 'upbeat';
		if (music.mood) {
			const known = lookupTerm(MUSIC_MOOD_TERMS, music.mood);
			if (known) mood = known;
			else
				options.warnings.push({
					path: `${at}/mood`,
					term: music.mood,
					message: `music mood "${music.mood}" is not known; using "${mood}"`,
				});
		}
		renderMusic(left, right, MIX_SAMPLE_RATE, {
			mood,
			tempo: music.tempo ?? MOOD_TEMPO[mood] ?? 110,
			seed: options.seed,
			volume,
		});
	}
	writeStereoWav(path, MIX_SAMPLE_RATE, left, right);
}

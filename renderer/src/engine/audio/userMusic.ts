/**
 * The user's own music as the bed: decoded by ffmpeg from the file the renderer fetched (only that
 * local file may be opened), from `start` for the video's length, straight into the mix buffers;
 * looped with a 1 s equal-power crossfade when it is shorter than the video (or left to end, with
 * its own fade-out, when `loop` is off); levelled like the procedural score (−20 LUFS × volume,
 * BS.1770 on the part that plays); faded in and out. The mixer then ducks it under speech with
 * every other bed.
 */
import { AUDIO_FORMATS, MediaError, mediaFile, startFfmpeg } from '../../media/ffmpeg';
import type { MusicTrack } from '../storyboard';
import { integratedLoudness, SILENCE_LUFS } from './loudness';

const MUSIC_LUFS = -20;
const LOOP_CROSSFADE_SECONDS = 1;

export class MusicTrackError extends Error {}

/** Decodes up to `left.length` stereo frames of `path` from `start` s into the buffers; returns the frames decoded. */
export async function decodeInto(
	path: string,
	start: number,
	left: Float32Array,
	right: Float32Array,
	sampleRate: number,
	signal?: AbortSignal,
): Promise<number> {
	const seconds = left.length / sampleRate;
	let input;
	try {
		// Read with the demuxer its first bytes name, and only that file: the track is someone else's.
		input = await mediaFile(path, AUDIO_FORMATS, [
			'-ss',
			start.toFixed(3),
			'-t',
			seconds.toFixed(3),
		]);
	} catch (error) {
		if (error instanceof MediaError)
			throw new MusicTrackError(`the music track is unusable: ${error.message}`);
		throw error;
	}
	const running = startFfmpeg({
		what: 'music decode',
		global: ['-loglevel', 'error'],
		inputs: [input],
		output: ['-vn', '-ac', '2', '-ar', String(sampleRate), '-f', 'f32le', 'pipe:1'],
		stdout: 'pipe',
		signal,
	});
	let frames = 0;
	let carry: Buffer = Buffer.alloc(0);
	// Decoded straight into the mix buffers as it arrives; nothing beyond them is held.
	running.child.stdout!.on('data', (chunk: Buffer) => {
		const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
		const whole = Math.floor(data.length / 8);
		for (let k = 0; k < whole && frames < left.length; k++, frames++) {
			left[frames] = data.readFloatLE(k * 8);
			right[frames] = data.readFloatLE(k * 8 + 4);
		}
		carry = data.subarray(whole * 8);
	});
	try {
		await running.done;
	} catch (error) {
		if (error instanceof MediaError)
			throw new MusicTrackError(`the music track could not be decoded: ${error.message}`);
		throw error;
	}
	return frames;
}

/** Repeats the first `length` frames to fill the buffers, each repeat crossfaded into the previous tail. */
function loopFill(left: Float32Array, right: Float32Array, length: number, fade: number): void {
	const period = length - fade;
	if (period <= 0) return;
	for (let i = length; i < left.length; i++) {
		const source = (i - length) % period; // position inside the looped body, after its fade-in
		const s = fade + source;
		left[i] = left[s];
		right[i] = right[s];
	}
	// Each seam: the end of one pass (its last `fade` frames) crossfades into the start of the next.
	const tailL = left.slice(length - fade, length);
	const tailR = right.slice(length - fade, length);
	for (let seam = length - fade; seam < left.length; seam += period) {
		for (let k = 0; k < fade && seam + k < left.length; k++) {
			const t = (k + 0.5) / fade;
			const fadeOut = Math.cos((t * Math.PI) / 2);
			const fadeIn = Math.sin((t * Math.PI) / 2);
			left[seam + k] = tailL[k] * fadeOut + left[k] * fadeIn;
			right[seam + k] = tailR[k] * fadeOut + right[k] * fadeIn;
		}
	}
}

export interface UserMusicResult {
	/** Frames of the track itself (before looping). */
	trackFrames: number;
	looped: boolean;
	/** Loudness measured on what plays, before the level was set. */
	measuredLufs: number;
}

/** Renders the user's track into the (empty) mix buffers. */
export async function renderUserMusic(
	left: Float32Array,
	right: Float32Array,
	sampleRate: number,
	path: string,
	track: MusicTrack,
	volume: number,
	signal?: AbortSignal,
): Promise<UserMusicResult> {
	const frames = await decodeInto(path, track.start, left, right, sampleRate, signal);
	if (frames < sampleRate * 0.1)
		throw new MusicTrackError(
			track.start > 0
				? `the music track has no audio after ${track.start} s`
				: 'the music track has no audio',
		);
	const fade = Math.min(Math.round(LOOP_CROSSFADE_SECONDS * sampleRate), Math.floor(frames / 4));
	const looped = track.loop && frames < left.length && fade > 0;
	if (looped) loopFill(left, right, frames, fade);
	const playing = looped ? left.length : frames;
	const measured = integratedLoudness(
		[left.subarray(0, playing), right.subarray(0, playing)],
		sampleRate,
	);
	const gain =
		measured > SILENCE_LUFS ? Math.pow(10, (MUSIC_LUFS - measured) / 20) * Math.max(0, volume) : 0;
	const fadeIn = Math.round(track.fadeInSeconds * sampleRate);
	const fadeOut = Math.round(track.fadeOutSeconds * sampleRate);
	for (let i = 0; i < playing; i++) {
		const g =
			gain * Math.min(1, fadeIn > 0 ? i / fadeIn : 1, fadeOut > 0 ? (playing - i) / fadeOut : 1);
		left[i] *= g;
		right[i] *= g;
	}
	return { trackFrames: frames, looped, measuredLufs: measured };
}

/**
 * The soundtrack of a storyboard, mixed dialogue-first to one 48 kHz stereo float WAV of exactly the
 * video's duration:
 *
 * 1. the beds — the score (procedural, or the user's own track), cue effects (rain, crowd, whoosh…)
 *    and physics contact sounds; a transient that touches a line is cut short and kept under the
 *    line's peak;
 * 2. every bed ducked under speech, at least `ducking.amountDb` and as deep as it takes for the bed
 *    to sit `ducking.clearanceDb` under each line over that line's window;
 * 3. the dialogue through its bus (presence EQ, compression, levelling: dialogueBus.ts), panned by
 *    where the speaker stands;
 * 4. normalised to the target loudness (BS.1770 integrated) under a −1.5 dBTP true-peak limiter.
 *
 * Memory: two planar Float32 buffers of the whole duration (46 MB for 120 s) plus the limiter's
 * per-sample gain arrays; every part is rendered straight into them. Stems (bed and dialogue) are
 * only kept when asked for (`stemsDir`, for measurement).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
	PlannedShot,
	Storyboard,
	Synthesis,
	SpeechClip,
	PhysicsTrack,
	ContactEvent,
} from '../storyboard';
import {
	duckUnderDialogue,
	DUCK_LOOKAHEAD_SECONDS,
	windowLoudness,
	type WindowClearance,
} from './ducking';
import {
	addContactSound,
	ContactSoundBank,
	contactSoundSeconds,
	mergeContactBursts,
} from './contactSounds';
import { prepareLine, type PreparedLine } from './dialogueBus';
import { panGains } from './filters';
import { limitTruePeak, limiterScratch } from './limiter';
import { integratedLoudness, SILENCE_LUFS } from './loudness';
import { renderMusic } from './music';
import { MusicTrackError, renderUserMusic } from './userMusic';
import { ApiError } from '../../spec/errors';
import { childSeed, seededRandom } from './random';
import { renderCue } from './sfxCues';
import { writeStereoWav } from './wavFile';

export { MUSIC_MOODS } from './music';
export { SFX_CUES, describeCues } from './sfxCues';
export { integratedLoudness } from './loudness';

/**
 * The one sample rate of all sound Reelforge makes: the mix, the voices resampled into it, music
 * beds, media segments' tracks and the delivered AAC.
 */
export const MIX_SAMPLE_RATE = 48000;
/** Long cues (≥ 0.4 s) are set by loudness, at full volume 4 LU under the dialogue (−20 LUFS)... */
const CUE_LUFS = -24;
/** ...short hits by peak. */
const CUE_PEAK = 0.5;
/** −1 dBTP is the usual streaming ceiling; the extra 0.5 dB covers the difference between our
 * 16-tap inter-sample estimate and ffmpeg's, and the AAC encoder's own overshoot. */
const TRUE_PEAK_CEILING_DB = -1.5;
/**
 * How far under each line the beds must sit (LU over the line's window) when the spec does not
 * say, and how much further the speech band (a wide bell at 2.5 kHz) of the beds is dipped while
 * they are ducked. Chosen with a speech recogniser as the listener on the bundled storyboard
 * (figures in docs/engine-sound.md, "Dialogue in the mix"): each of the two moved the mix's
 * recognised words towards the clean lines'; 12 dB of plain ducking left it far below.
 */
export const DEFAULT_CLEARANCE_DB = 18;
const SPEECH_BAND_CARVE_DB = 9;
/** A transient that lands on a line keeps its attack (what hit what) and is then faded out fast. */
const TRANSIENT_KEEP_SECONDS = 0.12;
const TRANSIENT_FADE_SECONDS = 0.03;

export interface MixResult {
	path: string;
	durationSeconds: number;
	/** Measured after normalisation; SILENCE_LUFS (−70) for a silent mix. */
	integratedLufs: number;
	/** Per dialogue line: its window, the line's and the bed's loudness over it (before the master gain, which moves both alike). */
	dialogueWindows: WindowClearance[];
}

export interface MixOptions {
	signal?: AbortSignal;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	/** When set, the bed (everything but dialogue, after ducking) and the dialogue are also written
	 * there as `bed.wav` and `dialogue.wav`, before the master gain and limiter. */
	stemsDir?: string;
	/** The local file of `storyboard.music.track` (fetched by the caller); required when there is a track. */
	musicTrackPath?: string;
}

interface PlacedLine extends PreparedLine {
	clip: SpeechClip;
	pan: number;
}

function shotAt(storyboard: Storyboard, time: number): PlannedShot | undefined {
	return (
		storyboard.shots.find((s) => time >= s.startSeconds && time < s.startSeconds + s.duration) ??
		storyboard.shots[storyboard.shots.length - 1]
	);
}

/** Stage position 0..1 → pan; kept within ±0.6 so nobody speaks from one speaker only. */
function placementPan(x: number): number {
	return Math.max(-0.6, Math.min(0.6, (x - 0.5) * 1.2));
}

function speakerPan(storyboard: Storyboard, clip: SpeechClip): number {
	if (clip.speaker === 'voiceover') return 0;
	const placement = shotAt(storyboard, clip.start)?.placements.find(
		(p) => p.character === clip.speaker,
	);
	return placement ? placementPan(placement.x) : 0;
}

function contactPan(
	track: PhysicsTrack,
	shot: PlannedShot | undefined,
	contact: ContactEvent,
): number {
	if (!shot || !track.view) return 0;
	const poses = track.frames[contact.frame - shot.startFrame];
	const body = poses?.find((b) => b.id === contact.bodies[0]);
	if (!body) return 0;
	const x = (body.x - track.view.minX) / Math.max(1e-6, track.view.maxX - track.view.minX);
	return placementPan(x);
}

function addLine(left: Float32Array, right: Float32Array, line: PlacedLine): void {
	const [gl, gr] = panGains(line.pan);
	const gain = Math.SQRT2; // equal-power pan at centre keeps the mono loudness
	const start = Math.round(line.clip.start * MIX_SAMPLE_RATE);
	const end = Math.min(left.length, start + line.samples.length);
	for (let i = Math.max(0, start); i < end; i++) {
		const v = line.samples[i - start] * gain;
		left[i] += v * gl;
		right[i] += v * gr;
	}
}

/**
 * What a transient starting at `onset` and lasting `seconds` may do given the lines: one that
 * starts on a line is cut to its attack and kept under the line's peak (the ducking then puts it
 * well below the voice); one that rings into a line is cut where the line's ducking begins.
 */
function transientLimits(
	onset: number,
	seconds: number,
	lines: PlacedLine[],
): { chokeAfter?: number; maxPeak?: number } {
	let chokeAfter: number | undefined;
	let maxPeak: number | undefined;
	for (const line of lines) {
		const from = line.clip.start - DUCK_LOOKAHEAD_SECONDS;
		if (onset + seconds <= from || onset >= line.clip.end) continue;
		const cut = Math.max(TRANSIENT_KEEP_SECONDS, from - onset);
		chokeAfter = Math.min(chokeAfter ?? Infinity, cut);
		if (onset >= from) maxPeak = Math.min(maxPeak ?? Infinity, line.peak);
	}
	return { chokeAfter, maxPeak };
}

/** Adds a rendered transient at `startSample`, shortened and capped as `transientLimits` says. */
function addTransient(
	left: Float32Array,
	right: Float32Array,
	sound: { left: Float32Array; right: Float32Array },
	startSample: number,
	gain: number,
	limits: { chokeAfter?: number; maxPeak?: number },
): void {
	let scale = gain;
	if (limits.maxPeak !== undefined) {
		let peak = 0;
		for (let i = 0; i < sound.left.length; i++)
			peak = Math.max(peak, Math.abs(sound.left[i]), Math.abs(sound.right[i]));
		if (peak * gain > limits.maxPeak) scale = limits.maxPeak / peak;
	}
	const fade = Math.round(TRANSIENT_FADE_SECONDS * MIX_SAMPLE_RATE);
	const choke =
		limits.chokeAfter !== undefined ? Math.round(limits.chokeAfter * MIX_SAMPLE_RATE) : Infinity;
	const length = Math.min(sound.left.length, choke + fade);
	const end = Math.min(left.length, startSample + length);
	for (let i = Math.max(0, startSample); i < end; i++) {
		const k = i - startSample;
		const g = k < choke ? scale : scale * (1 - (k - choke) / fade);
		left[i] += sound.left[k] * g;
		right[i] += sound.right[k] * g;
	}
}

function addCues(
	left: Float32Array,
	right: Float32Array,
	storyboard: Storyboard,
	lines: PlacedLine[],
	log: MixOptions['log'],
): void {
	for (const shot of storyboard.shots) {
		shot.sfx.forEach((cue, k) => {
			const random = seededRandom(childSeed(storyboard.seed, `cue:${shot.index}:${k}:${cue.cue}`));
			const buffer = renderCue(cue.cue, cue.duration, MIX_SAMPLE_RATE, random);
			if (!buffer) {
				log?.('unknown sound cue skipped', { cue: cue.cue, shot: shot.index });
				return;
			}
			const volume = Math.max(0, cue.volume ?? 1);
			const loudness =
				buffer.left.length >= 0.4 * MIX_SAMPLE_RATE
					? integratedLoudness([buffer.left, buffer.right], MIX_SAMPLE_RATE)
					: SILENCE_LUFS;
			let gain: number;
			if (loudness > SILENCE_LUFS) {
				gain = Math.pow(10, (CUE_LUFS - loudness) / 20) * volume;
			} else {
				let peak = 0;
				for (let i = 0; i < buffer.left.length; i++)
					peak = Math.max(peak, Math.abs(buffer.left[i]), Math.abs(buffer.right[i]));
				gain = peak > 0 ? (CUE_PEAK / peak) * volume : 0;
			}
			const onset = shot.startSeconds + cue.at;
			const start = Math.round(onset * MIX_SAMPLE_RATE);
			// Short hits are transients; longer cues are beds, lowered under lines by the ducking.
			const limits =
				loudness > SILENCE_LUFS
					? {}
					: transientLimits(onset, buffer.left.length / MIX_SAMPLE_RATE, lines);
			addTransient(left, right, buffer, start, gain, limits);
		});
	}
}

function addContacts(
	left: Float32Array,
	right: Float32Array,
	storyboard: Storyboard,
	physics: PhysicsTrack[],
	lines: PlacedLine[],
): void {
	const bank = new ContactSoundBank();
	for (const track of physics) {
		const shot = storyboard.shots.find((s) => s.index === track.shotIndex);
		const random = seededRandom(childSeed(storyboard.seed, `contacts:${track.shotIndex}`));
		for (const contact of mergeContactBursts(track.contacts)) {
			// The onset sample is the contact's time on the video clock, rounded to the nearest sample.
			const start = Math.round(contact.time * MIX_SAMPLE_RATE);
			const pan = contactPan(track, shot, contact);
			const seconds = contactSoundSeconds(contact);
			const limits = transientLimits(contact.time, seconds, lines);
			if (limits.chokeAfter === undefined && limits.maxPeak === undefined) {
				addContactSound(left, right, MIX_SAMPLE_RATE, start, contact, pan, random, bank);
				continue;
			}
			// On a line: rendered apart first, so it can be shortened and capped before it joins the bed.
			const length = Math.max(1, Math.round(seconds * MIX_SAMPLE_RATE));
			const sound = { left: new Float32Array(length), right: new Float32Array(length) };
			addContactSound(sound.left, sound.right, MIX_SAMPLE_RATE, 0, contact, pan, random, bank);
			addTransient(left, right, sound, start, 1, limits);
		}
	}
}

/** Scales to the target integrated loudness and limits true peaks; repeats while the limiter costs loudness. */
export function normaliseLoudness(
	left: Float32Array,
	right: Float32Array,
	targetLufs: number,
): number {
	let measured = integratedLoudness([left, right], MIX_SAMPLE_RATE);
	if (measured <= SILENCE_LUFS) return SILENCE_LUFS;
	const scratch = limiterScratch(left.length);
	// Always at least one pass: even a mix already at the target needs its peaks limited.
	for (let pass = 0; pass === 0 || (pass < 3 && Math.abs(measured - targetLufs) > 0.2); pass++) {
		scaleInPlace(left, right, Math.pow(10, (targetLufs - measured) / 20));
		limitTruePeak(left, right, {
			sampleRate: MIX_SAMPLE_RATE,
			ceilingDb: TRUE_PEAK_CEILING_DB,
			scratch,
		});
		measured = integratedLoudness([left, right], MIX_SAMPLE_RATE);
	}
	return measured;
}

/**
 * Its own function so that V8 optimises this loop alone: inside normaliseLoudness it was optimised
 * on the stack together with the limiter and the loudness meter inlined, ~0.2 s of TurboFan a
 * compile (docs/BENCHMARKS.md, "V8 in a render").
 */
function scaleInPlace(left: Float32Array, right: Float32Array, gain: number): void {
	for (let i = 0; i < left.length; i++) {
		left[i] *= gain;
		right[i] *= gain;
	}
}

export async function mixAudio(
	storyboard: Storyboard,
	synthesis: Synthesis,
	outPath: string,
	opts: MixOptions = {},
): Promise<MixResult> {
	const frames = Math.round(storyboard.durationSeconds * MIX_SAMPLE_RATE);
	const left = new Float32Array(frames);
	const right = new Float32Array(frames);
	opts.signal?.throwIfAborted();
	// The dialogue bus first: the beds are shaped around the lines (their peaks, their windows).
	const lines: PlacedLine[] = synthesis.speech.clips.map((clip) => ({
		clip,
		pan: speakerPan(storyboard, clip),
		...prepareLine(clip, MIX_SAMPLE_RATE),
	}));
	if (storyboard.music.enabled && storyboard.music.volume > 0 && storyboard.music.track) {
		if (!opts.musicTrackPath)
			throw new Error('the storyboard has a music track but no file was given');
		const music = await renderUserMusic(
			left,
			right,
			MIX_SAMPLE_RATE,
			opts.musicTrackPath,
			storyboard.music.track,
			storyboard.music.volume,
			opts.signal,
		).catch((error: Error) => {
			throw error instanceof MusicTrackError
				? new ApiError(422, 'music_unreadable', error.message, [
						{ path: '/audio/music/source', message: error.message },
					])
				: error;
		});
		opts.log?.('music track laid', {
			trackSeconds: Math.round((music.trackFrames / MIX_SAMPLE_RATE) * 100) / 100,
			looped: music.looped,
			measuredLufs: Math.round(music.measuredLufs * 10) / 10,
		});
	} else if (storyboard.music.enabled && storyboard.music.volume > 0) {
		renderMusic(left, right, MIX_SAMPLE_RATE, {
			mood: storyboard.music.mood,
			tempo: storyboard.music.tempo,
			seed: storyboard.seed,
			volume: storyboard.music.volume,
		});
	}
	opts.signal?.throwIfAborted();
	addCues(left, right, storyboard, lines, opts.log);
	addContacts(left, right, storyboard, synthesis.physics, lines);
	opts.signal?.throwIfAborted();
	const windows = lines.map((line) => ({
		start: line.clip.start,
		end: line.clip.end,
		// As it will sound in the stereo mix: the equal-power pan (×√2 at the centre) puts the mono
		// line's power in each channel's share, and BS.1770 sums the channels: +3.01 dB at any pan.
		speechLufs: line.lufs + 10 * Math.log10(2),
	}));
	// The buffers hold every bed and nothing else yet, so ducking them ducks all the beds.
	const dialogueWindows = storyboard.ducking.enabled
		? duckUnderDialogue(left, right, windows, {
				sampleRate: MIX_SAMPLE_RATE,
				amountDb: storyboard.ducking.amountDb,
				clearanceDb: storyboard.ducking.clearanceDb ?? DEFAULT_CLEARANCE_DB,
				carveDb: SPEECH_BAND_CARVE_DB,
			})
		: windows.map((w) => ({
				...w,
				bedLufs: windowLoudness(left, right, MIX_SAMPLE_RATE, w),
				depthDb: 0,
			}));
	if (opts.stemsDir) {
		mkdirSync(opts.stemsDir, { recursive: true });
		writeStereoWav(join(opts.stemsDir, 'bed.wav'), MIX_SAMPLE_RATE, left, right);
		const dialogue = [new Float32Array(frames), new Float32Array(frames)] as const;
		for (const line of lines) addLine(dialogue[0], dialogue[1], line);
		writeStereoWav(join(opts.stemsDir, 'dialogue.wav'), MIX_SAMPLE_RATE, ...dialogue);
	}
	for (const line of lines) addLine(left, right, line);
	opts.signal?.throwIfAborted();
	const integratedLufs = normaliseLoudness(left, right, storyboard.loudnessLufs);
	writeStereoWav(outPath, MIX_SAMPLE_RATE, left, right);
	return {
		path: outPath,
		durationSeconds: frames / MIX_SAMPLE_RATE,
		integratedLufs,
		dialogueWindows,
	};
}

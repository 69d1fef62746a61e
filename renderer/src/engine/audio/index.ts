/**
 * The soundtrack of a storyboard, mixed to one 48 kHz stereo float WAV of exactly the video's
 * duration: procedural music (ducked under speech), cue effects, physics contact sounds and the
 * dialogue, panned by where the speaker stands, then normalised to the target loudness (BS.1770
 * integrated) under a −1.5 dBTP true-peak limiter.
 *
 * Memory: two planar Float32 buffers of the whole duration (46 MB for 120 s) plus the limiter's
 * per-sample gain arrays; every part is rendered straight into them, no stems are kept.
 */
import type {
	PlannedShot,
	Storyboard,
	Synthesis,
	SpeechClip,
	PhysicsTrack,
	ContactEvent,
} from '../storyboard';
import { applyDucking } from './ducking';
import { addContactSound, mergeContactBursts } from './contactSounds';
import { panGains } from './filters';
import { limitTruePeak, limiterScratch } from './limiter';
import { integratedLoudness, SILENCE_LUFS } from './loudness';
import { renderMusic } from './music';
import { childSeed, seededRandom } from './random';
import { renderCue } from './sfxCues';
import { writeStereoWav } from './wavFile';

export { MUSIC_MOODS } from './music';
export { SFX_CUES, describeCues } from './sfxCues';
export { integratedLoudness } from './loudness';

export const MIX_SAMPLE_RATE = 48000;
/** Dialogue level before final normalisation; music and effects are set relative to it. */
const DIALOGUE_LUFS = -20;
/** Long cues (≥ 0.4 s) are set by loudness, at full volume this far under the dialogue... */
const CUE_LUFS = -24;
/** ...short hits by peak. */
const CUE_PEAK = 0.5;
/** −1 dBTP is the usual streaming ceiling; the extra 0.5 dB covers the difference between our
 * 16-tap inter-sample estimate and ffmpeg's, and the AAC encoder's own overshoot. */
const TRUE_PEAK_CEILING_DB = -1.5;

export interface MixResult {
	path: string;
	durationSeconds: number;
	/** Measured after normalisation; SILENCE_LUFS (−70) for a silent mix. */
	integratedLufs: number;
}

export interface MixOptions {
	signal?: AbortSignal;
	log?: (message: string, fields?: Record<string, unknown>) => void;
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

/** Resamples (Catmull-Rom) when a clip is not at the mix rate; the voice module normally delivers 48 kHz. */
function sampleAt(samples: Float32Array, position: number): number {
	const i = Math.floor(position);
	const f = position - i;
	const p0 = samples[i - 1] ?? 0,
		p1 = samples[i] ?? 0,
		p2 = samples[i + 1] ?? 0,
		p3 = samples[i + 2] ?? 0;
	return (
		p1 + 0.5 * f * (p2 - p0 + f * (2 * p0 - 5 * p1 + 4 * p2 - p3 + f * (3 * (p1 - p2) + p3 - p0)))
	);
}

function clipGain(clip: SpeechClip): number {
	const loudness = integratedLoudness([clip.samples], clip.sampleRate);
	if (loudness > SILENCE_LUFS) return Math.pow(10, (DIALOGUE_LUFS - loudness) / 20);
	// Too short to gate (< 400 ms): level by RMS instead.
	let sum = 0;
	for (const s of clip.samples) sum += s * s;
	const rms = Math.sqrt(sum / Math.max(1, clip.samples.length));
	return rms > 0 ? Math.pow(10, DIALOGUE_LUFS / 20) / rms : 0;
}

function addSpeech(left: Float32Array, right: Float32Array, clip: SpeechClip, pan: number): void {
	const [gl, gr] = panGains(pan);
	const gain = clipGain(clip) * Math.SQRT2; // equal-power pan at centre keeps the mono loudness
	const start = Math.round(clip.start * MIX_SAMPLE_RATE);
	const ratio = clip.sampleRate / MIX_SAMPLE_RATE;
	const length = Math.floor(clip.samples.length / ratio);
	const end = Math.min(left.length, start + length);
	// 5 ms fades: a clip cut by the end of the video (or an engine that stops mid-waveform) never clicks.
	const fade = Math.round(0.005 * MIX_SAMPLE_RATE);
	for (let i = Math.max(0, start); i < end; i++) {
		const edge = Math.min(1, (i - start + 1) / fade, (end - i) / fade);
		const v =
			(ratio === 1 ? clip.samples[i - start] : sampleAt(clip.samples, (i - start) * ratio)) *
			gain *
			edge;
		left[i] += v * gl;
		right[i] += v * gr;
	}
}

function addCues(
	left: Float32Array,
	right: Float32Array,
	storyboard: Storyboard,
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
			const start = Math.round((shot.startSeconds + cue.at) * MIX_SAMPLE_RATE);
			const end = Math.min(left.length, start + buffer.left.length);
			for (let i = Math.max(0, start); i < end; i++) {
				left[i] += buffer.left[i - start] * gain;
				right[i] += buffer.right[i - start] * gain;
			}
		});
	}
}

function addContacts(
	left: Float32Array,
	right: Float32Array,
	storyboard: Storyboard,
	physics: PhysicsTrack[],
): void {
	for (const track of physics) {
		const shot = storyboard.shots.find((s) => s.index === track.shotIndex);
		const random = seededRandom(childSeed(storyboard.seed, `contacts:${track.shotIndex}`));
		for (const contact of mergeContactBursts(track.contacts)) {
			// The onset sample is the contact's time on the video clock, rounded to the nearest sample.
			addContactSound(
				left,
				right,
				MIX_SAMPLE_RATE,
				Math.round(contact.time * MIX_SAMPLE_RATE),
				contact,
				contactPan(track, shot, contact),
				random,
			);
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
		const gain = Math.pow(10, (targetLufs - measured) / 20);
		for (let i = 0; i < left.length; i++) {
			left[i] *= gain;
			right[i] *= gain;
		}
		limitTruePeak(left, right, {
			sampleRate: MIX_SAMPLE_RATE,
			ceilingDb: TRUE_PEAK_CEILING_DB,
			scratch,
		});
		measured = integratedLoudness([left, right], MIX_SAMPLE_RATE);
	}
	return measured;
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
	const clips = synthesis.speech.clips;
	opts.signal?.throwIfAborted();
	if (storyboard.music.enabled && storyboard.music.volume > 0) {
		renderMusic(left, right, MIX_SAMPLE_RATE, {
			mood: storyboard.music.mood,
			tempo: storyboard.music.tempo,
			seed: storyboard.seed,
			volume: storyboard.music.volume,
		});
		if (storyboard.ducking.enabled) {
			// Music is alone in the buffers at this point, so ducking the buffers ducks only the music.
			applyDucking(left, right, clips, {
				sampleRate: MIX_SAMPLE_RATE,
				amountDb: storyboard.ducking.amountDb,
			});
		}
	}
	opts.signal?.throwIfAborted();
	addCues(left, right, storyboard, opts.log);
	addContacts(left, right, storyboard, synthesis.physics);
	for (const clip of clips) addSpeech(left, right, clip, speakerPan(storyboard, clip));
	opts.signal?.throwIfAborted();
	const integratedLufs = normaliseLoudness(left, right, storyboard.loudnessLufs);
	writeStereoWav(outPath, MIX_SAMPLE_RATE, left, right);
	return { path: outPath, durationSeconds: frames / MIX_SAMPLE_RATE, integratedLufs };
}

/**
 * The dialogue bus: every spoken line passes through it before it meets the beds. It is what a
 * re-recording mixer does to make dialogue sit on top of a busy mix without raising it:
 *
 * 1. **EQ** — a 90 Hz high-pass (no voice lives below it; rumble only masks), −2 dB at 250 Hz
 *    (the boxy low-mid that thickens a lowered voice and competes with pads and bass) and +4 dB
 *    around 3 kHz, the consonant band that carries most of speech's intelligibility and where the
 *    score and the rain put less energy than in the low mids.
 * 2. **Compression** — a gentle soft-knee 2:1 leveller (30 ms RMS detector, 15 ms attack, 200 ms
 *    release), so quiet words come up relative to loud ones and do not drop into the bed.
 * 3. **Level** — back to the dialogue reference level (−20 LUFS, BS.1770 on the line; RMS for lines
 *    under 400 ms), with 5 ms edge fades.
 *
 * All filters are causal and the compressor has no look-ahead, so word timings are unchanged.
 * The output is mono at the mix rate; the mixer pans it.
 */
import type { SpeechClip } from '../storyboard';
import { Biquad } from './filters';
import { integratedLoudness, SILENCE_LUFS } from './loudness';

/** Dialogue level before the master normalisation; beds and effects are set relative to it. */
export const DIALOGUE_LUFS = -20;

/**
 * A gentle leveller rather than a limiter: 2:1 above −22 dBFS RMS (30 ms detector), 15 ms attack,
 * 200 ms release. Measured with the recogniser as the listener (docs/engine-sound.md), a 3:1
 * compressor with a 5 ms attack on a 10 ms detector recognised fewer words both clean and in the
 * mix: it flattened the syllable-to-syllable contrast a listener uses, where this one only evens
 * out the line's loud and quiet words.
 */
const COMPRESSOR = {
	/** Detector level (dBFS RMS) where gain reduction starts, for a line at DIALOGUE_LUFS. */
	thresholdDb: -22,
	ratio: 2,
	kneeDb: 6,
	attackSeconds: 0.015,
	releaseSeconds: 0.2,
	detectorSeconds: 0.03,
};

export interface PreparedLine {
	/** Mono samples at the mix rate, EQ'd, compressed and levelled to DIALOGUE_LUFS. */
	samples: Float32Array;
	/** Highest absolute sample: transients under the line are kept below it. */
	peak: number;
	/** BS.1770 loudness of the line (≈ DIALOGUE_LUFS; RMS-based for lines under 400 ms). */
	lufs: number;
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

function toMixRate(clip: SpeechClip, sampleRate: number): Float32Array {
	if (clip.sampleRate === sampleRate) return Float32Array.from(clip.samples);
	const ratio = clip.sampleRate / sampleRate;
	const out = new Float32Array(Math.floor(clip.samples.length / ratio));
	for (let i = 0; i < out.length; i++) out[i] = sampleAt(clip.samples, i * ratio);
	return out;
}

/** Loudness of a mono line: BS.1770 when long enough to gate, else RMS expressed on the same scale. */
export function lineLoudness(samples: Float32Array, sampleRate: number): number {
	const lufs = integratedLoudness([samples], sampleRate);
	if (lufs > SILENCE_LUFS) return lufs;
	let sum = 0;
	for (const s of samples) sum += s * s;
	const rms = Math.sqrt(sum / Math.max(1, samples.length));
	return rms > 0 ? 20 * Math.log10(rms) : SILENCE_LUFS;
}

function scaleTo(samples: Float32Array, sampleRate: number, targetLufs: number): void {
	const measured = lineLoudness(samples, sampleRate);
	if (measured <= SILENCE_LUFS) return;
	const gain = Math.pow(10, (targetLufs - measured) / 20);
	for (let i = 0; i < samples.length; i++) samples[i] *= gain;
}

function equalise(samples: Float32Array, sampleRate: number): void {
	const stages = [
		new Biquad(sampleRate).highpass(90),
		new Biquad(sampleRate).peaking(250, -2, 1),
		new Biquad(sampleRate).peaking(3000, 4, 0.9),
	];
	for (let i = 0; i < samples.length; i++) {
		let v = samples[i];
		for (const stage of stages) v = stage.process(v);
		samples[i] = v;
	}
}

/** Static curve: gain (dB, ≤ 0) for a detector level, with a quadratic soft knee. */
function gainReductionDb(levelDb: number): number {
	const { thresholdDb, ratio, kneeDb } = COMPRESSOR;
	const over = levelDb - thresholdDb;
	if (over <= -kneeDb / 2) return 0;
	if (over >= kneeDb / 2) return over * (1 / ratio - 1);
	const x = over + kneeDb / 2;
	return ((1 / ratio - 1) * x * x) / (2 * kneeDb);
}

function compress(samples: Float32Array, sampleRate: number): void {
	const detector = Math.exp(-1 / (COMPRESSOR.detectorSeconds * sampleRate));
	const attack = Math.exp(-1 / (COMPRESSOR.attackSeconds * sampleRate));
	const release = Math.exp(-1 / (COMPRESSOR.releaseSeconds * sampleRate));
	let meanSquare = 0;
	let gainDb = 0;
	for (let i = 0; i < samples.length; i++) {
		const x = samples[i];
		meanSquare = x * x + (meanSquare - x * x) * detector;
		const target = gainReductionDb(10 * Math.log10(meanSquare + 1e-12));
		gainDb = target + (gainDb - target) * (target < gainDb ? attack : release);
		samples[i] = x * Math.pow(10, gainDb / 20);
	}
}

/** Runs one line through the dialogue bus. */
export function prepareLine(clip: SpeechClip, sampleRate: number): PreparedLine {
	const samples = toMixRate(clip, sampleRate);
	equalise(samples, sampleRate);
	scaleTo(samples, sampleRate, DIALOGUE_LUFS);
	compress(samples, sampleRate);
	scaleTo(samples, sampleRate, DIALOGUE_LUFS);
	// 5 ms fades: a clip cut by the end of the video (or an engine that stops mid-waveform) never clicks.
	fadeEdges(samples, Math.min(samples.length >> 1, Math.round(0.005 * sampleRate)));
	return { samples, peak: peakOf(samples), lufs: lineLoudness(samples, sampleRate) };
}

/*
 * The two loops below are functions of their own, as are the stages above: inside prepareLine, V8
 * optimised one stage's loop on the stack with the others inlined and deoptimised at each next
 * stage that had not run yet (seven times for the reference's six lines).
 */

function fadeEdges(samples: Float32Array, fade: number): void {
	for (let i = 0; i < fade; i++) {
		const g = (i + 1) / fade;
		samples[i] *= g;
		samples[samples.length - 1 - i] *= g;
	}
}

function peakOf(samples: Float32Array): number {
	let peak = 0;
	for (const s of samples) peak = Math.max(peak, Math.abs(s));
	return peak;
}

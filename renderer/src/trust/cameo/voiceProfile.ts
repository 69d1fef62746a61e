/**
 * A voice profile from the registration recording: the speaker's median F0 (autocorrelation pitch
 * tracking over voiced 40 ms frames) becomes a pitch offset in semitones from the TTS base voice,
 * the speaking rate (words per second over the voiced span) a rate factor, and the brightness
 * (spectral centroid proxy: zero-crossing rate) is kept as a timbre hint.
 */
import { readFile } from 'node:fs/promises';
import type { VoiceProfile } from '../../pipeline/render';

/** The local engine's default voice and its typical F0 (flite's "slt" speaks around 170 Hz). */
export const BASE_VOICE = { id: 'flite:slt', f0Hz: 170 };
const NORMAL_WORDS_PER_SECOND = 2.5;

export interface VoiceAnalysis {
	profile: VoiceProfile;
	medianF0Hz: number | null;
	wordsPerSecond: number;
	voicedSeconds: number;
	/** Zero crossings per second in voiced frames: higher reads brighter. */
	brightness: number;
}

/** Reads 16-bit mono PCM from a canonical WAV written by ffmpeg (44-byte header). */
export async function readWavMono16(
	path: string,
): Promise<{ sampleRate: number; samples: Float32Array }> {
	const bytes = await readFile(path);
	const sampleRate = bytes.readUInt32LE(24);
	let at = 12;
	while (at + 8 <= bytes.length && bytes.toString('ascii', at, at + 4) !== 'data')
		at += 8 + bytes.readUInt32LE(at + 4);
	const start = at + 8;
	const count = Math.floor((bytes.length - start) / 2);
	const samples = new Float32Array(count);
	for (let i = 0; i < count; i++) samples[i] = bytes.readInt16LE(start + i * 2) / 32768;
	return { sampleRate, samples };
}

function frameF0(frame: Float32Array, sampleRate: number): number | null {
	const minLag = Math.floor(sampleRate / 400);
	const maxLag = Math.floor(sampleRate / 70);
	let energy = 0;
	for (const v of frame) energy += v * v;
	if (energy / frame.length < 1e-4) return null;
	let bestLag = 0;
	let best = 0;
	for (let lag = minLag; lag <= maxLag; lag++) {
		let acc = 0;
		for (let i = 0; i + lag < frame.length; i++) acc += frame[i] * frame[i + lag];
		const normalised = acc / energy;
		if (normalised > best) {
			best = normalised;
			bestLag = lag;
		}
	}
	// Weak periodicity is unvoiced sound (s, f, breath), not a pitch.
	return best > 0.45 && bestLag ? sampleRate / bestLag : null;
}

/**
 * How bright a voice is: the share of its energy above ~2 kHz (a one-pole high-pass, so the
 * figure does not depend on the sample rate). Compared with the base voice speaking the same
 * words, it becomes the profile's timbre (a spectral tilt the TTS applies).
 */
export function spectralBrightness(samples: Float32Array, sampleRate: number): number {
	const a = Math.exp((-2 * Math.PI * 2000) / sampleRate);
	let low = 0;
	let total = 0;
	let high = 0;
	for (let i = 0; i < samples.length; i++) {
		low = (1 - a) * samples[i] + a * low;
		const h = samples[i] - low;
		high += h * h;
		total += samples[i] * samples[i];
	}
	return total > 0 ? high / total : 0;
}

/** Timbre in dB relative to the base voice, clamped to what still sounds like a voice. */
export function timbreFromBrightness(brightness: number, baseBrightness: number): number {
	if (!(brightness > 0) || !(baseBrightness > 0)) return 0;
	return Math.round(clamp(10 * Math.log10(brightness / baseBrightness), -6, 6) * 10) / 10;
}

export function analyseVoice(
	samples: Float32Array,
	sampleRate: number,
	wordCount: number,
	baseBrightness?: number,
): VoiceAnalysis {
	const size = Math.round(sampleRate * 0.04);
	const pitches: number[] = [];
	let voicedFrames = 0;
	let crossings = 0;
	let firstVoiced = -1;
	let lastVoiced = -1;
	for (let start = 0, index = 0; start + size <= samples.length; start += size, index++) {
		const frame = samples.subarray(start, start + size);
		const f0 = frameF0(frame, sampleRate);
		if (f0 === null) continue;
		pitches.push(f0);
		voicedFrames++;
		if (firstVoiced < 0) firstVoiced = index;
		lastVoiced = index;
		for (let i = 1; i < frame.length; i++) if (frame[i - 1] < 0 !== frame[i] < 0) crossings++;
	}
	pitches.sort((a, b) => a - b);
	const medianF0Hz = pitches.length ? pitches[Math.floor(pitches.length / 2)] : null;
	const spanSeconds = firstVoiced >= 0 ? ((lastVoiced - firstVoiced + 1) * size) / sampleRate : 0;
	const wordsPerSecond = spanSeconds > 0 ? wordCount / spanSeconds : NORMAL_WORDS_PER_SECOND;
	const pitch = medianF0Hz ? clamp(12 * Math.log2(medianF0Hz / BASE_VOICE.f0Hz), -12, 12) : 0;
	const rate = clamp(wordsPerSecond / NORMAL_WORDS_PER_SECOND, 0.5, 2);
	const voicedSeconds = (voicedFrames * size) / sampleRate;
	return {
		profile: {
			voice: BASE_VOICE.id,
			pitch: Math.round(pitch * 10) / 10,
			rate: Math.round(rate * 100) / 100,
			...(baseBrightness
				? { timbre: timbreFromBrightness(spectralBrightness(samples, sampleRate), baseBrightness) }
				: {}),
		},
		medianF0Hz: medianF0Hz ? Math.round(medianF0Hz) : null,
		wordsPerSecond: Math.round(wordsPerSecond * 100) / 100,
		voicedSeconds: Math.round(voicedSeconds * 100) / 100,
		brightness: voicedSeconds ? Math.round(crossings / voicedSeconds) : 0,
	};
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}

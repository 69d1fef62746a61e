/**
 * Word and phone times for speech that came without them (an OpenAI-compatible `/audio/speech`
 * answer, or a provider whose timings were unusable): the known text is aligned to the audio.
 *
 * How: flite speaks the same text (its own word and phone times are exact), then dynamic time
 * warping matches the two recordings frame by frame on 13 MFCCs (25 ms frames every 10 ms, mel
 * bands 100 Hz–7 kHz so any rate from 16 kHz up compares alike, cepstral mean and variance
 * normalised per recording so the two speakers' different voices and channels cancel), and each of
 * flite's boundaries is carried across the warping path. The reference speaker is the flite voice
 * whose pitch is nearer the audio's (slt above 165 Hz, rms below). Silence at either end is cut
 * before warping (−40 dB under the loudest 10 ms), so a provider's lead-in does not stretch the
 * first word. Measured against festival's exact times and against provider timings in
 * test/engine/voice/alignment.test.ts.
 */
import type { TimedWord } from '../storyboard';
import type { TimedPhone } from '../lipsync';
import { synthesizeWithFlite } from './fliteEngine';

const FRAME_SECONDS = 0.025;
const HOP_SECONDS = 0.01;
const MEL_BANDS = 26;
const CEPSTRA = 13;
const LOW_HZ = 100;
const HIGH_HZ = 7000;

export interface Alignment {
	words: TimedWord[];
	phones: TimedPhone[];
}

function fftInPlace(re: Float64Array, im: Float64Array): void {
	const n = re.length;
	for (let i = 1, j = 0; i < n; i++) {
		let bit = n >> 1;
		for (; j & bit; bit >>= 1) j ^= bit;
		j ^= bit;
		if (i < j) {
			[re[i], re[j]] = [re[j], re[i]];
			[im[i], im[j]] = [im[j], im[i]];
		}
	}
	for (let size = 2; size <= n; size <<= 1) {
		const angle = (-2 * Math.PI) / size;
		const wr = Math.cos(angle);
		const wi = Math.sin(angle);
		for (let start = 0; start < n; start += size) {
			let cr = 1;
			let ci = 0;
			for (let k = 0; k < size / 2; k++) {
				const a = start + k;
				const b = a + size / 2;
				const tr = re[b] * cr - im[b] * ci;
				const ti = re[b] * ci + im[b] * cr;
				re[b] = re[a] - tr;
				im[b] = im[a] - ti;
				re[a] += tr;
				im[a] += ti;
				const next = cr * wr - ci * wi;
				ci = cr * wi + ci * wr;
				cr = next;
			}
		}
	}
}

const melOf = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const hzOf = (mel: number) => 700 * (Math.pow(10, mel / 2595) - 1);

/** MFCC frames (without c0), normalised to zero mean and unit variance per coefficient. */
export function mfcc(samples: Float32Array, sampleRate: number): Float64Array[] {
	const frame = Math.round(FRAME_SECONDS * sampleRate);
	const hop = Math.round(HOP_SECONDS * sampleRate);
	let size = 1;
	while (size < frame) size <<= 1;
	const window = Float64Array.from(
		{ length: frame },
		(_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (frame - 1)),
	);
	const edges = Array.from({ length: MEL_BANDS + 2 }, (_, k) =>
		hzOf(melOf(LOW_HZ) + ((melOf(HIGH_HZ) - melOf(LOW_HZ)) * k) / (MEL_BANDS + 1)),
	).map((hz) => (hz * size) / sampleRate);
	const frames: Float64Array[] = [];
	const re = new Float64Array(size);
	const im = new Float64Array(size);
	const bands = new Float64Array(MEL_BANDS);
	for (let start = 0; start + frame <= samples.length; start += hop) {
		re.fill(0);
		im.fill(0);
		for (let i = 0; i < frame; i++)
			re[i] = (samples[start + i] - 0.97 * (samples[start + i - 1] ?? 0)) * window[i];
		fftInPlace(re, im);
		for (let b = 0; b < MEL_BANDS; b++) {
			let energy = 0;
			const [lo, mid, hi] = [edges[b], edges[b + 1], edges[b + 2]];
			for (let k = Math.ceil(lo); k <= Math.floor(hi) && k < size / 2; k++) {
				const weight = k <= mid ? (k - lo) / (mid - lo) : (hi - k) / (hi - mid);
				energy += weight * (re[k] * re[k] + im[k] * im[k]);
			}
			bands[b] = Math.log(energy + 1e-10);
		}
		const cepstra = new Float64Array(CEPSTRA - 1);
		for (let c = 1; c < CEPSTRA; c++) {
			let sum = 0;
			for (let b = 0; b < MEL_BANDS; b++)
				sum += bands[b] * Math.cos((Math.PI * c * (b + 0.5)) / MEL_BANDS);
			cepstra[c - 1] = sum;
		}
		frames.push(cepstra);
	}
	for (let c = 0; c < CEPSTRA - 1; c++) {
		let mean = 0;
		for (const f of frames) mean += f[c];
		mean /= Math.max(1, frames.length);
		let variance = 0;
		for (const f of frames) variance += (f[c] - mean) ** 2;
		const sd = Math.sqrt(variance / Math.max(1, frames.length)) || 1;
		for (const f of frames) f[c] = (f[c] - mean) / sd;
	}
	return frames;
}

/**
 * Dynamic time warping (symmetric steps, a diagonal step costing twice) within a band around the
 * diagonal (±15 % of the longer recording, 0.3–3 s), stored row by row so a long voice-over stays
 * small; returns, for every reference frame, the mean target frame it maps to.
 */
export function warp(reference: Float64Array[], target: Float64Array[]): Float64Array {
	const n = reference.length;
	const m = target.length;
	const mapping = new Float64Array(n);
	if (n === 0 || m === 0) return mapping;
	const band = Math.round(Math.min(300, Math.max(30, Math.max(n, m) * 0.15)));
	const rows: Array<{ from: number; cost: Float32Array }> = [];
	const at = (i: number, j: number): number => {
		const row = rows[i];
		const k = j - row.from;
		return k >= 0 && k < row.cost.length ? row.cost[k] : Infinity;
	};
	for (let i = 0; i < n; i++) {
		const centre = (i * (m - 1)) / Math.max(1, n - 1);
		const from = Math.max(0, Math.floor(centre - band));
		const to = Math.min(m - 1, Math.ceil(centre + band));
		const cost = new Float32Array(to - from + 1);
		rows.push({ from, cost });
		const a = reference[i];
		for (let j = from; j <= to; j++) {
			const b = target[j];
			let d = 0;
			for (let c = 0; c < a.length; c++) d += (a[c] - b[c]) ** 2;
			d = Math.sqrt(d);
			if (i === 0 && j === 0) {
				cost[0] = d;
				continue;
			}
			let best = Infinity;
			if (i > 0) best = Math.min(best, at(i - 1, j) + d);
			if (j > from) best = Math.min(best, cost[j - 1 - from] + d);
			if (i > 0 && j > 0) best = Math.min(best, at(i - 1, j - 1) + 2 * d);
			cost[j - from] = best;
		}
	}
	// Trace back from the end; average the target frames each reference frame is matched with.
	const sums = new Float64Array(n);
	const counts = new Float64Array(n);
	let i = n - 1;
	let j = m - 1;
	for (let guard = 0; guard < n + m + 2; guard++) {
		sums[i] += j;
		counts[i]++;
		if (i === 0 && j === 0) break;
		const diagonal = i > 0 && j > 0 ? at(i - 1, j - 1) : Infinity;
		const up = i > 0 ? at(i - 1, j) : Infinity;
		const left = j > 0 ? at(i, j - 1) : Infinity;
		if (diagonal <= up && diagonal <= left && diagonal < Infinity) {
			i--;
			j--;
		} else if (up <= left && up < Infinity) i--;
		else if (left < Infinity) j--;
		else if (i > 0) i--;
		else j--;
	}
	for (let k = 0; k < n; k++)
		mapping[k] = counts[k] ? sums[k] / counts[k] : (k * (m - 1)) / Math.max(1, n - 1);
	return mapping;
}

/** First and last sample of the audible part (10 ms windows within 40 dB of the loudest one). */
export function audibleSpan(samples: Float32Array, sampleRate: number): [number, number] {
	const window = Math.max(1, Math.round(sampleRate * 0.01));
	const levels: number[] = [];
	for (let start = 0; start + window <= samples.length; start += window) {
		let e = 0;
		for (let i = start; i < start + window; i++) e += samples[i] * samples[i];
		levels.push(Math.sqrt(e / window));
	}
	const loudest = Math.max(0, ...levels);
	if (loudest === 0) return [0, samples.length];
	const first = levels.findIndex((l) => l > loudest * 0.01);
	let last = levels.length - 1;
	while (last > first && levels[last] <= loudest * 0.01) last--;
	return [first * window, Math.min(samples.length, (last + 1) * window)];
}

function medianPitch(samples: Float32Array, sampleRate: number): number {
	const frame = Math.round(0.04 * sampleRate);
	const minLag = Math.floor(sampleRate / 350);
	const maxLag = Math.floor(sampleRate / 70);
	const pitches: number[] = [];
	for (let start = 0; start + frame + maxLag < samples.length; start += frame) {
		let energy = 0;
		for (let i = 0; i < frame; i++) energy += samples[start + i] ** 2;
		if (energy / frame < 1e-5) continue;
		let best = 0;
		let bestLag = 0;
		for (let lag = minLag; lag <= maxLag; lag++) {
			let c = 0;
			for (let i = 0; i < frame; i++) c += samples[start + i] * samples[start + i + lag];
			if (c / energy > best) {
				best = c / energy;
				bestLag = lag;
			}
		}
		if (best > 0.5) pitches.push(sampleRate / bestLag);
	}
	pitches.sort((a, b) => a - b);
	return pitches[Math.floor(pitches.length / 2)] ?? 0;
}

/**
 * Times `text` as spoken in `samples`: flite's rendition of the text, warped onto the audio.
 * `rate` is the speaking rate the audio was asked for (the reference is spoken at it too).
 */
export function alignTextToAudio(
	text: string,
	samples: Float32Array,
	sampleRate: number,
	rate = 1,
): Alignment {
	const pitch = medianPitch(samples, sampleRate);
	const reference = synthesizeWithFlite({ text, voiceName: pitch > 165 ? 'slt' : 'rms', rate });
	const [refFrom, refTo] = audibleSpan(reference.samples, reference.sampleRate);
	const [from, to] = audibleSpan(samples, sampleRate);
	const refOffset = refFrom / reference.sampleRate;
	const offset = from / sampleRate;
	const refFrames = mfcc(reference.samples.subarray(refFrom, refTo), reference.sampleRate);
	const frames = mfcc(samples.subarray(from, to), sampleRate);
	const mapping = warp(refFrames, frames);
	const audibleEnd = to / sampleRate;
	const refEnd = refTo / reference.sampleRate;
	// A reference time → the target's time: interpolated along the path, clamped to the audible part.
	const carry = (t: number): number => {
		if (t <= refOffset) return Math.max(0, offset - (refOffset - t));
		if (t >= refEnd) return Math.min(samples.length / sampleRate, audibleEnd + (t - refEnd));
		const position = (t - refOffset - FRAME_SECONDS / 2) / HOP_SECONDS;
		const k = Math.max(0, Math.min(mapping.length - 1, position));
		const lo = Math.floor(k);
		const hi = Math.min(mapping.length - 1, lo + 1);
		const frame = mapping[lo] + (mapping[hi] - mapping[lo]) * (k - lo);
		return Math.min(audibleEnd, offset + frame * HOP_SECONDS + FRAME_SECONDS / 2);
	};
	const monotone = <T extends { start: number; end: number }>(items: T[]): T[] => {
		let last = 0;
		return items.map((item) => {
			const start = Math.max(last, carry(item.start));
			const end = Math.max(start, carry(item.end));
			last = end;
			return { ...item, start, end };
		});
	};
	return { words: monotone(reference.words), phones: monotone(reference.phones) };
}

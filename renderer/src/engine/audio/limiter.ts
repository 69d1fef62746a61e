/**
 * A look-ahead true-peak limiter working in place on planar stereo. Peaks are estimated between
 * samples too (4× oversampling by a windowed-sinc interpolator), so the ceiling holds for the
 * reconstructed waveform and not just the samples — what a decoder (and ffmpeg's ebur128
 * `peak=true`) sees. The gain curve is the sliding minimum of the needed gain over the look-ahead
 * window, box-averaged over the same window: that is never above the needed gain at any sample,
 * and it ramps smoothly instead of clicking. Release is a one-pole recovery.
 */
const OVERSAMPLE = 4;
const TAPS = 16; // per phase: interpolation from 8 samples either side

function interpolationKernel(): Float64Array[] {
	const phases: Float64Array[] = [];
	for (let p = 1; p < OVERSAMPLE; p++) {
		const frac = p / OVERSAMPLE;
		const k = new Float64Array(TAPS);
		for (let t = 0; t < TAPS; t++) {
			const x = t - (TAPS / 2 - 1) - frac; // distance from the interpolated point to sample n+t-3
			const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
			const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (TAPS / 2 + 0.5));
			k[t] = sinc * window;
		}
		phases.push(k);
	}
	return phases;
}

/** Largest absolute value of the reconstructed waveform between sample n and n+1 (inclusive of n). */
function truePeakAround(x: Float32Array, n: number, kernel: Float64Array[]): number {
	let peak = Math.abs(x[n]);
	if (n < TAPS / 2 - 1 || n + TAPS / 2 >= x.length) return peak;
	for (const k of kernel) {
		let v = 0;
		for (let t = 0; t < TAPS; t++) v += k[t] * x[n + t - (TAPS / 2 - 1)];
		const a = Math.abs(v);
		if (a > peak) peak = a;
	}
	return peak;
}

export interface LimiterOptions {
	sampleRate: number;
	/** Ceiling in dBTP. */
	ceilingDb: number;
	lookaheadSeconds?: number;
	releaseSeconds?: number;
	/** Reusable work arrays (length ≥ the signal) when limiting the same mix repeatedly. */
	scratch?: LimiterScratch;
}

export interface LimiterScratch {
	needed: Float32Array;
	windowMin: Float32Array;
	deque: Int32Array;
}

export function limiterScratch(length: number): LimiterScratch {
	return {
		needed: new Float32Array(length),
		windowMin: new Float32Array(length),
		deque: new Int32Array(length),
	};
}

/**
 * Limits in place; returns the largest gain reduction applied, in dB (≥ 0).
 *
 * Each pass over the signal is a function of its own: one function with three long loops was
 * optimised by V8 on the stack in the first loop, deoptimised on reaching the next (never run, so no
 * type feedback) and optimised again — up to seven TurboFan compiles a render (docs/BENCHMARKS.md,
 * "V8 in a render"). The arithmetic is the same, and so are the samples.
 */
export function limitTruePeak(
	left: Float32Array,
	right: Float32Array,
	opts: LimiterOptions,
): number {
	const n = left.length;
	const ceiling = Math.pow(10, opts.ceilingDb / 20);
	const look = Math.max(1, Math.round((opts.lookaheadSeconds ?? 0.005) * opts.sampleRate));
	// Needed gain per sample; only samples over the ceiling get < 1, so most of the array stays 1.
	const scratch =
		opts.scratch && opts.scratch.needed.length >= n ? opts.scratch : limiterScratch(n);
	const needed = scratch.needed.fill(1, 0, n);
	if (!markNeededGain(left, right, ceiling, needed)) return 0;
	slidingMinimum(needed, n, look, scratch);
	const release = Math.exp(-1 / ((opts.releaseSeconds ?? 0.08) * opts.sampleRate));
	const deepest = applyGainCurve(left, right, scratch.windowMin, needed, look, release);
	return -20 * Math.log10(deepest);
}

/** The gain each sample over the ceiling needs (the others stay 1); false when none does. */
function markNeededGain(
	left: Float32Array,
	right: Float32Array,
	ceiling: number,
	needed: Float32Array,
): boolean {
	const n = left.length;
	const kernel = interpolationKernel();
	let any = false;
	for (let i = 0; i < n; i++) {
		const quick = Math.max(Math.abs(left[i]), Math.abs(right[i]));
		if (quick < ceiling * 0.7) continue; // inter-sample peaks exceed sample peaks by far less than 3 dB
		const peak = Math.max(truePeakAround(left, i, kernel), truePeakAround(right, i, kernel));
		if (peak > ceiling) {
			needed[i] = ceiling / peak;
			// the overshoot between i and i+1 also constrains i+1
			if (i + 1 < n) needed[i + 1] = Math.min(needed[i + 1], ceiling / peak);
			any = true;
		}
	}
	return any;
}

/** Sliding minimum of `needed` over [i, i + look), into scratch.windowMin, with a monotonic deque. */
function slidingMinimum(needed: Float32Array, n: number, look: number, scratch: LimiterScratch) {
	const { windowMin, deque } = scratch;
	let head = 0;
	let tail = 0;
	for (let i = n - 1; i >= 0; i--) {
		while (tail > head && needed[deque[tail - 1]] >= needed[i]) tail--;
		deque[tail++] = i;
		while (deque[head] >= i + look) head++;
		windowMin[i] = needed[deque[head]];
	}
}

/** The box-averaged window minimum with a one-pole release, applied; returns the deepest gain. */
function applyGainCurve(
	left: Float32Array,
	right: Float32Array,
	windowMin: Float32Array,
	needed: Float32Array,
	look: number,
	release: number,
): number {
	const n = left.length;
	let boxSum = look; // the window starts full of unity gain from before the first sample
	let gain = 1;
	let deepest = 1;
	for (let i = 0; i < n; i++) {
		boxSum += windowMin[i] - (i >= look ? windowMin[i - look] : 1);
		// Clamped by the need itself so rounding drift in the running sum can never let a peak through.
		const target = Math.min(1, boxSum / look, needed[i]);
		gain = target < gain ? target : Math.min(target, 1 - (1 - gain) * release);
		left[i] *= gain;
		right[i] *= gain;
		if (gain < deepest) deepest = gain;
	}
	return deepest;
}

/**
 * Integrated loudness per ITU-R BS.1770-4 / EBU R128 (LUFS): K-weighting (a high shelf and a
 * high-pass), mean square over 400 ms blocks with 75 % overlap, an absolute gate at −70 LUFS and a
 * relative gate 10 LU below the ungated level. Coefficients are recomputed for the sample rate
 * (the standard's table is for 48 kHz). Tested against ffmpeg's ebur128 filter.
 */
export const SILENCE_LUFS = -70;

function kWeightingCoefficients(sampleRate: number) {
	// Pre-filter (shelf) and RLB high-pass parameters from the standard, bilinear-transformed.
	const f0 = 1681.974450955533;
	const g = 3.999843853973347;
	const q = 0.7071752369554196;
	const k = Math.tan((Math.PI * f0) / sampleRate);
	const vh = Math.pow(10, g / 20);
	const vb = Math.pow(vh, 0.4996667741545416);
	const a0 = 1 + k / q + k * k;
	const shelf = {
		b: [
			(vh + (vb * k) / q + k * k) / a0,
			(2 * (k * k - vh)) / a0,
			(vh - (vb * k) / q + k * k) / a0,
		],
		a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
	};
	const f1 = 38.13547087602444;
	const q1 = 0.5003270373238773;
	const k1 = Math.tan((Math.PI * f1) / sampleRate);
	const d = 1 + k1 / q1 + k1 * k1;
	const highpass = { b: [1, -2, 1], a: [(2 * (k1 * k1 - 1)) / d, (1 - k1 / q1 + k1 * k1) / d] };
	return { shelf, highpass };
}

/** Mean square of the K-weighted signal for every 100 ms step (the building block of gating blocks). */
function kWeightedStepPower(channels: Float32Array[], sampleRate: number): Float64Array {
	const coefficients = kWeightingCoefficients(sampleRate);
	const step = Math.round(sampleRate / 10);
	const steps = Math.floor(channels[0].length / step);
	const power = new Float64Array(steps);
	for (const x of channels) addStepPower(x, power, step, coefficients);
	return power;
}

/**
 * Adds one channel's K-weighted mean square per step into `power`. Its own function, coefficients
 * in locals and nothing after the loop: V8 optimises the loop on the stack during the first
 * (mono) line's measurement, and the caller's code after it used to deoptimise it again.
 */
function addStepPower(
	x: Float32Array,
	power: Float64Array,
	step: number,
	{ shelf, highpass }: ReturnType<typeof kWeightingCoefficients>,
): void {
	const [sb0, sb1, sb2] = shelf.b;
	const [sa0, sa1] = shelf.a;
	const [ha0, ha1] = highpass.a;
	let s1x1 = 0,
		s1x2 = 0,
		s1y1 = 0,
		s1y2 = 0,
		s2y1 = 0,
		s2y2 = 0;
	for (let s = 0; s < power.length; s++) {
		let sum = 0;
		const end = (s + 1) * step;
		for (let i = s * step; i < end; i++) {
			const xi = x[i];
			const y1 = sb0 * xi + sb1 * s1x1 + sb2 * s1x2 - sa0 * s1y1 - sa1 * s1y2;
			s1x2 = s1x1;
			s1x1 = xi;
			// The high-pass input is the shelf output; its own input history is s1y1/s1y2.
			const y2 = y1 - 2 * s1y1 + s1y2 - ha0 * s2y1 - ha1 * s2y2;
			s1y2 = s1y1;
			s1y1 = y1;
			s2y2 = s2y1;
			s2y1 = y2;
			sum += y2 * y2;
		}
		power[s] += sum / step;
	}
}

/** Integrated loudness in LUFS of planar channels (L, R weighted 1.0 each); SILENCE_LUFS for silence or < 400 ms. */
export function integratedLoudness(channels: Float32Array[], sampleRate: number): number {
	const stepPower = kWeightedStepPower(channels, sampleRate);
	const blocks: number[] = [];
	for (let s = 0; s + 4 <= stepPower.length; s++)
		blocks.push((stepPower[s] + stepPower[s + 1] + stepPower[s + 2] + stepPower[s + 3]) / 4);
	const lufs = (p: number) => -0.691 + 10 * Math.log10(p);
	const absolute = blocks.filter((p) => p > 0 && lufs(p) > -70);
	if (absolute.length === 0) return SILENCE_LUFS;
	const relativeGate = lufs(absolute.reduce((a, b) => a + b, 0) / absolute.length) - 10;
	const gated = absolute.filter((p) => lufs(p) > relativeGate);
	return lufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/**
 * Ducking: lowers what is in the buffers (the music, rendered first) while someone speaks. The mix
 * is rendered offline, so the gain starts moving slightly BEFORE each line (look-ahead) and the
 * music is already down when the first word lands; it recovers slowly after the line.
 */
export interface DuckingOptions {
	sampleRate: number;
	amountDb: number;
	/** Time constant of the fall (s). */
	attackSeconds?: number;
	/** Time constant of the recovery (s). */
	releaseSeconds?: number;
	/** How early the fall starts before speech (s). */
	lookaheadSeconds?: number;
}

export interface Interval {
	start: number;
	end: number;
}

/** Multiplies the buffers in place by the ducking gain; returns nothing, allocates nothing per sample. */
export function applyDucking(
	left: Float32Array,
	right: Float32Array,
	speech: Interval[],
	opts: DuckingOptions,
): void {
	if (opts.amountDb <= 0 || speech.length === 0) return;
	const sr = opts.sampleRate;
	const ducked = Math.pow(10, -opts.amountDb / 20);
	const attack = Math.exp(-1 / ((opts.attackSeconds ?? 0.04) * sr));
	const release = Math.exp(-1 / ((opts.releaseSeconds ?? 0.3) * sr));
	const lead = opts.lookaheadSeconds ?? 0.15;
	const spans = speech
		.map(
			(s) =>
				[Math.max(0, Math.round((s.start - lead) * sr)), Math.round(s.end * sr)] as [
					number,
					number,
				],
		)
		.sort((a, b) => a[0] - b[0])
		.reduce<Array<[number, number]>>((merged, s) => {
			const last = merged[merged.length - 1];
			if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
			else merged.push(s);
			return merged;
		}, []);
	let span = 0;
	let gain = 1;
	for (let i = 0; i < left.length; i++) {
		while (span < spans.length && spans[span][1] <= i) span++;
		const active = span < spans.length && spans[span][0] <= i;
		const target = active ? ducked : 1;
		gain = target + (gain - target) * (target < gain ? attack : release);
		left[i] *= gain;
		right[i] *= gain;
	}
}

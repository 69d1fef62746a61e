/**
 * Ducking: lowers what is in the buffers (every bed — music, ambience, cue effects, contacts —
 * rendered before the dialogue) while someone speaks. The mix is rendered offline, so the gain
 * starts moving slightly BEFORE each line (look-ahead) and the beds are already down when the first
 * word lands; they recover slowly after the line.
 *
 * `duckUnderDialogue` makes it dialogue-first: each line's window is lowered by at least the
 * configured amount, and further when the bed would otherwise sit closer than `clearanceDb` under
 * that line (measured, BS.1770, on the window itself), so a loud rain bed or crowd never masks a
 * line however the spec sets their volumes. While ducked, the beds' speech band (a wide bell at
 * 2.5 kHz, Q 0.5) is dipped a further `carveDb` in proportion to the duck, clearing the consonant
 * band the way a dialogue-keyed multiband ducker does while the bass and the air of the music stay.
 */
import { Biquad } from './filters';
import { integratedLoudness, SILENCE_LUFS } from './loudness';

export interface DuckingOptions {
	sampleRate: number;
	amountDb: number;
	/** Time constant of the fall (s). */
	attackSeconds?: number;
	/** Time constant of the recovery (s). */
	releaseSeconds?: number;
	/** How early the fall starts before speech (s). */
	lookaheadSeconds?: number;
	/** Extra dip (dB) of the speech band (a wide bell at 2.5 kHz) while ducked, in proportion to the duck. */
	carveDb?: number;
}

export interface Interval {
	start: number;
	end: number;
}

/** A stretch to duck; `depthDb` overrides the options' amount for it (the deepest wins where stretches merge). */
export interface DuckSpan extends Interval {
	depthDb?: number;
}

export const DUCK_LOOKAHEAD_SECONDS = 0.15;
/** The deepest a bed is ever pushed under a line. */
const MAX_DEPTH_DB = 40;

/** Multiplies the buffers in place by the ducking gain; returns nothing, allocates nothing per sample. */
export function applyDucking(
	left: Float32Array,
	right: Float32Array,
	speech: DuckSpan[],
	opts: DuckingOptions,
): void {
	if (speech.length === 0) return;
	const sr = opts.sampleRate;
	const attack = Math.exp(-1 / ((opts.attackSeconds ?? 0.04) * sr));
	const release = Math.exp(-1 / ((opts.releaseSeconds ?? 0.3) * sr));
	const lead = opts.lookaheadSeconds ?? DUCK_LOOKAHEAD_SECONDS;
	const spans = speech
		.map((s) => ({
			from: Math.max(0, Math.round((s.start - lead) * sr)),
			to: Math.round(s.end * sr),
			depth: Math.min(MAX_DEPTH_DB, s.depthDb ?? opts.amountDb),
		}))
		.filter((s) => s.depth > 0 && s.to > s.from)
		.sort((a, b) => a.from - b.from)
		.reduce<Array<{ from: number; to: number; depth: number; gain: number }>>((merged, s) => {
			const last = merged[merged.length - 1];
			if (last && s.from <= last.to) {
				last.to = Math.max(last.to, s.to);
				last.depth = Math.max(last.depth, s.depth);
			} else merged.push({ ...s, gain: 1 });
			return merged;
		}, []);
	if (spans.length === 0) return;
	for (const s of spans) s.gain = Math.pow(10, -s.depth / 20);
	let span = 0;
	let gain = 1;
	const carve = opts.carveDb ?? 0;
	const bells = carve > 0 ? [new Biquad(sr), new Biquad(sr)] : [];
	let bellDb = 0;
	for (let i = 0; i < left.length; i++) {
		while (span < spans.length && spans[span].to <= i) span++;
		const active = span < spans.length && spans[span].from <= i;
		const target = active ? spans[span].gain : 1;
		gain = target + (gain - target) * (target < gain ? attack : release);
		if (bells.length && (i & 63) === 0) {
			const want = carve * Math.min(1, (-20 * Math.log10(gain)) / Math.max(1, opts.amountDb));
			if (Math.abs(want - bellDb) > 0.05 || (want === 0 && bellDb !== 0)) {
				bellDb = want < 0.05 ? 0 : want;
				for (const b of bells) b.peaking(2500, -bellDb, 0.5);
			}
		}
		let l = left[i],
			r = right[i];
		if (bells.length) {
			l = bells[0].process(l);
			r = bells[1].process(r);
		}
		left[i] = l * gain;
		right[i] = r * gain;
	}
}

/** BS.1770 loudness of a stretch of stereo buffers (ungated K-weighted power for stretches under 400 ms). */
export function windowLoudness(
	left: Float32Array,
	right: Float32Array,
	sampleRate: number,
	window: Interval,
): number {
	const from = Math.max(0, Math.round(window.start * sampleRate));
	const to = Math.min(left.length, Math.round(window.end * sampleRate));
	if (to <= from) return SILENCE_LUFS;
	const channels = [left.subarray(from, to), right.subarray(from, to)];
	const lufs = integratedLoudness(channels, sampleRate);
	if (lufs > SILENCE_LUFS || to - from >= 0.4 * sampleRate) return lufs;
	let sum = 0;
	for (const c of channels) for (const s of c) sum += s * s;
	const power = sum / (to - from);
	return power > 0 ? Math.max(SILENCE_LUFS, -0.691 + 10 * Math.log10(power)) : SILENCE_LUFS;
}

export interface DialogueWindow extends Interval {
	/** Loudness of the line in this window (LUFS, before the master gain). */
	speechLufs: number;
}

export interface DialogueDuckingOptions extends DuckingOptions {
	/** The bed must sit at least this far (LU) under each line, measured over the line's window. */
	clearanceDb: number;
}

export interface WindowClearance extends DialogueWindow {
	/** Bed loudness over the window after ducking (LUFS, before the master gain). */
	bedLufs: number;
	/** How far the bed was lowered for this window (dB). */
	depthDb: number;
}

/**
 * Ducks the beds under every dialogue window by at least `amountDb`, and deeper where the bed
 * measured over the window is louder than `speechLufs − clearanceDb`. A second pass corrects what
 * the smooth gain curve left (a window shorter than the attack, a hit right at a line's start).
 * Returns the clearance reached per window.
 */
export function duckUnderDialogue(
	left: Float32Array,
	right: Float32Array,
	windows: DialogueWindow[],
	opts: DialogueDuckingOptions,
): WindowClearance[] {
	const sr = opts.sampleRate;
	windows = windows.filter((w) => w.speechLufs > SILENCE_LUFS && w.end > w.start);
	const depths = windows.map((w) => {
		const bed = windowLoudness(left, right, sr, w);
		// Half a dB to spare: the gain curve is still falling during the window's first moments.
		const needed = bed <= SILENCE_LUFS ? 0 : bed - (w.speechLufs - opts.clearanceDb) + 0.5;
		return Math.min(MAX_DEPTH_DB, Math.max(opts.amountDb, needed));
	});
	applyDucking(
		left,
		right,
		windows.map((w, k) => ({ ...w, depthDb: depths[k] })),
		opts,
	);
	const shortfalls = windows.map((w, k) => {
		const bed = windowLoudness(left, right, sr, w);
		const short = bed <= SILENCE_LUFS ? 0 : bed - (w.speechLufs - opts.clearanceDb);
		return short > 0 && depths[k] < MAX_DEPTH_DB ? short : 0;
	});
	const fixes = windows
		.map((w, k) => ({ start: w.start, end: w.end, depthDb: shortfalls[k] + 0.5 }))
		.filter((_, k) => shortfalls[k] > 0);
	// Short fix-ups fall fast: they only top up a window that is already mostly down.
	if (fixes.length)
		applyDucking(left, right, fixes, {
			...opts,
			attackSeconds: 0.01,
			lookaheadSeconds: 0.05,
			carveDb: 0,
		});
	return windows.map((w, k) => ({
		...w,
		bedLufs: windowLoudness(left, right, sr, w),
		depthDb: depths[k] + (shortfalls[k] > 0 ? shortfalls[k] + 0.5 : 0),
	}));
}

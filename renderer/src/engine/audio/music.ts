/**
 * Procedural score: a seeded chord progression for the mood, played by a detuned-saw pad, a bass,
 * an optional plucked arpeggio and a drum kit, at the storyboard's tempo. Everything is additive
 * synthesis from a band-limited wavetable plus filtered noise, rendered note by note straight into
 * the mix buffers (no stem is kept).
 */
import { Biquad } from './filters';
import { integratedLoudness, SILENCE_LUFS } from './loudness';
import { childSeed, seededRandom } from './random';

type DrumStyle = 'none' | 'soft' | 'four' | 'backbeat' | 'pulse' | 'epic' | 'halftime';

interface MoodStyle {
	minor: boolean;
	/** Scale degrees (0 = tonic), one chord per bar; a seed picks one of them. */
	progressions: number[][];
	drums: DrumStyle;
	arpeggio: boolean;
	/** Pad low-pass cutoff: darker moods are darker. */
	padCutoff: number;
	/** Eighth notes of the bar where the bass plays. */
	bass: number[];
}

const MOODS: Record<string, MoodStyle> = {
	upbeat: {
		minor: false,
		progressions: [
			[0, 4, 5, 3],
			[0, 5, 3, 4],
		],
		drums: 'four',
		arpeggio: true,
		padCutoff: 2600,
		bass: [0, 2, 3, 4, 6, 7],
	},
	calm: {
		minor: false,
		progressions: [
			[0, 3, 0, 4],
			[0, 5, 3, 4],
		],
		drums: 'none',
		arpeggio: true,
		padCutoff: 1400,
		bass: [0, 4],
	},
	tense: {
		minor: true,
		progressions: [
			[0, 5, 0, 6],
			[0, 0, 5, 4],
		],
		drums: 'pulse',
		arpeggio: false,
		padCutoff: 1100,
		bass: [0, 1, 2, 3, 4, 5, 6, 7],
	},
	epic: {
		minor: true,
		progressions: [
			[0, 5, 2, 6],
			[0, 3, 5, 6],
		],
		drums: 'epic',
		arpeggio: true,
		padCutoff: 2200,
		bass: [0, 3, 4],
	},
	playful: {
		minor: false,
		progressions: [
			[0, 3, 4, 0],
			[0, 1, 4, 0],
		],
		drums: 'backbeat',
		arpeggio: true,
		padCutoff: 3000,
		bass: [0, 2, 4, 6],
	},
	sad: {
		minor: true,
		progressions: [
			[0, 3, 5, 4],
			[0, 5, 3, 4],
		],
		drums: 'none',
		arpeggio: true,
		padCutoff: 1000,
		bass: [0],
	},
	mysterious: {
		minor: true,
		progressions: [
			[0, 1, 0, 5],
			[0, 6, 5, 1],
		],
		drums: 'soft',
		arpeggio: true,
		padCutoff: 900,
		bass: [0, 5],
	},
	romantic: {
		minor: false,
		progressions: [
			[0, 5, 1, 4],
			[0, 2, 3, 4],
		],
		drums: 'soft',
		arpeggio: true,
		padCutoff: 1600,
		bass: [0, 3, 4],
	},
	action: {
		minor: true,
		progressions: [
			[0, 6, 5, 6],
			[0, 3, 6, 4],
		],
		drums: 'backbeat',
		arpeggio: false,
		padCutoff: 2400,
		bass: [0, 1, 2, 3, 4, 5, 6, 7],
	},
	chill: {
		minor: false,
		progressions: [
			[1, 4, 0, 5],
			[0, 5, 1, 4],
		],
		drums: 'halftime',
		arpeggio: true,
		padCutoff: 1300,
		bass: [0, 3, 5],
	},
};

/** Moods the score understands; anything else is played as `calm` (the planner should warn). */
export const MUSIC_MOODS: string[] = Object.keys(MOODS);

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];

const TABLE_SIZE = 2048;
/** Band-limited sawtooth (12 harmonics): bright enough for a pad, no aliasing below ~2 kHz fundamentals. */
const SAW = (() => {
	const t = new Float32Array(TABLE_SIZE + 1);
	for (let i = 0; i <= TABLE_SIZE; i++) {
		let v = 0;
		for (let k = 1; k <= 12; k++) v += Math.sin((2 * Math.PI * k * i) / TABLE_SIZE) / k;
		t[i] = v * 0.55;
	}
	return t;
})();

/** The pluck's waveform: a sine with a little 2nd and 3rd harmonic. */
const PLUCK = (() => {
	const t = new Float32Array(TABLE_SIZE + 1);
	for (let i = 0; i <= TABLE_SIZE; i++) {
		const x = (2 * Math.PI * i) / TABLE_SIZE;
		t[i] = Math.sin(x) + 0.3 * Math.sin(2 * x) + 0.12 * Math.sin(3 * x);
	}
	return t;
})();

function midiToHz(note: number): number {
	return 440 * Math.pow(2, (note - 69) / 12);
}

function chordNotes(root: number, scale: number[], degree: number): number[] {
	const note = (d: number) => root + scale[d % 7] + 12 * Math.floor(d / 7);
	return [note(degree), note(degree + 2), note(degree + 4)];
}

interface Bus {
	left: Float32Array;
	right: Float32Array;
	sampleRate: number;
	/** Last sample (exclusive) notes may write to. */
	end: number;
}

function addPadNote(
	bus: Bus,
	start: number,
	length: number,
	hz: number,
	cutoff: number,
	gain: number,
): void {
	const attack = Math.min(length / 3, bus.sampleRate * 0.35);
	const release = Math.min(length / 3, bus.sampleRate * 0.5);
	const lpL = new Biquad(bus.sampleRate).lowpass(cutoff);
	const lpR = new Biquad(bus.sampleRate).lowpass(cutoff);
	// Two oscillators detuned ±7 cents, one per side: a wide, chorused pad.
	const stepL = (hz * Math.pow(2, -7 / 1200) * TABLE_SIZE) / bus.sampleRate;
	const stepR = (hz * Math.pow(2, 7 / 1200) * TABLE_SIZE) / bus.sampleRate;
	let pL = (hz * 37) % TABLE_SIZE;
	let pR = (hz * 91) % TABLE_SIZE;
	const stop = Math.min(bus.end, start + length + release);
	for (let i = Math.max(0, start); i < stop; i++) {
		const t = i - start;
		const env = t < attack ? t / attack : t < length ? 1 : Math.max(0, 1 - (t - length) / release);
		const iL = pL | 0;
		const iR = pR | 0;
		const sL = SAW[iL] + (SAW[iL + 1] - SAW[iL]) * (pL - iL);
		const sR = SAW[iR] + (SAW[iR + 1] - SAW[iR]) * (pR - iR);
		bus.left[i] += lpL.process(sL) * env * gain;
		bus.right[i] += lpR.process(sR) * env * gain;
		pL += stepL;
		if (pL >= TABLE_SIZE) pL -= TABLE_SIZE;
		pR += stepR;
		if (pR >= TABLE_SIZE) pR -= TABLE_SIZE;
	}
}

function addBassNote(bus: Bus, start: number, length: number, hz: number, gain: number): void {
	const lp = new Biquad(bus.sampleRate).lowpass(hz * 4);
	const step = (hz * TABLE_SIZE) / bus.sampleRate;
	let p = 0;
	const decay = Math.exp(-1 / (0.35 * bus.sampleRate));
	let env = 1;
	const stop = Math.min(bus.end, start + length);
	const fade = Math.min(length, Math.round(bus.sampleRate * 0.01));
	for (let i = Math.max(0, start); i < stop; i++) {
		const t = i - start;
		const i0 = p | 0;
		const saw = SAW[i0] + (SAW[i0 + 1] - SAW[i0]) * (p - i0);
		const sine = Math.sin((2 * Math.PI * p) / TABLE_SIZE);
		const edge = Math.min(1, t / 48, (stop - i) / fade); // click-free start and end
		const v = lp.process(0.6 * sine + 0.4 * saw) * env * edge * gain;
		bus.left[i] += v;
		bus.right[i] += v;
		env *= decay;
		p += step;
		if (p >= TABLE_SIZE) p -= TABLE_SIZE;
	}
}

function addPluck(bus: Bus, start: number, hz: number, gain: number, pan: number): void {
	const length = Math.round(bus.sampleRate * 0.6);
	const decay = Math.exp(-1 / (0.16 * bus.sampleRate));
	const step = (hz * TABLE_SIZE) / bus.sampleRate;
	const gl = Math.cos(((pan + 1) * Math.PI) / 4) * gain;
	const gr = Math.sin(((pan + 1) * Math.PI) / 4) * gain;
	let env = 1;
	let p = 0;
	const stop = Math.min(bus.end, start + length);
	for (let i = Math.max(0, start); i < stop; i++) {
		const t = i - start;
		const k = p | 0;
		const v = (PLUCK[k] + (PLUCK[k + 1] - PLUCK[k]) * (p - k)) * env * (t < 24 ? t / 24 : 1);
		bus.left[i] += v * gl;
		bus.right[i] += v * gr;
		env *= decay;
		p += step;
		if (p >= TABLE_SIZE) p -= TABLE_SIZE;
	}
}

type Drum = 'kick' | 'snare' | 'hat' | 'tom';

/**
 * One hit of a drum, synthesised once per render and then added wherever the pattern plays it.
 * Each kind has its own loop: one loop branching on the kind was optimised for the first kind it
 * ran and deoptimised at each next one.
 */
function drumSample(drum: Drum, sampleRate: number, random: () => number): Float32Array {
	const seconds = drum === 'kick' ? 0.35 : drum === 'tom' ? 0.5 : drum === 'snare' ? 0.2 : 0.05;
	const out = new Float32Array(Math.round(sampleRate * seconds));
	// A falling sine: the pitch drop is what makes it read as a drum.
	if (drum === 'kick') fallingSine(out, sampleRate, 130, 45, 0.04, 0.12);
	else if (drum === 'tom') fallingSine(out, sampleRate, 160, 80, 0.12, 0.2);
	else if (drum === 'snare') snareHit(out, sampleRate, random);
	else hatHit(out, sampleRate, random);
	return out;
}

function fallingSine(
	out: Float32Array,
	sampleRate: number,
	hi: number,
	lo: number,
	fall: number,
	decay: number,
): void {
	let phase = 0;
	for (let i = 0; i < out.length; i++) {
		const t = i / sampleRate;
		const hz = lo + (hi - lo) * Math.exp(-t / fall);
		phase += (2 * Math.PI * hz) / sampleRate;
		const v = Math.sin(phase) * Math.exp(-t / decay);
		out[i] = v * Math.min(1, i / 16);
	}
}

function snareHit(out: Float32Array, sampleRate: number, random: () => number): void {
	const hp = new Biquad(sampleRate).highpass(1200);
	let phase = 0;
	for (let i = 0; i < out.length; i++) {
		const t = i / sampleRate;
		phase += (2 * Math.PI * 185) / sampleRate;
		const v =
			0.45 * Math.sin(phase) * Math.exp(-t / 0.05) +
			hp.process(random() * 2 - 1) * Math.exp(-t / 0.07);
		out[i] = v * Math.min(1, i / 16);
	}
}

function hatHit(out: Float32Array, sampleRate: number, random: () => number): void {
	const hp = new Biquad(sampleRate).highpass(7000);
	for (let i = 0; i < out.length; i++) {
		const t = i / sampleRate;
		const v = hp.process(random() * 2 - 1) * Math.exp(-t / 0.018);
		out[i] = v * Math.min(1, i / 16);
	}
}

function addDrum(bus: Bus, start: number, hit: Float32Array, gain: number, pan: number): void {
	const gl = Math.cos(((pan + 1) * Math.PI) / 4) * Math.SQRT2 * gain;
	const gr = Math.sin(((pan + 1) * Math.PI) / 4) * Math.SQRT2 * gain;
	const stop = Math.min(bus.end, start + hit.length);
	for (let i = Math.max(0, start); i < stop; i++) {
		bus.left[i] += hit[i - start] * gl;
		bus.right[i] += hit[i - start] * gr;
	}
}

const DRUM_PATTERNS: Record<DrumStyle, Array<[Drum, number[], number]>> = {
	none: [],
	soft: [
		['kick', [0], 0.5],
		['hat', [8], 0.2],
	],
	four: [
		['kick', [0, 4, 8, 12], 0.9],
		['snare', [4, 12], 0.55],
		['hat', [2, 6, 10, 14], 0.35],
	],
	backbeat: [
		['kick', [0, 7, 10], 0.9],
		['snare', [4, 12], 0.6],
		['hat', [0, 2, 4, 6, 8, 10, 12, 14], 0.3],
	],
	pulse: [
		['kick', [0, 8], 0.8],
		['hat', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 0.18],
	],
	epic: [
		['kick', [0, 6, 8], 1],
		['tom', [12, 14], 0.8],
		['snare', [12], 0.5],
	],
	halftime: [
		['kick', [0, 7], 0.8],
		['snare', [8], 0.5],
		['hat', [2, 6, 10, 14], 0.25],
	],
};

export interface MusicOptions {
	mood: string;
	tempo: number;
	seed: number;
	/** 0..1; 1 plays the score at MUSIC_FULL_SCALE_LUFS on its own. */
	volume: number;
}

/** Loudness of the score alone at volume 1; dialogue sits at about −20 LUFS before normalisation. */
export const MUSIC_FULL_SCALE_LUFS = -20;

/**
 * Adds the score to the (empty) start of the mix: it must be rendered first, because it is
 * calibrated by measuring the buffers it wrote, and ducked in place before anything else is added.
 */
export function renderMusic(
	left: Float32Array,
	right: Float32Array,
	sampleRate: number,
	opts: MusicOptions,
): void {
	if (opts.volume <= 0) return;
	const style = MOODS[opts.mood] ?? MOODS.calm;
	const random = seededRandom(childSeed(opts.seed, 'music'));
	const scale = style.minor ? MINOR : MAJOR;
	const root = 52 + Math.floor(random() * 8); // E3..B3: keeps the pad under the voice's formants
	const progression = style.progressions[Math.floor(random() * style.progressions.length)];
	const tempo = Math.max(40, Math.min(200, opts.tempo || 100));
	const beat = (60 / tempo) * sampleRate;
	const bar = beat * 4;
	const bus: Bus = { left, right, sampleRate, end: left.length };
	const bars = Math.ceil(left.length / bar) + 1;
	// Three takes of each noisy drum so repeats are not sample-identical.
	const kit: Record<Drum, Float32Array[]> = {
		kick: [drumSample('kick', sampleRate, random)],
		tom: [drumSample('tom', sampleRate, random)],
		snare: [0, 1, 2].map(() => drumSample('snare', sampleRate, random)),
		hat: [0, 1, 2].map(() => drumSample('hat', sampleRate, random)),
	};
	for (let b = 0; b < bars; b++) {
		const barStart = Math.round(b * bar);
		const degree = progression[b % progression.length];
		const chord = chordNotes(root, scale, degree);
		for (const note of chord)
			addPadNote(bus, barStart, Math.round(bar), midiToHz(note), style.padCutoff, 0.12);
		const bassHz = midiToHz(chord[0] - 24 + (chord[0] - root >= 7 ? -12 : 0));
		for (const eighth of style.bass)
			addBassNote(
				bus,
				barStart + Math.round((eighth * beat) / 2),
				Math.round(beat / 2),
				bassHz,
				0.35,
			);
		if (style.arpeggio) {
			const order = [0, 1, 2, 1, 0, 2, 1, 2];
			for (let e = 0; e < 8; e++) {
				if (random() < 0.15) continue; // a few rests keep the pattern from sounding mechanical
				const note = chord[order[e]] + 12;
				addPluck(
					bus,
					barStart + Math.round((e * beat) / 2),
					midiToHz(note),
					0.1,
					e % 2 ? 0.35 : -0.35,
				);
			}
		}
		for (const [drum, steps, gain] of DRUM_PATTERNS[style.drums]) {
			const variants = kit[drum];
			for (const step of steps) {
				const hit = variants[Math.floor(random() * variants.length)];
				addDrum(
					bus,
					barStart + Math.round((step * beat) / 4),
					hit,
					gain * (0.9 + 0.2 * random()),
					drum === 'hat' ? 0.25 : 0,
				);
			}
		}
	}
	// Calibrate: the same loudness at the same volume whatever the mood, then fade in and out.
	const measured = integratedLoudness([left, right], sampleRate);
	const target = MUSIC_FULL_SCALE_LUFS + 20 * Math.log10(opts.volume);
	const gain = measured > SILENCE_LUFS ? Math.pow(10, (target - measured) / 20) : 0;
	const fadeIn = Math.min(left.length / 2, sampleRate * 0.5);
	const fadeOut = Math.min(left.length / 2, sampleRate * 1.5);
	for (let i = 0; i < left.length; i++) {
		const fade = Math.min(1, i / fadeIn, (left.length - i) / fadeOut);
		left[i] *= gain * fade;
		right[i] *= gain * fade;
	}
}

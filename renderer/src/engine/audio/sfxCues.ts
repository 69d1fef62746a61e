/**
 * Sound effects named by cues in `shot.sfx` ("whoosh", "rain", ...), synthesised from filtered noise
 * and tones, seeded so a render is repeatable. Each cue renders into its own short stereo buffer;
 * the mixer levels it (loudness for long cues, peak for short hits) and adds it at its time.
 */
import { Biquad } from './filters';

export interface CueBuffer {
	left: Float32Array;
	right: Float32Array;
	sampleRate: number;
}

type CueSynth = (out: CueBuffer, random: () => number) => void;

interface CueDefinition {
	description: string;
	/** Used when the planner gives no duration. */
	defaultSeconds: number;
	synth: CueSynth;
}

const white = (random: () => number) => random() * 2 - 1;
const riseFall = (t: number) => Math.sin(Math.PI * Math.min(1, Math.max(0, t))) ** 2;
const edges = (i: number, n: number, sr: number, seconds = 0.08) =>
	Math.min(1, i / (sr * seconds), (n - i) / (sr * seconds));

function addTone(
	out: CueBuffer,
	at: number,
	hz: number,
	decaySeconds: number,
	gain: number,
	pan = 0,
	endHz = hz,
): void {
	const sr = out.sampleRate;
	const n = Math.min(out.left.length, at + Math.round(decaySeconds * 6 * sr));
	const gl = Math.cos(((pan + 1) * Math.PI) / 4);
	const gr = Math.sin(((pan + 1) * Math.PI) / 4);
	let phase = 0;
	for (let i = Math.max(0, at); i < n; i++) {
		const t = (i - at) / sr;
		const f = endHz + (hz - endHz) * Math.exp(-t / (decaySeconds * 0.5));
		phase += (2 * Math.PI * f) / sr;
		const v = Math.sin(phase) * Math.exp(-t / decaySeconds) * Math.min(1, (i - at) / 8) * gain;
		out.left[i] += v * gl;
		out.right[i] += v * gr;
	}
}

function addNoiseBurst(
	out: CueBuffer,
	at: number,
	seconds: number,
	filter: Biquad,
	gain: number,
	random: () => number,
	pan = 0,
): void {
	const sr = out.sampleRate;
	const n = Math.min(out.left.length, at + Math.round(seconds * 6 * sr));
	const gl = Math.cos(((pan + 1) * Math.PI) / 4);
	const gr = Math.sin(((pan + 1) * Math.PI) / 4);
	for (let i = Math.max(0, at); i < n; i++) {
		const v = filter.process(white(random)) * Math.exp(-(i - at) / sr / seconds) * gain;
		out.left[i] += v * gl;
		out.right[i] += v * gr;
	}
}

/** Slowly varying random value in 0..1 (a smoothed random walk), for modulating textures. */
function drift(random: () => number, sr: number, rateHz: number): () => number {
	let value = random();
	let target = random();
	const k = 1 - Math.exp((-2 * Math.PI * rateHz) / sr);
	let countdown = 0;
	return () => {
		if (--countdown <= 0) {
			target = random();
			countdown = Math.round(sr / rateHz);
		}
		value += (target - value) * k;
		return value;
	};
}

function crowdTexture(
	out: CueBuffer,
	random: () => number,
	low: number,
	high: number,
	swell: boolean,
): void {
	const sr = out.sampleRate;
	const n = out.left.length;
	const voices = Array.from({ length: 8 }, (_, v) => ({
		filter: new Biquad(sr).bandpass(low + ((high - low) * v) / 7, 2.5),
		mod: drift(random, sr / 32, 3 + random() * 4),
		side: v % 2,
	}));
	const levels = new Float64Array(voices.length);
	for (let i = 0; i < n; i++) {
		// The syllable-rate modulation is slow; updating it every 32 samples is inaudible and 8× cheaper.
		if ((i & 31) === 0) voices.forEach((voice, v) => (levels[v] = voice.mod()));
		const env = edges(i, n, sr, 0.4) * (swell ? 0.5 + 0.5 * riseFall(i / n) : 1);
		for (let v = 0; v < voices.length; v++) {
			const s = voices[v].filter.process(white(random)) * levels[v] * env;
			if (voices[v].side) out.right[i] += s;
			else out.left[i] += s;
		}
	}
}

const CUES: Record<string, CueDefinition> = {
	whoosh: {
		description: 'air rushing past: band-passed noise sweeping up and down, panning left to right',
		defaultSeconds: 0.7,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const bp = new Biquad(sr);
			for (let i = 0; i < n; i++) {
				const t = i / n;
				if (i % 32 === 0) bp.bandpass(300 + 2700 * riseFall(t), 1.2);
				const v = bp.process(white(random)) * riseFall(t);
				out.left[i] += v * (1 - t);
				out.right[i] += v * t;
			}
		},
	},
	splash: {
		description: 'something hitting water: a low-passed noise burst and rising bubble chirps',
		defaultSeconds: 1,
		synth(out, random) {
			const sr = out.sampleRate;
			addNoiseBurst(out, 0, 0.18, new Biquad(sr).lowpass(3500), 1, random);
			for (let k = 0; k < 24; k++) {
				const at = Math.round(random() * 0.6 * out.left.length);
				const hz = 400 + random() * 900;
				addTone(out, at, hz, 0.03, 0.25, random() * 1.4 - 0.7, hz * 1.8);
			}
		},
	},
	crowd: {
		description: 'a crowd murmuring: band-passed noise voices with syllable-rate level changes',
		defaultSeconds: 4,
		synth: (out, random) => crowdTexture(out, random, 250, 1400, false),
	},
	cheer: {
		description: 'a crowd cheering: brighter crowd texture that swells',
		defaultSeconds: 3,
		synth: (out, random) => crowdTexture(out, random, 500, 3000, true),
	},
	applause: {
		description: 'hands clapping: many short band-passed noise claps at random times',
		defaultSeconds: 3,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const claps = Math.round((n / sr) * 35);
			for (let k = 0; k < claps; k++) {
				const at = Math.round(random() * n);
				const env = 0.4 + 0.6 * riseFall(at / n);
				addNoiseBurst(
					out,
					at,
					0.008,
					new Biquad(sr).bandpass(900 + random() * 1600, 1.5),
					env,
					random,
					random() * 1.6 - 0.8,
				);
			}
		},
	},
	rain: {
		description: 'steady rain: decorrelated filtered noise with scattered drop clicks',
		defaultSeconds: 5,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const filters = [new Biquad(sr).highpass(400), new Biquad(sr).highpass(400)];
			const shelves = [new Biquad(sr).lowpass(6000), new Biquad(sr).lowpass(6000)];
			for (let i = 0; i < n; i++) {
				const env = edges(i, n, sr, 0.5) * 0.5;
				out.left[i] += shelves[0].process(filters[0].process(white(random))) * env;
				out.right[i] += shelves[1].process(filters[1].process(white(random))) * env;
			}
			const drops = Math.round((n / sr) * 40);
			for (let k = 0; k < drops; k++)
				addTone(
					out,
					Math.round(random() * n),
					2500 + random() * 3000,
					0.004,
					0.3,
					random() * 2 - 1,
				);
		},
	},
	wind: {
		description: 'wind: low-passed noise through a slowly wandering resonance, gusting',
		defaultSeconds: 5,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const bp = [new Biquad(sr), new Biquad(sr)];
			const gust = drift(random, sr, 0.4);
			const pitch = drift(random, sr, 0.25);
			for (let i = 0; i < n; i++) {
				if (i % 64 === 0) {
					const f = 200 + 500 * pitch();
					bp[0].bandpass(f, 2);
					bp[1].bandpass(f * 1.1, 2);
				}
				const env = edges(i, n, sr, 0.6) * (0.3 + 0.7 * gust());
				out.left[i] += bp[0].process(white(random)) * env;
				out.right[i] += bp[1].process(white(random)) * env;
			}
		},
	},
	thunder: {
		description: 'thunder: a broadband crack, then a long low rumble',
		defaultSeconds: 3,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			addNoiseBurst(out, 0, 0.05, new Biquad(sr).highpass(800), 0.6, random);
			const lp = [new Biquad(sr).lowpass(140), new Biquad(sr).lowpass(140)];
			const mod = drift(random, sr, 6);
			for (let i = 0; i < n; i++) {
				const t = i / sr;
				const env = Math.exp(-t / (n / sr / 2.5)) * (0.5 + mod()) * Math.min(1, t / 0.05) * 3;
				out.left[i] += lp[0].process(white(random)) * env;
				out.right[i] += lp[1].process(white(random)) * env;
			}
		},
	},
	explosion: {
		description: 'an explosion: a deep falling boom under a noise blast',
		defaultSeconds: 2,
		synth(out, random) {
			const sr = out.sampleRate;
			addTone(out, 0, 90, 0.35, 1, 0, 30);
			addNoiseBurst(out, 0, 0.4, new Biquad(sr).lowpass(1200), 1, random);
			addNoiseBurst(out, 0, 0.4, new Biquad(sr).lowpass(1100), 1, random, 0.3);
		},
	},
	waves: {
		description: 'ocean waves: low-passed noise swelling and receding every few seconds',
		defaultSeconds: 6,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const lp = [new Biquad(sr), new Biquad(sr)];
			const period = 4 + random() * 2;
			for (let i = 0; i < n; i++) {
				const phase = (i / sr / period) % 1;
				const swell = Math.pow(Math.sin(Math.PI * phase), 3);
				if (i % 64 === 0) {
					lp[0].lowpass(300 + 1500 * swell);
					lp[1].lowpass(320 + 1500 * swell);
				}
				const env = edges(i, n, sr, 0.5) * (0.15 + swell);
				out.left[i] += lp[0].process(white(random)) * env;
				out.right[i] += lp[1].process(white(random)) * env;
			}
		},
	},
	impact: {
		description: 'a heavy hit: a falling low thump with a short noise crunch',
		defaultSeconds: 0.6,
		synth(out, random) {
			addTone(out, 0, 110, 0.12, 1, 0, 40);
			addNoiseBurst(out, 0, 0.04, new Biquad(out.sampleRate).lowpass(2500), 0.7, random);
		},
	},
	footsteps: {
		description: 'walking footsteps, two a second: short thuds with a scuff, alternating sides',
		defaultSeconds: 3,
		synth(out, random) {
			const sr = out.sampleRate;
			const steps = Math.max(1, Math.floor((out.left.length / sr) * 2));
			for (let k = 0; k < steps; k++) {
				const at = Math.round((k / 2 + 0.05 + random() * 0.03) * sr);
				const pan = k % 2 ? 0.2 : -0.2;
				addTone(out, at, 95, 0.03, 0.8, pan, 70);
				addNoiseBurst(out, at, 0.03, new Biquad(sr).bandpass(600, 1), 0.6, random, pan);
			}
		},
	},
	knock: {
		description: 'three knocks on a wooden door',
		defaultSeconds: 0.8,
		synth(out, random) {
			for (let k = 0; k < 3; k++) {
				const at = Math.round(k * 0.18 * out.sampleRate);
				addTone(out, at, 240, 0.05, 0.8);
				addTone(out, at, 610, 0.025, 0.4);
				addNoiseBurst(out, at, 0.006, new Biquad(out.sampleRate).bandpass(1500, 1), 0.5, random);
			}
		},
	},
	pop: {
		description: 'a short cartoon pop',
		defaultSeconds: 0.3,
		synth: (out) => addTone(out, 0, 900, 0.03, 1, 0, 300),
	},
	ding: {
		description: 'a small bell: inharmonic partials with a long ring',
		defaultSeconds: 1.5,
		synth(out) {
			for (const [ratio, gain, decay] of [
				[1, 1, 0.5],
				[2.76, 0.5, 0.25],
				[5.4, 0.25, 0.12],
			] as const)
				addTone(out, 0, 880 * ratio, decay, gain);
		},
	},
	door: {
		description: 'a door closing: a heavy low thud with a latch click',
		defaultSeconds: 0.8,
		synth(out, random) {
			const sr = out.sampleRate;
			addTone(out, 0, 75, 0.09, 1, 0, 55);
			addNoiseBurst(out, 0, 0.05, new Biquad(sr).lowpass(900), 0.8, random);
			addNoiseBurst(
				out,
				Math.round(0.03 * sr),
				0.004,
				new Biquad(sr).bandpass(3200, 2),
				0.5,
				random,
				0.2,
			);
			addTone(out, Math.round(0.03 * sr), 2100, 0.01, 0.25, 0.2);
		},
	},
	buzzer: {
		description: 'an arena buzzer: a harsh, steady two-tone square wave',
		defaultSeconds: 1.2,
		synth(out) {
			const sr = out.sampleRate;
			const n = out.left.length;
			for (let i = 0; i < n; i++) {
				const t = i / sr;
				// odd harmonics of 220 Hz and 277 Hz (a buzzer's rough minor third)
				let v = 0;
				for (let k = 1; k <= 9; k += 2)
					v +=
						(Math.sin(2 * Math.PI * 220 * k * t) + 0.7 * Math.sin(2 * Math.PI * 277 * k * t)) / k;
				v *= 0.3 * edges(i, n, sr, 0.02);
				out.left[i] += v;
				out.right[i] += v;
			}
		},
	},
	whistle: {
		description: "a referee's whistle: a bright tone rattled by the pea, with breath noise",
		defaultSeconds: 0.8,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const breath = new Biquad(sr).bandpass(3000, 3);
			let phase = 0;
			for (let i = 0; i < n; i++) {
				const t = i / sr;
				const rattle = 0.6 + 0.4 * Math.sin(2 * Math.PI * 38 * t);
				phase += (2 * Math.PI * (2900 + 60 * Math.sin(2 * Math.PI * 38 * t))) / sr;
				const v =
					(Math.sin(phase) * rattle + 0.3 * breath.process(white(random))) *
					edges(i, n, sr, 0.03) *
					0.5;
				out.left[i] += v;
				out.right[i] += v;
			}
		},
	},
	birds: {
		description: 'birdsong: short rising and falling chirps from both sides',
		defaultSeconds: 5,
		synth(out, random) {
			const sr = out.sampleRate;
			const chirps = Math.round((out.left.length / sr) * 5);
			for (let k = 0; k < chirps; k++) {
				const at = Math.round(random() * Math.max(1, out.left.length - 0.2 * sr));
				const hz = 2500 + random() * 2500;
				const pan = random() * 1.6 - 0.8;
				// two or three quick notes per call
				const notes = 2 + Math.floor(random() * 2);
				for (let m = 0; m < notes; m++)
					addTone(
						out,
						at + Math.round(m * 0.07 * sr),
						hz * (1 + 0.15 * m),
						0.02,
						0.4,
						pan,
						hz * (0.8 + 0.5 * random()),
					);
			}
		},
	},
	traffic: {
		description: 'city traffic: a low rumble with cars passing from side to side',
		defaultSeconds: 6,
		synth(out, random) {
			const sr = out.sampleRate;
			const n = out.left.length;
			const rumble = [new Biquad(sr).lowpass(250), new Biquad(sr).lowpass(260)];
			const car = new Biquad(sr);
			const passes = Array.from({ length: Math.max(1, Math.round(n / sr / 2.5)) }, () => ({
				at: random() * n,
				length: (2 + random() * 2) * sr,
				toRight: random() < 0.5,
			}));
			for (let i = 0; i < n; i++) {
				const env = edges(i, n, sr, 0.5);
				let carLevel = 0;
				let pan = 0;
				for (const p of passes) {
					const x = (i - p.at) / p.length;
					if (x > 0 && x < 1) {
						carLevel += riseFall(x);
						pan = p.toRight ? x * 2 - 1 : 1 - x * 2;
					}
				}
				if (i % 64 === 0) car.bandpass(350 + 400 * carLevel, 0.8);
				const c = car.process(white(random)) * carLevel * 0.8;
				out.left[i] += (rumble[0].process(white(random)) * 0.6 + c * (1 - pan) * 0.5) * env;
				out.right[i] += (rumble[1].process(white(random)) * 0.6 + c * (1 + pan) * 0.5) * env;
			}
		},
	},
	heartbeat: {
		description: 'a heartbeat at 70 bpm: low lub-dub thumps',
		defaultSeconds: 3,
		synth(out) {
			const sr = out.sampleRate;
			const beats = Math.max(1, Math.floor((out.left.length / sr) * (70 / 60)));
			for (let k = 0; k < beats; k++) {
				const at = Math.round(((k * 60) / 70) * sr);
				addTone(out, at, 60, 0.06, 1, 0, 40);
				addTone(out, at + Math.round(0.25 * sr), 55, 0.05, 0.7, 0, 40);
			}
		},
	},
};

/** The cue vocabulary, for the planner and `/v1/capabilities`. `swoosh` is an alias of `whoosh`. */
export const SFX_CUES: string[] = [...Object.keys(CUES), 'swoosh'];

const ALIASES: Record<string, string> = { swoosh: 'whoosh' };

export function cueDefinition(cue: string): CueDefinition | undefined {
	const key = cue.trim().toLowerCase();
	return CUES[ALIASES[key] ?? key];
}

export function describeCues(): Array<{ cue: string; description: string }> {
	return SFX_CUES.map((cue) => ({ cue, description: cueDefinition(cue)!.description }));
}

/** Renders a cue into a fresh buffer (unlevelled); undefined for an unknown cue. */
export function renderCue(
	cue: string,
	seconds: number,
	sampleRate: number,
	random: () => number,
): CueBuffer | undefined {
	const def = cueDefinition(cue);
	if (!def) return undefined;
	const length = Math.max(1, Math.round((seconds > 0 ? seconds : def.defaultSeconds) * sampleRate));
	const out: CueBuffer = {
		left: new Float32Array(length),
		right: new Float32Array(length),
		sampleRate,
	};
	def.synth(out, random);
	// Every cue ends with a short fade so a cut-off tail never clicks.
	const fade = Math.min(length, Math.round(sampleRate * 0.02));
	for (let i = 0; i < fade; i++) {
		const g = i / fade;
		out.left[length - 1 - i] *= g;
		out.right[length - 1 - i] *= g;
	}
	return out;
}

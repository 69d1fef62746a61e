/**
 * Sounds of physics contacts. The material pair picks the timbre (a rim rings, a backboard thunks,
 * a ball on a floor thumps, wood knocks, water splashes); the dissipated energy sets the level.
 * The first sample of every sound is at full attack, so its onset is exactly the contact's sample.
 */
import type { ContactEvent } from '../storyboard';

/**
 * Energies below this (joules in scene units) make no sound. The physics engine floors every
 * contact it reports at 1e-3 J ("a touch still makes a sound"), which this keeps audible as a
 * faint tick (−40 dBFS before normalisation).
 */
export const AUDIBLE_CONTACT_ENERGY = 1e-3;
/** Contacts of the same two bodies closer than this are one impact (rapier reports re-touches). */
export const CONTACT_MERGE_SECONDS = 0.03;

interface Partial {
	hz: number;
	gain: number;
	decay: number;
	/** Pitch at the onset relative to hz (a thump falls in pitch). */
	drop?: number;
}

interface Timbre {
	partials: Partial[];
	/** Noise click at the onset: level and decay (s). */
	click: number;
	clickDecay: number;
}

const TIMBRES: Record<ContactEvent['material'], Timbre> = {
	'rubber-metal': {
		partials: [
			{ hz: 523, gain: 0.6, decay: 0.35 },
			{ hz: 1327, gain: 0.45, decay: 0.25 },
			{ hz: 2213, gain: 0.3, decay: 0.18 },
			{ hz: 3112, gain: 0.2, decay: 0.1 },
			{ hz: 120, gain: 0.5, decay: 0.05, drop: 1.5 },
		],
		click: 0.4,
		clickDecay: 0.004,
	},
	'rubber-wood': {
		partials: [
			{ hz: 170, gain: 0.9, decay: 0.07, drop: 1.4 },
			{ hz: 430, gain: 0.4, decay: 0.05 },
			{ hz: 900, gain: 0.15, decay: 0.03 },
		],
		click: 0.5,
		clickDecay: 0.006,
	},
	'rubber-floor': {
		partials: [
			{ hz: 95, gain: 1, decay: 0.08, drop: 1.6 },
			{ hz: 680, gain: 0.25, decay: 0.05 },
			{ hz: 1400, gain: 0.08, decay: 0.03 },
		],
		click: 0.35,
		clickDecay: 0.005,
	},
	'wood-wood': {
		partials: [
			{ hz: 720, gain: 0.7, decay: 0.05 },
			{ hz: 1650, gain: 0.35, decay: 0.03 },
			{ hz: 260, gain: 0.4, decay: 0.04 },
		],
		click: 0.5,
		clickDecay: 0.003,
	},
	'wood-floor': {
		partials: [
			{ hz: 140, gain: 0.9, decay: 0.07, drop: 1.3 },
			{ hz: 420, gain: 0.4, decay: 0.05 },
		],
		click: 0.45,
		clickDecay: 0.006,
	},
	water: {
		partials: [
			{ hz: 550, gain: 0.3, decay: 0.04, drop: 0.6 },
			{ hz: 1100, gain: 0.2, decay: 0.03, drop: 0.7 },
		],
		click: 0.9,
		clickDecay: 0.08,
	},
	// A shoe on a hard floor: a short low thud with a scuff.
	footstep: {
		partials: [
			{ hz: 110, gain: 0.8, decay: 0.04, drop: 1.4 },
			{ hz: 520, gain: 0.15, decay: 0.02 },
		],
		click: 0.35,
		clickDecay: 0.012,
	},
	// A foot on a beam or plank: a hollow wooden knock.
	'foot-wood': {
		partials: [
			{ hz: 190, gain: 0.9, decay: 0.08, drop: 1.3 },
			{ hz: 480, gain: 0.35, decay: 0.05 },
			{ hz: 1020, gain: 0.12, decay: 0.03 },
		],
		click: 0.3,
		clickDecay: 0.008,
	},
	// A foot or paw in sand, snow or grass: mostly a soft crunch of filtered noise.
	'foot-soft': {
		partials: [{ hz: 85, gain: 0.35, decay: 0.05, drop: 1.2 }],
		click: 0.8,
		clickDecay: 0.05,
	},
	// A hand striking a ball: a bright slap.
	'hand-ball': {
		partials: [
			{ hz: 380, gain: 0.5, decay: 0.03, drop: 1.5 },
			{ hz: 1500, gain: 0.2, decay: 0.015 },
		],
		click: 1,
		clickDecay: 0.01,
	},
	// A ball landing in sand: a dull thud.
	'rubber-sand': {
		partials: [{ hz: 75, gain: 0.9, decay: 0.06, drop: 1.5 }],
		click: 0.6,
		clickDecay: 0.03,
	},
	generic: {
		partials: [
			{ hz: 200, gain: 0.8, decay: 0.06, drop: 1.3 },
			{ hz: 800, gain: 0.25, decay: 0.03 },
		],
		click: 0.4,
		clickDecay: 0.005,
	},
};

/** Noise colour: water is a burst through a slowly closing low-pass, sand and snow a soft crunch. */
const NOISE_LOWPASS: { [material in ContactEvent['material']]?: number } = {
	water: 0.25,
	'foot-soft': 0.35,
	'rubber-sand': 0.3,
};

/** Peak amplitude for an impact energy: loudness grows with the square root of energy, saturating. */
export function contactAmplitude(energy: number): number {
	if (!(energy >= AUDIBLE_CONTACT_ENERGY)) return 0;
	return Math.min(0.9, 0.9 * Math.sqrt(energy / 8));
}

/**
 * Merges bursts of contacts between the same two bodies (within CONTACT_MERGE_SECONDS of the
 * burst's first contact) into one impact: timed at the first touch, as loud as the strongest.
 */
export function mergeContactBursts(contacts: ContactEvent[]): ContactEvent[] {
	const sorted = [...contacts].sort((a, b) => a.time - b.time);
	const open = new Map<string, ContactEvent>();
	const merged: ContactEvent[] = [];
	for (const c of sorted) {
		const key = [...c.bodies].sort().join('\u0000');
		const burst = open.get(key);
		if (burst && c.time - burst.time < CONTACT_MERGE_SECONDS) {
			burst.energy = Math.max(burst.energy, c.energy);
			continue;
		}
		const copy = { ...c };
		open.set(key, copy);
		merged.push(copy);
	}
	return merged;
}

/** How long a contact rings: until it is ~100 dB down from full scale, so quiet ticks end sooner than loud clangs. */
export function contactSoundSeconds(contact: ContactEvent): number {
	const amplitude = contactAmplitude(contact.energy);
	if (amplitude === 0) return 0;
	const timbre = TIMBRES[contact.material] ?? TIMBRES.generic;
	const longest = Math.max(timbre.clickDecay, ...timbre.partials.map((p) => p.decay));
	return longest * Math.min(7, Math.max(1, Math.log(amplitude / 1e-5)));
}

/**
 * The part of a material's sound that every contact of it shares, sample by sample from the
 * onset: the sum of its ringing partials (their pitch glides and decays depend only on the time
 * since the onset) and the click's decay. Contacts of one material differ only in level, pan and
 * noise, so a mix computes this once per material, as far as its longest contact rings, instead of
 * two exponentials and a cosine per partial per sample per contact. Same arithmetic in the same
 * order: the samples are those of computing each contact on its own.
 */
class MaterialSound {
	/** Sum of the partials at each sample after the onset. */
	tonal = new Float64Array(0);
	/** exp(−t / clickDecay) at each sample after the onset. */
	clickEnvelope = new Float64Array(0);
	private length = 0;
	readonly phases: Float64Array;
	readonly hz: Float64Array;
	readonly gain: Float64Array;
	readonly decay: Float64Array;
	/** 0 where the partial keeps its pitch. */
	readonly drop: Float64Array;
	readonly click: number;
	readonly clickDecay: number;
	/** Water is a burst of noise through a slowly closing low-pass rather than a click. */
	readonly lowpass: number;

	constructor(
		material: ContactEvent['material'],
		readonly sampleRate: number,
	) {
		const timbre = TIMBRES[material] ?? TIMBRES.generic;
		const { partials } = timbre;
		this.hz = Float64Array.from(partials, (p) => p.hz);
		this.gain = Float64Array.from(partials, (p) => p.gain);
		this.decay = Float64Array.from(partials, (p) => p.decay);
		this.drop = Float64Array.from(partials, (p) => p.drop ?? 0);
		this.phases = new Float64Array(partials.length);
		this.click = timbre.click;
		this.clickDecay = timbre.clickDecay;
		this.lowpass = NOISE_LOWPASS[material] ?? 1;
	}

	/** Makes the first `samples` samples available (continuing where the last contact stopped). */
	ensure(samples: number): void {
		if (samples <= this.length) return;
		if (samples > this.tonal.length) {
			const capacity = Math.max(samples, this.tonal.length * 2);
			const tonal = new Float64Array(capacity);
			tonal.set(this.tonal.subarray(0, this.length));
			const clickEnvelope = new Float64Array(capacity);
			clickEnvelope.set(this.clickEnvelope.subarray(0, this.length));
			this.tonal = tonal;
			this.clickEnvelope = clickEnvelope;
		}
		ring(this, this.length, samples);
		this.length = samples;
	}
}

/**
 * Samples `from`..`to` of a material's shared sound. A function of its own, with every array in a
 * local and nothing after the loop: V8 optimises the loop on the stack, and code after it that had
 * never run deoptimised it again at each new material.
 */
function ring(sound: MaterialSound, from: number, to: number): void {
	const { hz: partialHz, gain, decay, drop, phases, sampleRate, clickDecay } = sound;
	const { tonal, clickEnvelope } = sound;
	const partials = partialHz.length;
	for (let j = from; j < to; j++) {
		const t = j / sampleRate;
		let v = 0;
		for (let k = 0; k < partials; k++) {
			const hz =
				drop[k] !== 0 ? partialHz[k] * (1 + (drop[k] - 1) * Math.exp(-t / 0.015)) : partialHz[k];
			const step = (2 * Math.PI * hz) / sampleRate;
			phases[k] += step;
			// cosine start: full level on the very first sample, so the onset is sharp and exact
			v += Math.cos(phases[k] - step) * gain[k] * Math.exp(-t / decay[k]);
		}
		tonal[j] = v;
		clickEnvelope[j] = Math.exp(-t / clickDecay);
	}
}

/** Each material's shared sound, built once for a mix (one per mix: nothing outlives it). */
export class ContactSoundBank {
	private readonly sounds = new Map<string, MaterialSound>();

	sound(material: ContactEvent['material'], sampleRate: number): MaterialSound {
		const key = `${material}@${sampleRate}`;
		let sound = this.sounds.get(key);
		if (!sound) this.sounds.set(key, (sound = new MaterialSound(material, sampleRate)));
		return sound;
	}
}

/**
 * Adds one contact sound into the buffers at `startSample` (which must be round(time × rate)).
 * `random` supplies the click noise; `pan` is -1..1. A mix passes one `bank` to all its contacts.
 */
export function addContactSound(
	left: Float32Array,
	right: Float32Array,
	sampleRate: number,
	startSample: number,
	contact: ContactEvent,
	pan: number,
	random: () => number,
	bank = new ContactSoundBank(),
): void {
	const amplitude = contactAmplitude(contact.energy);
	if (amplitude === 0 || startSample >= left.length) return;
	const tail = contactSoundSeconds(contact);
	const end = Math.min(left.length, startSample + Math.round(tail * sampleRate));
	if (end <= 0) return;
	const sound = bank.sound(contact.material, sampleRate);
	sound.ensure(end - startSample);
	const { tonal, clickEnvelope, click, lowpass } = sound;
	const gl = Math.cos(((pan + 1) * Math.PI) / 4) * Math.SQRT2;
	const gr = Math.sin(((pan + 1) * Math.PI) / 4) * Math.SQRT2;
	let lowpassed = 0;
	for (let i = Math.max(0, startSample); i < end; i++) {
		const j = i - startSample;
		let v = tonal[j];
		const noise = random() * 2 - 1;
		lowpassed += (noise - lowpassed) * lowpass;
		v += lowpassed * click * clickEnvelope[j];
		v *= amplitude * 0.6;
		left[i] += v * gl;
		right[i] += v * gr;
	}
}

import { integratedLoudness } from '../../../src/engine/audio/loudness';
import { MUSIC_FULL_SCALE_LUFS, MUSIC_MOODS, renderMusic } from '../../../src/engine/audio/music';
import { renderCue, SFX_CUES } from '../../../src/engine/audio/sfxCues';
import { seededRandom } from '../../../src/engine/audio/random';

const SR = 48000;

function music(mood: string, seed: number, seconds = 6): [Float32Array, Float32Array] {
	const l = new Float32Array(seconds * SR);
	const r = new Float32Array(seconds * SR);
	renderMusic(l, r, SR, { mood, tempo: 120, seed, volume: 0.5 });
	return [l, r];
}

describe('renderMusic', () => {
	it.each(MUSIC_MOODS)('plays the %s mood at the calibrated loudness, without clipping', (mood) => {
		const [l, r] = music(mood, 1);
		const lufs = integratedLoudness([l, r], SR);
		expect(Math.abs(lufs - (MUSIC_FULL_SCALE_LUFS + 20 * Math.log10(0.5)))).toBeLessThan(1);
		let peak = 0;
		for (let i = 0; i < l.length; i++) peak = Math.max(peak, Math.abs(l[i]), Math.abs(r[i]));
		expect(peak).toBeLessThan(1);
		expect(l.every(Number.isFinite)).toBe(true);
	});

	it('is deterministic for a seed and differs between seeds and moods', () => {
		const [a] = music('upbeat', 42, 3);
		const [b] = music('upbeat', 42, 3);
		const [c] = music('upbeat', 43, 3);
		const [d] = music('tense', 42, 3);
		expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
		expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
		expect(Buffer.from(a.buffer).equals(Buffer.from(d.buffer))).toBe(false);
	});

	it('follows the tempo: the upbeat kick lands on every beat', () => {
		const l = new Float32Array(4 * SR);
		const r = new Float32Array(4 * SR);
		renderMusic(l, r, SR, { mood: 'upbeat', tempo: 120, seed: 3, volume: 1 });
		// low-frequency energy per beat-aligned 50 ms window vs the window half a beat later
		const low = (t: number) => {
			let acc = 0;
			let y = 0;
			for (let i = Math.round(t * SR); i < Math.round((t + 0.05) * SR); i++) {
				y += (l[i] - y) * 0.01; // ~80 Hz one-pole low-pass
				acc += y * y;
			}
			return acc;
		};
		for (const beat of [2, 2.5, 3, 3.5]) expect(low(beat)).toBeGreaterThan(low(beat + 0.25));
	});
});

describe('sound cues', () => {
	it.each(SFX_CUES)('%s renders a finite, non-silent sound', (cue) => {
		const out = renderCue(cue, 1.5, SR, seededRandom(9))!;
		expect(out.left.length).toBe(1.5 * SR);
		let energy = 0;
		for (let i = 0; i < out.left.length; i++) energy += out.left[i] ** 2 + out.right[i] ** 2;
		expect(Number.isFinite(energy)).toBe(true);
		expect(Math.sqrt(energy / out.left.length)).toBeGreaterThan(1e-3);
	});

	it('returns undefined for an unknown cue', () => {
		expect(renderCue('kazoo solo', 1, SR, seededRandom(1))).toBeUndefined();
	});
});

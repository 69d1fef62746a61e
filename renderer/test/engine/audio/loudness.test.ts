import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integratedLoudness } from '../../../src/engine/audio/loudness';
import { limitTruePeak } from '../../../src/engine/audio/limiter';
import { renderMusic } from '../../../src/engine/audio/music';
import { seededRandom } from '../../../src/engine/audio/random';
import { writeStereoWav } from '../../../src/engine/audio/wavFile';
import { ebur128 } from './fixtures/measure';

const work = mkdtempSync(join(tmpdir(), 'rf-loudness-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SR = 48000;

function gatedSignal(seconds: number): [Float32Array, Float32Array] {
	// Tone bursts, noise and a silent gap: exercises K-weighting, both gates and unequal channels.
	const random = seededRandom(3);
	const left = new Float32Array(seconds * SR);
	const right = new Float32Array(seconds * SR);
	for (let i = 0; i < left.length; i++) {
		const t = i / SR;
		const section = Math.floor(t);
		const gain = section % 4 === 3 ? 0 : section % 4 === 2 ? 0.05 : 0.3;
		left[i] = gain * Math.sin(2 * Math.PI * (section % 2 ? 100 : 3000) * t);
		right[i] = gain * 0.5 * (random() * 2 - 1);
	}
	return [left, right];
}

describe('integratedLoudness (BS.1770)', () => {
	it.each([
		['tones, noise and silence', () => gatedSignal(8)],
		[
			'procedural music',
			(): [Float32Array, Float32Array] => {
				const l = new Float32Array(6 * SR);
				const r = new Float32Array(6 * SR);
				renderMusic(l, r, SR, { mood: 'upbeat', tempo: 120, seed: 1, volume: 0.8 });
				return [l, r];
			},
		],
	])('agrees with ffmpeg ebur128 within 0.3 LU on %s', (_name, make) => {
		const [left, right] = make();
		const path = join(work, `${_name.replace(/\W+/g, '-')}.wav`);
		writeStereoWav(path, SR, left, right);
		const ours = integratedLoudness([left, right], SR);
		const theirs = ebur128(path).integratedLufs;
		expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(0.3);
	});

	it('reports silence as -70', () => {
		expect(integratedLoudness([new Float32Array(SR), new Float32Array(SR)], SR)).toBe(-70);
	});
});

describe('limitTruePeak', () => {
	it('holds the true peak (as ffmpeg measures it) under the ceiling without touching quiet parts', () => {
		const left = new Float32Array(3 * SR);
		const right = new Float32Array(3 * SR);
		for (let i = 0; i < left.length; i++) {
			const t = i / SR;
			// a loud 11 kHz tone (inter-sample peaks) in the middle second, quiet elsewhere
			const loud = t >= 1 && t < 2;
			left[i] = (loud ? 1.6 : 0.1) * Math.sin(2 * Math.PI * 11025 * t + 0.7);
			right[i] = (loud ? 1.2 : 0.1) * Math.sin(2 * Math.PI * 440 * t);
		}
		const reduction = limitTruePeak(left, right, { sampleRate: SR, ceilingDb: -1 });
		expect(reduction).toBeGreaterThan(4);
		const path = join(work, 'limited.wav');
		writeStereoWav(path, SR, left, right);
		expect(ebur128(path).truePeakDb).toBeLessThanOrEqual(-0.9);
		// half a second before the loud part the gain is back to unity
		expect(
			Math.abs(right[Math.round(0.5 * SR)] - 0.1 * Math.sin(2 * Math.PI * 440 * 0.5)),
		).toBeLessThan(1e-6);
	});
});

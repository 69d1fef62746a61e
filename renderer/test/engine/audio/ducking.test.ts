import { applyDucking } from '../../../src/engine/audio/ducking';
import { renderMusic } from '../../../src/engine/audio/music';
import { rms } from './fixtures/measure';

const SR = 48000;

describe('applyDucking', () => {
	it('lowers the music by the configured amount under speech, smoothly, and recovers after', () => {
		const seconds = 10;
		const left = new Float32Array(seconds * SR);
		const right = new Float32Array(seconds * SR);
		renderMusic(left, right, SR, { mood: 'calm', tempo: 90, seed: 5, volume: 0.8 });
		const original = Float32Array.from(left);
		const speech = { start: 3, end: 6 };
		applyDucking(left, right, [speech], { sampleRate: SR, amountDb: 12 });

		const dropDb = (from: number, to: number) =>
			20 * Math.log10(rms(left, from * SR, to * SR) / rms(original, from * SR, to * SR));
		expect(dropDb(3, 6)).toBeGreaterThan(-12.5);
		expect(dropDb(3, 6)).toBeLessThan(-11);
		expect(Math.abs(dropDb(0.5, 2.5))).toBeLessThan(0.05); // untouched well before
		expect(Math.abs(dropDb(8, 9.5))).toBeLessThan(0.3); // recovered after the release
		// already at least 9 dB down when the first word lands (look-ahead), and no step changes
		const gainAt = (t: number) => {
			const i = Math.round(t * SR);
			let best = 0;
			for (let k = i - 200; k < i + 200; k++)
				if (Math.abs(original[k]) > Math.abs(original[best] ?? 0) || best === 0) best = k;
			return left[best] / original[best];
		};
		expect(20 * Math.log10(Math.abs(gainAt(3.0)))).toBeLessThan(-9);
		let largestStep = 0;
		let previous = 1;
		for (let i = Math.round(2.5 * SR); i < 7 * SR; i++) {
			if (Math.abs(original[i]) < 0.01) continue;
			const g = left[i] / original[i];
			largestStep = Math.max(largestStep, Math.abs(g - previous));
			previous = g;
		}
		expect(largestStep).toBeLessThan(0.05);
	});

	it('does nothing with no speech or zero amount', () => {
		const left = Float32Array.from({ length: SR }, (_, i) => Math.sin(i / 10));
		const right = Float32Array.from(left);
		applyDucking(left, right, [], { sampleRate: SR, amountDb: 12 });
		applyDucking(left, right, [{ start: 0.2, end: 0.5 }], { sampleRate: SR, amountDb: 0 });
		expect(left[SR / 2]).toBeCloseTo(Math.sin(SR / 2 / 10), 6);
	});
});

import { Camera, ease } from '../../../src/engine/scene/camera';

describe('camera', () => {
	it.each(['linear', 'ease-in', 'ease-out', 'ease-in-out'] as const)(
		'%s easing runs from 0 to 1 without going back',
		(easing) => {
			let last = ease(easing, 0);
			expect(last).toBe(0);
			for (let t = 0.05; t <= 1.0001; t += 0.05) {
				const v = ease(easing, t);
				expect(v).toBeGreaterThanOrEqual(last);
				last = v;
			}
			expect(ease(easing, 1)).toBeCloseTo(1);
		},
	);

	it('ease-in starts slower than linear, ease-out faster', () => {
		expect(ease('ease-in', 0.25)).toBeLessThan(0.25);
		expect(ease('ease-out', 0.25)).toBeGreaterThan(0.25);
	});

	it('pans the look across the shot and dollies the zoom', () => {
		const pan = new Camera({ move: 'pan-right', easing: 'linear', intensity: 1 }, 1);
		expect(pan.at(1, 2).x).toBeGreaterThan(pan.at(0, 0).x);
		const dolly = new Camera({ move: 'dolly-in', easing: 'linear', intensity: 1 }, 1);
		expect(dolly.at(1, 2).zoom).toBeGreaterThan(dolly.at(0, 0).zoom);
	});

	it('handheld shake is seeded: same seed same path, another seed another path, always small', () => {
		const a = new Camera({ move: 'handheld', easing: 'linear', intensity: 1 }, 5);
		const b = new Camera({ move: 'handheld', easing: 'linear', intensity: 1 }, 5);
		const c = new Camera({ move: 'handheld', easing: 'linear', intensity: 1 }, 6);
		const path = (cam: Camera) => Array.from({ length: 20 }, (_, i) => cam.at(i / 19, i / 10));
		expect(path(a)).toEqual(path(b));
		expect(path(a)).not.toEqual(path(c));
		for (const p of path(a)) expect(Math.abs(p.x)).toBeLessThan(0.03);
	});
});

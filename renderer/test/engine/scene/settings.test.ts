import { createFrameRenderer } from '../../../src/engine/compose/frames';
import type { PlannedShot, SettingId, Storyboard } from '../../../src/engine/storyboard';
import { meanDifference, meanLuma } from '../compose/pixels';
import { noSynthesis, shot, storyboard } from './storyboardFixture';

const W = 180;
const SETTINGS: SettingId[] = [
	'city-night',
	'beach',
	'forest',
	'mountains',
	'gym',
	'studio',
	'space',
	'room',
];

async function frames(sb: Storyboard, indices: number[]): Promise<Uint8Array[]> {
	const r = await createFrameRenderer(sb, noSynthesis(), { style: 'none' });
	try {
		return indices.map((i) => Uint8Array.from(r.drawFrame(i)));
	} finally {
		r.close();
	}
}
const one = async (overrides: Partial<PlannedShot>, index = 0, frameCount = 12) =>
	(await frames(storyboard([shot(0, 0, frameCount, 12, overrides)]), [index]))[0];

describe('scene settings', () => {
	it('renders each of the 8 settings as a clearly different picture', async () => {
		const images = await Promise.all(SETTINGS.map((setting) => one({ setting })));
		for (let a = 0; a < images.length; a++) {
			// Not flat: the picture has structure.
			const mean = meanLuma(images[a]);
			let spread = 0;
			for (let i = 0; i < images[a].length; i += 4) spread += Math.abs(images[a][i + 1] - mean);
			expect(spread / (images[a].length / 4)).toBeGreaterThan(8);
			for (let b = a + 1; b < images.length; b++)
				expect(meanDifference(images[a], images[b], W)).toBeGreaterThan(12);
		}
	});

	it('lights by time of day: night is darker than day, dusk warmer than day', async () => {
		const day = await one({ setting: 'mountains', timeOfDay: 'day' });
		const night = await one({ setting: 'mountains', timeOfDay: 'night' });
		const dusk = await one({ setting: 'mountains', timeOfDay: 'dusk' });
		expect(meanLuma(night)).toBeLessThan(meanLuma(day) * 0.6);
		const warmth = (f: Uint8Array) => {
			let s = 0;
			for (let i = 0; i < f.length; i += 4) s += f[i] - f[i + 2];
			return s / (f.length / 4);
		};
		expect(warmth(dusk)).toBeGreaterThan(warmth(day) + 10);
	});

	it.each(['rain', 'snow', 'fog'] as const)(
		'draws %s particles that move from frame to frame',
		async (weather) => {
			const [a, b] = await frames(
				storyboard([shot(0, 0, 12, 12, { setting: 'forest', weather })]),
				[0, 11],
			);
			const [clearA] = await frames(
				storyboard([shot(0, 0, 12, 12, { setting: 'forest', weather: 'clear' })]),
				[0],
			);
			expect(meanDifference(a, clearA, W)).toBeGreaterThan(2);
			expect(meanDifference(a, b, W)).toBeGreaterThan(0.2);
		},
	);

	it('a static camera on a still setting gives identical frames; a pan moves the picture', async () => {
		const [s0, s1] = await frames(storyboard([shot(0, 0, 12, 12, { setting: 'studio' })]), [0, 11]);
		expect(meanDifference(s0, s1, W)).toBe(0);
		for (const move of [
			'pan-left',
			'pan-right',
			'tilt-up',
			'dolly-in',
			'dolly-out',
			'orbit',
			'handheld',
		] as const) {
			const [m0, m1] = await frames(
				storyboard([
					shot(0, 0, 12, 12, {
						setting: 'mountains',
						camera: { move, easing: 'ease-in-out', intensity: 1 },
					}),
				]),
				[0, 11],
			);
			// Handheld shake is deliberately subtle; the others travel.
			expect([move, meanDifference(m0, m1, W) > (move === 'handheld' ? 0.1 : 1)]).toEqual([
				move,
				true,
			]);
		}
	});
});

/**
 * A shot's first layer, when it is opaque and placed on whole pixels over the whole frame, is copied
 * instead of blended (scene/shot.ts): the frames must be the same bytes as the blend's, whatever
 * the canvas held before, and a layer with any transparency must still be blended.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ShotRenderer, isOpaque } from '../../../src/engine/scene/shot';
import type { CameraMove, PlannedShot, SettingId } from '../../../src/engine/storyboard';
import { seededRandom } from '../../../src/engine/scene/random';
import { shot, storyboard } from './storyboardFixture';

const W = 180;
const H = 320;
const FPS = 12;

/** A canvas full of seeded noise: what a frame slot holds from the frame before. */
function noisyCanvas(seed: number) {
	const canvas = createCanvas(W, H);
	const ctx = canvas.getContext('2d');
	const noise = ctx.createImageData(W, H);
	const random = seededRandom(seed, 1);
	for (let i = 0; i < noise.data.length; i++)
		noise.data[i] = i % 4 === 3 ? 255 : Math.floor(random.next() * 256);
	ctx.putImageData(noise, 0, 0);
	return { canvas, ctx };
}

function renderer(overrides: Partial<PlannedShot>): ShotRenderer {
	const planned = shot(0, 0, 12, FPS, {
		placements: [{ character: 'alice', x: 0.4, facing: 'right' }],
		...overrides,
	});
	return new ShotRenderer({
		storyboard: storyboard([planned]),
		shot: planned,
		clips: [],
		cameos: new Map(),
	});
}

const drawn = (r: ShotRenderer, frame: number, paint: (ctx: SKRSContext2D) => void) => {
	const { canvas, ctx } = noisyCanvas(frame + 1);
	paint(ctx);
	r.draw(ctx, frame);
	return Buffer.from(canvas.data());
};

describe("a shot's opaque first layer", () => {
	const cases: [SettingId, CameraMove, Partial<PlannedShot>][] = [
		['gym', 'static', {}],
		['city-night', 'pan-right', { weather: 'rain', timeOfDay: 'night' }],
		['beach', 'handheld', {}],
		['forest', 'tilt-up', {}],
		['studio', 'dolly-in', {}],
	];
	it.each(cases)(
		'%s, %s camera: copied frames are the blended frames byte for byte',
		(setting, move, extra) => {
			const copying = renderer({
				setting,
				camera: { move, easing: 'linear', intensity: 0.6 },
				...extra,
			});
			const blending = renderer({
				setting,
				camera: { move, easing: 'linear', intensity: 0.6 },
				...extra,
			});
			copying.prepare();
			blending.prepare();
			const opaque = (copying as unknown as { firstLayerOpaque: boolean }).firstLayerOpaque;
			// Every setting paints an opaque sky (or flattened background) at full scale.
			expect(opaque).toBe(true);
			(blending as unknown as { firstLayerOpaque: boolean }).firstLayerOpaque = false;
			try {
				for (const frame of [0, 5, 11]) {
					const a = drawn(copying, frame, () => undefined);
					const b = drawn(blending, frame, () => undefined);
					expect(a.equals(b)).toBe(true);
				}
			} finally {
				copying.dispose();
				blending.dispose();
			}
		},
	);

	it('is copied on a still camera, and the canvas is left blending source-over', () => {
		const r = renderer({ setting: 'gym' });
		try {
			const { ctx } = noisyCanvas(7);
			const modes: string[] = [];
			const drawImage = ctx.drawImage.bind(ctx);
			ctx.drawImage = ((...args: Parameters<typeof drawImage>) => {
				modes.push(ctx.globalCompositeOperation);
				return drawImage(...args);
			}) as typeof ctx.drawImage;
			r.draw(ctx, 3);
			expect(modes[0]).toBe('copy');
			expect(modes.slice(1).every((m) => m === 'source-over')).toBe(true);
			expect(ctx.globalCompositeOperation).toBe('source-over');
		} finally {
			r.dispose();
		}
	});
});

describe('isOpaque', () => {
	it('is true only when every pixel of every band of rows is opaque', () => {
		const canvas = createCanvas(64, 300);
		const ctx = canvas.getContext('2d');
		ctx.fillStyle = '#336699';
		ctx.fillRect(0, 0, 64, 300);
		expect(isOpaque(canvas)).toBe(true);
		// One pixel slightly transparent, past the first band of rows.
		ctx.clearRect(40, 290, 1, 1);
		ctx.fillStyle = 'rgba(51,102,153,0.99)';
		ctx.fillRect(40, 290, 1, 1);
		expect(isOpaque(canvas)).toBe(false);
		expect(isOpaque(createCanvas(8, 8))).toBe(false);
	});
});

import { createCanvas } from '@napi-rs/canvas';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFrameRenderer } from '../../../src/engine/compose/frames';
import { drawCharacter, type CharacterPose } from '../../../src/engine/scene/character';
import { visemeAt } from '../../../src/engine/scene/mouth';
import type { ActionId, Synthesis, Viseme } from '../../../src/engine/storyboard';
import { countColour, differingBox, meanDifference } from '../compose/pixels';
import { ALICE, noSynthesis, shot, speechClip, storyboard } from './storyboardFixture';

const S = 200;
function drawAlone(pose: Partial<CharacterPose>): Uint8Array {
	const canvas = createCanvas(S, S);
	const ctx = canvas.getContext('2d');
	ctx.fillStyle = '#808080';
	ctx.fillRect(0, 0, S, S);
	drawCharacter(ctx, {
		look: ALICE.look,
		x: S / 2,
		groundY: S * 0.95,
		unit: S * 0.8,
		pose: {
			action: 'idle',
			actionSeconds: 0,
			seconds: 0.5,
			viseme: 'rest',
			facing: 'right',
			blinkPhase: 0,
			...pose,
		},
	});
	return Uint8Array.from(canvas.data());
}

describe('characters', () => {
	it("the mouth differs between 'rest' and 'A', and only around the mouth", () => {
		const rest = drawAlone({ viseme: 'rest' });
		const open = drawAlone({ viseme: 'A' });
		const box = differingBox(rest, open, S, 10);
		expect(box).toBeDefined();
		// Small and in the head: the upper part of the figure.
		expect(box!.width).toBeLessThan(S * 0.15);
		expect(box!.y).toBeLessThan(S * 0.4);
		const visemes: Viseme[] = ['E', 'O', 'U', 'MBP', 'FV'];
		const shapes = visemes.map((v) => drawAlone({ viseme: v }));
		for (let i = 0; i < shapes.length; i++)
			for (let j = i + 1; j < shapes.length; j++)
				if (!(visemes[i] === 'MBP' || visemes[j] === 'MBP'))
					expect(meanDifference(shapes[i], shapes[j], S)).toBeGreaterThan(0);
	});

	it('finds the viseme at a time from the speech clip, rest between them', () => {
		const visemes = [
			{ viseme: 'A' as const, start: 1, end: 1.2 },
			{ viseme: 'O' as const, start: 1.2, end: 1.5 },
		];
		expect(visemeAt(visemes, 0.5)).toBe('rest');
		expect(visemeAt(visemes, 1.1)).toBe('A');
		expect(visemeAt(visemes, 1.3)).toBe('O');
		expect(visemeAt(visemes, 1.6)).toBe('rest');
	});

	it("moves the mouth in the frame while the character's clip plays", async () => {
		const shots = [
			shot(0, 0, 24, 12, { placements: [{ character: 'alice', x: 0.5, facing: 'right' }] }),
		];
		const clip = speechClip('alice', 0.5, 1.5, {
			visemes: [
				{ viseme: 'A', start: 0.5, end: 1.0 },
				{ viseme: 'MBP', start: 1.0, end: 1.5 },
			],
		});
		const r = await createFrameRenderer(
			storyboard(shots),
			{ speech: { clips: [clip] }, physics: [] } satisfies Synthesis,
			{ style: 'none' },
		);
		const f = (i: number) => Uint8Array.from(r.drawFrame(i));
		const speaking = differingBox(f(3), f(9), 180, 10);
		r.close();
		expect(speaking).toBeDefined();
		expect(speaking!.y + speaking!.height).toBeLessThan(320 * 0.86);
	});

	it.each(['walk', 'gesture', 'talk', 'wave', 'jump', 'shoot', 'sit'] as ActionId[])(
		'%s poses the body differently from idle',
		(action) => {
			const idle = drawAlone({ action: 'idle', actionSeconds: 0.4 });
			const acting = drawAlone({ action, actionSeconds: 0.4 });
			expect(meanDifference(idle, acting, S)).toBeGreaterThan(0.5);
		},
	);

	it('walking carries the character across the floor in the direction it faces', async () => {
		const shots = [
			shot(0, 0, 24, 12, {
				placements: [{ character: 'alice', x: 0.3, facing: 'right' }],
				actions: [{ character: 'alice', action: 'walk', at: 0 }],
			}),
		];
		const r = await createFrameRenderer(storyboard(shots), noSynthesis(), { style: 'none' });
		const red: [number, number, number] = [0xe0, 0x20, 0x20];
		const centreOfRed = (frame: Uint8Array) => {
			let sum = 0;
			let n = 0;
			for (let x = 0; x < 180; x++) {
				const c = countColour(frame, 180, { x, y: 150, width: 1, height: 60 }, red);
				sum += c * x;
				n += c;
			}
			return sum / n;
		};
		const start = centreOfRed(Uint8Array.from(r.drawFrame(0)));
		const end = centreOfRed(Uint8Array.from(r.drawFrame(23)));
		r.close();
		expect(end - start).toBeGreaterThan(180 * 0.15);
	});

	it('keeps the same look in every shot', async () => {
		const placements = [{ character: 'alice', x: 0.5, facing: 'right' as const }];
		const shots = [
			shot(0, 0, 6, 12, { setting: 'studio', placements }),
			shot(1, 6, 6, 12, { setting: 'beach', placements }),
		];
		const r = await createFrameRenderer(storyboard(shots), noSynthesis(), { style: 'none' });
		// The torso: feet at 0.86 of the height, a character ~117 px tall at this size.
		const region = { x: 80, y: 192, width: 20, height: 26 };
		const a = countColour(Uint8Array.from(r.drawFrame(0)), 180, region, [0xe0, 0x20, 0x20]);
		const b = countColour(Uint8Array.from(r.drawFrame(8)), 180, region, [0xe0, 0x20, 0x20]);
		r.close();
		expect(a).toBeGreaterThan(250);
		expect(Math.abs(a - b)).toBeLessThan(a * 0.1);
	});

	it("draws a cameo's cut-out in place of the head", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'reelforge-cameo-'));
		try {
			const cut = createCanvas(64, 80);
			const ctx = cut.getContext('2d');
			ctx.fillStyle = '#00ff00';
			ctx.beginPath();
			ctx.ellipse(32, 40, 30, 38, 0, 0, Math.PI * 2);
			ctx.fill();
			const path = join(dir, 'face.png');
			writeFileSync(path, cut.encodeSync('png'));
			const placements = [{ character: 'alice', x: 0.5, facing: 'right' as const }];
			const sb = storyboard([shot(0, 0, 2, 12, { placements })], {
				characters: [{ ...ALICE, cameo: { id: 'cam_1', cutoutPath: path } }],
			});
			const r = await createFrameRenderer(sb, noSynthesis(), { style: 'none' });
			const frame = Uint8Array.from(r.drawFrame(0));
			r.close();
			const green = (region: { x: number; y: number; width: number; height: number }) =>
				countColour(frame, 180, region, [0, 255, 0], 20);
			// The head sits above the shoulders; the cut-out is there and nowhere else.
			const head = { x: 65, y: 145, width: 50, height: 50 };
			expect(green(head)).toBeGreaterThan(250);
			expect(green({ x: 0, y: 0, width: 180, height: 320 })).toBe(green(head));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

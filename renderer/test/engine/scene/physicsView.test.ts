import { createFrameRenderer, type FrameRenderer } from '../../../src/engine/compose/frames';
import { initPhysics, simulatePhysics } from '../../../src/engine/physics';
import { COURT } from '../../../src/engine/physics/basketball';
import { fitView } from '../../../src/engine/scene/physicsView';
import type { PhysicsTrack, Storyboard } from '../../../src/engine/storyboard';
import { shot, storyboard } from './storyboardFixture';

const W = 360;
const H = 640;
const FPS = 30;

function centroid(
	frame: Uint8Array,
	match: (r: number, g: number, b: number, x: number) => boolean,
): { x: number; y: number; n: number } {
	let sx = 0;
	let sy = 0;
	let n = 0;
	for (let i = 0; i < frame.length; i += 4) {
		const p = i / 4;
		if (match(frame[i], frame[i + 1], frame[i + 2], p % W)) {
			sx += p % W;
			sy += Math.floor(p / W);
			n++;
		}
	}
	return { x: sx / n, y: sy / n, n };
}
const isBallOrange = (r: number, g: number, b: number) =>
	Math.abs(r - 0xe3) < 20 && Math.abs(g - 0x74) < 20 && Math.abs(b - 0x1e) < 20;
/** The ball's colour, left of the rim (whose orange is close to the ball's). */
const ballIn = (frame: Uint8Array, rimX: number) =>
	centroid(frame, (r, g, b, x) => x < rimX - 6 && isBallOrange(r, g, b));

describe('physics bodies in the picture', () => {
	let sb: Storyboard;
	beforeAll(async () => {
		await initPhysics();
		sb = storyboard(
			[
				shot(0, 0, 60, FPS, {
					setting: 'studio',
					placements: [{ character: 'bob', x: 0.85, facing: 'left' }],
					actions: [{ character: 'bob', action: 'shoot', at: 0 }],
					physics: { scene: 'basketball', outcome: 'miss', objects: 1 },
				}),
			],
			{ fps: FPS, width: W, height: H },
		);
	});

	/** Runs `look` on an unstyled renderer of the storyboard and its physics, then closes it. */
	async function withUnstyledFrames(look: (r: FrameRenderer, tracks: PhysicsTrack[]) => void) {
		const tracks = simulatePhysics(sb);
		const r = await createFrameRenderer(
			sb,
			{ speech: { clips: [] }, physics: tracks },
			{ style: 'none' },
		);
		try {
			look(r, tracks);
		} finally {
			r.close();
		}
	}

	it('draws the ball where its pose says, frame after frame', async () => {
		await withUnstyledFrames((r, tracks) => {
			const map = fitView(tracks[0], W, H, H * 0.86);
			const rimX = map.originX + COURT.rimFrontX * map.scale;
			for (const f of [6, 12, 18]) {
				const ball = tracks[0].frames[f].find((p) => p.id === 'ball')!;
				const seen = ballIn(Uint8Array.from(r.drawFrame(f)), rimX);
				expect(seen.n).toBeGreaterThan(10);
				expect(Math.abs(seen.x - (map.originX + ball.x * map.scale))).toBeLessThan(2.5);
				expect(Math.abs(seen.y - (map.originY - ball.y * map.scale))).toBeLessThan(2.5);
			}
		});
	});

	it('puts the shooter at the release point, facing the hoop, wherever the plan placed them', async () => {
		await withUnstyledFrames((r, tracks) => {
			const frame = Uint8Array.from(r.drawFrame(0));
			const map = fitView(tracks[0], W, H, H * 0.86);
			const ball = ballIn(frame, map.originX + COURT.rimFrontX * map.scale);
			const outfit = centroid(
				frame,
				(red, g, b) =>
					Math.abs(red - 0x20) < 25 && Math.abs(g - 0x40) < 25 && Math.abs(b - 0xe0) < 25,
			);
			expect(outfit.n).toBeGreaterThan(50);
			// Planned at 85 % of the width; drawn beside the ball, which starts in the shooter's hands.
			expect(Math.abs(outfit.x - ball.x)).toBeLessThan(W * 0.1);
			expect(ball.y).toBeLessThan(outfit.y);
		});
	});
});

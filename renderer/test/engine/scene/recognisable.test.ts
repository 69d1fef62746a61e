/**
 * Whether the new subjects read as what they are, measured on the frames: a body that turns upside
 * down in the air over a plank that dips into water; a gymnast whose feet are on the beam until
 * she flips off it; a dog on four legs whose prints pile up in the snow as the world scrolls past;
 * a sandcastle that grows, a ball that flies over a net, a sky that darkens as the sun goes down.
 */
import { createHash } from 'node:crypto';
import { initPhysics, shotPerformance } from '../../../src/engine/physics';
import { BEAM, actorMap, fitViewRect, setPieceView } from '../../../src/engine/motion/stage';
import type { CharacterProfile, PlannedShot, SettingId } from '../../../src/engine/storyboard';
import { meanDifference, meanLuma } from '../compose/pixels';
import { ALICE, BOB, shot, storyboard } from './storyboardFixture';
import { drawFrames, nearColour, oneShotBoard, PUP, type Rgb, solo } from '../../support/scenes';

const W = 270;
const H = 480;
const FPS = 24;

const near = nearColour;

/** Pixels of a colour: how many, their centroid and bounding box. */
function region(frame: Uint8Array, colour: Rgb, tolerance = 24) {
	let n = 0;
	let sx = 0;
	let sy = 0;
	let minX = W;
	let maxX = -1;
	let minY = H;
	let maxY = -1;
	for (let i = 0; i < frame.length; i += 4) {
		if (!near(frame, i, colour, tolerance)) continue;
		const x = (i / 4) % W;
		const y = Math.floor(i / 4 / W);
		n++;
		sx += x;
		sy += y;
		minX = Math.min(minX, x);
		maxX = Math.max(maxX, x);
		minY = Math.min(minY, y);
		maxY = Math.max(maxY, y);
	}
	return {
		n,
		x: sx / n,
		y: sy / n,
		minX,
		maxX,
		minY,
		maxY,
		width: maxX - minX + 1,
		height: maxY - minY + 1,
	};
}

const board = (
	overrides: Partial<PlannedShot>,
	frames: number,
	characters: CharacterProfile[] = [ALICE, BOB, PUP],
) => oneShotBoard(overrides, frames, { fps: FPS, width: W, height: H }, characters);

const render = drawFrames;

const RED: Rgb = [0xe0, 0x20, 0x20];
const SKIN: Rgb = [0xc6, 0x86, 0x42];

describe('the new subjects are recognisable in the frames', () => {
	beforeAll(() => initPhysics());

	it('a back flip on a floating plank: upside down in the air above water, the plank dipping at the landing', async () => {
		const sb = board(
			{
				setting: 'lake',
				...solo('alice', 0.5, 'backflip'),
				physics: { scene: 'floating-plank', outcome: 'auto', objects: 1 },
			},
			72,
		);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const landing = p.contacts.find((c) => c.startFrame > 0)!.startFrame;
		const takeoff = p.contacts[0].endFrame;
		// Upside down: the frame where the body is turned nearest to half way round.
		const inverted = Array.from({ length: landing - takeoff }, (_, k) => takeoff + k).reduce(
			(best, f) => (Math.abs(p.theta[f] - Math.PI) < Math.abs(p.theta[best] - Math.PI) ? f : best),
		);
		const [standing, flipping, landed] = await render(sb, [2, inverted, landing + 2]);
		const torso = region(standing, RED);
		const face = region(standing, SKIN, 16);
		expect(torso.n).toBeGreaterThan(60);
		// Standing: head above the torso, the torso taller than wide.
		expect(face.y).toBeLessThan(torso.y);
		expect(torso.height).toBeGreaterThan(torso.width);
		// In the air, upside down (the head below the torso) and off the plank.
		const torsoAir = region(flipping, RED);
		const faceAir = region(flipping, SKIN, 16);
		expect(faceAir.y).toBeGreaterThan(torsoAir.y);
		expect(torsoAir.y).toBeLessThan(torso.y - 3);
		// Water: the lower part of the frame is lake blue.
		const map = fitViewRect(setPieceView('floating-plank'), W, H, H * 0.86);
		let water = 0;
		for (let y = Math.ceil(map.originY) + 4; y < H; y++)
			for (let x = 0; x < W; x += 3) {
				const i = 4 * (y * W + x);
				if (standing[i + 2] > standing[i] + 30 && standing[i + 2] > 70) water++;
			}
		expect(water).toBeGreaterThan(0.6 * (H - map.originY - 4) * (W / 3));
		// The plank (its light top edge) sits lower just after the landing than while standing.
		const plankTop: Rgb = [0xc8, 0x98, 0x68];
		expect(region(landed, plankTop, 12).y).toBeGreaterThan(region(standing, plankTop, 12).y + 1.5);
	});

	it("a gymnast's feet are on the beam through the routine, and on the mat past its end after the dismount", async () => {
		const sb = board(
			{
				setting: 'gymnastics',
				...solo('alice', 0.3, 'beam-routine'),
				physics: { scene: 'balance-beam', outcome: 'auto', objects: 1 },
			},
			240,
			[{ ...ALICE, look: { ...ALICE.look, garment: 'leotard' } }],
		);
		const p = shotPerformance(sb, sb.shots[0]).actors[0].performance!;
		const onBeam = p.contacts.filter(
			(c) => c.supportId === 'beam' && c.startFrame > 0 && c.startFrame < 150,
		);
		const landing = p.contacts.find((c) => c.supportId === 'ground')!;
		expect(onBeam.length).toBeGreaterThan(3);
		expect(landing).toBeDefined();
		const map = actorMap(W, H, sb.shots[0]);
		const beamTop = map.originY - BEAM.top * map.ppm;
		const frames = await render(sb, [
			...onBeam.slice(0, 3).map((c) => c.startFrame + 1),
			landing.startFrame + 3,
		]);
		const legs = (frame: Uint8Array) => region(frame, SKIN, 16);
		const beam = region(frames[0], [0xc9, 0xa7, 0x7c], 10);
		expect(beam.width).toBeGreaterThan(0.6 * W);
		for (const frame of frames.slice(0, 3)) {
			// The lowest bare skin (her legs, in a leotard) stops at the beam's top.
			expect(Math.abs(legs(frame).maxY - beamTop)).toBeLessThan(6);
			expect(region(frame, RED).y).toBeLessThan(beamTop);
		}
		const after = frames[3];
		expect(Math.abs(legs(after).maxY - map.originY)).toBeLessThan(8);
		expect(Math.abs(region(after, RED).x - W / 2)).toBeGreaterThan(BEAM.halfLength * map.ppm);
	});

	it('a puppy in the snow: a four-legged shape that stays in the picture while the yard scrolls by, its prints piling up', async () => {
		const sb = board(
			{
				setting: 'yard',
				weather: 'snow',
				...solo('pup', 0.3, 'run'),
			},
			96,
		);
		const frames = await render(sb, [4, 5, 30, 31, 80]);
		const coat: Rgb = [0xc9, 0x8a, 0x3a];
		const dogs = frames.map((f) => region(f, coat, 30));
		for (const dog of dogs) {
			expect(dog.n).toBeGreaterThan(80);
			// Longer than tall: on four legs, not upright.
			expect(dog.width).toBeGreaterThan(1.1 * dog.height);
			expect(dog.x).toBeGreaterThan(0.15 * W);
			expect(dog.x).toBeLessThan(0.85 * W);
		}
		// The legs move from frame to frame (a gait), and the yard behind slides past.
		expect(
			meanDifference(frames[0], frames[1], W, {
				x: 0,
				y: Math.round(0.6 * H),
				width: W,
				height: Math.round(0.35 * H),
			}),
		).toBeGreaterThan(0.5);
		expect(
			meanDifference(frames[0], frames[2], W, {
				x: 0,
				y: Math.round(0.2 * H),
				width: W,
				height: Math.round(0.3 * H),
			}),
		).toBeGreaterThan(3);
		// Prints: blue-grey dents in the snow, more of them as the run goes on.
		const prints = (frame: Uint8Array) => {
			let n = 0;
			for (let y = Math.round(0.8 * H); y < Math.round(0.92 * H); y++)
				for (let x = 0; x < W; x++) {
					const i = 4 * (y * W + x);
					if (frame[i + 2] - frame[i] > 35 && frame[i] < 200) n++;
				}
			return n;
		};
		expect(prints(frames[0])).toBeLessThan(prints(frames[2]));
		expect(prints(frames[4])).toBeGreaterThan(20);
	});

	it('the beach story: a sandcastle rises, a ball crosses the net, the sky darkens as the sun sets', async () => {
		const cast = [
			{ ...ALICE, id: 'ana' },
			{ ...BOB, id: 'ben' },
		];
		const placements = [
			{ character: 'ana', x: 0.3, facing: 'right' as const },
			{ character: 'ben', x: 0.7, facing: 'left' as const },
		];
		const build = board(
			{
				setting: 'beach',
				placements,
				actions: placements.map((p) => ({
					character: p.character,
					action: 'build' as const,
					at: 0,
				})),
			},
			120,
			cast,
		);
		const sand: Rgb = [0xd8, 0xb8, 0x78];
		const castle = (await render(build, [12, 60, 118])).map((f) => region(f, sand, 6).n);
		expect(castle[1]).toBeGreaterThan(castle[0] + 30);
		expect(castle[2]).toBeGreaterThan(castle[1] + 30);

		const volley = board(
			{
				setting: 'beach',
				placements,
				actions: placements.map((p) => ({
					character: p.character,
					action: 'volley' as const,
					at: 0,
				})),
				physics: { scene: 'volleyball', outcome: 'auto', objects: 1 },
			},
			144,
			cast,
		);
		const rally = shotPerformance(volley, volley.shots[0]).rally!;
		const [first, second] = rally.hits;
		const midway = Math.round((first.frame + second.frame) / 2);
		// The ball's blue panel: at the first hit it is at the hitter's hand, midway it is high over
		// the net, nearer the middle.
		const panel: Rgb = [0x2f, 0x5f, 0xd0];
		const [atHit, inFlight] = (await render(volley, [first.frame, midway])).map((f) =>
			region(f, panel, 14),
		);
		expect(atHit.n).toBeGreaterThan(2);
		expect(inFlight.n).toBeGreaterThan(2);
		expect(inFlight.y).toBeLessThan(atHit.y);
		expect(Math.abs(inFlight.x - W / 2)).toBeLessThan(Math.abs(atHit.x - W / 2));

		const sunset = board(
			{
				setting: 'beach',
				timeOfDay: 'dusk',
				hour: 18.7,
				hourEnd: 19.75,
				camera: { move: 'pan-right', easing: 'linear', intensity: 0.1 },
			},
			72,
			cast,
		);
		const [start, end] = await render(sunset, [0, 71]);
		const sky = { x: 0, y: 0, width: W, height: Math.round(0.3 * H) };
		const luma = (f: Uint8Array) => meanLuma(f.subarray(0, 4 * sky.width * sky.height));
		expect(luma(end)).toBeLessThan(luma(start) - 5);
		// The sun is lower (or gone below the horizon) at the end.
		const sun = (f: Uint8Array) => region(f, [0xff, 0xb0, 0x6a], 30);
		const a = sun(start);
		const b = sun(end);
		expect(a.n).toBeGreaterThan(30);
		expect(b.n === 0 || b.y > a.y + 5).toBe(true);
	});

	it('draws each new setting as its own picture', async () => {
		const settings: SettingId[] = [
			'lake',
			'pool',
			'river',
			'yard',
			'gymnastics',
			'beach',
			'gym',
			'forest',
		];
		const pictures = await Promise.all(
			settings.map(async (setting) => (await render(board({ setting }, 2, [ALICE]), [0]))[0]),
		);
		for (let a = 0; a < pictures.length; a++)
			for (let b = a + 1; b < pictures.length; b++)
				expect(meanDifference(pictures[a], pictures[b], W)).toBeGreaterThan(8);
	});

	it('is deterministic: the new scenes give byte-identical frames', async () => {
		const sb = storyboard(
			[
				shot(0, 0, 24, FPS, {
					setting: 'lake',
					...solo('alice', 0.5, 'backflip'),
					physics: { scene: 'floating-plank', outcome: 'auto', objects: 1 },
				}),
				shot(1, 24, 24, FPS, {
					setting: 'yard',
					weather: 'snow',
					...solo('pup', 0.3, 'run'),
					transition: 'crossfade',
				}),
				shot(2, 48, 24, FPS, {
					setting: 'beach',
					hour: 18.7,
					hourEnd: 19.7,
					physics: { scene: 'surf', outcome: 'auto', objects: 1 },
					...solo('alice', 0.5, 'surf'),
				}),
			],
			{ fps: FPS, width: W, height: H, characters: [ALICE, PUP] },
		);
		const hash = async () => {
			const h = createHash('sha256');
			for (const f of await render(
				sb,
				Array.from({ length: 72 }, (_, i) => i),
			))
				h.update(f);
			return h.digest('hex');
		};
		expect(await hash()).toBe(await hash());
	});
});

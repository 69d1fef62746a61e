import { plan } from '../../../src/engine/plan';
import { buildRemixSpec } from '../../../src/engine/remix/remixSpec';
import { materializeSpec } from '../../../src/engine/remix/materialize';
import { validateRenderSpec } from '../../../src/spec/validate';
import type { Storyboard } from '../../../src/engine/storyboard';

const noCameos = { cameos: new Map() };
const storySpec = validateRenderSpec({
	seed: 11,
	output: { width: 320, height: 568, fps: 30, quality: 'draft' },
	characters: [
		{ id: 'maya', description: 'woman in a red jacket' },
		{ id: 'leo', description: 'man in a blue hoodie' },
	],
	shots: [
		{
			id: 'talk',
			prompt: 'Maya and Leo on a neon street at night.',
			duration: 4,
			dialogue: [
				{ character: 'maya', text: 'Ready?' },
				{ character: 'leo', text: 'Always.', at: 2 },
			],
		},
		{
			id: 'shot',
			prompt: 'Leo shoots and misses at the basketball court.',
			duration: 3,
			physics: { scene: 'basketball', outcome: 'miss' },
		},
		{ id: 'laugh', prompt: 'They laugh.', duration: 2 },
	],
});

/** The parts of a storyboard that make the picture and sound, without warnings. */
const essence = (b: Storyboard) => ({ ...b, warnings: [] });

describe('materializeSpec', () => {
	it('writes a prompt-only spec out as shots that plan to the same storyboard', () => {
		const promptSpec = validateRenderSpec({
			seed: 3,
			output: { width: 320, height: 568, fps: 24 },
			prompt:
				'At the beach, Ana, a woman in a yellow dress, waves. Ana says "Look at the waves!" Ben says "Beautiful." Then Ben jumps into the water.',
			durationSeconds: 9,
		});
		const materialized = materializeSpec(promptSpec);
		expect(materialized.prompt).toBeUndefined();
		expect(materialized.shots.length).toBeGreaterThan(1);
		expect(essence(plan(materialized, noCameos))).toEqual(essence(plan(promptSpec, noCameos)));
	});

	it('leaves an explicit storyboard planning the same', () => {
		expect(essence(plan(materializeSpec(storySpec), noCameos))).toEqual(
			essence(plan(storySpec, noCameos)),
		);
	});
});

describe('buildRemixSpec', () => {
	it('changes only the style and keeps the seed, so speech and physics caches still match', () => {
		const remix = buildRemixSpec(storySpec, { style: 'anime' });
		expect(remix).toEqual({ ...storySpec, style: 'anime' });
	});

	it('swaps the music but keeps its other settings', () => {
		const remix = buildRemixSpec(storySpec, { music: { mood: 'tense', tempo: 90 } });
		expect(remix.audio.music).toEqual({ enabled: true, mood: 'tense', tempo: 90 });
		expect(plan(remix, noCameos).music).toMatchObject({ mood: 'tense', tempo: 90, enabled: true });
	});

	it('re-orders and drops shots', () => {
		const remix = buildRemixSpec(storySpec, { recut: { order: [2, 0, 1], drop: [1] } });
		expect(remix.shots.map((s) => s.id)).toEqual(['laugh', 'talk']);
		const board = plan(remix, noCameos);
		// The last shot was planned in the gym (where the previous shot was); it stays there when moved.
		expect(board.shots.map((s) => s.setting)).toEqual(['gym', 'city-night']);
		expect(board.shots[1].dialogue.map((d) => d.text)).toEqual(['Ready?', 'Always.']);
	});

	it('trims the timeline, shortening edge shots and shifting their cues', () => {
		const remix = buildRemixSpec(storySpec, { recut: { trim: { start: 1.5, end: 6 } } });
		expect(remix.shots.map((s) => [s.id, s.duration])).toEqual([
			['talk', 2.5],
			['shot', 2],
		]);
		// "Ready?" started at 0.3 s and is cut; "Always." at 2 s now starts at 0.5 s.
		expect(remix.shots[0].dialogue).toEqual([{ character: 'leo', text: 'Always.', at: 0.5 }]);
		expect(plan(remix, noCameos).totalFrames).toBe(135);
	});

	it('rejects shot indices the source does not have, naming the field', () => {
		expect(() => buildRemixSpec(storySpec, { recut: { order: [0, 5] } })).toThrow(
			expect.objectContaining({
				statusCode: 400,
				details: [expect.objectContaining({ path: '/operations/recut/order/1' })],
			}),
		);
		expect(() => buildRemixSpec(storySpec, { recut: { trim: { start: 20 } } })).toThrow(
			expect.objectContaining({
				details: [expect.objectContaining({ path: '/operations/recut/trim' })],
			}),
		);
	});

	it('extends with new shots in the same place with the same people, reading their dialogue', () => {
		const remix = buildRemixSpec(storySpec, {
			extend: {
				shots: [
					{ prompt: 'Maya says "Rematch tomorrow?"' },
					{ prompt: 'Leo nods. "Deal."', duration: 2 },
					{ prompt: 'They walk off.', duration: 2 },
				],
			},
		});
		expect(plan(storySpec, noCameos).shots[2].placements.map((p) => p.character)).toEqual([
			'maya',
			'leo',
		]);
		const board = plan(remix, noCameos);
		expect(
			board.shots
				.slice(3, 5)
				.map((s) => [s.setting, s.duration, s.placements.map((p) => p.character)]),
		).toEqual([
			['gym', 4, ['maya']],
			['gym', 2, ['leo']],
		]);
		expect(board.shots[3].dialogue[0]).toMatchObject({
			character: 'maya',
			text: 'Rematch tomorrow?',
		});
		expect(board.shots[4].dialogue[0]).toMatchObject({ character: 'leo', text: 'Deal.' });
		expect(board.shots[5].placements.map((p) => p.character)).toEqual(['maya', 'leo']);
		// The characters look the same as in the source.
		expect(board.characters).toEqual(plan(storySpec, noCameos).characters);
	});

	it('casts a cameo as an existing character or adds it to every shot', () => {
		const cameos = new Map([
			[
				'cam_x1',
				{
					id: 'cam_x1',
					cutoutPath: '/tmp/x.png',
					voice: { voice: 'flite:awb', pitch: 0, rate: 1 },
				},
			],
		]);
		const asLeo = buildRemixSpec(storySpec, { cameo: { cameoId: 'cam_x1', character: 'leo' } });
		expect(plan(asLeo, { cameos }).characters[1]).toMatchObject({
			id: 'leo',
			cameo: { id: 'cam_x1' },
			voice: { voice: 'flite:awb' },
		});
		const added = buildRemixSpec(storySpec, { cameo: { cameoId: 'cam_x1', name: 'Me' } });
		expect(added.characters.map((c) => c.id)).toEqual(['maya', 'leo', 'cameo']);
		expect(added.shots.every((s) => s.characters?.includes('cameo'))).toBe(true);
	});
});

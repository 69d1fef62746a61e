import { plan } from '../../../src/engine/plan';
import { frameSpans } from '../../../src/engine/plan/frames';
import {
	MUSIC_MOOD_TERMS,
	SFX_TERMS,
	describeVocabulary,
	lookupTerm,
} from '../../../src/engine/vocabulary';
import { MUSIC_MOODS, SFX_CUES } from '../../../src/engine/audio';
import { validateRenderSpec } from '../../../src/spec/validate';
import { CAMERA_MOVES, STYLES } from '../../../src/spec/renderSpec';

const noCameos = { cameos: new Map() };
const specOf = (input: Record<string, unknown>) =>
	validateRenderSpec({ seed: 7, output: { width: 320, height: 568, fps: 30 }, ...input });

describe('frame accounting', () => {
	it('places every shot on the frame nearest its true start, without drift', () => {
		const { spans, totalFrames } = frameSpans([1.01, 1.01, 1.01], 30);
		expect(spans.map((s) => s.startFrame)).toEqual([0, 30, 61]);
		expect(spans.map((s) => s.frameCount)).toEqual([30, 31, 30]);
		expect(totalFrames).toBe(91);
	});

	it('sums shot frames to the total for awkward durations', () => {
		const durations = Array.from({ length: 37 }, (_, i) => 0.1 + (i % 5) * 0.37);
		const { spans, totalFrames } = frameSpans(durations, 24);
		expect(spans.reduce((n, s) => n + s.frameCount, 0)).toBe(totalFrames);
		expect(totalFrames).toBe(Math.round(durations.reduce((a, b) => a + b, 0) * 24));
	});
});

describe('plan: explicit shots', () => {
	const spec = specOf({
		characters: [
			{ id: 'maya', name: 'Maya', description: 'tall woman, red jacket, curly black hair' },
			{
				id: 'leo',
				description: 'short man in a blue hoodie',
				voice: { voice: 'flite:kal', pitch: -4 },
			},
		],
		shots: [
			{
				prompt: 'Maya and Leo talk on a rainy neon street at night.',
				duration: 4,
				dialogue: [
					{ character: 'maya', text: 'Did you see that?' },
					{ character: 'leo', text: 'No way.' },
				],
			},
			{
				prompt: 'Leo shoots and misses.',
				duration: 2,
				setting: 'gym',
				physics: { scene: 'basketball' },
				camera: { move: 'orbit' },
			},
			{ prompt: 'They laugh.', duration: 1.5, setting: 'volcano', characters: ['maya'] },
		],
	});
	const board = plan(spec, noCameos);

	it('honours explicit fields and reads the rest from the prompt', () => {
		expect(board.shots.map((s) => s.setting)).toEqual(['city-night', 'gym', 'mountains']);
		expect(board.shots[0]).toMatchObject({
			timeOfDay: 'night',
			weather: 'rain',
			startFrame: 0,
			frameCount: 120,
		});
		expect(board.shots[1]).toMatchObject({
			startFrame: 120,
			frameCount: 60,
			camera: { move: 'orbit' },
			physics: { scene: 'basketball', outcome: 'miss', objects: 1 },
		});
		expect(board.shots[2].placements.map((p) => p.character)).toEqual(['maya']);
		expect(board.totalFrames).toBe(225);
		expect(board.durationSeconds).toBe(7.5);
	});

	it('times dialogue one line after another and makes the speaker talk', () => {
		const [first, second] = board.shots[0].dialogue;
		expect(first).toMatchObject({ character: 'maya', text: 'Did you see that?' });
		expect(second.at).toBeGreaterThan(first.at + 1);
		expect(board.shots[0].actions).toEqual(
			expect.arrayContaining([{ character: 'leo', action: 'talk', at: second.at }]),
		);
		expect(board.shots[0].sfx.map((c) => c.cue)).toContain('rain');
	});

	it('reads look words from descriptions and lets explicit voice fields win', () => {
		const maya = board.characters.find((c) => c.id === 'maya')!;
		const leo = board.characters.find((c) => c.id === 'leo')!;
		expect(maya.look).toMatchObject({
			outfit: '#c8283c',
			hair: '#1b1b1f',
			hairStyle: 'curly',
			height: 1.15,
		});
		expect(['festival:slt', 'flite:slt']).toContain(maya.voice.voice);
		expect(leo.look).toMatchObject({ outfit: '#2f5fd0', height: 0.88 });
		expect(leo.voice).toMatchObject({ voice: 'flite:kal', pitch: -4 });
	});

	it('turns a setting it cannot draw into the nearest one plus a warning', () => {
		expect(board.warnings).toEqual([
			expect.objectContaining({ path: '/shots/2/setting', term: 'volcano' }),
		]);
		expect(board.warnings[0].message).toContain('mountains');
	});

	it('places characters in the same order in every shot', () => {
		expect(board.shots[0].placements).toEqual([
			{ character: 'maya', x: 0.22, facing: 'right' },
			{ character: 'leo', x: 0.78, facing: 'left' },
		]);
	});
});

describe('plan: characters persist', () => {
	it('gives a character id the same look and voice in any spec, and different ids different looks', () => {
		const a = plan(
			specOf({
				seed: 1,
				characters: [{ id: 'sam' }, { id: 'kim' }],
				shots: [{ prompt: 'a studio', duration: 1 }],
			}),
			noCameos,
		);
		const b = plan(
			specOf({
				seed: 99,
				characters: [{ id: 'zed' }, { id: 'sam' }],
				shots: [{ prompt: 'a beach', duration: 3 }],
			}),
			noCameos,
		);
		const samA = a.characters.find((c) => c.id === 'sam')!;
		const samB = b.characters.find((c) => c.id === 'sam')!;
		expect(samB.look).toEqual(samA.look);
		expect(samB.voice.voice).toBe(samA.voice.voice);
		expect(a.characters[1].look).not.toEqual(samA.look);
	});

	it('moves two characters on one voice at least 3 semitones apart', () => {
		const board = plan(
			specOf({
				characters: [
					{ id: 'ann', description: 'a woman' },
					{ id: 'bea', description: 'a woman' },
				],
				shots: [{ prompt: 'x', duration: 1 }],
			}),
			noCameos,
		);
		const [ann, bea] = board.characters;
		expect(ann.voice.voice).toBe(bea.voice.voice);
		expect(Math.abs(ann.voice.pitch - bea.voice.pitch)).toBeGreaterThanOrEqual(3);
	});

	it('uses a resolved cameo for the cutout and voice, and warns about an unresolved one', () => {
		const cameos = new Map([
			[
				'cam_abc',
				{
					id: 'cam_abc',
					cutoutPath: '/tmp/cut.png',
					voice: { voice: 'piper:me', pitch: 1, rate: 1 },
				},
			],
		]);
		const board = plan(
			specOf({
				characters: [
					{ id: 'me', cameoId: 'cam_abc' },
					{ id: 'you', cameoId: 'cam_zzz' },
				],
				shots: [{ prompt: 'x', duration: 1 }],
			}),
			{ cameos },
		);
		expect(board.characters[0]).toMatchObject({
			cameo: { id: 'cam_abc', cutoutPath: '/tmp/cut.png' },
			voice: { voice: 'piper:me' },
		});
		expect(board.characters[1].cameo).toBeUndefined();
		expect(board.warnings).toEqual([
			expect.objectContaining({ path: '/characters/1/cameoId', term: 'cam_zzz' }),
		]);
	});
});

describe('plan: prompt-only specs', () => {
	const prompt =
		'On a neon city street at night, Maya, a tall woman in a red jacket, waves at Leo. Maya says "Ready for the game?" Leo says "Always." At the basketball court Leo shoots and misses. The crowd groans.';
	const board = plan(specOf({ prompt, durationSeconds: 12 }), noCameos);

	it('finds the characters, splits shots and spends exactly the requested duration', () => {
		expect(board.characters.map((c) => c.id)).toEqual(['maya', 'leo']);
		expect(board.characters[0].look).toMatchObject({ outfit: '#c8283c', height: 1.15 });
		expect(board.shots.length).toBe(3);
		expect(board.totalFrames).toBe(360);
		expect(board.shots.reduce((n, s) => n + s.frameCount, 0)).toBe(360);
	});

	it('gives quoted lines to the character named before them', () => {
		const lines = board.shots.flatMap((s) => s.dialogue);
		expect(lines.map((l) => [l.character, l.text])).toEqual([
			['maya', 'Ready for the game?'],
			['leo', 'Always.'],
		]);
	});

	it('reads set-pieces, outcomes, cues and actions', () => {
		const court = board.shots.find((s) => s.physics)!;
		expect(court).toMatchObject({
			setting: 'gym',
			physics: { scene: 'basketball', outcome: 'miss' },
		});
		expect(court.actions).toEqual(
			expect.arrayContaining([expect.objectContaining({ character: 'leo', action: 'shoot' })]),
		);
		expect(board.shots.flatMap((s) => s.sfx).map((c) => c.cue)).toContain('crowd');
		expect(board.shots[0].actions).toEqual(
			expect.arrayContaining([expect.objectContaining({ character: 'maya', action: 'wave' })]),
		);
	});

	it('warns about a place it cannot draw that is named in the prompt', () => {
		const volcano = plan(
			specOf({ prompt: 'A hiker stands at the rim of a volcano at dusk.', durationSeconds: 4 }),
			noCameos,
		);
		expect(volcano.shots[0].setting).toBe('mountains');
		expect(volcano.warnings).toEqual([
			expect.objectContaining({ path: '/prompt', term: 'volcano' }),
		]);
	});

	it('is deterministic for the same spec and seed', () => {
		expect(plan(specOf({ prompt, durationSeconds: 12 }), noCameos)).toEqual(board);
	});
});

describe('plan: warnings never drop terms silently', () => {
	it('reports unknown actions, props, cues, set-pieces, styles and moods at their paths', () => {
		const board = plan(
			specOf({
				style: 'claymation',
				audio: { music: { enabled: true, mood: 'baroque' } },
				characters: [{ id: 'a' }],
				shots: [
					{
						prompt: 'x',
						duration: 2,
						actions: [{ character: 'a', action: 'juggle' }],
						props: ['guitar', 'trombone'],
						sfx: [{ cue: 'laser', at: 0 }],
						physics: { scene: 'domino' },
					},
				],
			}),
			noCameos,
		);
		const paths = board.warnings.map((w) => w.path).sort();
		expect(paths).toEqual([
			'/audio/music/mood',
			'/shots/0/actions/0/action',
			'/shots/0/physics/scene',
			'/shots/0/props/1',
			'/shots/0/sfx/0/cue',
			'/style',
		]);
		expect(board.shots[0].props).toEqual(['guitar']);
		expect(board.style).toBe('cinematic');
	});
});

describe('vocabulary', () => {
	it('covers every style and camera move of the spec and at least 8 settings', () => {
		const v = describeVocabulary();
		expect(v.styles.map((s) => s.id).sort()).toEqual([...STYLES].sort());
		expect(v.cameraMoves.map((s) => s.id).sort()).toEqual([...CAMERA_MOVES].sort());
		expect(v.settings.length).toBeGreaterThanOrEqual(8);
	});

	it('names only sound cues and moods the mixer can play, and every one of them', () => {
		for (const term of SFX_TERMS) expect(SFX_CUES).toContain(term.id);
		for (const cue of SFX_CUES) expect(lookupTerm(SFX_TERMS, cue)).toBeDefined();
		expect(MUSIC_MOOD_TERMS.map((m) => m.id).sort()).toEqual([...MUSIC_MOODS].sort());
	});

	it('reads a plural action word after a determiner or preposition as a thing, not a verb', () => {
		const board = plan(
			specOf({
				characters: [{ id: 'maya' }, { id: 'leo' }],
				shots: [
					{ prompt: 'Maya waves at the bar while the drinks arrive.', duration: 2 },
					{ prompt: 'Leo drinks from a cup, then Maya serves two cold drinks.', duration: 2 },
				],
			}),
			noCameos,
		);
		expect(board.shots[0].actions).toContainEqual({ character: 'maya', action: 'wave', at: 0 });
		expect(board.shots[0].actions.map((a) => a.action)).not.toContain('drink');
		expect(board.shots[1].actions).toContainEqual({ character: 'leo', action: 'drink', at: 0 });
		expect(board.shots[1].actions.filter((a) => a.action === 'drink')).toHaveLength(1);
	});

	it('does not read a character waving as ocean waves', () => {
		const board = plan(
			specOf({
				characters: [{ id: 'maya' }],
				shots: [{ prompt: 'Maya waves in the studio.', duration: 2 }],
			}),
			noCameos,
		);
		expect(board.shots[0].setting).toBe('studio');
		expect(board.shots[0].sfx).toEqual([]);
		expect(board.shots[0].actions).toEqual([{ character: 'maya', action: 'wave', at: 0 }]);
	});
});

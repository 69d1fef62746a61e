import { plan } from '../../../src/engine/plan';
import { PERSON_CLIPS } from '../../../src/engine/motion/person';
import { SETTINGS as PAINTERS } from '../../../src/engine/scene/settings';
import {
	ACTIONS,
	ANIMALS,
	PHYSICS_SCENES,
	SETTINGS,
	describeVocabulary,
} from '../../../src/engine/vocabulary';
import { initPhysics, simulateShot } from '../../../src/engine/physics';
import { validateRenderSpec } from '../../../src/spec/validate';
import type { Storyboard } from '../../../src/engine/storyboard';

const noCameos = { cameos: new Map() };
const fromPrompt = (prompt: string, durationSeconds = 6): Storyboard =>
	plan(
		validateRenderSpec({
			prompt,
			durationSeconds,
			seed: 7,
			output: { width: 270, height: 480, fps: 24 },
		}),
		noCameos,
	);
const fromShots = (shots: Array<Record<string, unknown>>, characters: unknown[] = []): Storyboard =>
	plan(
		validateRenderSpec({
			seed: 7,
			output: { width: 270, height: 480, fps: 24 },
			characters,
			shots,
		}),
		noCameos,
	);

describe('what prompts draw', () => {
	it("a gymnast's balance-beam routine: one person in a leotard, on a beam, in a gymnastics arena", () => {
		const board = fromPrompt("A gymnast's balance-beam routine");
		expect(board.characters).toHaveLength(1);
		expect(board.characters[0].animal).toBeUndefined();
		expect(board.characters[0].look.garment).toBe('leotard');
		const shot = board.shots[0];
		expect(shot.setting).toBe('gymnastics');
		expect(shot.physics?.scene).toBe('balance-beam');
		expect(shot.actions).toEqual([
			{ character: board.characters[0].id, action: 'beam-routine', at: 0 },
		]);
		expect(board.warnings).toEqual([]);
	});

	it('a puppy running through a snowy yard: a small dog, running, in a yard under snow', () => {
		const board = fromPrompt('A puppy running through a snowy yard.');
		expect(board.characters).toHaveLength(1);
		const pup = board.characters[0];
		expect(pup.animal?.species).toBe('dog');
		expect(pup.animal!.size).toBeLessThan(0.7);
		const shot = board.shots[0];
		expect(shot.setting).toBe('yard');
		expect(shot.weather).toBe('snow');
		expect(shot.actions).toEqual([{ character: pup.id, action: 'run', at: 0 }]);
	});

	it('a backflip on a plank floating on a lake: a person, a floating plank, the lake', () => {
		for (const prompt of [
			'A backflip on a plank floating on a lake.',
			'A man does a backflip off a plank floating on a lake.',
		]) {
			const board = fromPrompt(prompt);
			expect(board.characters).toHaveLength(1);
			expect(board.characters[0].animal).toBeUndefined();
			const shot = board.shots[0];
			expect(shot.setting).toBe('lake');
			expect(shot.physics?.scene).toBe('floating-plank');
			expect(shot.actions.map((a) => a.action)).toEqual(['backflip']);
			expect(board.warnings.filter((w) => w.term === 'lake')).toEqual([]);
		}
	});

	it('reads breed and coat words, and clothes, from the words round a character', () => {
		const dalmatian = fromPrompt('A dalmatian chases a ball on the beach.').characters[0].animal!;
		expect(dalmatian).toMatchObject({ species: 'dog', pattern: 'spots', coat: '#f4f1ea' });
		const cat = fromPrompt('A black cat sits on the sofa.').characters[0].animal!;
		expect(cat).toMatchObject({ species: 'cat', coat: '#1b1b1f', pattern: 'solid' });
		const kitten = fromPrompt('A tabby kitten leaps.').characters[0].animal!;
		expect(kitten.pattern).toBe('stripes');
		expect(kitten.size).toBeLessThan(0.7);
		const woman = fromPrompt('A woman in a red dress dances in the street.').characters[0];
		expect(woman.look).toMatchObject({ garment: 'dress', outfit: '#c8283c' });
		expect(fromPrompt('A swimmer dives into the pool.').characters[0].look.garment).toBe(
			'swimsuit',
		);
	});

	it('counts animals: a number, or a plural as a few', () => {
		expect(fromPrompt('Two horses gallop across a meadow.').characters.map((c) => c.id)).toEqual([
			'horse-1',
			'horse-2',
		]);
		const birds = fromPrompt('Birds fly over a forest at dawn.').characters;
		expect(birds.length).toBe(3);
		expect(birds.every((b) => b.animal?.species === 'bird')).toBe(true);
	});

	it('draws a deer by the river, a fawn smaller than a stag', () => {
		const board = fromPrompt('Birds fly over a forest at dawn. A deer drinks from a river.', 8);
		const deer = board.characters.find((c) => c.id === 'deer');
		expect(deer?.animal).toMatchObject({ species: 'deer', size: 1 });
		const river = board.shots.find((s) => s.setting === 'river');
		expect(river?.placements.map((p) => p.character)).toEqual(['deer']);
		const fawn = fromPrompt('A fawn walks through the woods.').characters[0];
		expect(fawn.animal).toMatchObject({ species: 'deer' });
		expect(fawn.animal!.size).toBeLessThan(1);
	});

	it('carries the story’s subject into a moment that opens on its verb', () => {
		const board = fromPrompt(
			'A girl rides her bike to the park, feeds the ducks by the lake and walks home as night falls.',
			12,
		);
		const ducks = board.characters.filter((c) => c.animal?.species === 'bird').map((c) => c.id);
		expect(ducks.length).toBeGreaterThan(1);
		const feeding = board.shots.filter((s) => s.prompt.startsWith('feeds'));
		const home = board.shots.filter((s) => s.prompt.startsWith('walks home'));
		expect(feeding.length).toBeGreaterThan(0);
		expect(home.length).toBeGreaterThan(0);
		for (const shot of feeding)
			expect(shot.placements.map((p) => p.character)).toEqual(['girl', ...ducks]);
		for (const shot of home) {
			expect(shot.placements.map((p) => p.character)).toEqual(['girl']);
			expect(shot.actions).toEqual([{ character: 'girl', action: 'walk', at: 0 }]);
		}
	});

	it("gives a character's several acts in turn, in the order told, and drops watching beside an act", () => {
		const [shot] = fromShots(
			[{ prompt: 'A woman jumps and then runs.', duration: 4 }],
			[{ id: 'woman' }],
		).shots;
		expect(shot.actions.map((a) => [a.action, a.at])).toEqual([
			['jump', 0],
			['run', 2],
		]);
		const [watching] = fromShots(
			[{ prompt: 'A man sits on a bench and watches the sea.', duration: 3 }],
			[{ id: 'man' }],
		).shots;
		expect(watching.actions.map((a) => a.action)).toEqual(['sit']);
	});

	it('moves the clock when the sun sets or rises in the shot', () => {
		const board = fromShots(
			[
				{ prompt: 'Two friends build a sandcastle on the beach.', duration: 3 },
				{ prompt: 'They play volleyball.', duration: 3 },
				{ prompt: 'Then they sit and watch the sunset.', duration: 3 },
			],
			[{ id: 'friend-1' }, { id: 'friend-2' }],
		);
		const [build, volley, sunset] = board.shots;
		expect(build.actions.map((a) => a.action)).toEqual(['build', 'build']);
		expect(volley.physics?.scene).toBe('volleyball');
		expect(volley.placements).toHaveLength(2);
		expect(volley.actions.map((a) => a.action)).toEqual(['volley', 'volley']);
		expect(sunset.timeOfDay).toBe('dusk');
		expect(sunset.hour).toBeLessThan(sunset.hourEnd!);
		expect(sunset.actions.map((a) => a.action)).toEqual(['sit', 'sit']);
		expect(build.hour).toBeUndefined();
	});
});

describe('every class in the vocabulary is drawable', () => {
	beforeAll(() => initPhysics());

	it('has a painter for every setting and a motion for every action', () => {
		for (const s of SETTINGS) expect(PAINTERS[s.id]).toBeDefined();
		const motions = new Set([
			...Object.keys(PERSON_CLIPS),
			'beam-routine',
			'skateboard',
			'volley',
			'fly',
			'swim',
		]);
		for (const a of ACTIONS) expect(motions.has(a.id)).toBe(true);
		expect(ANIMALS.map((a) => a.id).sort()).toEqual([
			'bird',
			'cat',
			'deer',
			'dog',
			'fish',
			'horse',
		]);
		expect(describeVocabulary().animals.map((a) => a.id)).toContain('dog');
	});

	it.each(PHYSICS_SCENES.map((s) => s.id))('simulates the %s set-piece', (scene) => {
		const board = fromShots(
			[{ prompt: 'A woman and a man.', duration: 2, physics: { scene } }],
			[
				{ id: 'ana', description: 'a woman' },
				{ id: 'ben', description: 'a man' },
			],
		);
		const track = simulateShot(board, board.shots[0]);
		expect(track?.scene).toBe(scene);
		expect(track!.frames.length).toBe(board.shots[0].frameCount);
	});
});

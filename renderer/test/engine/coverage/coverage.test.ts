import fs from 'node:fs';
import path from 'node:path';
import { coverageOf, coverageOfShot, coverageWarnings } from '../../../src/engine/coverage';
import { plan } from '../../../src/engine/plan';
import { validateRenderSpec } from '../../../src/spec/validate';
import type { RenderSpecInput } from '../../../src/spec/renderSpec';

const noCameos = { cameos: new Map() };
const PROMPTS = path.join(__dirname, '../../../examples/prompts');

function assess(input: RenderSpecInput) {
	const spec = validateRenderSpec({ durationSeconds: 8, seed: 1, ...input });
	const storyboard = plan(spec, noCameos);
	const coverage = coverageOf(spec, storyboard);
	return {
		spec,
		storyboard,
		coverage,
		warnings: [...storyboard.warnings, ...coverageWarnings(coverage, storyboard.warnings)],
	};
}

const termOf = (coverage: ReturnType<typeof coverageOf>, lemma: string) =>
	coverage.terms.find((t) => t.lemma === lemma);

describe('coverage: nothing a prompt names is dropped silently', () => {
	const files = fs.readdirSync(PROMPTS).filter((f) => f.endsWith('.json'));

	it('the prompt set has at least 20 prompts, the issue’s three among them', () => {
		expect(files.length).toBeGreaterThanOrEqual(20);
		const prompts = files.map((f) => JSON.parse(fs.readFileSync(path.join(PROMPTS, f), 'utf8')));
		const texts = prompts.map((p) => p.prompt as string);
		expect(texts).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/gymnast.*balance beam/),
				expect.stringMatching(/puppy running through a snowy yard/),
				expect.stringMatching(/backflip off a plank floating on a lake/),
			]),
		);
		expect(prompts.some((p) => p.durationSeconds === 120)).toBe(true);
	});

	it.each(files)('%s: every term is drawn, approximated (as something) or a warning at its pointer', (file) => {
		const input = JSON.parse(fs.readFileSync(path.join(PROMPTS, file), 'utf8'));
		const { coverage, warnings } = assess(input);
		expect(coverage.terms.length).toBeGreaterThan(0);
		for (const term of coverage.terms) {
			expect(term.path).toBe('/prompt');
			if (term.status === 'not drawn') {
				expect(
					warnings.some(
						(w) => w.path === term.path && w.term.toLowerCase() === term.term.toLowerCase(),
					),
				).toBe(true);
			} else {
				expect(term.shots.length).toBeGreaterThan(0);
				if (term.status === 'approximated') expect(term.as).toEqual(expect.any(String));
			}
		}
		expect(coverage.score).toBeGreaterThanOrEqual(0);
		expect(coverage.score).toBeLessThanOrEqual(1);
	});

	// Prompts written for this test only, never used to tune the reader: the words a person would
	// name as what the video should show must all be in the report.
	it.each([
		[
			'A firefighter carries a ladder past a burning barn.',
			['firefighter', 'carry', 'ladder', 'barn'],
		],
		[
			'An old fisherman repairs his net on the pier as seagulls squawk.',
			['fisherman', 'repair', 'net', 'pier', 'seagull', 'squawk'],
		],
		[
			'A ballerina spins across a dim stage and bows to the audience.',
			['ballerina', 'spin', 'stage', 'bow', 'audience'],
		],
		[
			'Three cyclists race down a foggy mountain road at dawn.',
			['cyclist', 'race', 'foggy', 'mountain', 'road', 'dawn'],
		],
		[
			'A giraffe eats leaves from a tall tree in the savanna.',
			['giraffe', 'eat', 'leaf', 'tree', 'savanna'],
		],
	])('"%s" reports each of its terms', (prompt, lemmas) => {
		const { coverage } = assess({ prompt });
		for (const lemma of lemmas) expect(termOf(coverage, lemma)).toBeDefined();
	});
});

describe('coverage: the issue’s three prompts are drawn, and what is not is said', () => {
	it('a puppy running through a snowy yard: the puppy, its run, the yard and the snow', () => {
		const { coverage, warnings } = assess({ prompt: 'A puppy running through a snowy yard.' });
		expect(termOf(coverage, 'puppy')).toMatchObject({ category: 'subject', status: 'drawn' });
		expect(termOf(coverage, 'run')).toMatchObject({ category: 'action', status: 'drawn', as: 'run' });
		expect(termOf(coverage, 'yard')).toMatchObject({ status: 'drawn', as: 'yard' });
		expect(termOf(coverage, 'snowy')).toMatchObject({ category: 'weather', status: 'drawn', as: 'snow' });
		expect(warnings).toEqual([]);
		expect(coverage.score).toBe(1);
	});

	it("a gymnast's balance-beam routine: the routine, its handspring and cartwheel; the landing is said", () => {
		const { coverage, warnings } = assess({
			prompt:
				'A gymnast performs a routine on a balance beam in a bright gym: a handspring, a cartwheel and a clean landing.',
		});
		expect(termOf(coverage, 'gymnast')).toMatchObject({ category: 'subject', status: 'drawn' });
		expect(coverage.terms).toContainEqual(
			expect.objectContaining({ category: 'action', status: 'drawn', as: 'beam-routine' }),
		);
		expect(termOf(coverage, 'gym')).toMatchObject({ status: 'drawn', as: 'gymnastics' });
		expect(termOf(coverage, 'handspring')).toMatchObject({ category: 'action', status: 'drawn' });
		expect(termOf(coverage, 'cartwheel')).toMatchObject({ category: 'action', status: 'drawn' });
		// The engine has no landing of its own to show: reported, never dropped.
		expect(termOf(coverage, 'landing')).toMatchObject({ status: 'not drawn' });
		expect(warnings.map((w) => w.term)).toEqual(['landing']);
	});

	it('a backflip off a plank floating on a lake: the man, the flip, the floating plank and the lake', () => {
		const { coverage, warnings } = assess({
			prompt: 'A man does a backflip off a plank floating on a lake.',
		});
		expect(termOf(coverage, 'man')).toMatchObject({ status: 'drawn' });
		expect(termOf(coverage, 'backflip')).toMatchObject({ category: 'action', status: 'drawn' });
		expect(coverage.terms).toContainEqual(
			expect.objectContaining({ status: 'drawn', as: 'floating-plank' }),
		);
		expect(termOf(coverage, 'lake')).toMatchObject({ status: 'drawn', as: 'lake' });
		expect(warnings).toEqual([]);
	});

	it('a plural animal is every one of them, and its verb is theirs ("seagulls circle overhead")', () => {
		const { coverage, storyboard } = assess({
			prompt: 'A surfer rides a huge wave at dawn while seagulls circle overhead.',
		});
		const gulls = storyboard.characters.filter((c) => c.animal?.species === 'bird');
		expect(gulls.length).toBeGreaterThan(1);
		for (const gull of gulls)
			expect(storyboard.shots[0].actions).toContainEqual(
				expect.objectContaining({ character: gull.id, action: 'fly' }),
			);
		expect(termOf(coverage, 'seagull')).toMatchObject({ category: 'subject', status: 'drawn' });
		expect(coverage.terms).toContainEqual(
			expect.objectContaining({ category: 'action', status: 'drawn', as: 'surf' }),
		);
	});

	it('a person dives and swims where there is water, and a pool splashes without a tank', () => {
		const { coverage, storyboard } = assess({
			prompt: 'A swimmer dives into a pool and swims to the other side with a big splash.',
		});
		const acts = storyboard.shots.flatMap((s) => s.actions.map((a) => a.action));
		expect(acts).toEqual(expect.arrayContaining(['dive', 'swim']));
		expect(storyboard.shots.every((s) => s.physics === undefined)).toBe(true);
		expect(termOf(coverage, 'dive')).toMatchObject({ category: 'action', status: 'drawn' });
		expect(termOf(coverage, 'swim')).toMatchObject({ category: 'action', status: 'drawn' });
		expect(termOf(coverage, 'swimmer')).toMatchObject({ status: 'drawn' });
	});

	it('a person is not said to fly, nor to swim on dry land: the act is reported', () => {
		const flying = assess({ prompt: 'A man flies over the rooftops of the city.' });
		expect(flying.storyboard.shots.flatMap((s) => s.actions.map((a) => a.action))).not.toContain(
			'fly',
		);
		expect(termOf(flying.coverage, 'fly')).toMatchObject({ status: 'not drawn' });
		const dry = assess({ prompt: 'A boy swims across the living room floor.' });
		expect(dry.storyboard.shots.flatMap((s) => s.actions.map((a) => a.action))).not.toContain(
			'swim',
		);
		expect(termOf(dry.coverage, 'swim')).toMatchObject({ status: 'not drawn' });
	});

	it.each([
		['astronaut-moon-flag', ['astronaut', 'plants a flag']],
		['chef-pancakes', ['chef', 'flips pancake']],
		['guitarist-stage', ['guitarist', 'play']],
		['lighthouse-storm', ['lighthouse']],
		['snowball-fight', ['kid', 'snowball fight']],
		['soccer-goal', ['boy', 'kick', 'soccer ball', 'goal']],
		['swimmer-pool-dive', ['swimmer', 'dive', 'swim']],
		['girl-park-ducks', ['girl', 'rides her bike']],
		['foggy-downtown-cyclist', ['taxis', 'buses', 'cyclist']],
		['spotted-dog-frisbee', ['dog', 'chase', 'frisbee']],
		['deer-river-dawn', ['deer', 'drink', 'river']],
		['cafe-dialogue', ['drink', 'latte']],
	])('%s: its subject, its act and what it is done with are drawn', (name, lemmas) => {
		const input = JSON.parse(fs.readFileSync(path.join(PROMPTS, `${name}.json`), 'utf8'));
		const { coverage } = assess(input);
		for (const lemma of lemmas) expect(termOf(coverage, lemma)).toMatchObject({ status: 'drawn' });
	});

	it('"plays" is the guitar only where a guitar or a guitarist is named', () => {
		const kid = assess({ prompt: 'A kid plays in the park.' });
		expect(kid.storyboard.shots.flatMap((s) => s.actions.map((a) => a.action))).not.toContain(
			'play-guitar',
		);
		const band = assess({ prompt: 'A woman with a guitar plays on the beach.' });
		expect(band.storyboard.shots.flatMap((s) => s.actions.map((a) => a.action))).toContain(
			'play-guitar',
		);
	});

	it("the sea's waves are not a hand's wave", () => {
		const { storyboard } = assess({
			prompt: 'A spotted dog chases a frisbee on the beach and splashes into the waves.',
		});
		const actions = storyboard.shots.flatMap((s) => s.actions.map((a) => a.action));
		expect(actions).not.toContain('wave');
		expect(actions).toContain('run');
	});
});

describe('coverage: what counts as drawn', () => {
	it('reads a word the vocabulary lacks through WordNet: an armchair is a chair, an espresso a coffee', () => {
		const { coverage } = assess({
			prompt: 'Maya sits in an armchair with an espresso and reads a novel.',
		});
		expect(termOf(coverage, 'maya')).toMatchObject({ status: 'drawn' });
		expect(termOf(coverage, 'armchair')).toMatchObject({ status: 'approximated', as: 'chair' });
		expect(termOf(coverage, 'espresso')).toMatchObject({ status: 'approximated', as: 'coffee' });
		expect(termOf(coverage, 'sit')).toMatchObject({ status: 'drawn', as: 'sit' });
	});

	it('checks the plan, not only the vocabulary: a second setting in one shot is not drawn', () => {
		const { coverage } = assess({
			shots: [{ prompt: 'A woman walks from the beach into the forest.', duration: 4 }],
		});
		const drawn = ['beach', 'forest'].map((w) => termOf(coverage, w)!.status);
		expect(drawn.sort()).toEqual(['drawn', 'not drawn']);
	});

	it('points at the shot that named a term, and gives each shot a drawable verdict', () => {
		const { spec, storyboard, coverage, warnings } = assess({
			characters: [{ id: 'maya', name: 'Maya', description: 'a woman in a green coat' }],
			shots: [
				{ prompt: 'Maya waves in the studio.', duration: 2 },
				{ prompt: 'A giraffe gallops past Maya.', duration: 2 },
			],
		});
		expect(termOf(coverage, 'giraffe')).toMatchObject({
			path: '/shots/1/prompt',
			status: 'not drawn',
		});
		expect(warnings).toContainEqual(
			expect.objectContaining({ path: '/shots/1/prompt', term: 'giraffe' }),
		);
		expect(termOf(coverage, 'wave')).toMatchObject({ path: '/shots/0/prompt', shots: [0] });
		expect(coverage.shots.map((s) => s.drawable)).toEqual([true, false]);
		expect(coverageOfShot(spec, storyboard, 1)).toMatchObject({
			drawable: false,
			missing: expect.arrayContaining(['giraffe']),
		});
		expect(coverageOfShot(spec, storyboard, 0).score).toBe(1);
	});

	it('says when something is heard but not seen', () => {
		const { coverage } = assess({ prompt: 'A crowd cheers in a stadium.' });
		expect(termOf(coverage, 'crowd')).toMatchObject({
			category: 'subject',
			status: 'approximated',
			as: 'crowd',
			reason: expect.stringContaining('heard'),
		});
	});

	it('scores 1 for a prompt whose every term is drawn, and counts each status', () => {
		const { coverage } = assess({ prompt: 'A woman waves on a neon city street at night.' });
		expect(coverage.counts.notDrawn).toBe(0);
		expect(coverage.score).toBe(1);
		expect(coverage.planner).toEqual({ name: 'rules' });
	});
});

describe('the planner follows the story', () => {
	const story = assess({
		prompt:
			'Two friends build a sandcastle on the beach, play volleyball and then watch the sunset.',
		durationSeconds: 120,
	});

	it('makes each moment shots, in the order told, and never one static scene', () => {
		const shots = story.storyboard.shots;
		expect(shots.length).toBeGreaterThanOrEqual(10);
		expect(Math.max(...shots.map((s) => s.duration))).toBeLessThanOrEqual(8);
		const moment = (s: { prompt: string }) =>
			/sandcastle/.test(s.prompt) ? 0 : /volleyball/.test(s.prompt) ? 1 : /sunset/.test(s.prompt) ? 2 : -1;
		const order = shots.map(moment);
		expect(order).not.toContain(-1);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(new Set(order)).toEqual(new Set([0, 1, 2]));
		expect(new Set(shots.map((s) => s.camera.move)).size).toBeGreaterThan(1);
		expect(shots.reduce((n, s) => n + s.frameCount, 0)).toBe(story.storyboard.totalFrames);
	});

	it('moves the time of day when the story does, and keeps the friends and the beach', () => {
		const shots = story.storyboard.shots;
		expect(shots.filter((s) => /sandcastle/.test(s.prompt)).every((s) => s.timeOfDay === 'day')).toBe(
			true,
		);
		expect(shots.filter((s) => /sunset/.test(s.prompt)).every((s) => s.timeOfDay === 'dusk')).toBe(
			true,
		);
		expect(shots.every((s) => s.setting === 'beach' && s.placements.length === 2)).toBe(true);
		expect(termOf(story.coverage, 'sunset')).toMatchObject({ status: 'drawn', as: 'dusk' });
	});

	it('splits moments on "then", "later" and commas, not a verb pair ("shoots and misses")', () => {
		const { storyboard } = assess({
			prompt:
				'Leo shoots and misses. A girl rides her bike to the park, feeds the ducks and later walks home as night falls.',
			durationSeconds: 16,
		});
		const prompts = storyboard.shots.map((s) => s.prompt);
		expect(prompts[0]).toBe('Leo shoots and misses.');
		expect(prompts.slice(1)).toEqual([
			'A girl rides her bike to the park',
			'feeds the ducks',
			'walks home as night falls.',
		]);
		expect(storyboard.shots.at(-1)!.timeOfDay).toBe('night');
		expect(storyboard.shots[0].actions).toContainEqual(
			expect.objectContaining({ character: 'leo', action: 'shoot' }),
		);
	});

	it('keeps a quoted line in one shot even when a long spec films moments in several', () => {
		const { storyboard } = assess({
			prompt: 'Maya waves at Leo on the street. Leo says "See you at the court tonight."',
			durationSeconds: 40,
		});
		const spoken = storyboard.shots.flatMap((s) => s.dialogue);
		expect(spoken).toHaveLength(1);
		expect(storyboard.shots.length).toBeGreaterThan(2);
	});
});

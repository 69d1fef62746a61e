/**
 * Voices the planner hands out stay inside the pitch range a recogniser still follows for each
 * voice (measured: docs/engine-sound.md), characters on one voice are kept apart, and a spec that
 * asks for a pitch outside a measured range is told so.
 */
import { plan } from '../../../src/engine/plan';
import { INTELLIGIBLE_PITCH, intelligiblePitch } from '../../../src/engine/voice/voiceCatalog';
import { validateRenderSpec } from '../../../src/spec/validate';

const noCameos = { cameos: new Map() };
const boardOf = (characters: Array<Record<string, unknown>>) =>
	plan(
		validateRenderSpec({
			seed: 1,
			output: { width: 320, height: 568, fps: 30 },
			characters,
			shots: [{ prompt: 'They talk.', duration: 1 }],
		}),
		noCameos,
	);

it("draws every planner-chosen pitch inside its voice's intelligible range", () => {
	const ids = Array.from({ length: 24 }, (_, i) => ({
		id: `person-${i}`,
		description: i % 2 ? 'a man' : 'a woman',
	}));
	// One at a time, so no separation moves them: the draw itself must be in range.
	for (const c of ids) {
		const [profile] = boardOf([c]).characters;
		const [lo, hi] = intelligiblePitch(profile.voice.voice);
		expect(INTELLIGIBLE_PITCH[profile.voice.voice]).toBeDefined();
		expect(profile.voice.pitch).toBeGreaterThanOrEqual(lo);
		expect(profile.voice.pitch).toBeLessThanOrEqual(hi);
	}
});

it("keeps three women apart: two on one voice at the range's ends, the third on another voice", () => {
	const board = boardOf([
		{ id: 'ann', description: 'a woman', voice: { voice: 'festival:slt' } },
		{ id: 'bea', description: 'a woman' },
		{ id: 'cat', description: 'a woman' },
		{ id: 'dot', description: 'a woman' },
	]);
	const voices = board.characters.map((c) => `${c.voice.voice} ${c.voice.pitch}`);
	expect(new Set(voices).size).toBe(4);
	for (const c of board.characters) {
		const [lo, hi] = intelligiblePitch(c.voice.voice);
		expect(c.voice.pitch).toBeGreaterThanOrEqual(lo);
		expect(c.voice.pitch).toBeLessThanOrEqual(hi);
	}
	// any two on the same voice are at least 3 semitones apart
	for (const a of board.characters)
		for (const b of board.characters)
			if (a !== b && a.voice.voice === b.voice.voice)
				expect(Math.abs(a.voice.pitch - b.voice.pitch)).toBeGreaterThanOrEqual(3);
	expect(board.warnings).toEqual([]);
});

it('warns when a spec sets a pitch outside a measured range, and not otherwise', () => {
	const board = boardOf([
		{ id: 'ann', voice: { voice: 'festival:slt', pitch: 4 } },
		{ id: 'ben', voice: { voice: 'flite:rms', pitch: 2 } },
		{ id: 'kim', voice: { voice: 'flite:kal16', pitch: -5 } },
	]);
	expect(board.characters[0].voice.pitch).toBe(4); // the spec's choice stands
	expect(board.warnings).toEqual([
		{
			path: '/characters/0/voice/pitch',
			term: '4',
			message:
				'pitch 4 on festival:slt is outside -3..0 semitones, the range in which speech recognition still follows this voice; the lines may be hard to understand',
		},
	]);
});

import { TextRules } from '../../../src/trust/moderation/textRules';
import { rules, testAllows, testBlocks, testReadsAs, verdictOf } from '../support/textVerdicts';
import { decide, resolvePolicy } from '../../../src/trust/moderation/policy';
import { normalisedReadings } from '../../../src/trust/moderation/normalize';

describe('text rules: categories, positive and negative', () => {
	const positives: Array<[string, string]> = [
		['sexual', 'a hardcore porn scene in a hotel'],
		['violence', 'the knight beheads the prisoner, gore everywhere'],
		['self-harm', 'a tutorial on how to cut myself'],
		['hate', 'a rally chanting heil hitler'],
		['illegal', 'step by step how to cook meth in a trailer'],
		['protected-character', 'Mickey Mouse dances on a beach'],
		['real-person', 'Taylor Swift sings at a gym'],
	];
	testBlocks(positives, 'caught');

	const negatives = [
		'a basketball player makes a three-pointer at dusk',
		'two friends walk through a rainy neon city and laugh',
		'a therapist talks calmly with a client in a studio', // "rapist" inside "therapist" must not match
		'the class assembles a stack of wooden boxes', // "ass" inside words must not match
		'Maya waves at the camera on the mountain',
	];
	testAllows(negatives, 'passes', true);

	test('a brand is flagged, not blocked, by the default policy', () => {
		const { action, triggered } = verdictOf('a can of Coca-Cola on the table');
		expect(triggered).toEqual(['brand']);
		expect(action).toBe('flag');
	});

	test('sexual content with a child marker scores as minors, an age under 18 too', () => {
		const withMarker = rules.analyse('a sexy schoolgirl undressing');
		expect(withMarker.scores.minors).toBeGreaterThanOrEqual(0.6);
		const withAge = rules.analyse('nude photo of a 15-year-old');
		expect(withAge.scores.minors).toBeGreaterThanOrEqual(0.6);
		// children alone are fine
		expect(rules.analyse('kids playing basketball in the park').scores.minors).toBeUndefined();
	});
});

describe('text rules: scores and thresholds', () => {
	test('weak terms add up; one is under the violence threshold, three are over', () => {
		const one = rules.analyse('he grabs a gun').scores.violence!;
		const three = rules.analyse('he grabs a gun, blood on the corpse').scores.violence!;
		expect(one).toBeCloseTo(0.35, 3);
		expect(three).toBeCloseTo(1 - 0.65 ** 3, 3);
		expect(verdictOf('he grabs a gun').triggered).toEqual([]);
		expect(verdictOf('he grabs a gun, blood on the corpse').triggered).toEqual(['violence']);
	});

	test('a lower threshold turns the same text into a block; allow records without acting', () => {
		const strict = resolvePolicy({ categories: { violence: { threshold: 0.3 } } });
		expect(
			decide(strict, rules.analyse('he grabs a gun').scores as Record<string, number>),
		).toEqual({ action: 'block', triggered: ['violence'] });
		expect(strict.name).toBe('reelforge-default-v1+custom');
		const lax = resolvePolicy({ categories: { 'protected-character': { action: 'allow' } } });
		expect(
			decide(lax, rules.analyse('Batman on a rooftop').scores as Record<string, number>).action,
		).toBe('allow');
		expect(() => resolvePolicy({ categories: { violence: { threshold: 2 } } })).toThrow(/0\.\.1/);
	});

	test('configured lists extend the defaults', () => {
		const custom = new TextRules({
			realPeople: ['Jane Q Public'],
			protectedCharacters: ['Captain Zorblax'],
			brands: ['Acme Rockets'],
			lexicon: { illegal: [{ term: 'forge passports', weight: 0.9 }] },
		});
		const a = custom.analyse(
			'Jane Q Public flies Acme Rockets with Captain Zorblax to forge passports',
		);
		expect(a.namedPeople).toEqual(['Jane Q Public']);
		expect(a.scores['protected-character']).toBe(0.9);
		expect(a.scores.brand).toBe(0.8);
		expect(a.scores.illegal).toBe(0.9);
		expect(
			new TextRules().analyse('Captain Zorblax flies').scores['protected-character'],
		).toBeUndefined();
	});

	test('an unknown "Firstname Lastname" pair is recorded under the threshold', () => {
		const a = rules.analyse('John Carverly opens the door');
		expect(a.scores['real-person']).toBe(0.3);
		expect(a.findings[0].detail).toContain('John Carverly');
		expect(verdictOf('John Carverly opens the door').triggered).toEqual([]);
	});
});

describe('normalisation against evasion', () => {
	testReadsAs('sexual', 0.9, [
		['case', 'HARDCORE PORN'],
		['leetspeak', 'p0rn0graphic h3nt41'],
		['spacing', 'p o r n'],
		['dots', 'p.o.r.n'],
		['repeats', 'pooooorn'],
		['accents and zero-width', 'pórn\u200b'],
	]);

	test('"1" is read both as i and as l', () => {
		expect(normalisedReadings('k1ll')).toEqual([['kill'], ['klll']]);
		expect(rules.analyse('ki11 them').scores.violence).toBeGreaterThanOrEqual(0.7);
		expect(rules.analyse('su1c1de').scores['self-harm']).toBeGreaterThan(0.5);
	});

	test('spaced-out names are still names', () => {
		expect(rules.analyse('T a y l o r   S w i f t dancing').namedPeople).toEqual(['Taylor Swift']);
	});
});

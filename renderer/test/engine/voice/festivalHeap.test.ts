import {
	FESTIVAL_DEFAULT_HEAP_CELLS,
	festivalHeapCells,
	synthesizeWithFestival,
} from '../../../src/engine/voice/festivalEngine';

describe('festivalHeapCells', () => {
	it('gives short lines 1M cells, not the 10M default festival touches at start-up', () => {
		expect(festivalHeapCells(['You still think you can beat me?', 'Off the rim!'])).toBe(1_000_000);
		expect(festivalHeapCells([])).toBe(1_000_000);
	});

	it('grows with the longest line, 20,000 cells a character', () => {
		expect(festivalHeapCells(['a'.repeat(100), 'short'])).toBe(2_000_000);
		expect(festivalHeapCells(['a'.repeat(300)])).toBe(6_000_000);
	});

	it('never goes over the default, which lines of 500 characters or more keep', () => {
		expect(festivalHeapCells(['a'.repeat(500)])).toBe(FESTIVAL_DEFAULT_HEAP_CELLS);
		expect(festivalHeapCells(['a'.repeat(4000)])).toBe(FESTIVAL_DEFAULT_HEAP_CELLS);
	});
});

describe('a festival heap too small for the batch', () => {
	it('is retried with the default heap: the line is spoken, the same as with the default', async () => {
		const line = [{ text: 'Hello there, friend.', voiceName: 'slt', rate: 1 }];
		// 20,000 cells cannot even hold the voice: festival exits at once with a fatal error.
		const [retried] = await synthesizeWithFestival(line, undefined, 20_000);
		const [direct] = await synthesizeWithFestival(line, undefined, FESTIVAL_DEFAULT_HEAP_CELLS);
		expect(retried.samples.length).toBeGreaterThan(retried.sampleRate / 2);
		expect(Buffer.from(retried.samples.buffer)).toEqual(Buffer.from(direct.samples.buffer));
		expect(retried.words).toEqual(direct.words);
	});
});

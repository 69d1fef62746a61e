import {
	FESTIVAL_DEFAULT_HEAP_CELLS,
	festivalHeapCells,
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

import {
	phonemesToVisemes,
	visemeAt,
	visemeForPhone,
	type TimedPhone,
} from '../../../src/engine/lipsync';

function phones(spec: Array<[string, number]>): TimedPhone[] {
	let t = 0;
	return spec.map(([phone, d]) => {
		const p = { phone, start: t, end: t + d };
		t += d;
		return p;
	});
}

describe('visemeForPhone', () => {
	it.each([
		['pau', 'rest'],
		['aa', 'A'],
		['ay', 'A'],
		['eh', 'E'],
		['iy', 'I'],
		['ow', 'O'],
		['uw', 'U'],
		['m', 'MBP'],
		['b', 'MBP'],
		['p', 'MBP'],
		['f', 'FV'],
		['v', 'FV'],
		['l', 'L'],
		['th', 'L'],
		['w', 'WQ'],
		['r', 'WQ'],
		['s', 'etc'],
		['k', 'etc'],
		['AA1', 'A'],
	])('%s → %s', (phone, viseme) => {
		expect(visemeForPhone(phone)).toBe(viseme);
	});
});

describe('phonemesToVisemes', () => {
	it('keeps the timing of the phones, merges repeats and tiles without gaps', () => {
		// "bob" with silence around: pau b aa b pau
		const track = phonemesToVisemes(
			phones([
				['pau', 0.2],
				['b', 0.06],
				['aa', 0.15],
				['b', 0.07],
				['pau', 0.3],
			]),
		);
		expect(track.map((v) => v.viseme)).toEqual(['rest', 'MBP', 'A', 'MBP', 'rest']);
		expect(track[1].start).toBeCloseTo(0.2, 9);
		expect(track[2].start).toBeCloseTo(0.26, 9);
		for (let i = 1; i < track.length; i++) expect(track[i].start).toBeCloseTo(track[i - 1].end, 9);
		expect(track[track.length - 1].end).toBeCloseTo(0.78, 9);
	});

	it('folds shapes too short to see into a neighbour but never drops a lip closure', () => {
		const track = phonemesToVisemes(
			phones([
				['pau', 0.1],
				['s', 0.02],
				['aa', 0.12],
				['p', 0.015],
				['iy', 0.1],
				['t', 0.01],
				['ow', 0.1],
			]),
		);
		expect(track.map((v) => v.viseme)).toEqual(['rest', 'A', 'MBP', 'I', 'O']);
		expect(track.some((v) => v.end - v.start < 0.04 && v.viseme !== 'MBP')).toBe(false);
	});

	it('keeps the mouth on its shape through a short pause inside a line, but closes it for a long one', () => {
		const short = phonemesToVisemes(
			phones([
				['pau', 0.1],
				['aa', 0.1],
				['pau', 0.03],
				['iy', 0.1],
				['pau', 0.2],
			]),
		);
		expect(short.map((v) => v.viseme)).toEqual(['rest', 'A', 'I', 'rest']);
		const long = phonemesToVisemes(
			phones([
				['pau', 0.1],
				['aa', 0.1],
				['pau', 0.15],
				['iy', 0.1],
				['pau', 0.2],
			]),
		);
		expect(long.map((v) => v.viseme)).toEqual(['rest', 'A', 'rest', 'I', 'rest']);
	});

	it('merges adjacent identical shapes', () => {
		const track = phonemesToVisemes(
			phones([
				['m', 0.05],
				['b', 0.05],
				['p', 0.05],
			]),
		);
		expect(track).toEqual([{ viseme: 'MBP', start: 0, end: expect.closeTo(0.15, 9) }]);
	});
});

describe('visemeAt', () => {
	it('finds the shape at a time and rests outside the track', () => {
		const track = phonemesToVisemes(
			phones([
				['pau', 0.1],
				['m', 0.1],
				['aa', 0.2],
			]),
		);
		expect(visemeAt(track, 0.05)).toBe('rest');
		expect(visemeAt(track, 0.15)).toBe('MBP');
		expect(visemeAt(track, 0.3)).toBe('A');
		expect(visemeAt(track, 5)).toBe('rest');
		expect(visemeAt([], 1)).toBe('rest');
	});
});

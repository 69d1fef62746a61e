/**
 * A small seeded PRNG (mulberry32). Everything the pictures draw that looks random — rain,
 * stars, grain, handheld shake, physics jitter — comes from here so that the same storyboard
 * and seed give byte-identical frames. Math.random is never used.
 */
export interface Random {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [min, max). */
	range(min: number, max: number): number;
	/** Integer in [0, n). */
	int(n: number): number;
}

export function seededRandom(seed: number, stream = 0): Random {
	let state = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		range: (min, max) => min + (max - min) * next(),
		int: (n) => Math.floor(next() * n),
	};
}

/** A stable integer from a string (FNV-1a), to derive per-character or per-shot streams. */
export function hashString(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

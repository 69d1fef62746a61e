/** A small seeded PRNG (mulberry32): the same seed gives the same music and effects on every run. */
export function seededRandom(seed: number): () => number {
	let a = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Derives an independent stream for a named part (music, a cue, a contact) from the render seed. */
export function childSeed(seed: number, label: string): number {
	let h = Math.floor(seed) >>> 0;
	for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
	return h;
}

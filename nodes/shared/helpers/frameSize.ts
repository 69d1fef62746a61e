/** Frame sizes for each aspect ratio at a given short edge; H.264 needs even numbers. */
const RATIOS: Record<string, [number, number]> = {
	'9:16': [9, 16],
	'16:9': [16, 9],
	'1:1': [1, 1],
	'4:5': [4, 5],
};

export function frameSize(
	aspectRatio: string,
	shortEdge: number,
): { width: number; height: number } {
	const [w, h] = RATIOS[aspectRatio] ?? RATIOS['9:16'];
	const even = (n: number) => Math.round(n / 2) * 2;
	return w <= h
		? { width: shortEdge, height: even((shortEdge * h) / w) }
		: { width: even((shortEdge * w) / h), height: shortEdge };
}

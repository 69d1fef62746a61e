/** Pixel measurements for the frame tests. */
export interface Region {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Mean absolute difference per channel (0..255) between two RGBA frames, optionally in a region. */
export function meanDifference(
	a: Uint8Array,
	b: Uint8Array,
	width: number,
	region?: Region,
): number {
	const r = region ?? { x: 0, y: 0, width, height: a.length / 4 / width };
	let sum = 0;
	for (let y = r.y; y < r.y + r.height; y++)
		for (let x = r.x; x < r.x + r.width; x++) {
			const i = 4 * (y * width + x);
			sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
		}
	return sum / (3 * r.width * r.height);
}

/** The bounding box of the pixels that differ by more than `threshold` in any channel. */
export function differingBox(
	a: Uint8Array,
	b: Uint8Array,
	width: number,
	threshold = 24,
): Region | undefined {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -1;
	let maxY = -1;
	for (let i = 0; i < a.length; i += 4) {
		if (
			Math.max(
				Math.abs(a[i] - b[i]),
				Math.abs(a[i + 1] - b[i + 1]),
				Math.abs(a[i + 2] - b[i + 2]),
			) > threshold
		) {
			const p = i / 4;
			const x = p % width;
			const y = Math.floor(p / width);
			minX = Math.min(minX, x);
			maxX = Math.max(maxX, x);
			minY = Math.min(minY, y);
			maxY = Math.max(maxY, y);
		}
	}
	return maxX < 0
		? undefined
		: { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** How many pixels of a region are within `tolerance` (per channel) of a colour. */
export function countColour(
	frame: Uint8Array,
	width: number,
	region: Region,
	[r, g, b]: [number, number, number],
	tolerance = 30,
): number {
	let n = 0;
	for (let y = region.y; y < region.y + region.height; y++)
		for (let x = region.x; x < region.x + region.width; x++) {
			const i = 4 * (y * width + x);
			if (
				Math.abs(frame[i] - r) <= tolerance &&
				Math.abs(frame[i + 1] - g) <= tolerance &&
				Math.abs(frame[i + 2] - b) <= tolerance
			)
				n++;
		}
	return n;
}

export function meanLuma(frame: Uint8Array): number {
	let sum = 0;
	for (let i = 0; i < frame.length; i += 4)
		sum += 0.2126 * frame[i] + 0.7152 * frame[i + 1] + 0.0722 * frame[i + 2];
	return sum / (frame.length / 4);
}

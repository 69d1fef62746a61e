import type { IExecuteFunctions } from 'n8n-workflow';

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

/** The frame parameters (`frameProperties`) of one item. */
export function frameParameters(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { durationSeconds: number; aspectRatio: string; shortEdge: number } {
	return {
		durationSeconds: ctx.getNodeParameter('durationSeconds', itemIndex) as number,
		aspectRatio: ctx.getNodeParameter('aspectRatio', itemIndex, '9:16') as string,
		shortEdge: Number(ctx.getNodeParameter('shortEdge', itemIndex, 540)),
	};
}

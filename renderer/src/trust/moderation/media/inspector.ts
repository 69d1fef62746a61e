import type { Category } from '../policy';

/** Looks at a finished video: per sampled frame, image-model scores and the text burned into it. */
export interface VideoInspector {
	inspect(
		videoPath: string,
		signal: AbortSignal,
	): Promise<
		Array<{ time: number; scores: Partial<Record<Category, number>>; labels: string; text: string }>
	>;
}

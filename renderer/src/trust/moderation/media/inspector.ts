import type { FrameFindings } from './frameInspection';
import type { SampledFrame, SampleOptions } from './frameSampler';

/** Per sampled frame: image-model scores and the text burned into it. */
export type FrameReport = FrameFindings & { time: number };

/** Looks at a video: decodes a finished file, or takes frames a renderer samples as it encodes. */
export interface VideoInspector {
	inspect(videoPath: string, signal: AbortSignal): Promise<FrameReport[]>;
	/** How frames are sampled (both ways); with `inspectFrame`, frames can be moderated as they are made. */
	sampling?: SampleOptions;
	inspectFrame?(frame: SampledFrame, signal: AbortSignal): Promise<FrameReport>;
	/** Loads the models now, so the first frame does not wait for them. */
	preload?(): Promise<void>;
}

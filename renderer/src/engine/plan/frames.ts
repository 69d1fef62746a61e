/**
 * Frame accounting. Each shot's first frame is the rounded cumulative start time, never the sum
 * of rounded shot lengths, so error never accumulates: a video of 3 × 1.01 s at 30 fps has
 * 91 frames, not 90 or 93, and shot k always starts on the frame nearest its true start.
 */
export interface FrameSpan {
	startSeconds: number;
	startFrame: number;
	frameCount: number;
}

// Durations arrive as decimal seconds (0.1 is not exact in binary); nudging before rounding keeps
// 0.5-frame ties and products like 0.7 * 30 = 20.999… on the intended side.
const toFrame = (seconds: number, fps: number) => Math.round(seconds * fps + 1e-6);

export function frameSpans(
	durations: number[],
	fps: number,
): { spans: FrameSpan[]; totalFrames: number } {
	const spans: FrameSpan[] = [];
	let cumulative = 0;
	for (const duration of durations) {
		const startFrame = toFrame(cumulative, fps);
		const endFrame = toFrame(cumulative + duration, fps);
		spans.push({ startSeconds: cumulative, startFrame, frameCount: endFrame - startFrame });
		cumulative += duration;
	}
	return { spans, totalFrames: toFrame(cumulative, fps) };
}

/**
 * The options every onnxruntime session of the renderer is created with (style graphs, OCR, the
 * piper voices), whatever its execution provider.
 *
 * onnxruntime's thread pools spin-wait for the next piece of work after each run by default. On a
 * render machine the same cores draw frames and run x264 at the same moment, and what the pools
 * spin away is taken from them: PP-OCRv4 detection on nine sampled 544×960 frames used 2.3–2.6 s
 * of CPU spinning against 1.4–1.5 s without, in the same or less wall time (2 cores, shared; see
 * docs/BENCHMARKS.md). Sessions here run a few times a render, not in a tight loop, so a worker
 * that sleeps between runs loses nothing.
 */
import type { InferenceSession } from 'onnxruntime-node';

export const NO_SPINNING = {
	session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } },
} as const;

/** Session options for `provider`, with the renderer's thread-pool settings and `more` besides. */
export function onnxSessionOptions(
	provider: 'cuda' | 'cpu',
	more: Omit<InferenceSession.SessionOptions, 'executionProviders' | 'extra'> = {},
): InferenceSession.SessionOptions {
	return { ...more, executionProviders: [provider], extra: NO_SPINNING };
}

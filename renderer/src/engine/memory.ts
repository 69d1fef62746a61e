/**
 * Asks V8 for a garbage collection now. The engine's big buffers live outside V8's heap — every
 * frame's pixels copied out of Skia (8 MB at 1080p, 33 MB at 4K), a WASI speech engine's memory —
 * and V8 schedules collections by its own heap, which those barely touch: dead frames would pile
 * up for dozens of frames (measured at 4K: ~950 MB peak for drawing alone, ~840 MB with a young-
 * generation collection after each frame). A young-generation collection costs well under a
 * millisecond here, so the encoder runs one per frame.
 *
 * `gc` is exposed at run time the way jest's leak detector does it (--expose-gc, then a fresh
 * context hands out the function), so no process needs a command-line flag.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let collect: Collect | null | undefined;

function collector(): Collect | null {
	if (collect !== undefined) return collect;
	try {
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as Collect;
	} catch {
		// Not available in this runtime: memory is then left to V8's own schedule.
		collect = null;
	}
	return collect;
}

/** A young-generation collection: frees the frames that were just written. */
export function collectYoungGarbage(): void {
	collector()?.({ type: 'minor' });
}

/** A full collection: after a stage that left large native allocations behind (speech engines). */
export function collectAllGarbage(): void {
	collector()?.({ type: 'major' });
}

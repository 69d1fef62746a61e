/**
 * The ring of frame slots shared by the frame thread and the encoder (threadedFrames.ts,
 * frameThread.ts): two counters in an Int32Array over a SharedArrayBuffer, each written by one
 * side only and waited on by the other with Atomics.waitAsync.
 */

/** Frames [0, DRAWN) are drawn into their slots (frame i in slot i % slots); the thread writes it. */
export const DRAWN = 0;
/** The frame the encoder takes now: frames below it are written and their slots free again. */
export const TAKEN = 1;
export const RING_FIELDS = 2;

/** The main thread's hand-over of the slots, once the thread is ready. */
export interface Slots {
	op: 'slots';
	/** `slots` frames of `frameBytes` each. */
	buffer: SharedArrayBuffer;
	frameBytes: number;
	/** The counters above. */
	ring: Int32Array;
	slots: number;
}

type Waited =
	| { async: false; value: 'not-equal' | 'timed-out' }
	| { async: true; value: Promise<'ok' | 'timed-out'> };

/**
 * Waits, without blocking the thread's event loop, until `ring[field]` is no longer `seen` (Node
 * has Atomics.waitAsync; TypeScript declares it only from lib es2024, past this build's target).
 * Resolves at once when it has already changed.
 */
export function changed(
	ring: Int32Array,
	field: number,
	seen: number,
): Promise<unknown> | undefined {
	const waited = (
		Atomics as unknown as { waitAsync(ring: Int32Array, field: number, seen: number): Waited }
	).waitAsync(ring, field, seen);
	return waited.async ? waited.value : undefined;
}

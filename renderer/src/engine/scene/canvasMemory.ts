/**
 * Frees a canvas's pixels now instead of whenever the garbage collector gets to it. Skia keeps
 * the pixels outside V8's heap, where V8 does not see them: a dead 4K layer (54 MB with its camera
 * margins) would otherwise linger for many frames, and a render keeps making them (every shot
 * paints its own layers). Shrinking the canvas to 1×1 drops its surface at once; whatever was
 * already drawn from it keeps its own snapshot.
 */
import type { Canvas } from '@napi-rs/canvas';

export function releaseCanvas(canvas: Canvas | undefined): void {
	if (!canvas || (canvas.width <= 1 && canvas.height <= 1)) return;
	canvas.width = 1;
	canvas.height = 1;
}

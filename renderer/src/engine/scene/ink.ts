/**
 * Ink: the colour mapping applied to everything drawn. The style's pointwise grade is baked into
 * the pictures at the source, so no frame needs a per-pixel grade pass: every colour a moving
 * thing is drawn with goes through Ink, and the static layers are painted through an inked
 * context (below). Without a style it is the identity.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { parseCssColour } from './colour';

export type Ink = (colour: string) => string;

export const plainInk: Ink = (colour) => colour;

type Rgba = [number, number, number, number];
const STOPS_BETWEEN = 8;

/** A colour as four numbers (alpha 0..1), for interpolating gradient stops. */
function parseRgba(colour: string): Rgba | undefined {
	const parsed = parseCssColour(colour);
	return parsed ? [...parsed.rgb, parsed.alpha ?? 1] : undefined;
}

const formatRgba = ([r, g, b, a]: Rgba) =>
	`rgba(${Math.round(r)},${Math.round(g)},${Math.round(b)},${a.toFixed(4)})`;

const INKED_STYLES = new Set<PropertyKey>(['fillStyle', 'strokeStyle', 'shadowColor']);
const GRADIENTS = new Set<PropertyKey>([
	'createLinearGradient',
	'createRadialGradient',
	'createConicGradient',
]);

/**
 * A view of `ctx` in which every colour set (fill, stroke, shadow, gradient stops) is inked first.
 * Why the static layers are painted this way rather than graded pixel by pixel afterwards: a
 * layer that was only drawn into stays a recording of shapes, which Skia replays quickly when the
 * camera moves, while a layer whose pixels were rewritten (getImageData/putImageData) must be
 * resampled whole every frame — measured on the reference storyboard, 3–8 ms more per 1080p frame
 * (a handheld shot, whose layers rotate, went from 7 to 15 ms).
 */
export function inkedContext(ctx: SKRSContext2D, ink: Ink): SKRSContext2D {
	return new Proxy(ctx, {
		get(target, prop) {
			if (GRADIENTS.has(prop)) {
				return (...args: number[]) => {
					// The gradient stays the native object (a proxy could not be assigned to fillStyle);
					// only its addColorStop is wrapped.
					const gradient = (
						target[prop as 'createLinearGradient'] as (
							...a: number[]
						) => ReturnType<SKRSContext2D['createLinearGradient']>
					).apply(target, args);
					const addColorStop = gradient.addColorStop.bind(gradient);
					let previous: { offset: number; rgba: Rgba } | undefined;
					gradient.addColorStop = (offset: number, colour: string) => {
						// The grade is not linear: between two stops, graded stops every 1/8 of the way keep
						// the ramp close to grading every pixel of it.
						const rgba = parseRgba(colour);
						if (previous && rgba && offset > previous.offset) {
							for (let k = 1; k < STOPS_BETWEEN; k++) {
								const t = k / STOPS_BETWEEN;
								const between = previous.rgba.map((v, i) => v + (rgba[i] - v) * t) as Rgba;
								addColorStop(
									previous.offset + (offset - previous.offset) * t,
									ink(formatRgba(between)),
								);
							}
						}
						previous = rgba ? { offset, rgba } : undefined;
						addColorStop(offset, ink(colour));
					};
					return gradient;
				};
			}
			const value: unknown = Reflect.get(target, prop, target);
			return typeof value === 'function'
				? (value as (...a: unknown[]) => unknown).bind(target)
				: value;
		},
		set(target, prop, value) {
			return Reflect.set(
				target,
				prop,
				INKED_STYLES.has(prop) && typeof value === 'string' ? ink(value) : value,
				target,
			);
		},
	});
}

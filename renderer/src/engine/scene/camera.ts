/**
 * The camera of a shot: where it looks at each moment, as an offset (in frame widths/heights), a
 * zoom and a roll. Layers are displaced in proportion to their depth, which is what makes pans and
 * orbits read as parallax. Handheld shake is a sum of seeded sines, so it is smooth and repeatable.
 */
import type { CameraMove, Easing } from '../storyboard';
import { seededRandom } from './random';

export interface CameraPose {
	/** Horizontal look offset, in frame widths (positive = camera moved right, scene slides left). */
	x: number;
	/** Vertical look offset, in frame heights (positive = camera moved up, scene slides down). */
	y: number;
	zoom: number;
	/** Roll in radians (no built-in move uses it yet: it forces resampling of every layer). */
	roll: number;
	/** Orbit: near layers move opposite to far ones. */
	orbit: number;
}

export function ease(easing: Easing, t: number): number {
	const u = Math.max(0, Math.min(1, t));
	switch (easing) {
		case 'ease-in':
			return u * u * u;
		case 'ease-out':
			return 1 - (1 - u) ** 3;
		case 'ease-in-out':
			return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
		default:
			return u;
	}
}

export interface CameraPlan {
	move: CameraMove;
	easing: Easing;
	intensity: number;
}

export class Camera {
	private readonly shake: { f: number; p: number; a: number }[];

	constructor(
		private readonly plan: CameraPlan,
		seed: number,
	) {
		const random = seededRandom(seed, 202);
		this.shake = Array.from({ length: 9 }, () => ({
			f: random.range(0.4, 2.6),
			p: random.range(0, Math.PI * 2),
			a: random.range(0.5, 1),
		}));
	}

	/** `progress` is 0..1 through the shot; `seconds` drives shake. */
	at(progress: number, seconds: number): CameraPose {
		const k = this.plan.intensity;
		const u = ease(this.plan.easing, progress);
		const pose: CameraPose = { x: 0, y: 0, zoom: 1, roll: 0, orbit: 0 };
		switch (this.plan.move) {
			case 'pan-left':
				pose.x = (0.5 - u) * 0.2 * k;
				break;
			case 'pan-right':
				pose.x = (u - 0.5) * 0.2 * k;
				break;
			case 'tilt-up':
				pose.y = (u - 0.5) * 0.14 * k;
				break;
			case 'tilt-down':
				pose.y = (0.5 - u) * 0.14 * k;
				break;
			case 'dolly-in':
				pose.zoom = 1 + 0.25 * k * u;
				break;
			case 'dolly-out':
				pose.zoom = 1 + 0.25 * k * (1 - u);
				break;
			case 'orbit':
				pose.orbit = (u - 0.5) * 0.16 * k;
				break;
			case 'handheld': {
				const s = (i: number) =>
					this.shake[i].a * Math.sin(seconds * this.shake[i].f * Math.PI * 2 + this.shake[i].p);
				pose.x = 0.012 * k * (s(0) + 0.5 * s(1) + 0.25 * s(2));
				pose.y = 0.008 * k * (s(3) + 0.5 * s(4) + 0.25 * s(5));
				// No roll: a rotated frame must be resampled, which costs more than the rest of the frame.
				break;
			}
			default:
				break;
		}
		return pose;
	}
}

/** Mouth shapes per viseme: how wide and open the lips are, and whether teeth or tongue show. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { TimedViseme, Viseme } from '../storyboard';
import { plainInk, type Ink } from './ink';

interface MouthShape {
	width: number;
	open: number;
	teeth?: boolean;
	tongue?: boolean;
}

export const MOUTHS: Record<Viseme, MouthShape> = {
	rest: { width: 0.42, open: 0 },
	A: { width: 0.55, open: 0.5, tongue: true },
	E: { width: 0.62, open: 0.28, teeth: true },
	I: { width: 0.58, open: 0.16, teeth: true },
	O: { width: 0.36, open: 0.42 },
	U: { width: 0.26, open: 0.26 },
	MBP: { width: 0.38, open: 0 },
	FV: { width: 0.46, open: 0.1, teeth: true },
	L: { width: 0.46, open: 0.3, tongue: true },
	WQ: { width: 0.22, open: 0.22 },
	etc: { width: 0.46, open: 0.2, teeth: true },
};

/** The viseme at `seconds` (absolute) in a sorted list, or rest between them. */
export function visemeAt(visemes: readonly TimedViseme[], seconds: number): Viseme {
	let lo = 0;
	let hi = visemes.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const v = visemes[mid];
		if (seconds < v.start) hi = mid - 1;
		else if (seconds >= v.end) lo = mid + 1;
		else return v.viseme;
	}
	return 'rest';
}

/** Draws a mouth centred at (x, y) for a head of radius `r`. */
export function drawMouth(
	ctx: SKRSContext2D,
	viseme: Viseme,
	x: number,
	y: number,
	r: number,
	ink: Ink = plainInk,
): void {
	const shape = MOUTHS[viseme];
	const w = shape.width * r;
	const h = shape.open * r;
	if (h < 0.01 * r) {
		ctx.strokeStyle = ink('#5a1f1f');
		ctx.lineWidth = r * (viseme === 'MBP' ? 0.09 : 0.06);
		ctx.lineCap = 'round';
		ctx.beginPath();
		ctx.moveTo(x - w / 2, y);
		ctx.quadraticCurveTo(x, y + r * 0.06, x + w / 2, y);
		ctx.stroke();
		return;
	}
	ctx.fillStyle = ink('#3a0d12');
	ctx.beginPath();
	ctx.ellipse(x, y + h * 0.3, w / 2, h / 2, 0, 0, Math.PI * 2);
	ctx.fill();
	if (shape.teeth) {
		ctx.fillStyle = ink('#f4f1ea');
		ctx.fillRect(x - w * 0.35, y + h * 0.3 - h / 2, w * 0.7, h * 0.28);
	}
	if (shape.tongue) {
		ctx.fillStyle = ink('#c8505a');
		ctx.beginPath();
		ctx.ellipse(x, y + h * 0.62, w * 0.28, h * 0.16, 0, 0, Math.PI * 2);
		ctx.fill();
	}
	ctx.strokeStyle = ink('#8a3a3a');
	ctx.lineWidth = r * 0.04;
	ctx.beginPath();
	ctx.ellipse(x, y + h * 0.3, w / 2, h / 2, 0, 0, Math.PI * 2);
	ctx.stroke();
}

/** The stylised head of a character: hair, face, eyes that blink, and the mouth's viseme. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { CharacterLook, Viseme } from '../storyboard';
import type { Ink } from './ink';
import { drawMouth } from './mouth';

export interface HeadPose {
	/** Seconds since the shot began (blinking). */
	seconds: number;
	/** Blink phase from the character's seed, so characters do not blink in unison. */
	blinkPhase: number;
	viseme: Viseme;
}

/** The stylised head, centred at (0, 0), facing +x: hair, face, eyes that blink, the mouth's viseme. */
export function drawHead(
	ctx: SKRSContext2D,
	look: CharacterLook,
	r: number,
	pose: HeadPose,
	ink: Ink,
	/** Only the shapes (a faint reflection): no eyes, cheek or mouth. */
	silhouette = false,
): void {
	const hair = look.hair;
	// Hair behind the head.
	ctx.fillStyle = ink(hair);
	if (look.hairStyle === 'long') {
		ctx.fillRect(-r * 1.05, -r * 0.3, r * 1.9, r * 1.9);
	} else if (look.hairStyle === 'ponytail') {
		ctx.beginPath();
		ctx.ellipse(-r * 1.1, r * 0.1, r * 0.3, r * 0.75, 0.3, 0, Math.PI * 2);
		ctx.fill();
	} else if (look.hairStyle === 'bun') {
		ctx.beginPath();
		ctx.arc(-r * 0.2, -r * 1.1, r * 0.42, 0, Math.PI * 2);
		ctx.fill();
	}
	// Each shape is its own path: Skia fills a single convex shape on a fast path, and a path of
	// several overlapping circles would be slower, not faster.
	ctx.fillStyle = ink(look.skin);
	ctx.beginPath();
	ctx.arc(0, 0, r, 0, Math.PI * 2);
	ctx.fill();
	ctx.beginPath();
	ctx.arc(-r * 0.85, r * 0.05, r * 0.2, 0, Math.PI * 2);
	ctx.fill();
	// Hair on top.
	ctx.fillStyle = ink(hair);
	if (look.hairStyle === 'curly') {
		for (let i = 0; i < 9; i++) {
			const a = Math.PI * (1.05 + (i / 8) * 0.95);
			ctx.beginPath();
			ctx.arc(Math.cos(a) * r * 0.95, Math.sin(a) * r * 0.95, r * 0.34, 0, Math.PI * 2);
			ctx.fill();
		}
	} else if (look.hairStyle !== 'bald') {
		ctx.beginPath();
		ctx.arc(0, 0, r * 1.04, Math.PI * 1.02, Math.PI * 1.98);
		ctx.quadraticCurveTo(r * 0.2, -r * 0.55, -r * 1.02, -r * 0.05);
		ctx.fill();
	}
	if (silhouette) return;
	// Eyes, looking the way the character faces (the context is mirrored for 'left').
	const blinking = (pose.seconds + pose.blinkPhase) % 3.7 < 0.12;
	const eyes = [r * 0.12, r * 0.58];
	if (blinking) {
		ctx.strokeStyle = ink('#2a1a1a');
		ctx.lineWidth = r * 0.05;
		ctx.beginPath();
		for (const ex of eyes) {
			ctx.moveTo(ex - r * 0.12, -r * 0.08);
			ctx.lineTo(ex + r * 0.12, -r * 0.08);
		}
		ctx.stroke();
	} else {
		for (const ex of eyes) {
			ctx.fillStyle = ink('#ffffff');
			ctx.beginPath();
			ctx.ellipse(ex, -r * 0.1, r * 0.15, r * 0.19, 0, 0, Math.PI * 2);
			ctx.fill();
			ctx.fillStyle = ink(look.eyes);
			ctx.beginPath();
			ctx.arc(ex + r * 0.05, -r * 0.08, r * 0.09, 0, Math.PI * 2);
			ctx.fill();
		}
	}
	ctx.fillStyle = ink('rgba(230,90,90,0.25)');
	ctx.beginPath();
	ctx.arc(r * 0.7, r * 0.25, r * 0.14, 0, Math.PI * 2);
	ctx.fill();
	drawMouth(ctx, pose.viseme, r * 0.38, r * 0.45, r, ink);
}

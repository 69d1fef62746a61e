/**
 * Draws a physics track's bodies at one frame: the track's `view` rectangle (metres, y up) is
 * fitted into the frame above the ground line, so a pose maps to exactly one place in the picture.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { BodyPose, PhysicsTrack } from '../storyboard';
import { fitViewRect, type FrameMap } from '../motion/stage';
import { plainInk, type Ink } from './ink';

/** Pixels per metre, and the pixel position of the world's origin (x = 0 on the ground line). */
export type WorldToFrame = FrameMap;

/** A person's height in metres: characters and bodies share one scale in a physics shot. */
export const PERSON_METRES = 1.75;

/**
 * Fits the track's view into the frame, above the ground line and centred. The characters of the
 * shot are then drawn at the same scale (see ShotRenderer), so a shooter stands where the ball is
 * released and the rim is at a believable height next to them.
 */
export function fitView(
	track: PhysicsTrack,
	width: number,
	height: number,
	groundY: number,
): WorldToFrame {
	return fitViewRect(track.view ?? { minX: -3, maxX: 3, minY: 0, maxY: 4 }, width, height, groundY);
}

export function drawBodies(
	ctx: SKRSContext2D,
	poses: readonly BodyPose[],
	map: WorldToFrame,
	ink: Ink = plainInk,
): void {
	const { scale } = map;
	const water = poses.filter((p) => p.kind === 'water-column');
	if (water.length > 1) drawWater(ctx, water, map, ink);
	for (const p of poses) {
		if (p.kind === 'ground' || p.kind === 'water-column') continue;
		const x = map.originX + p.x * scale;
		const y = map.originY - p.y * scale;
		ctx.save();
		ctx.translate(x, y);
		ctx.rotate(-p.angle);
		switch (p.kind) {
			case 'ball': {
				const r = p.w * scale;
				ctx.fillStyle = ink('#e3741e');
				ctx.beginPath();
				ctx.arc(0, 0, r, 0, Math.PI * 2);
				ctx.fill();
				ctx.strokeStyle = ink('#2b1206');
				ctx.lineWidth = Math.max(1, r * 0.1);
				ctx.beginPath();
				ctx.moveTo(-r, 0);
				ctx.lineTo(r, 0);
				ctx.moveTo(0, -r);
				ctx.lineTo(0, r);
				ctx.stroke();
				break;
			}
			case 'rim':
				ctx.fillStyle = ink('#e85d04');
				ctx.fillRect(
					-p.w * scale,
					-Math.max(p.h * scale, 1.5),
					2 * p.w * scale,
					2 * Math.max(p.h * scale, 1.5),
				);
				break;
			case 'backboard':
				ctx.fillStyle = ink('#f5f5f5');
				ctx.fillRect(-p.w * scale * 1.5, -p.h * scale, 3 * p.w * scale, 2 * p.h * scale);
				ctx.fillStyle = ink('#444');
				ctx.fillRect(p.w * scale * 1.5, -p.h * scale * 0.2, scale * 0.4, scale * 0.06);
				break;
			default: {
				const w = p.w * scale;
				const h = p.h * scale;
				ctx.fillStyle = ink(p.kind === 'plank-segment' ? '#c19a6b' : '#b07d48');
				ctx.fillRect(-w, -h, 2 * w, 2 * h);
				ctx.strokeStyle = ink('#5b3a1e');
				ctx.lineWidth = Math.max(1, Math.min(w, h) * 0.12);
				ctx.strokeRect(-w, -h, 2 * w, 2 * h);
				if (p.kind === 'box') {
					ctx.beginPath();
					ctx.moveTo(-w, -h);
					ctx.lineTo(w, h);
					ctx.stroke();
				}
			}
		}
		ctx.restore();
	}
	// The rim's net hangs from the two rim points.
	const front = poses.find((p) => p.id === 'rim-front');
	const back = poses.find((p) => p.id === 'rim-back');
	if (front && back) {
		const fx = map.originX + front.x * scale;
		const bx = map.originX + back.x * scale;
		const y = map.originY - front.y * scale;
		ctx.strokeStyle = ink('rgba(255,255,255,0.85)');
		ctx.lineWidth = Math.max(1, scale * 0.012);
		ctx.beginPath();
		for (let i = 0; i <= 4; i++) {
			const x = fx + ((bx - fx) * i) / 4;
			ctx.moveTo(x, y);
			ctx.lineTo(fx + (bx - fx) * (0.2 + 0.15 * i), y + scale * 0.4);
		}
		ctx.stroke();
	}
}

function drawWater(
	ctx: SKRSContext2D,
	columns: readonly BodyPose[],
	map: WorldToFrame,
	ink: Ink,
): void {
	const { scale, originX, originY } = map;
	ctx.fillStyle = ink('rgba(40,120,200,0.72)');
	ctx.beginPath();
	ctx.moveTo(originX + (columns[0].x - columns[0].w) * scale, originY);
	for (const c of columns) ctx.lineTo(originX + c.x * scale, originY - 2 * c.h * scale);
	const last = columns[columns.length - 1];
	ctx.lineTo(originX + (last.x + last.w) * scale, originY);
	ctx.closePath();
	ctx.fill();
	ctx.strokeStyle = ink('rgba(220,240,255,0.9)');
	ctx.lineWidth = Math.max(1, scale * 0.02);
	ctx.beginPath();
	columns.forEach((c, i) =>
		(i ? ctx.lineTo : ctx.moveTo).call(ctx, originX + c.x * scale, originY - 2 * c.h * scale),
	);
	ctx.stroke();
}

/**
 * Draws animals: dogs, cats and horses from their solved skeletons (body, legs, neck, head, ears,
 * tail, markings from the look — a dalmatian's spots, a beagle's saddle, a tabby's stripes), and
 * birds and fish from their paths (wing beats, tail sweeps). Everything is in metres; `map` places
 * it in the frame. Markings sit at fixed places on the body (seeded by the character id), so the
 * same animal has the same spots in every frame and every shot.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { AnimalLook } from '../storyboard';
import { QUADRUPED_BONES as Q, type Quadruped } from '../motion/animal';
import type { PathPerformance } from '../motion/perform';
import type { Skeleton } from '../motion/rig';
import type { StageMap } from './body';
import { shade } from './colour';
import { plainInk, type Ink } from './ink';
import { hashString, seededRandom } from './random';

export interface QuadrupedDrawing {
	species: Quadruped;
	look: AnimalLook;
	id: string;
	skeleton: Skeleton;
	facing: 1 | -1;
	map: StageMap;
	/** Spine length in metres. */
	spine: number;
	/** Seconds since the shot began (tongue, blinking). */
	seconds: number;
	/** Running: mouth open, tongue out, ears flying. */
	running: boolean;
	shadowAt?: number;
	ink?: Ink;
}

interface Mark {
	u: number;
	v: number;
	r: number;
	part: 'body' | 'neck' | 'leg';
}

const markCache = new Map<string, Mark[]>();

/** Fixed places of an animal's markings, in body coordinates (u along the spine, v across). */
function markings(id: string, pattern: AnimalLook['pattern']): Mark[] {
	const key = `${id}:${pattern}`;
	const cached = markCache.get(key);
	if (cached) return cached;
	const random = seededRandom(hashString(key), 5);
	const marks: Mark[] = [];
	/** `count` marks on `part`, each drawn at random within the ranges (v = 0: on the centre line). */
	const scatter = (
		count: number,
		part: Mark['part'],
		u: [number, number],
		v: [number, number] | 0,
		r: [number, number],
	) => {
		for (let i = 0; i < count; i++)
			marks.push({
				u: random.range(...u),
				v: v === 0 ? 0 : random.range(...v),
				r: random.range(...r),
				part,
			});
	};
	if (pattern === 'spots') {
		scatter(22, 'body', [-0.05, 1.05], [-0.8, 0.8], [0.035, 0.07]);
		scatter(5, 'neck', [0.1, 0.9], [-0.6, 0.6], [0.03, 0.05]);
		scatter(8, 'leg', [0.1, 0.8], 0, [0.025, 0.04]);
	} else if (pattern === 'patches') {
		scatter(3, 'body', [0.1, 0.9], [-0.3, 0.5], [0.14, 0.22]);
	}
	markCache.set(key, marks);
	return marks;
}

export function drawQuadruped(ctx: SKRSContext2D, d: QuadrupedDrawing): void {
	const ink = d.ink ?? plainInk;
	const { skeleton: k, map, look, facing } = d;
	const X = (x: number) => map.originX + x * map.ppm;
	const Y = (y: number) => map.originY - y * map.ppm;
	const L = d.spine * map.ppm;
	const young = look.size < 0.75;
	const horse = d.species === 'horse';
	const deer = d.species === 'deer';
	const hoofed = horse || deer;
	const cat = d.species === 'cat';
	const coat = look.coat;
	const far = shade(coat, -0.18);
	const mark = look.markings;
	const depth = L * (horse ? 0.66 : deer ? 0.5 : cat ? 0.38 : young ? 0.52 : 0.44);
	const P = (i: number, end: boolean): [number, number] =>
		end ? [X(k.ex[i]), Y(k.ey[i])] : [X(k.sx[i]), Y(k.sy[i])];
	ctx.save();
	ctx.lineCap = 'round';
	ctx.lineJoin = 'round';

	const hip = P(Q.spine, false);
	const shoulder = P(Q.spine, true);
	if (d.shadowAt !== undefined) {
		ctx.fillStyle = ink('rgba(0,0,0,0.22)');
		ctx.beginPath();
		ctx.ellipse((hip[0] + shoulder[0]) / 2, Y(d.shadowAt), L * 0.75, L * 0.06, 0, 0, Math.PI * 2);
		ctx.fill();
	}
	// A soft dark edge round every part, so a white dog still reads against snow.
	ctx.shadowColor = ink('rgba(20,20,30,0.55)');
	ctx.shadowBlur = Math.max(1.5, L * 0.03);

	const legWidth = L * (horse ? 0.1 : deer ? 0.075 : young ? 0.16 : cat ? 0.11 : 0.13);
	const leg = (bones: number[], colour: string, hind: boolean) => {
		const points = [P(bones[0], false), ...bones.map((b) => P(b, true))];
		// Thick at the top (the haunch or shoulder), thinner below.
		ctx.strokeStyle = ink(colour);
		ctx.lineWidth = legWidth * (hind ? 1.9 : 1.5);
		ctx.beginPath();
		ctx.moveTo(points[0][0], points[0][1]);
		ctx.lineTo(points[1][0], points[1][1]);
		ctx.stroke();
		ctx.lineWidth = legWidth;
		ctx.beginPath();
		ctx.moveTo(points[1][0], points[1][1]);
		for (let i = 2; i < points.length; i++) ctx.lineTo(points[i][0], points[i][1]);
		ctx.stroke();
		const paw = points[points.length - 1];
		const tuxedoPaw = look.pattern === 'tuxedo' || look.pattern === 'saddle';
		ctx.fillStyle = ink(hoofed ? '#2a2420' : tuxedoPaw ? '#f4f1ea' : colour);
		ctx.beginPath();
		ctx.ellipse(
			paw[0] + facing * legWidth * 0.35,
			paw[1] - legWidth * 0.2,
			legWidth * 0.8,
			legWidth * 0.45,
			0,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	};
	leg([Q.hindThighFar, Q.hindShinFar, Q.hindFootFar], far, true);
	leg([Q.foreUpperFar, Q.foreLowerFar, Q.forePawFar], far, false);

	// Tail.
	const tailStart = P(Q.tail, false);
	const tailEnd = P(Q.tail, true);
	ctx.strokeStyle = ink(look.pattern === 'saddle' ? mark : coat);
	ctx.lineWidth = L * (horse ? 0.16 : deer ? 0.1 : cat ? 0.08 : 0.12);
	// A deer's short tail is white underneath: a light flag.
	if (deer) ctx.strokeStyle = ink(mark);
	ctx.beginPath();
	ctx.moveTo(tailStart[0], tailStart[1]);
	if (horse) {
		// A horse's tail hangs: hair falling from the dock.
		ctx.quadraticCurveTo(
			tailEnd[0],
			tailEnd[1],
			tailEnd[0] - facing * L * 0.05,
			tailEnd[1] + L * 0.45,
		);
		ctx.strokeStyle = ink(mark);
	} else ctx.quadraticCurveTo((tailStart[0] + tailEnd[0]) / 2, tailEnd[1], tailEnd[0], tailEnd[1]);
	ctx.stroke();

	// Body: a rounded barrel from haunch to chest.
	const dx = shoulder[0] - hip[0];
	const dy = shoulder[1] - hip[1];
	const len = Math.hypot(dx, dy) || 1;
	const ux = dx / len;
	const uy = dy / len;
	// Across the body, towards the back (up when standing).
	const nx = uy * facing;
	const ny = -ux * facing;
	// The barrel runs past the hips (the rump) and the shoulders (the chest); a horse's is long.
	const rump = horse ? 0.28 * L : deer ? 0.18 * L : depth * 0.15;
	const chest = horse ? 0.12 * L : deer ? 0.08 * L : 0;
	ctx.strokeStyle = ink(coat);
	ctx.lineWidth = depth * 0.85;
	ctx.beginPath();
	ctx.moveTo(hip[0] - ux * rump, hip[1] - uy * rump);
	ctx.lineTo(shoulder[0] + ux * chest, shoulder[1] + uy * chest);
	ctx.stroke();
	// A deep chest behind the forelegs, a rounder haunch over the hind legs.
	ctx.fillStyle = ink(coat);
	ctx.beginPath();
	ctx.ellipse(
		shoulder[0] - ux * depth * 0.15 - nx * depth * 0.08,
		shoulder[1] - uy * depth * 0.15 - ny * depth * 0.08,
		depth * 0.62,
		depth * 0.56,
		Math.atan2(uy, ux),
		0,
		Math.PI * 2,
	);
	ctx.fill();
	ctx.beginPath();
	ctx.ellipse(
		hip[0] + ux * depth * 0.05,
		hip[1] + uy * depth * 0.05,
		depth * 0.5,
		depth * 0.5,
		0,
		0,
		Math.PI * 2,
	);
	ctx.fill();
	const body = (u: number, v: number): [number, number] => [
		hip[0] + dx * u + nx * v * depth * 0.5,
		hip[1] + dy * u + ny * v * depth * 0.5,
	];
	// Markings on the body.
	if (look.pattern === 'saddle') {
		ctx.fillStyle = ink(mark);
		ctx.beginPath();
		const a = body(0, 1.05);
		ctx.moveTo(a[0], a[1]);
		for (let u = 0; u <= 1.0001; u += 0.25) {
			const p = body(u, 1.05);
			ctx.lineTo(p[0], p[1]);
		}
		for (let u = 1; u >= -0.0001; u -= 0.25) {
			const p = body(u, 0.05 + 0.15 * Math.sin(u * 9));
			ctx.lineTo(p[0], p[1]);
		}
		ctx.fill();
	} else if (look.pattern === 'stripes') {
		ctx.strokeStyle = ink(mark);
		ctx.lineWidth = L * 0.045;
		for (let u = 0.05; u < 1; u += 0.14) {
			const a = body(u, 1);
			const b = body(u + 0.05, -0.2);
			ctx.beginPath();
			ctx.moveTo(a[0], a[1]);
			ctx.lineTo(b[0], b[1]);
			ctx.stroke();
		}
	} else if (look.pattern === 'tuxedo') {
		ctx.fillStyle = ink('#f4f1ea');
		const c = body(0.85, -0.55);
		ctx.beginPath();
		ctx.ellipse(c[0], c[1], depth * 0.35, depth * 0.3, 0, 0, Math.PI * 2);
		ctx.fill();
	}
	for (const m of markings(d.id, look.pattern)) {
		if (m.part !== 'body') continue;
		const c = body(m.u, m.v);
		ctx.fillStyle = ink(mark);
		ctx.beginPath();
		ctx.ellipse(
			c[0],
			c[1],
			m.r * L * (look.pattern === 'patches' ? 1.3 : 1),
			m.r * L * 0.85,
			0,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	}

	leg([Q.hindThighNear, Q.hindShinNear, Q.hindFootNear], coat, true);
	leg([Q.foreUpperNear, Q.foreLowerNear, Q.forePawNear], coat, false);
	for (const m of markings(d.id, look.pattern)) {
		if (m.part !== 'leg') continue;
		const bone = m.u < 0.45 ? Q.hindShinNear : Q.foreLowerNear;
		const a = P(bone, false);
		const b = P(bone, true);
		ctx.fillStyle = ink(mark);
		ctx.beginPath();
		ctx.arc(a[0] + (b[0] - a[0]) * m.u, a[1] + (b[1] - a[1]) * m.u, m.r * L * 0.7, 0, Math.PI * 2);
		ctx.fill();
	}

	// Neck and head.
	const neckEnd = P(Q.neck, true);
	ctx.strokeStyle = ink(coat);
	ctx.lineWidth = depth * (hoofed ? 0.55 : 0.7);
	ctx.beginPath();
	ctx.moveTo(shoulder[0], shoulder[1]);
	ctx.lineTo(neckEnd[0], neckEnd[1]);
	ctx.stroke();
	for (const m of markings(d.id, look.pattern)) {
		if (m.part !== 'neck') continue;
		ctx.fillStyle = ink(mark);
		ctx.beginPath();
		ctx.arc(
			shoulder[0] + (neckEnd[0] - shoulder[0]) * m.u,
			shoulder[1] + (neckEnd[1] - shoulder[1]) * m.u + m.v * depth * 0.2,
			m.r * L * 0.8,
			0,
			Math.PI * 2,
		);
		ctx.fill();
	}
	if (horse) {
		// The mane along the top of the neck.
		ctx.strokeStyle = ink(mark);
		ctx.lineWidth = L * 0.09;
		ctx.beginPath();
		ctx.moveTo(
			shoulder[0] - facing * L * 0.02 + nx * depth * 0.25,
			shoulder[1] + ny * depth * 0.25 - L * 0.05,
		);
		ctx.lineTo(neckEnd[0] - facing * L * 0.08, neckEnd[1] - L * 0.06);
		ctx.stroke();
	}
	drawHead(ctx, d, P(Q.head, false), P(Q.head, true), L, young, ink);
	ctx.restore();
}

function drawHead(
	ctx: SKRSContext2D,
	d: QuadrupedDrawing,
	base: [number, number],
	nose: [number, number],
	L: number,
	young: boolean,
	ink: Ink,
): void {
	const { look, facing } = d;
	const deer = d.species === 'deer';
	const horse = d.species === 'horse' || deer;
	const cat = d.species === 'cat';
	const skull = L * (deer ? 0.12 : horse ? 0.13 : cat ? 0.15 : young ? 0.19 : 0.16);
	const angle = Math.atan2(nose[1] - base[1], nose[0] - base[0]);
	const coat = look.coat;
	// A light muzzle on a tuxedo or saddle coat; the skull keeps the coat.
	const muzzleColour = look.pattern === 'tuxedo' || look.pattern === 'saddle' ? '#f1e6d6' : coat;
	ctx.save();
	ctx.translate(base[0], base[1]);
	ctx.rotate(angle);
	// In the head's frame: +x towards the nose; the flip keeps the top of the head up.
	if (facing < 0) ctx.scale(1, -1);
	const length = Math.hypot(nose[0] - base[0], nose[1] - base[1]);
	const ears = () => {
		ctx.fillStyle = ink(look.ears === 'floppy' ? shade(coat, -0.3) : coat);
		ctx.beginPath();
		if (look.ears === 'floppy') {
			// A soft ear hanging from the back of the skull, flying back at a run.
			const swing = d.running ? -0.9 : 0;
			ctx.save();
			ctx.translate(-skull * 0.3, -skull * 0.6);
			ctx.rotate(1.9 + swing);
			ctx.ellipse(skull * 0.55, 0, skull * 0.7, skull * 0.32, 0, 0, Math.PI * 2);
			ctx.fill();
			ctx.restore();
		} else {
			ctx.moveTo(-skull * 0.6, -skull * 0.55);
			ctx.lineTo(-skull * (horse ? 0.3 : 0.25), -skull * (horse ? 1.5 : 1.65));
			ctx.lineTo(skull * 0.15, -skull * 0.7);
			ctx.fill();
		}
	};
	if (deer && !young) {
		// A grown deer's antlers: a beam sweeping back and up from the crown, with tines.
		ctx.strokeStyle = ink('#6b5638');
		ctx.lineWidth = Math.max(1, skull * 0.16);
		ctx.beginPath();
		for (const side of [0, 0.35]) {
			const bx = -skull * (0.1 + side);
			ctx.moveTo(bx, -skull * 0.8);
			ctx.quadraticCurveTo(bx - skull * 1.1, -skull * 2.2, bx - skull * 0.6, -skull * 3.4);
			ctx.moveTo(bx - skull * 0.55, -skull * 1.7);
			ctx.lineTo(bx + skull * 0.2, -skull * 2.5);
			ctx.moveTo(bx - skull * 0.75, -skull * 2.6);
			ctx.lineTo(bx - skull * 0.05, -skull * 3.2);
		}
		ctx.stroke();
	}
	if (look.ears !== 'floppy') ears();
	if (horse) {
		// A long head tapering from the jaw to the muzzle.
		ctx.fillStyle = ink(coat);
		ctx.beginPath();
		ctx.moveTo(0, -skull);
		ctx.quadraticCurveTo(length * 0.6, -skull * 0.9, length * 1.05, -skull * 0.3);
		ctx.quadraticCurveTo(length * 1.15, skull * 0.3, length * 0.95, skull * 0.55);
		ctx.quadraticCurveTo(length * 0.5, skull * 0.9, 0, skull * 1.1);
		ctx.arc(0, 0, skull * 1.1, Math.PI / 2, (3 * Math.PI) / 2);
		ctx.fill();
		ctx.fillStyle = ink('#2a1a14');
		ctx.beginPath();
		ctx.arc(length * 0.98, skull * 0.05, skull * 0.12, 0, Math.PI * 2);
		ctx.arc(skull * 0.25, -skull * 0.35, skull * 0.16, 0, Math.PI * 2);
		ctx.fill();
		ctx.restore();
		return;
	}
	// Skull and muzzle.
	const muzzle = horse ? skull * 0.7 : cat ? skull * 0.45 : skull * 0.58;
	const snout = cat ? length * 0.9 : horse ? length * 0.95 : length * 1.15;
	ctx.fillStyle = ink(muzzleColour);
	ctx.beginPath();
	ctx.ellipse(snout * 0.6, skull * 0.28, snout * 0.5, muzzle, 0, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink(coat);
	ctx.beginPath();
	ctx.arc(0, 0, skull, 0, Math.PI * 2);
	ctx.fill();
	if (look.pattern === 'patches' || look.pattern === 'saddle') {
		// A patch over one eye.
		ctx.fillStyle = ink(look.markings);
		ctx.beginPath();
		ctx.arc(skull * 0.1, -skull * 0.25, skull * 0.55, 0, Math.PI * 2);
		ctx.fill();
	}
	if (look.ears === 'floppy') ears();
	// Nose, eye, mouth.
	ctx.fillStyle = ink(horse ? '#3a2a22' : cat ? '#d98a94' : '#1a1414');
	ctx.beginPath();
	ctx.arc(snout * 1.05, skull * 0.12, skull * (horse ? 0.12 : 0.2), 0, Math.PI * 2);
	ctx.fill();
	const blink = (d.seconds * 0.9 + (hashString(d.id) % 100) / 37) % 4 < 0.12;
	ctx.fillStyle = ink('#141010');
	ctx.beginPath();
	if (blink)
		ctx.ellipse(skull * 0.25, -skull * 0.25, skull * 0.16, skull * 0.04, 0, 0, Math.PI * 2);
	else ctx.arc(skull * 0.25, -skull * 0.25, skull * (young ? 0.2 : 0.15), 0, Math.PI * 2);
	ctx.fill();
	if (!blink) {
		ctx.fillStyle = ink('#ffffff');
		ctx.beginPath();
		ctx.arc(skull * 0.3, -skull * 0.31, skull * 0.06, 0, Math.PI * 2);
		ctx.fill();
	}
	if (cat) {
		ctx.strokeStyle = ink('rgba(40,30,30,0.8)');
		ctx.lineWidth = Math.max(1, skull * 0.04);
		ctx.beginPath();
		for (const a of [-0.2, 0, 0.2]) {
			ctx.moveTo(snout * 0.9, skull * 0.25);
			ctx.lineTo(snout * 1.6, skull * (0.25 + a * 2));
		}
		ctx.stroke();
	}
	if (d.running && !horse && !cat) {
		// Mouth open, tongue out.
		ctx.fillStyle = ink('#e0607a');
		ctx.beginPath();
		ctx.ellipse(snout * 0.75, skull * 0.85, skull * 0.22, skull * 0.34, 0.4, 0, Math.PI * 2);
		ctx.fill();
	}
	ctx.restore();
}

export interface PathDrawing {
	look: AnimalLook;
	path: PathPerformance;
	frame: number;
	/** Body length in metres. */
	size: number;
	map: StageMap;
	ink?: Ink;
}

/** Where a path's creature is at the drawing's frame (clamped to the path): pixels, size and facing. */
function pathPoint(d: PathDrawing) {
	const f = Math.max(0, Math.min(d.path.x.length - 1, d.frame));
	return {
		ink: d.ink ?? plainInk,
		f,
		x: d.map.originX + d.path.x[f] * d.map.ppm,
		y: d.map.originY - d.path.y[f] * d.map.ppm,
		s: d.size * d.map.ppm,
		facing: d.path.facing[f],
	};
}

/** A bird in flight (wings beating or spread in a glide) or perched. */
export function drawBird(ctx: SKRSContext2D, d: PathDrawing): void {
	const { ink, f, x, y, s, facing } = pathPoint(d);
	const mode = d.path.mode[f];
	const flap = mode === 'fly' ? Math.sin(d.path.phase[f]) : mode === 'glide' ? 0.15 : -1;
	const coat = d.look.coat;
	ctx.save();
	ctx.translate(x, y);
	ctx.scale(facing, 1);
	const wing = (colour: string, spread: number) => {
		ctx.fillStyle = ink(colour);
		ctx.beginPath();
		ctx.moveTo(-s * 0.05, -s * 0.05);
		const tipY = -s * 0.55 * spread;
		ctx.quadraticCurveTo(-s * 0.05, tipY * 0.9, -s * 0.3, tipY);
		ctx.quadraticCurveTo(-s * 0.2, tipY * 0.4, -s * 0.28, s * 0.02);
		ctx.closePath();
		ctx.fill();
	};
	if (mode !== 'perch') wing(shade(coat, -0.25), flap * 0.9);
	// Tail, body, head, beak.
	ctx.fillStyle = ink(shade(coat, -0.1));
	ctx.beginPath();
	ctx.moveTo(-s * 0.3, 0);
	ctx.lineTo(-s * 0.55, -s * 0.06);
	ctx.lineTo(-s * 0.55, s * 0.08);
	ctx.fill();
	ctx.fillStyle = ink(coat);
	ctx.beginPath();
	ctx.ellipse(0, 0, s * 0.33, s * 0.13, mode === 'perch' ? -0.3 : 0, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink(d.look.markings);
	ctx.beginPath();
	ctx.ellipse(s * 0.08, s * 0.06, s * 0.18, s * 0.06, 0, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink(coat);
	ctx.beginPath();
	ctx.arc(s * 0.3, -s * (mode === 'perch' ? 0.15 : 0.06), s * 0.1, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink('#f0a020');
	ctx.beginPath();
	const hy = -s * (mode === 'perch' ? 0.15 : 0.06);
	ctx.moveTo(s * 0.38, hy - s * 0.03);
	ctx.lineTo(s * 0.52, hy + s * 0.01);
	ctx.lineTo(s * 0.38, hy + s * 0.04);
	ctx.fill();
	ctx.fillStyle = ink('#111111');
	ctx.beginPath();
	ctx.arc(s * 0.33, hy - s * 0.025, s * 0.022, 0, Math.PI * 2);
	ctx.fill();
	if (mode === 'perch') {
		ctx.strokeStyle = ink('#c07a20');
		ctx.lineWidth = Math.max(1, s * 0.025);
		ctx.beginPath();
		ctx.moveTo(0, s * 0.1);
		ctx.lineTo(0, s * 0.28);
		ctx.moveTo(s * 0.06, s * 0.1);
		ctx.lineTo(s * 0.06, s * 0.28);
		ctx.stroke();
	}
	if (mode !== 'perch') wing(coat, flap);
	ctx.restore();
}

/** A fish: a body that sways from the head back, a beating tail, fins and an eye. */
export function drawFish(ctx: SKRSContext2D, d: PathDrawing): void {
	const { ink, f, x, y, s, facing } = pathPoint(d);
	const sweep = Math.sin(d.path.phase[f]);
	const leaping = d.path.mode[f] === 'leap';
	const pitch =
		leaping && f > 0
			? Math.atan2(
					-(d.path.y[f] - d.path.y[f - 1]) * d.map.ppm,
					Math.abs(d.path.x[f] - d.path.x[f - 1]) * d.map.ppm + 1e-6,
				)
			: 0;
	ctx.save();
	ctx.translate(x, y);
	ctx.scale(facing, 1);
	ctx.rotate(pitch);
	const coat = d.look.coat;
	// Tail fin, swept side to side (seen from the side as a beat up and down in width).
	ctx.fillStyle = ink(shade(coat, -0.15));
	ctx.beginPath();
	ctx.moveTo(-s * 0.36, 0);
	ctx.lineTo(-s * 0.58, -s * (0.17 + 0.05 * sweep));
	ctx.lineTo(-s * (0.52 + 0.04 * sweep), 0);
	ctx.lineTo(-s * 0.58, s * (0.17 - 0.05 * sweep));
	ctx.fill();
	ctx.fillStyle = ink(coat);
	ctx.beginPath();
	ctx.ellipse(0, 0, s * 0.42, s * 0.16, 0.04 * sweep, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink(d.look.markings);
	ctx.beginPath();
	ctx.moveTo(-s * 0.05, -s * 0.15);
	ctx.lineTo(s * 0.08, -s * 0.26);
	ctx.lineTo(s * 0.14, -s * 0.14);
	ctx.fill();
	ctx.beginPath();
	ctx.ellipse(0, s * 0.06, s * 0.3, s * 0.06, 0, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink('#ffffff');
	ctx.beginPath();
	ctx.arc(s * 0.28, -s * 0.03, s * 0.045, 0, Math.PI * 2);
	ctx.fill();
	ctx.fillStyle = ink('#111111');
	ctx.beginPath();
	ctx.arc(s * 0.29, -s * 0.03, s * 0.024, 0, Math.PI * 2);
	ctx.fill();
	ctx.restore();
}

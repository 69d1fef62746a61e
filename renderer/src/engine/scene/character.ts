/**
 * Stylised characters drawn from a CharacterLook: proportions from height and build, colours from
 * skin, hair, outfit, accent and eyes, so the same id looks the same in every shot. Limbs are
 * rounded strokes posed by the current action; the mouth follows the speech's visemes; a cameo's
 * cut-out replaces the drawn head.
 */
import type { Image, SKRSContext2D } from '@napi-rs/canvas';
import type { ActionId, CharacterLook, Viseme } from '../storyboard';
import { shade } from './colour';
import { plainInk, type Ink } from './ink';
import { drawMouth } from './mouth';
import { drawHeldProp } from './props';

export interface CharacterPose {
	action: ActionId;
	/** Seconds since the action began. */
	actionSeconds: number;
	/** Seconds since the shot began (breathing, blinking). */
	seconds: number;
	viseme: Viseme;
	facing: 'left' | 'right';
	/** Blink phase from the character's seed, so characters do not blink in unison. */
	blinkPhase: number;
}

interface Limbs {
	hipDrop: number;
	lift: number;
	legs: [number, number];
	knees: [number, number];
	arms: [number, number];
	elbows: [number, number];
	headTilt: number;
	seated: boolean;
}

/** Joint angles (radians from straight down, positive = forward) for an action at a time. */
export function limbsFor(action: ActionId, t: number, seconds: number): Limbs {
	const breathe = Math.sin(seconds * 2.2) * 0.02;
	const base: Limbs = {
		hipDrop: 0,
		lift: 0,
		legs: [0.05, -0.05],
		knees: [0, 0],
		arms: [0.12 + breathe, -0.12 - breathe],
		elbows: [0.1, 0.1],
		headTilt: 0,
		seated: false,
	};
	switch (action) {
		case 'walk': {
			const s = Math.sin(t * Math.PI * 3.2);
			return {
				...base,
				legs: [0.45 * s, -0.45 * s],
				knees: [Math.max(0, -s) * 0.6, Math.max(0, s) * 0.6],
				arms: [-0.4 * s, 0.4 * s],
				lift: Math.abs(Math.cos(t * Math.PI * 3.2)) * 0.015,
			};
		}
		case 'gesture': {
			const s = Math.sin(t * 4.5);
			return {
				...base,
				arms: [1.2 + 0.25 * s, 0.6 - 0.2 * s],
				elbows: [0.7, 0.9],
				headTilt: 0.05 * s,
			};
		}
		case 'talk': {
			const s = Math.sin(t * 3.1);
			return {
				...base,
				arms: [0.5 + 0.2 * s, 0.15],
				elbows: [0.9, 0.2],
				headTilt: 0.04 * Math.sin(t * 5.3),
			};
		}
		case 'wave': {
			const s = Math.sin(t * Math.PI * 5);
			return { ...base, arms: [2.7 + 0.3 * s, -0.1], elbows: [0.5 + 0.3 * s, 0.1], headTilt: 0.04 };
		}
		case 'jump': {
			const phase = t % 1.1;
			const air = phase < 0.25 ? 0 : phase < 0.85 ? Math.sin(((phase - 0.25) / 0.6) * Math.PI) : 0;
			const crouch =
				phase < 0.25
					? Math.sin((phase / 0.25) * Math.PI)
					: phase > 0.85
						? Math.sin(((phase - 0.85) / 0.25) * Math.PI)
						: 0;
			return {
				...base,
				lift: air * 0.3,
				hipDrop: crouch * 0.08,
				legs: [0.3 * crouch, 0.3 * crouch],
				knees: [1.0 * crouch + 0.4 * air, 1.0 * crouch + 0.4 * air],
				arms: [2.6 * air + 0.4, 2.6 * air + 0.4],
				elbows: [0.2, 0.2],
			};
		}
		case 'shoot': {
			const release = Math.min(1, t / 0.5);
			return {
				...base,
				arms: [2.2 + 0.5 * release, 2.0 + 0.4 * release],
				elbows: [1.3 * (1 - release), 1.1 * (1 - release)],
				lift: Math.sin(Math.min(1, t / 0.6) * Math.PI) * 0.06,
				headTilt: -0.1,
			};
		}
		case 'sit':
			return {
				...base,
				seated: true,
				hipDrop: 0.16,
				legs: [1.45, 1.4],
				knees: [-1.45, -1.4],
				arms: [0.5, 0.4],
				elbows: [0.8, 0.9],
			};
		default:
			return base;
	}
}

export interface DrawCharacterOptions {
	look: CharacterLook;
	/** Feet position in pixels. */
	x: number;
	groundY: number;
	/** Pixel height of an average (height = 1) character. */
	unit: number;
	pose: CharacterPose;
	cameo?: Image;
	/** A prop held in the front hand (see props.ts). */
	held?: string;
	/** The style's colour mapping (see ink.ts). */
	ink?: Ink;
}

export function drawCharacter(ctx: SKRSContext2D, options: DrawCharacterOptions): void {
	const { look, pose, cameo } = options;
	const ink = options.ink ?? plainInk;
	const H = options.unit * look.height;
	const limbs = limbsFor(pose.action, pose.actionSeconds, pose.seconds);
	const build = look.build;
	const headR = H * 0.105;
	const hipY = -H * (0.44 - limbs.hipDrop) - H * limbs.lift;
	const shoulderY = hipY - H * 0.3;
	const legLen = H * 0.22;
	const armLen = H * 0.16;
	const torsoHalf = H * 0.1 * build;
	const limbWidth = H * 0.055 * Math.sqrt(build);
	const trousers = shade(look.outfit, -0.45);
	const sleeve = shade(look.outfit, -0.1);

	ctx.save();
	ctx.translate(options.x, options.groundY);
	if (pose.facing === 'left') ctx.scale(-1, 1);
	ctx.lineCap = 'round';
	ctx.lineJoin = 'round';

	// Shadow on the ground.
	ctx.fillStyle = ink('rgba(0,0,0,0.25)');
	ctx.beginPath();
	ctx.ellipse(0, 0, torsoHalf * 1.6, H * 0.02, 0, 0, Math.PI * 2);
	ctx.fill();

	const limb = (
		x0: number,
		y0: number,
		upper: number,
		lower: number,
		bend: number,
		len: number,
		colour: string,
		end: string,
	) => {
		const kx = x0 + Math.sin(upper) * len;
		const ky = y0 + Math.cos(upper) * len;
		const fx = kx + Math.sin(upper + bend) * len;
		const fy = ky + Math.cos(upper + bend) * len;
		ctx.strokeStyle = ink(colour);
		ctx.lineWidth = limbWidth;
		ctx.beginPath();
		ctx.moveTo(x0, y0);
		ctx.lineTo(kx, ky);
		ctx.lineTo(fx, fy);
		ctx.stroke();
		ctx.fillStyle = ink(end);
		ctx.beginPath();
		ctx.ellipse(
			fx + (lower ? lower * limbWidth * 0.3 : 0),
			fy,
			limbWidth * 0.62,
			limbWidth * 0.5,
			0,
			0,
			Math.PI * 2,
		);
		ctx.fill();
		return [fx, fy];
	};

	if (limbs.seated) {
		// A simple stool under the seated character.
		ctx.fillStyle = ink('#6b4a2f');
		ctx.fillRect(-torsoHalf * 1.3, hipY + limbWidth * 0.4, torsoHalf * 2.6, H * 0.03);
		ctx.fillRect(-torsoHalf * 1.1, hipY + limbWidth * 0.4, H * 0.02, -hipY);
		ctx.fillRect(torsoHalf * 1.0, hipY + limbWidth * 0.4, H * 0.02, -hipY);
	}
	// Back arm and leg first, so the near ones overlap them.
	limb(
		-torsoHalf * 0.4,
		hipY,
		-limbs.legs[1],
		1,
		-limbs.knees[1],
		legLen,
		shade(trousers, -0.15),
		'#222222',
	);
	limb(
		torsoHalf * 0.5,
		shoulderY + limbWidth * 0.3,
		-limbs.arms[1],
		0,
		-limbs.elbows[1],
		armLen,
		shade(sleeve, -0.15),
		shade(look.skin, -0.1),
	);
	limb(torsoHalf * 0.4, hipY, -limbs.legs[0], 1, -limbs.knees[0], legLen, trousers, '#1a1a1a');

	// Torso: outfit with an accent stripe and collar.
	ctx.fillStyle = ink(look.outfit);
	ctx.beginPath();
	ctx.moveTo(-torsoHalf, shoulderY);
	ctx.lineTo(torsoHalf, shoulderY);
	ctx.lineTo(torsoHalf * 0.9, hipY + limbWidth * 0.3);
	ctx.lineTo(-torsoHalf * 0.9, hipY + limbWidth * 0.3);
	ctx.closePath();
	ctx.fill();
	ctx.fillStyle = ink(look.accent);
	ctx.fillRect(-torsoHalf * 0.9, hipY - H * 0.03, torsoHalf * 1.8, H * 0.025);
	ctx.beginPath();
	ctx.moveTo(-torsoHalf * 0.35, shoulderY);
	ctx.lineTo(0, shoulderY + H * 0.05);
	ctx.lineTo(torsoHalf * 0.35, shoulderY);
	ctx.fill();

	const [handX, handY] = limb(
		-torsoHalf * 0.5,
		shoulderY + limbWidth * 0.3,
		-limbs.arms[0],
		0,
		-limbs.elbows[0],
		armLen,
		sleeve,
		look.skin,
	);
	if (options.held) {
		ctx.save();
		ctx.translate(handX, handY);
		drawHeldProp(ctx, options.held, options.unit, ink);
		ctx.restore();
	}

	// Head.
	const headX = torsoHalf * 0.1;
	const headY = shoulderY - headR * 0.95;
	ctx.translate(headX, headY);
	ctx.rotate(limbs.headTilt);
	if (cameo) {
		const size = headR * 2.5;
		const aspect = cameo.width / Math.max(1, cameo.height);
		ctx.drawImage(cameo, -size * aspect * 0.5, -size * 0.55, size * aspect, size);
	} else {
		drawHead(ctx, look, headR, pose, ink);
	}
	ctx.restore();
}

function drawHead(
	ctx: SKRSContext2D,
	look: CharacterLook,
	r: number,
	pose: CharacterPose,
	ink: Ink,
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
	// Eyes, looking the way the character faces (the context is mirrored for 'left').
	const blinking = (pose.seconds + pose.blinkPhase) % 3.7 < 0.12;
	for (const ex of [r * 0.12, r * 0.58]) {
		if (blinking) {
			ctx.strokeStyle = ink('#2a1a1a');
			ctx.lineWidth = r * 0.05;
			ctx.beginPath();
			ctx.moveTo(ex - r * 0.12, -r * 0.08);
			ctx.lineTo(ex + r * 0.12, -r * 0.08);
			ctx.stroke();
			continue;
		}
		ctx.fillStyle = ink('#ffffff');
		ctx.beginPath();
		ctx.ellipse(ex, -r * 0.1, r * 0.15, r * 0.19, 0, 0, Math.PI * 2);
		ctx.fill();
		ctx.fillStyle = ink(look.eyes);
		ctx.beginPath();
		ctx.arc(ex + r * 0.05, -r * 0.08, r * 0.09, 0, Math.PI * 2);
		ctx.fill();
	}
	ctx.fillStyle = ink('rgba(230,90,90,0.25)');
	ctx.beginPath();
	ctx.arc(r * 0.7, r * 0.25, r * 0.14, 0, Math.PI * 2);
	ctx.fill();
	drawMouth(ctx, pose.viseme, r * 0.38, r * 0.45, r, ink);
}

/**
 * 2D skeletons: a rig is a tree of bones, each with a length and a local angle relative to its
 * parent; forward kinematics turns a pose (root position, root rotation, local angles) into the
 * world position of every joint. Two-bone inverse kinematics bends a limb so its end reaches a
 * point, which is how planted feet (and hands) stay exactly where they touched down.
 *
 * Angles: φ is measured counter-clockwise from straight down, so a bone at φ points along
 * (sin φ, −cos φ): 0 is down, π/2 is forward (the way the body faces), π is up. A bone's world φ is
 * its parent's world φ plus its local angle; a root bone's parent angle is the root rotation.
 * Everything here is in the facing-normalised frame (+x = forward); the solver mirrors x for a
 * body that faces left.
 */

export interface Bone {
	name: string;
	/** Index of the parent bone, or -1 for a bone that starts at the root point. */
	parent: number;
	/** Where along the parent the bone starts: 0 = the parent's start, 1 = its end. */
	at: number;
	length: number;
}

export interface Rig {
	bones: Bone[];
	/**
	 * Named limb ends: the chain [upper, lower] a 2-bone IK moves so the end reaches a point. With a
	 * `tip` (a paw, a hoof) the pinned point is the tip's end, and the tip keeps its world angle.
	 */
	effectors: Record<string, Effector>;
}

export interface Effector {
	upper: number;
	lower: number;
	bend: 1 | -1;
	tip?: number;
}

export interface Pose {
	x: number;
	y: number;
	/** Root rotation, counter-clockwise (a body facing +x leans back for θ > 0). */
	theta: number;
	/** Local angle of each bone, in rig order. */
	angles: Float64Array;
}

/** World positions of every bone's start and end, and each bone's world angle. */
export interface Skeleton {
	sx: Float64Array;
	sy: Float64Array;
	ex: Float64Array;
	ey: Float64Array;
	phi: Float64Array;
}

export function newSkeleton(rig: Rig): Skeleton {
	const n = rig.bones.length;
	return {
		sx: new Float64Array(n),
		sy: new Float64Array(n),
		ex: new Float64Array(n),
		ey: new Float64Array(n),
		phi: new Float64Array(n),
	};
}

/** Forward kinematics: fills `out` (bones must be listed parents first). */
export function forwardKinematics(
	rig: Rig,
	pose: Pose,
	out: Skeleton = newSkeleton(rig),
): Skeleton {
	const { bones } = rig;
	for (let i = 0; i < bones.length; i++) {
		const b = bones[i];
		let sx: number;
		let sy: number;
		let base: number;
		if (b.parent < 0) {
			sx = pose.x;
			sy = pose.y;
			base = pose.theta;
		} else {
			const p = b.parent;
			sx = out.sx[p] + (out.ex[p] - out.sx[p]) * b.at;
			sy = out.sy[p] + (out.ey[p] - out.sy[p]) * b.at;
			base = out.phi[p];
		}
		const phi = base + pose.angles[i];
		out.sx[i] = sx;
		out.sy[i] = sy;
		out.phi[i] = phi;
		out.ex[i] = sx + b.length * Math.sin(phi);
		out.ey[i] = sy - b.length * Math.cos(phi);
	}
	return out;
}

/** φ of the direction from (x0, y0) to (x1, y1). */
export const directionAngle = (x0: number, y0: number, x1: number, y1: number): number =>
	Math.atan2(x1 - x0, -(y1 - y0));

/**
 * Two-bone IK: world angles for the upper and lower bone so that a chain starting at (sx, sy)
 * ends at (tx, ty). `bend` picks the side the middle joint goes: +1 puts it forward of the line
 * (a knee), −1 behind it (an elbow). Returns undefined when the point is out of reach.
 */
export function solveTwoBone(
	sx: number,
	sy: number,
	tx: number,
	ty: number,
	upper: number,
	lower: number,
	bend: 1 | -1,
): { upperPhi: number; lowerPhi: number } | undefined {
	const dx = tx - sx;
	const dy = ty - sy;
	const d = Math.hypot(dx, dy);
	if (d > upper + lower + 1e-9 || d < Math.abs(upper - lower) - 1e-9) return undefined;
	const line = directionAngle(sx, sy, tx, ty);
	const cosA = Math.max(-1, Math.min(1, (upper * upper + d * d - lower * lower) / (2 * upper * d)));
	const cosB = Math.max(-1, Math.min(1, (lower * lower + d * d - upper * upper) / (2 * lower * d)));
	const a = Math.acos(cosA);
	const b = Math.acos(cosB);
	return { upperPhi: line + bend * a, lowerPhi: line - bend * b };
}

/** The world φ a bone's parent gives it (the root rotation for a root bone). */
export function parentPhi(rig: Rig, skeleton: Skeleton, pose: Pose, bone: number): number {
	const p = rig.bones[bone].parent;
	return p < 0 ? pose.theta : skeleton.phi[p];
}

/**
 * Bends an effector's chain so its end is at (tx, ty), writing the local angles into the pose.
 * The chain's start must already be placed by FK of the same pose. Returns false when the point
 * is out of reach (the pose is left as it was).
 */
export function reach(
	rig: Rig,
	pose: Pose,
	skeleton: Skeleton,
	effector: string,
	tx: number,
	ty: number,
): boolean {
	const chain = rig.effectors[effector];
	const upper = rig.bones[chain.upper];
	const lower = rig.bones[chain.lower];
	// With a tip, the chain ends where the tip (kept at its world angle) starts.
	let ax = tx;
	let ay = ty;
	let tipPhi = 0;
	if (chain.tip !== undefined) {
		tipPhi = skeleton.phi[chain.tip];
		const length = rig.bones[chain.tip].length;
		ax -= length * Math.sin(tipPhi);
		ay += length * Math.cos(tipPhi);
	}
	const solved = solveTwoBone(
		skeleton.sx[chain.upper],
		skeleton.sy[chain.upper],
		ax,
		ay,
		upper.length,
		lower.length,
		chain.bend,
	);
	if (!solved) return false;
	pose.angles[chain.upper] = solved.upperPhi - parentPhi(rig, skeleton, pose, chain.upper);
	pose.angles[chain.lower] = solved.lowerPhi - solved.upperPhi;
	if (chain.tip !== undefined) pose.angles[chain.tip] = tipPhi - solved.lowerPhi;
	return true;
}

/** The end point of an effector's chain in a skeleton. */
export function effectorEnd(rig: Rig, skeleton: Skeleton, effector: string): [number, number] {
	const chain = rig.effectors[effector];
	const last = chain.tip ?? chain.lower;
	return [skeleton.ex[last], skeleton.ey[last]];
}

/** The reach of an effector's chain from its start, holding the tip's current world angle. */
export function chainEndBeforeTip(
	rig: Rig,
	skeleton: Skeleton,
	effector: string,
	tx: number,
	ty: number,
): [number, number] {
	const chain = rig.effectors[effector];
	if (chain.tip === undefined) return [tx, ty];
	const phi = skeleton.phi[chain.tip];
	const length = rig.bones[chain.tip].length;
	return [tx - length * Math.sin(phi), ty + length * Math.cos(phi)];
}

/** Wraps an angle difference into (−π, π]. */
export function wrapAngle(a: number): number {
	let r = a % (2 * Math.PI);
	if (r <= -Math.PI) r += 2 * Math.PI;
	else if (r > Math.PI) r -= 2 * Math.PI;
	return r;
}

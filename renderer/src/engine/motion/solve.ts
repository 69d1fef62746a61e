/**
 * The motion solver: plays a schedule of clips on a rig, cross-fading from one to the next, and
 * turns their contact phases into planted limbs. A limb end that touches down is pinned where it
 * touched (on the ground, a beam, a floating plank, a board) and stays exactly there — bent into
 * place by two-bone IK — until its phase ends. The root's travel is derived from the pinned limb
 * (as the stance leg sweeps back, the body moves forward), so feet never slide; in the air the
 * body keeps the speed it left with plus the clip's authored travel. The whole shot is solved
 * ahead, frame by frame, so any frame can be drawn on its own and every result is deterministic.
 */
import {
	DX,
	FIRST_ANGLE,
	H,
	THETA,
	channelCount,
	contactAt,
	sampleClip,
	smoothstep,
	type Clip,
} from './clip';
import {
	chainEndBeforeTip,
	effectorEnd,
	forwardKinematics,
	newSkeleton,
	reach,
	wrapAngle,
	type Pose,
	type Rig,
	type Skeleton,
} from './rig';

export type SurfaceMaterial = 'floor' | 'wood' | 'sand' | 'snow' | 'grass' | 'water' | 'board';

/** Something a body can stand on. `top(x, t)` is its surface height at x (undefined off its ends). */
export interface Support {
	id: string;
	material: SurfaceMaterial;
	top(x: number, t: number): number | undefined;
	/** A support that moves (a board): its pose at a time; pins ride along with it. */
	pose?(t: number): { x: number; y: number; angle: number };
	/** Only limbs whose contact phase names this kind land on it ('board'); others skip it. */
	kind?: 'board';
}

export interface Segment {
	clip: Clip;
	/** Seconds from the start of the shot. */
	start: number;
	/** Playback rate (1 = as authored). */
	rate?: number;
	/** Cross-fade in from the previous segment, seconds. */
	fade?: number;
}

export interface SolveInput {
	rig: Rig;
	/** Body size in metres: h and dx channels are in these units. */
	size: number;
	/** kg, for contact energies and the loads a support feels. */
	mass: number;
	fps: number;
	frames: number;
	startX: number;
	facing: 1 | -1;
	schedule: Segment[];
	supports: Support[];
	/** Locomotion turns round at these x (metres) so a traveller stays in the picture. */
	bounds?: [number, number];
	/** Clips that count as travelling (turned round at the bounds). */
	travelling?: ReadonlySet<string>;
	/** Extra facing flips at these seconds (a rider whose board turns round). */
	flips?: number[];
}

export interface ContactRecord {
	effector: string;
	startFrame: number;
	/** First frame no longer in contact (exclusive). */
	endFrame: number;
	supportId: string;
	material: SurfaceMaterial;
	/** Where it touched, world metres (for a moving support, where it was at touch-down). */
	x: number;
	y: number;
	/** Downward speed of the limb end just before it touched, m/s. */
	impactSpeed: number;
}

export interface HitRecord {
	frame: number;
	effector: string;
	x: number;
	y: number;
}

export interface Performance {
	rig: Rig;
	size: number;
	mass: number;
	fps: number;
	frames: number;
	x: Float64Array;
	y: Float64Array;
	theta: Float64Array;
	facing: Int8Array;
	/** angles[f] = the bones' local angles at frame f (after IK). */
	angles: Float64Array[];
	contacts: ContactRecord[];
	hits: HitRecord[];
	/** Which clip dominates each frame (for drawing details such as a stool under a sitter). */
	clipAt: string[];
	/** Seconds since the dominant segment began, per frame. */
	clipSeconds: Float64Array;
}

interface Active {
	channels: Float64Array;
	clip: Clip;
	u: number;
	segment: number;
	/** Seconds into the segment. */
	local: number;
}

/** Channels of the schedule at time t: the current segment cross-faded from the previous one. */
function blendAt(
	schedule: Segment[],
	t: number,
	scratch: [Float64Array, Float64Array],
	out: Float64Array,
): Active {
	let k = 0;
	for (let i = 0; i < schedule.length; i++) if (schedule[i].start <= t) k = i;
	const sample = (i: number, buffer: Float64Array) => {
		const s = schedule[i];
		const local = Math.max(0, t - s.start);
		const u = (local * (s.rate ?? 1)) / s.clip.duration;
		sampleClip(s.clip, s.clip.loop ? u : Math.min(1, u), buffer);
		return { u: s.clip.loop ? u : Math.min(1, u), local };
	};
	const cur = sample(k, scratch[1]);
	const fade = schedule[k].fade ?? 0.25;
	const w = k > 0 && fade > 0 ? smoothstep((t - schedule[k].start) / fade) : 1;
	if (w >= 1) {
		out.set(scratch[1]);
		return { channels: out, clip: schedule[k].clip, u: cur.u, segment: k, local: cur.local };
	}
	const prev = sample(k - 1, scratch[0]);
	const a = scratch[0];
	const b = scratch[1];
	for (let c = 0; c < out.length; c++) {
		const d = c === THETA || c >= FIRST_ANGLE ? wrapAngle(b[c] - a[c]) : b[c] - a[c];
		out[c] = a[c] + w * d;
	}
	const dominant = w >= 0.5 ? k : k - 1;
	return {
		channels: out,
		clip: schedule[dominant].clip,
		u: dominant === k ? cur.u : prev.u,
		segment: dominant,
		local: dominant === k ? cur.local : prev.local,
	};
}

function poseFrom(channels: Float64Array, rig: Rig, pose: Pose): Pose {
	pose.theta = channels[THETA];
	for (let i = 0; i < rig.bones.length; i++) pose.angles[i] = channels[FIRST_ANGLE + i];
	return pose;
}

interface Pin {
	supportIndex: number;
	/** In the support's own frame when it moves, else world. */
	lx: number;
	ly: number;
	record: ContactRecord;
}

function pinWorld(pin: Pin, supports: Support[], t: number): [number, number] {
	const s = supports[pin.supportIndex];
	if (!s.pose) return [pin.lx, pin.ly];
	const p = s.pose(t);
	const c = Math.cos(p.angle);
	const sn = Math.sin(p.angle);
	return [p.x + pin.lx * c - pin.ly * sn, p.y + pin.lx * sn + pin.ly * c];
}

function chooseSupport(
	supports: Support[],
	x: number,
	t: number,
	on: 'board' | 'ground' | undefined,
): { index: number; y: number } {
	for (let i = 0; i < supports.length; i++) {
		const s = supports[i];
		if (on === 'board' ? s.kind !== 'board' : s.kind === 'board') continue;
		const y = s.top(x, t);
		if (y !== undefined) return { index: i, y };
	}
	// Past every support's end: the last one (the ground) continues.
	const last = supports.length - 1;
	return { index: last, y: supports[last].top(x, t) ?? 0 };
}

/** Solves a performer's whole shot. */
export function solvePerformance(input: SolveInput): Performance {
	const { rig, size, fps, frames, schedule, supports } = input;
	const n = channelCount(rig);
	const effectors = Object.keys(rig.effectors);
	const channels = new Float64Array(n);
	const scratch: [Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n)];
	const pose: Pose = { x: 0, y: 0, theta: 0, angles: new Float64Array(rig.bones.length) };
	const local: Skeleton = newSkeleton(rig);
	const dt = 1 / fps;

	const out: Performance = {
		rig,
		size,
		mass: input.mass,
		fps,
		frames,
		x: new Float64Array(frames),
		y: new Float64Array(frames),
		theta: new Float64Array(frames),
		facing: new Int8Array(frames),
		angles: [],
		contacts: [],
		hits: [],
		clipAt: [],
		clipSeconds: new Float64Array(frames),
	};

	// ---- pass 1: travel, facing and contacts (none of which depends on heights) ----------------
	const pins = new Map<string, Pin>();
	const pinsAt: Array<Map<string, Pin>> = [];
	const offsets: Array<Record<string, [number, number]>> = [];
	const hValues = new Float64Array(frames);
	const channelsAt: Float64Array[] = [];
	let x = input.startX;
	let facing = input.facing;
	let primary: string | undefined;
	let delta = 0;
	let vx = 0;
	let takeoffVx = 0;
	let previousDx = 0;
	let previousSegment = -1;
	let previousU = 0;
	const flips = [...(input.flips ?? [])].sort((a, b) => a - b);
	let nextFlip = 0;
	for (let f = 0; f < frames; f++) {
		const t = f * dt;
		const active = blendAt(schedule, t, scratch, channels);
		channelsAt.push(Float64Array.from(channels));
		out.clipAt.push(active.clip.id);
		out.clipSeconds[f] = active.local;
		hValues[f] = channels[H];
		poseFrom(channels, rig, pose);
		pose.x = 0;
		pose.y = 0;
		forwardKinematics(rig, pose, local);
		const offset: Record<string, [number, number]> = {};
		for (const e of effectors) offset[e] = effectorEnd(rig, local, e);
		offsets.push(offset);

		// Turns: a clip's authored pivot, a scheduled flip, or a traveller reaching the edge.
		const sameSegment = active.segment === previousSegment;
		let turn =
			sameSegment &&
			active.clip.flipAt !== undefined &&
			previousU < active.clip.flipAt &&
			active.u >= active.clip.flipAt;
		while (nextFlip < flips.length && flips[nextFlip] <= t) {
			turn = !turn;
			nextFlip++;
		}
		if (
			input.bounds &&
			input.travelling?.has(active.clip.id) &&
			((x > input.bounds[1] && facing === 1) || (x < input.bounds[0] && facing === -1))
		)
			turn = !turn;
		if (turn) {
			facing = facing === 1 ? -1 : 1;
			// Momentum turns with the body.
			vx = -vx;
			takeoffVx = -takeoffVx;
			// Turning on the spot, the body mirrors: near and far limbs trade places, so a pair that
			// is planted trades pins and both stay exactly where they stand.
			for (const e of [...pins.keys()]) {
				if (!e.includes('Near')) continue;
				const other = e.replace('Near', 'Far');
				const a = pins.get(e);
				const b = pins.get(other);
				if (!a || !b) continue;
				pins.set(e, b);
				pins.set(other, a);
				a.record.effector = other;
				b.record.effector = e;
			}
			// Keep the root where it is: the pinned limb's offset changed side.
			if (primary) {
				const [px] = pinWorld(pins.get(primary)!, supports, t);
				delta = x - (px - facing * offset[primary][0]);
			}
		}

		// Which limbs stay down, which lift, which touch down.
		const wanted = new Map<string, 'board' | 'ground' | undefined>();
		for (const e of effectors) {
			const c = contactAt(active.clip, e, active.u);
			if (c) wanted.set(e, c.on);
		}
		for (const [e, pin] of pins) {
			if (!wanted.has(e)) {
				pin.record.endFrame = f;
				pins.delete(e);
				if (primary === e) primary = undefined;
			}
		}
		const predicted = x + vx * dt;
		if (!primary) {
			const keep = [...pins.keys()][0];
			if (keep) {
				primary = keep;
				const [px] = pinWorld(pins.get(keep)!, supports, t);
				delta = predicted - (px - facing * offset[keep][0]);
			}
		}
		let newX: number;
		if (primary) {
			const [px] = pinWorld(pins.get(primary)!, supports, t);
			newX = px - facing * offset[primary][0] + delta;
			// A turn mirrors the body about the root: keep the root where it was.
			if (Math.abs(newX - predicted) > 0.5 * size) {
				delta += predicted - newX;
				newX = predicted;
			}
		} else {
			if (pinsAt[f - 1]?.size) takeoffVx = active.clip.loop ? vx : 0;
			const dxNow = channels[DX];
			const authored = sameSegment ? dxNow - previousDx : 0;
			newX = x + takeoffVx * dt + facing * authored * size;
		}
		vx = f > 0 ? (newX - x) / dt : 0;
		x = newX;
		previousDx = channels[DX];
		previousSegment = active.segment;
		previousU = active.u;

		for (const [e, on] of wanted) {
			if (pins.has(e)) continue;
			const ex = x + facing * offset[e][0];
			const support = chooseSupport(supports, ex, t, on);
			const s = supports[support.index];
			const record: ContactRecord = {
				effector: e,
				startFrame: f,
				endFrame: frames,
				supportId: s.id,
				material: s.material,
				x: ex,
				y: support.y,
				impactSpeed: 0,
			};
			out.contacts.push(record);
			let lx = ex;
			let ly = support.y;
			if (s.pose) {
				const p = s.pose(t);
				const c = Math.cos(-p.angle);
				const sn = Math.sin(-p.angle);
				const rx = ex - p.x;
				const ry = support.y - p.y;
				lx = rx * c - ry * sn;
				ly = rx * sn + ry * c;
			}
			pins.set(e, { supportIndex: support.index, lx, ly, record });
			if (!primary) {
				primary = e;
				delta = 0;
			}
		}
		pinsAt.push(new Map(pins));
		out.x[f] = x;
		out.facing[f] = facing;
	}

	// ---- pass 2: heights, IK, flight arcs --------------------------------------------------------
	// Airborne spans: the root's height glides from the take-off surface to the landing surface.
	const groundUnder = (f: number): number | undefined => {
		const p = pinsAt[f];
		if (!p.size) return undefined;
		const first = p.get(primaryAt(p)) ?? [...p.values()][0];
		return pinWorld(first, supports, f * dt)[1];
	};
	const primaryAt = (p: Map<string, Pin>) => [...p.keys()][0];
	const surfaceAt = new Float64Array(frames);
	let f0 = 0;
	while (f0 < frames) {
		const here = groundUnder(f0);
		if (here !== undefined) {
			surfaceAt[f0] = here;
			f0++;
			continue;
		}
		let f1 = f0;
		while (f1 < frames && groundUnder(f1) === undefined) f1++;
		const before = f0 > 0 ? surfaceAt[f0 - 1] : chooseSupport(supports, out.x[f0], 0, undefined).y;
		const after =
			f1 < frames
				? (groundUnder(f1) as number)
				: chooseSupport(supports, out.x[frames - 1], (frames - 1) * dt, undefined).y;
		for (let f = f0; f < f1; f++)
			surfaceAt[f] = before + (after - before) * smoothstep((f - f0 + 1) / (f1 - f0 + 1));
		f0 = f1;
	}

	const world: Skeleton = newSkeleton(rig);
	for (let f = 0; f < frames; f++) {
		const t = f * dt;
		poseFrom(channelsAt[f], rig, pose);
		const s = out.facing[f];
		let y = surfaceAt[f] + hValues[f] * size;
		const p = pinsAt[f];
		// Lower the root if a pinned limb could not otherwise reach its pin.
		pose.x = 0;
		pose.y = 0;
		forwardKinematics(rig, pose, local);
		for (const [e, pin] of p) {
			const chain = rig.effectors[e];
			const reachLength = (rig.bones[chain.upper].length + rig.bones[chain.lower].length) * 0.9995;
			const [pinX, pinY] = pinWorld(pin, supports, t);
			// In the facing frame, relative to the root; the chain must reach the tip's start.
			const [cx, cy] = chainEndBeforeTip(rig, local, e, (pinX - out.x[f]) * s, 0);
			const dxh = local.sx[chain.upper] - cx;
			if (Math.abs(dxh) >= reachLength) continue;
			const maxY =
				pinY + (cy - 0) - local.sy[chain.upper] + Math.sqrt(reachLength ** 2 - dxh * dxh);
			if (y > maxY) y = maxY;
		}
		out.y[f] = y;
		out.theta[f] = pose.theta;
		// IK in the facing-normalised frame.
		pose.x = 0;
		pose.y = 0;
		forwardKinematics(rig, pose, local);
		for (const [e, pin] of p) {
			const [px, py] = pinWorld(pin, supports, t);
			reach(rig, pose, local, e, (px - out.x[f]) * s, py - y);
		}
		out.angles.push(Float64Array.from(pose.angles));
		// Impact speed of limbs touching down this frame, from their drop over the last frame.
		if (f > 0)
			for (const [e, pin] of p) {
				if (pin.record.startFrame !== f) continue;
				const before = endOf(out, f - 1, e, world);
				const [, py] = pinWorld(pin, supports, t);
				pin.record.impactSpeed = Math.max(0, (before[1] - py) / dt);
			}
	}
	return out;
}

/** World position of an effector's end at a solved frame. */
export function endOf(
	performance: Performance,
	frame: number,
	effector: string,
	scratch: Skeleton = newSkeleton(performance.rig),
): [number, number] {
	skeletonAt(performance, frame, scratch);
	return effectorEnd(performance.rig, scratch, effector);
}

/** The world skeleton (metres, y up) of a solved frame; x already mirrored for the facing. */
export function skeletonAt(
	performance: Performance,
	frame: number,
	out: Skeleton = newSkeleton(performance.rig),
): Skeleton {
	const f = Math.max(0, Math.min(performance.frames - 1, frame));
	const pose: Pose = { x: 0, y: 0, theta: performance.theta[f], angles: performance.angles[f] };
	forwardKinematics(performance.rig, pose, out);
	const s = performance.facing[f];
	const x0 = performance.x[f];
	const y0 = performance.y[f];
	for (let i = 0; i < performance.rig.bones.length; i++) {
		out.sx[i] = x0 + s * out.sx[i];
		out.ex[i] = x0 + s * out.ex[i];
		out.sy[i] += y0;
		out.ey[i] += y0;
		if (s < 0) out.phi[i] = -out.phi[i];
	}
	return out;
}

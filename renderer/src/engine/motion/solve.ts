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
		// Only the root's turn wraps (a flip ends a full turn round); joints blend the way they bend.
		const d = c === THETA ? wrapAngle(b[c] - a[c]) : b[c] - a[c];
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

/**
 * Pass 1 of the solver, one frame at a time: where the body travels, which way it faces and which
 * limbs are planted where (none of which depends on heights). It can be cloned and stepped on, so
 * a planner can try what a clip would do next without solving the shot again from the start.
 */
export class Travel {
	readonly frames: number;
	frame = 0;
	x: number;
	facing: 1 | -1;
	readonly xs: Float64Array;
	readonly facings: Int8Array;
	readonly hValues: Float64Array;
	readonly clipSeconds: Float64Array;
	clipAt: string[] = [];
	channelsAt: Float64Array[] = [];
	pinsAt: Array<Map<string, Pin>> = [];
	contacts: ContactRecord[] = [];
	private pins = new Map<string, Pin>();
	private primary: string | undefined;
	private delta = 0;
	private vx = 0;
	private takeoffVx = 0;
	private previousDx = 0;
	private previousSegment = -1;
	private previousU = 0;
	private nextFlip = 0;
	private readonly flips: number[];
	private readonly effectors: string[];
	private readonly channels: Float64Array;
	private readonly scratch: [Float64Array, Float64Array];
	private readonly pose: Pose;
	private readonly local: Skeleton;

	constructor(readonly input: SolveInput) {
		const { rig, frames } = input;
		const n = channelCount(rig);
		this.frames = frames;
		this.x = input.startX;
		this.facing = input.facing;
		this.xs = new Float64Array(frames);
		this.facings = new Int8Array(frames);
		this.hValues = new Float64Array(frames);
		this.clipSeconds = new Float64Array(frames);
		this.flips = [...(input.flips ?? [])].sort((a, b) => a - b);
		this.effectors = Object.keys(rig.effectors);
		this.channels = new Float64Array(n);
		this.scratch = [new Float64Array(n), new Float64Array(n)];
		this.pose = { x: 0, y: 0, theta: 0, angles: new Float64Array(rig.bones.length) };
		this.local = newSkeleton(rig);
	}

	/** A copy that can be stepped on without changing this one (the schedule is shared: append only). */
	clone(schedule = this.input.schedule): Travel {
		const copy = Object.create(Travel.prototype) as Travel;
		Object.assign(copy, this);
		(copy as { input: SolveInput }).input = { ...this.input, schedule };
		(copy as { xs: Float64Array }).xs = Float64Array.from(this.xs);
		(copy as { facings: Int8Array }).facings = Int8Array.from(this.facings);
		(copy as { hValues: Float64Array }).hValues = Float64Array.from(this.hValues);
		(copy as { clipSeconds: Float64Array }).clipSeconds = Float64Array.from(this.clipSeconds);
		copy.clipAt = [...this.clipAt];
		copy.channelsAt = [...this.channelsAt];
		copy.pinsAt = [...this.pinsAt];
		// Planted limbs are still changing: their pins and records are the copy's own.
		const records = new Map<ContactRecord, ContactRecord>();
		copy.pins = new Map(
			[...this.pins].map(([e, pin]) => {
				const record = { ...pin.record };
				records.set(pin.record, record);
				return [e, { ...pin, record }];
			}),
		);
		copy.contacts = this.contacts.map((c) => records.get(c) ?? c);
		return copy;
	}

	/** Solves frames up to (not including) `end`. */
	advance(end: number): this {
		while (this.frame < Math.min(end, this.frames)) this.step();
		return this;
	}

	private step(): void {
		const { rig, fps, supports } = this.input;
		const schedule = this.input.schedule;
		const dt = 1 / fps;
		const f = this.frame;
		const t = f * dt;
		const channels = this.channels;
		const pose = this.pose;
		const local = this.local;
		const pins = this.pins;
		const active = blendAt(schedule, t, this.scratch, channels);
		this.channelsAt.push(Float64Array.from(channels));
		this.clipAt.push(active.clip.id);
		this.clipSeconds[f] = active.local;
		this.hValues[f] = channels[H];
		poseFrom(channels, rig, pose);
		pose.x = 0;
		pose.y = 0;
		forwardKinematics(rig, pose, local);
		const offset: Record<string, [number, number]> = {};
		for (const e of this.effectors) offset[e] = effectorEnd(rig, local, e);

		// Turns: a clip's authored pivot, a scheduled flip, or a traveller reaching the edge.
		const sameSegment = active.segment === this.previousSegment;
		let turn =
			sameSegment &&
			active.clip.flipAt !== undefined &&
			this.previousU < active.clip.flipAt &&
			active.u >= active.clip.flipAt;
		while (this.nextFlip < this.flips.length && this.flips[this.nextFlip] <= t) {
			turn = !turn;
			this.nextFlip++;
		}
		const bounds = this.input.bounds;
		if (
			bounds &&
			this.input.travelling?.has(active.clip.id) &&
			((this.x > bounds[1] && this.facing === 1) || (this.x < bounds[0] && this.facing === -1))
		)
			turn = !turn;
		if (turn) {
			this.facing = this.facing === 1 ? -1 : 1;
			// Momentum turns with the body.
			this.vx = -this.vx;
			this.takeoffVx = -this.takeoffVx;
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
			if (this.primary) {
				const [px] = pinWorld(pins.get(this.primary)!, supports, t);
				this.delta = this.x - (px - this.facing * offset[this.primary][0]);
			}
		}
		const facing = this.facing;

		// Which limbs stay down, which lift, which touch down.
		const wanted = new Map<string, 'board' | 'ground' | undefined>();
		for (const e of this.effectors) {
			const c = contactAt(active.clip, e, active.u);
			if (c) wanted.set(e, c.on);
		}
		for (const [e, pin] of pins) {
			if (!wanted.has(e)) {
				pin.record.endFrame = f;
				pins.delete(e);
				if (this.primary === e) this.primary = undefined;
			}
		}
		const x = this.x;
		const predicted = x + this.vx * dt;
		if (!this.primary) {
			const keep = [...pins.keys()][0];
			if (keep) {
				this.primary = keep;
				const [px] = pinWorld(pins.get(keep)!, supports, t);
				this.delta = predicted - (px - facing * offset[keep][0]);
			}
		}
		let newX: number;
		if (this.primary) {
			const [px] = pinWorld(pins.get(this.primary)!, supports, t);
			newX = px - facing * offset[this.primary][0] + this.delta;
			// A turn mirrors the body about the root: keep the root where it was.
			if (Math.abs(newX - predicted) > 0.5 * this.input.size) {
				this.delta += predicted - newX;
				newX = predicted;
			}
		} else {
			if (this.pinsAt[f - 1]?.size) this.takeoffVx = active.clip.loop ? this.vx : 0;
			const authored = sameSegment ? channels[DX] - this.previousDx : 0;
			const own = active.clip.speed;
			newX =
				x +
				(own !== undefined ? facing * own * this.input.size : this.takeoffVx) * dt +
				facing * authored * this.input.size;
		}
		this.vx = f > 0 ? (newX - x) / dt : 0;
		this.x = newX;
		this.previousDx = channels[DX];
		this.previousSegment = active.segment;
		this.previousU = active.u;

		for (const [e, on] of wanted) {
			if (pins.has(e)) continue;
			const ex = newX + facing * offset[e][0];
			const support = chooseSupport(supports, ex, t, on);
			const s = supports[support.index];
			const record: ContactRecord = {
				effector: e,
				startFrame: f,
				endFrame: this.frames,
				supportId: s.id,
				material: s.material,
				x: ex,
				y: support.y,
				impactSpeed: 0,
			};
			this.contacts.push(record);
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
			if (!this.primary) {
				this.primary = e;
				this.delta = 0;
			}
		}
		this.pinsAt.push(new Map(pins));
		this.xs[f] = newX;
		this.facings[f] = facing;
		this.frame++;
	}
}

/** Solves a performer's whole shot. */
export function solvePerformance(input: SolveInput): Performance {
	const { rig, size, fps, frames, supports } = input;
	const local: Skeleton = newSkeleton(rig);
	const pose: Pose = { x: 0, y: 0, theta: 0, angles: new Float64Array(rig.bones.length) };
	const dt = 1 / fps;
	const travel = new Travel(input).advance(frames);
	const { pinsAt, hValues, channelsAt } = travel;
	const out: Performance = {
		rig,
		size,
		mass: input.mass,
		fps,
		frames,
		x: travel.xs,
		y: new Float64Array(frames),
		theta: new Float64Array(frames),
		facing: travel.facings,
		angles: [],
		contacts: travel.contacts,
		clipAt: travel.clipAt,
		clipSeconds: travel.clipSeconds,
	};

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

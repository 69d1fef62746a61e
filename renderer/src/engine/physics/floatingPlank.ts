/**
 * Floating-plank set-piece: a wooden plank floating on open water (a lake, pool, river or the sea)
 * with a performer on it. The plank is a rapier body held up by buoyancy — the weight of the water
 * it displaces, summed along its length against the local water level, so it tilts when loaded off
 * centre — and slowed by drag; the performer's feet push on it with their weight and the force of
 * every landing, so it dips under a landing and bobs back. The water surface is a row of spring
 * columns (Hooke's law, damping, neighbours coupled so waves travel): the plank pushes the water
 * under it down as it dips and the ripples run outwards. A hard dip is a 'water' contact (a splash).
 */
import type { BodyPose, ContactEvent, PlannedShot } from '../storyboard';
import type { ShotPerformance } from '../motion/perform';
import { FLOATING_PLANK, WATER_SURFACE, setPieceView } from '../motion/stage';
import { combinedSupportLoad } from './performers';
import { Simulation, loadedRapier, type SetPieceTrack, type SimulationOptions } from './world';

const WATER_DENSITY = 1000;
const PLANK_MASS = 40;
const SAMPLES = 16;
const SURFACE = { stiffness: 45, damping: 1.6, spread: 0.3, push: 0.06 } as const;
/** Vertical drag of the water on the plank (N·s/m): about half of critical damping. */
const DRAG = 800;

export function floatingPlank(
	options: SimulationOptions,
	shot: Pick<PlannedShot, 'frameCount'>,
	performance: ShotPerformance,
): SetPieceTrack {
	const R = loadedRapier();
	const sim = new Simulation(options);
	const { halfLength: L, halfThickness: h, depth } = FLOATING_PLANK;
	const area = 4 * L * h;
	const plank = sim.add(
		{ id: 'plank', kind: 'floating-plank', w: L, h, material: 'wood' },
		R.RigidBodyDesc.dynamic().setTranslation(0, h - PLANK_MASS / (WATER_DENSITY * depth * 2 * L)),
		[
			R.ColliderDesc.cuboid(L, h)
				.setDensity(PLANK_MASS / area)
				.setSensor(true),
		],
	);
	// Loads of everyone standing on the plank, per frame.
	const frames = shot.frameCount;
	const { force, at } = combinedSupportLoad(performance, 'plank', frames);
	// Feet press over a few hundredths of a second, not in one instant: smooth over three frames.
	const smoothed = Float64Array.from(
		force,
		(_, f) => (force[Math.max(0, f - 1)] + force[f] * 2 + force[Math.min(frames - 1, f + 1)]) / 4,
	);
	force.set(smoothed);
	// Let the plank settle under the standing load before the shot starts (no bob at frame 0).
	const settle = force[0] ? force[0] / (WATER_DENSITY * 9.81 * depth * 2 * L) : 0;
	plank.body.setTranslation({ x: 0, y: plank.body.translation().y - settle }, true);

	const n = WATER_SURFACE.columns;
	const spacing = (WATER_SURFACE.maxX - WATER_SURFACE.minX) / (n - 1);
	const height = new Float64Array(n);
	const velocity = new Float64Array(n);
	const dt = sim.world.timestep;
	const columnX = (i: number) => WATER_SURFACE.minX + i * spacing;
	const surfaceAt = (x: number) => {
		const u = (x - WATER_SURFACE.minX) / spacing;
		const i = Math.max(0, Math.min(n - 2, Math.floor(u)));
		const f = Math.max(0, Math.min(1, u - i));
		return height[i] * (1 - f) + height[i + 1] * f;
	};

	const beforeStep = (subStep: number) => {
		const body = plank.body;
		const p = body.translation();
		const angle = body.rotation();
		const c = Math.cos(angle);
		const s = Math.sin(angle);
		const v = body.linvel();
		const w = body.angvel();
		body.resetForces(true);
		body.resetTorques(true);
		// Buoyancy and drag, sample by sample along the plank's underside.
		for (let k = 0; k < SAMPLES; k++) {
			const u = -L + ((2 * k + 1) * L) / SAMPLES;
			const bx = p.x + u * c + h * s;
			const by = p.y + u * s - h * c;
			const submerged = Math.max(0, Math.min(2 * h, surfaceAt(bx) - by));
			if (submerged <= 0) continue;
			const vyPoint = v.y + w * (bx - p.x);
			const lift = WATER_DENSITY * 9.81 * submerged * ((2 * L) / SAMPLES) * depth;
			const drag = (-DRAG / SAMPLES) * vyPoint * (submerged / (2 * h) + 0.3);
			body.addForceAtPoint({ x: (-v.x * 30) / SAMPLES, y: lift + drag }, { x: bx, y: by }, true);
		}
		// Moored loosely: it does not drift out of the picture.
		body.addForce({ x: -p.x * 200, y: 0 }, true);
		// The performers' feet.
		const frame = Math.min(frames - 1, Math.floor(subStep / options.substeps));
		if (force[frame] > 0)
			body.addForceAtPoint({ x: 0, y: -force[frame] }, { x: at[frame], y: p.y + h }, true);
		// The water the plank displaces as it sinks wells up at its ends and runs off as waves.
		for (const end of [-1, 1]) {
			const x = p.x + end * L * c;
			const first = Math.round((x - WATER_SURFACE.minX) / spacing) + end;
			for (let k = 0; k < 2; k++) {
				const i = first + end * k;
				if (i >= 0 && i < n) velocity[i] -= v.y * SURFACE.push;
			}
		}
		for (let i = 0; i < n; i++)
			velocity[i] += (-SURFACE.stiffness * height[i] - SURFACE.damping * velocity[i]) * dt;
		for (let i = 0; i < n; i++) height[i] += velocity[i] * dt;
		for (let i = 0; i < n; i++) {
			const left = i > 0 ? height[i - 1] - height[i] : 0;
			const right = i < n - 1 ? height[i + 1] - height[i] : 0;
			velocity[i] += SURFACE.spread * SURFACE.stiffness * (left + right) * dt;
		}
	};
	const floor = -3;
	sim.extraPoses = (): BodyPose[] =>
		Array.from(height, (y, i) => ({
			id: `lake-${i}`,
			kind: 'water-column' as const,
			x: columnX(i),
			y: (y + floor) / 2,
			angle: 0,
			w: spacing / 2,
			h: (y - floor) / 2,
		}));
	sim.run(beforeStep);

	// Splashes: the plank slapping down into the water.
	const contacts: ContactEvent[] = [];
	let splashing = false;
	for (let f = 1; f < sim.frames.length; f++) {
		const a = sim.frames[f - 1].find((b) => b.id === 'plank')!;
		const b = sim.frames[f].find((q) => q.id === 'plank')!;
		const vy = (b.y - a.y) * options.fps;
		if (vy < -0.25 && !splashing) {
			splashing = true;
			const frame = options.startFrame + f;
			contacts.push({
				frame,
				time: frame / options.fps,
				energy: 0.5 * (PLANK_MASS + (force[f] / 9.81) * 0.3) * vy * vy,
				material: 'water',
				bodies: ['plank', 'water'],
			});
		} else if (vy > -0.05) splashing = false;
	}
	const track = {
		scene: 'floating-plank' as const,
		frames: sim.frames,
		contacts: [...sim.contacts, ...contacts].sort((x, y) => x.frame - y.frame),
		view: setPieceView('floating-plank'),
	};
	sim.free();
	return track;
}

/** How far the plank's top at x is from where it floats unloaded at rest (negative: below). */
export function plankDip(poses: readonly BodyPose[], x: number): number {
	const plank = poses.find((p) => p.kind === 'floating-plank');
	if (!plank) return 0;
	const u = Math.max(-plank.w, Math.min(plank.w, x - plank.x));
	const top = plank.y + u * Math.tan(plank.angle) + plank.h;
	return top - FLOATING_PLANK.halfThickness;
}

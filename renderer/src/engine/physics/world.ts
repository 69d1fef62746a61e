/**
 * The rapier2d world shared by every set-piece: the wasm is initialised once per process, each
 * simulation gets a fresh world (so runs never influence each other), poses are recorded once per
 * video frame and contacts are timed to the nearest frame from the sub-step they happened in.
 */
import RAPIER from '@dimforge/rapier2d-compat';
import type { BodyPose, ContactEvent, PhysicsTrack } from '../storyboard';
import { compileRapierBaselineOnly } from './baselineWasm';

export type Rapier = typeof RAPIER;
let ready: Promise<Rapier> | undefined;

/** Loads rapier's wasm; safe to call many times. */
export function initPhysics(): Promise<Rapier> {
	if (!ready) {
		// Before rapier's own compile, which then reuses this module (see baselineWasm.ts).
		compileRapierBaselineOnly();
		ready = RAPIER.init().then(() => RAPIER);
	}
	return ready;
}

export function loadedRapier(): Rapier {
	if (!ready) throw new Error('initPhysics() must be awaited before simulating');
	return RAPIER;
}

export type Material = 'rubber' | 'metal' | 'wood' | 'floor' | 'water' | 'other';

export interface TrackedBody {
	id: string;
	kind: BodyPose['kind'];
	body: InstanceType<Rapier['RigidBody']>;
	w: number;
	h: number;
	material: Material;
}

const MATERIAL_PAIRS: Record<string, ContactEvent['material']> = {
	'metal|rubber': 'rubber-metal',
	'rubber|wood': 'rubber-wood',
	'floor|rubber': 'rubber-floor',
	'wood|wood': 'wood-wood',
	'floor|wood': 'wood-floor',
};

export function contactMaterial(a: Material, b: Material): ContactEvent['material'] {
	if (a === 'water' || b === 'water') return 'water';
	return MATERIAL_PAIRS[[a, b].sort().join('|')] ?? 'generic';
}

/** What a set-piece simulates for a shot; the caller files it under the shot's index. */
export type SetPieceTrack = Omit<PhysicsTrack, 'shotIndex'>;

/** A set-piece that drops `objects` seeded things into its scene (plank, stack, water). */
export type DroppedObjectsSetPiece = (
	options: SimulationOptions,
	seed: number,
	objects: number,
) => SetPieceTrack;

export interface SimulationOptions {
	fps: number;
	frameCount: number;
	/** Absolute frame of the shot's first frame. */
	startFrame: number;
	substeps: number;
}

/**
 * Steps a world through a shot: `frames[f]` is the pose after `f` frame intervals, and a contact
 * found in a sub-step is reported on the frame nearest to its time. `beforeStep` lets a set-piece
 * apply forces (water buoyancy, a throw) at a given sub-step.
 */
export class Simulation {
	readonly R: Rapier;
	readonly world: InstanceType<Rapier['World']>;
	readonly bodies: TrackedBody[] = [];
	readonly frames: BodyPose[][] = [];
	readonly contacts: ContactEvent[] = [];
	/** Poses of things simulated outside rapier (water columns), recorded with every frame. */
	extraPoses?: () => BodyPose[];
	private readonly byCollider = new Map<number, TrackedBody>();
	private readonly queue: InstanceType<Rapier['EventQueue']>;

	constructor(readonly options: SimulationOptions) {
		this.R = loadedRapier();
		this.world = new this.R.World({ x: 0, y: -9.81 });
		this.world.timestep = 1 / (options.fps * options.substeps);
		this.queue = new this.R.EventQueue(true);
	}

	add(
		tracked: Omit<TrackedBody, 'body'>,
		bodyDesc: InstanceType<Rapier['RigidBodyDesc']>,
		colliders: InstanceType<Rapier['ColliderDesc']>[],
	): TrackedBody {
		const body = this.world.createRigidBody(bodyDesc);
		const entry: TrackedBody = { ...tracked, body };
		for (const desc of colliders) {
			desc.setActiveEvents(this.R.ActiveEvents.COLLISION_EVENTS);
			const collider = this.world.createCollider(desc, body);
			this.byCollider.set(collider.handle, entry);
		}
		this.bodies.push(entry);
		return entry;
	}

	/**
	 * The floor most set-pieces stand on: a fixed slab `halfWidth` metres either side of x = 0 whose
	 * top is y = 0. `friction` is the floor's own (rapier's default when not given).
	 */
	addFloor(friction?: number, halfWidth = 10): TrackedBody {
		const collider = this.R.ColliderDesc.cuboid(halfWidth, 0.5);
		return this.add(
			{ id: 'floor', kind: 'ground', w: halfWidth, h: 0.5, material: 'floor' },
			this.R.RigidBodyDesc.fixed().setTranslation(0, -0.5),
			[friction === undefined ? collider : collider.setFriction(friction)],
		);
	}

	/** Runs the world through the shot, frees it and returns what it recorded as the shot's track. */
	runToTrack(
		scene: NonNullable<PhysicsTrack['scene']>,
		view: PhysicsTrack['view'],
		beforeStep?: (subStep: number) => void,
	): SetPieceTrack {
		this.run(beforeStep);
		const track = { scene, frames: this.frames, contacts: this.contacts, view };
		this.free();
		return track;
	}

	pose(): BodyPose[] {
		const poses = this.bodies.map((b): BodyPose => {
			const t = b.body.translation();
			return { id: b.id, kind: b.kind, x: t.x, y: t.y, angle: b.body.rotation(), w: b.w, h: b.h };
		});
		return this.extraPoses ? poses.concat(this.extraPoses()) : poses;
	}

	private kineticEnergy(b: TrackedBody): number {
		if (!b.body.isDynamic()) return 0;
		const v = b.body.linvel();
		const m = b.body.mass();
		const w = b.body.angvel();
		return 0.5 * m * (v.x * v.x + v.y * v.y) + 0.5 * b.body.principalInertia() * w * w;
	}

	/** Records an extra contact (one not seen by rapier, e.g. the water surface) at a sub-step. */
	recordContact(
		subStep: number,
		energy: number,
		material: ContactEvent['material'],
		bodies: [string, string],
	): void {
		const { fps, substeps, startFrame } = this.options;
		const local = Math.min(this.options.frameCount - 1, Math.round(subStep / substeps));
		const frame = startFrame + local;
		this.contacts.push({ frame, time: frame / fps, energy, material, bodies });
	}

	run(beforeStep?: (subStep: number) => void, afterStep?: (subStep: number) => void): void {
		const { frameCount, substeps } = this.options;
		this.frames.push(this.pose());
		let subStep = 0;
		for (let f = 1; f < frameCount; f++) {
			for (let s = 0; s < substeps; s++) {
				subStep++;
				beforeStep?.(subStep);
				const energyBefore = new Map(this.bodies.map((b) => [b.id, this.kineticEnergy(b)]));
				this.world.step(this.queue);
				this.queue.drainCollisionEvents((h1, h2, started) => {
					if (!started) return;
					const a = this.byCollider.get(h1);
					const b = this.byCollider.get(h2);
					if (!a || !b) return;
					const lost = [a, b].reduce(
						(sum, x) => sum + Math.max(0, (energyBefore.get(x.id) ?? 0) - this.kineticEnergy(x)),
						0,
					);
					// A touch that loses almost nothing still makes a sound; floor it at an audible minimum.
					this.recordContact(
						subStep,
						Math.max(lost, 1e-3),
						contactMaterial(a.material, b.material),
						[a.id, b.id],
					);
				});
				afterStep?.(subStep);
			}
			this.frames.push(this.pose());
		}
		this.contacts.sort((x, y) => x.frame - y.frame);
	}

	free(): void {
		this.world.free();
		this.queue.free();
	}
}

/**
 * The stage of a shot in metres: how much of the world the frame shows at the actors' depth, the
 * set-piece's geometry and view, what a body can stand on (ground, a balance beam, a floating
 * plank, a board) and where travellers turn round so they stay in the picture. It depends only on
 * the frame's aspect ratio and the shot, never on its pixel size, so the physics (which runs on
 * the full-size storyboard) and a half-size draft frame agree to the millimetre.
 */
import type { PhysicsSceneId, PlannedShot, SettingId } from '../storyboard';
import type { Support, SurfaceMaterial } from './solve';

/** A person's height in metres: characters and bodies share one scale. */
export const PERSON_METRES = 1.75;

export interface ViewRect {
	minX: number;
	maxX: number;
	minY: number;
	maxY: number;
}

export const BEAM = { halfLength: 2.5, top: 1.25, thickness: 0.1, legX: 1.9 } as const;
export const FLOATING_PLANK = { halfLength: 1.5, halfThickness: 0.08, depth: 0.6 } as const;
export const NET = { top: 2.3, band: 0.9, postHalf: 0.04 } as const;
export const WATER_SURFACE = { minX: -4, maxX: 4, columns: 64 } as const;

/** The world rectangle each set-piece needs on screen (metres, y up, ground or water at 0). */
export function setPieceView(scene: PhysicsSceneId, objects = 1): ViewRect {
	switch (scene) {
		case 'basketball':
			return { minX: 0.5, maxX: 7.6, minY: 0, maxY: 4.3 };
		case 'stack':
			return { minX: -2, maxX: 2, minY: 0, maxY: Math.max(3, 0.6 * Math.min(objects, 12) + 1) };
		case 'plank':
			return { minX: -2.6, maxX: 2.6, minY: 0, maxY: 3.4 };
		case 'water':
			return { minX: -2.6, maxX: 2.6, minY: 0, maxY: 4 };
		case 'balance-beam':
			return { minX: -2.8, maxX: 2.8, minY: 0, maxY: 3.3 };
		case 'floating-plank':
			return { minX: -1.95, maxX: 1.95, minY: -0.7, maxY: 2.9 };
		case 'volleyball':
			return { minX: -3, maxX: 3, minY: 0, maxY: 3.5 };
		case 'surf':
			return { minX: -3, maxX: 3, minY: -1.2, maxY: 3.4 };
	}
}

/** Set-pieces whose performers share the set-piece's scale exactly (they act on it). */
export const ACTED_SET_PIECES: ReadonlySet<PhysicsSceneId> = new Set([
	'balance-beam',
	'floating-plank',
	'volleyball',
	'surf',
]);

export interface FrameMap {
	/** Pixels per metre of the set-piece's bodies. */
	scale: number;
	originX: number;
	originY: number;
}

/** Fits a view into a frame, above the ground line and centred. */
export function fitViewRect(
	view: ViewRect,
	width: number,
	height: number,
	groundY: number,
): FrameMap {
	const scale = Math.min(
		(width * 0.94) / (view.maxX - view.minX),
		(groundY - height * 0.08) / (view.maxY - view.minY),
	);
	return {
		scale,
		originX: width / 2 - ((view.minX + view.maxX) / 2) * scale,
		originY: groundY + view.minY * scale,
	};
}

/** Where feet stand in the frame, as a fraction of its height. */
export const GROUND_Y = 0.86;

/**
 * How actors are placed in a frame: pixels per metre, the pixel of world (0, 0), and the pixel
 * height of an average person. Characters fill about a third of the height, except in a set-piece
 * shot, where they share its metric scale (within reason for the older set-pieces, so they never
 * shrink to specks; exactly for the ones they act on).
 */
export function actorMap(
	width: number,
	height: number,
	shot: Pick<PlannedShot, 'physics'>,
	animalsOnly?: number,
): { ppm: number; originX: number; originY: number; unit: number; bodies?: FrameMap } {
	const groundY = height * GROUND_Y;
	const portraitUnit = Math.min(height * 0.36, width * 0.62);
	if (!shot.physics) {
		// With no person in it, the shot is framed on its animals: the biggest is about a third of
		// the frame's width from nose to tail.
		const ppm = animalsOnly
			? Math.min((0.34 * width) / animalsOnly, (0.3 * height) / animalsOnly)
			: portraitUnit / PERSON_METRES;
		return { ppm, originX: width / 2, originY: groundY, unit: ppm * PERSON_METRES };
	}
	const bodies = fitViewRect(
		setPieceView(shot.physics.scene, shot.physics.objects),
		width,
		height,
		groundY,
	);
	if (ACTED_SET_PIECES.has(shot.physics.scene))
		return {
			ppm: bodies.scale,
			originX: bodies.originX,
			originY: bodies.originY,
			unit: PERSON_METRES * bodies.scale,
			bodies,
		};
	const unit = Math.max(0.45 * portraitUnit, Math.min(portraitUnit, PERSON_METRES * bodies.scale));
	return { ppm: unit / PERSON_METRES, originX: width / 2, originY: groundY, unit, bodies };
}

/** A frame of nominal size with the same shape: stage quantities in metres do not depend on pixels. */
const NOMINAL_WIDTH = 1000;

export interface Stage {
	/** World x at the left and right edges of the frame, at the actors' depth. */
	left: number;
	right: number;
	/** World y at the top and bottom edges of the frame (bottom is below the ground: negative). */
	top: number;
	bottom: number;
	/** Travellers turn round here. */
	bounds: [number, number];
	supports: Support[];
	groundMaterial: SurfaceMaterial;
	/** Whether prints stay in the ground (sand, snow). */
	printsStay: boolean;
	/** People swim in this shot: the foreground is open water. */
	swimmers?: boolean;
	/** A dive shot: the x of the edge the diver springs from (open water beyond it). */
	diveEdge?: number;
	/** The actors' pixels per metre and origin in a nominal frame of this shape. */
	ppm: number;
	originX: number;
	/** An x of the set-piece's own world (its bodies' metres) in the actors' metres. */
	fromSetPiece(x: number): number;
}

const SOFT: Partial<Record<SettingId, SurfaceMaterial>> = {
	beach: 'sand',
	forest: 'grass',
	mountains: 'grass',
	yard: 'grass',
	river: 'grass',
	lake: 'grass',
};

/** Settings with water at the actors' depth to dive into. */
const DIVE_WATER: ReadonlySet<SettingId> = new Set(['lake', 'pool', 'river', 'beach']);
/** Where a dive starts from: an edge (the pool's, a jetty) left of the middle, its top above the water. */
export const DIVE_EDGE = { at: 0.22, top: 0.35 } as const;

/**
 * How people take to the water in a shot: `dive` when someone dives in from an edge, `swim` when
 * people swim (the foreground is then open water), undefined when no one does. A fish's swimming
 * is not this: `people` says whether the shot has people in it.
 */
export function peopleInWater(
	shot: Pick<PlannedShot, 'actions' | 'setting' | 'physics'>,
	people: boolean,
): 'dive' | 'swim' | undefined {
	if (shot.physics || !people || !DIVE_WATER.has(shot.setting)) return undefined;
	if (shot.actions.some((a) => a.action === 'dive')) return 'dive';
	return shot.actions.some((a) => a.action === 'swim') ? 'swim' : undefined;
}

/** Whether the ground of a shot is covered in snow. */
export function snowCovered(
	shot: Pick<PlannedShot, 'groundCover' | 'weather' | 'setting'>,
): boolean {
	if (shot.groundCover) return shot.groundCover === 'snow';
	return (
		shot.weather === 'snow' &&
		!['gym', 'studio', 'room', 'space', 'gymnastics', 'pool', 'city-night'].includes(shot.setting)
	);
}

/**
 * The nose-to-tail length (metres) of the biggest animal when a shot shows animals and no people,
 * else undefined (the shot is framed on people). `spineOf` gives an animal's spine length.
 */
export function animalFraming(
	shot: Pick<PlannedShot, 'placements'>,
	characters: ReadonlyArray<{ id: string; animal?: { species: string; size: number } }>,
	spineOf: (species: string, size: number) => number,
): number | undefined {
	const cast = shot.placements
		.map((p) => characters.find((c) => c.id === p.character))
		.filter((c): c is NonNullable<typeof c> => c !== undefined);
	if (!cast.length || cast.some((c) => !c.animal)) return undefined;
	return Math.max(...cast.map((c) => 2.2 * spineOf(c.animal!.species, c.animal!.size)));
}

export function stageFor(aspect: number, shot: PlannedShot, animalsOnly?: number): Stage {
	const width = NOMINAL_WIDTH;
	const height = NOMINAL_WIDTH / aspect;
	const map = actorMap(width, height, shot, animalsOnly);
	const left = (0 - map.originX) / map.ppm;
	const right = (width - map.originX) / map.ppm;
	const margin = Math.min(0.45, 0.12 * (right - left));
	const snowy = snowCovered(shot);
	const groundMaterial: SurfaceMaterial = snowy ? 'snow' : (SOFT[shot.setting] ?? 'floor');
	const ground: Support = { id: 'ground', material: groundMaterial, top: () => 0 };
	const supports: Support[] = [];
	const scene = shot.physics?.scene;
	if (scene === 'balance-beam')
		supports.push({
			id: 'beam',
			material: 'wood',
			top: (x) => (Math.abs(x) <= BEAM.halfLength ? BEAM.top : undefined),
		});
	if (scene === 'floating-plank')
		supports.push({
			id: 'plank',
			material: 'wood',
			top: (x) =>
				Math.abs(x) <= FLOATING_PLANK.halfLength ? FLOATING_PLANK.halfThickness : undefined,
		});
	// A dive into a pool, lake, river or the sea: an edge to spring from, open water beyond it.
	const inWater = peopleInWater(shot, animalsOnly === undefined);
	const diveEdge = inWater === 'dive' ? left + (right - left) * DIVE_EDGE.at : undefined;
	if (diveEdge !== undefined)
		supports.push({
			id: 'edge',
			material: 'floor',
			top: (x) => (x <= diveEdge ? DIVE_EDGE.top : undefined),
		});
	supports.push(
		scene === 'floating-plank' || scene === 'surf' || inWater !== undefined
			? { id: 'water', material: 'water', top: () => 0 }
			: ground,
	);
	return {
		left,
		right,
		top: map.originY / map.ppm,
		bottom: (map.originY - height) / map.ppm,
		// Swimmers turn before they reach the edge they dived from.
		bounds: [Math.max(left + margin, (diveEdge ?? -Infinity) + 0.9), right - margin],
		supports,
		groundMaterial,
		printsStay: groundMaterial === 'sand' || groundMaterial === 'snow',
		...(inWater ? { swimmers: true } : {}),
		...(diveEdge !== undefined ? { diveEdge } : {}),
		ppm: map.ppm,
		originX: map.originX,
		fromSetPiece: (x) =>
			map.bodies ? (map.bodies.originX + x * map.bodies.scale - map.originX) / map.ppm : x,
	};
}

/** World x (metres) of a placement's x (0..1 across the frame). */
export function placementX(stage: Stage, x: number): number {
	return stage.left + (stage.right - stage.left) * x;
}

/**
 * Renders the frames of one shot. The setting's parallax layers (with the static props and the
 * time-of-day tint baked in) are painted once into offscreen canvases when the shot is prepared;
 * each frame then only places those layers for the camera and draws what moves: the performers
 * (skeletons solved ahead for the whole shot, see engine/motion), set-pieces and physics bodies,
 * prints, splashes, weather and the setting's small animations.
 */
import { createCanvas, type Canvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import type {
	CharacterLook,
	CharacterProfile,
	ContactEvent,
	PhysicsTrack,
	PlannedShot,
	SpeechClip,
	Storyboard,
	TimedViseme,
} from '../storyboard';
import {
	WATER_SETTINGS,
	animalSpine,
	performShot,
	type ActorPerformance,
	type ShotPerformance,
} from '../motion/perform';
import type { Quadruped } from '../motion/animal';
import { newSkeleton, type Skeleton } from '../motion/rig';
import { skeletonAt } from '../motion/solve';
import {
	ACTED_SET_PIECES,
	GROUND_Y,
	actorMap,
	animalFraming,
	peopleInWater,
	fitViewRect,
	setPieceView,
	snowCovered,
} from '../motion/stage';
import { plankDip } from '../physics/floatingPlank';
import { drawBird, drawFish, drawQuadruped } from './animals';
import { drawPerson, type StageMap } from './body';
import { Camera, type CameraPose } from './camera';
import { parseHex, toHex } from './colour';
import { HOUR_OF, lightingFor, type Lighting } from './lighting';
import { visemeAt } from './mouth';
import { drawBodies, type WorldToFrame } from './physicsView';
import { drawProps, isHeldProp } from './props';
import { inkedContext, plainInk, type Ink } from './ink';
import { hashString, seededRandom } from './random';
import {
	beamDip,
	drawFishbowl,
	drawBalanceBeam,
	drawBall,
	drawBoard,
	drawFloatingPlank,
	drawNet,
	drawOpenWaterFront,
	drawPrints,
	drawSandcastle,
	drawSplashes,
	drawSurfWave,
	drawVolleyball,
	type Print,
} from './setPieces';
import { SETTINGS, type SceneGeometry, type SettingPainter } from './settings';
import { WeatherLayer } from './weather';
import {
	drawGearBehind,
	drawGearFront,
	drawLighthouse,
	drawTraffic,
	type GearFrame,
	type VehicleKind,
} from './gear';
import { releaseCanvas } from './canvasMemory';

/** How far each layer moves with the camera: 0 = infinitely far, 1 = at the actors' plane. */
const DEPTH = { far: 0.2, mid: 0.5, ground: 0.8, actors: 0.9 } as const;
const MARGIN_X = 0.16;
const MARGIN_Y = 0.12;
/**
 * Static layers are painted at most this many pixels along their long side (margins included) and
 * scaled up as they are drawn. Up to 1080p nothing changes (a 1080×1920 layer is 2381 px long);
 * above it the scenery keeps 1080p's detail while characters, physics, weather, captions and the
 * watermark are drawn at full resolution. Why: at 4K a full-resolution layer is 54 MB and a
 * transition holds two shots' layers, which alone broke the 1.5 GB budget of a 4K render.
 */
const LAYER_MAX_LONG_SIDE = 2400;

function multiply(hex: string, tint: string): string {
	const a = parseHex(hex);
	const b = parseHex(tint);
	return toHex([(a[0] * b[0]) / 255, (a[1] * b[1]) / 255, (a[2] * b[2]) / 255]);
}

const tintLook = (look: CharacterLook, tint: string): CharacterLook => ({
	...look,
	skin: multiply(look.skin, tint),
	hair: multiply(look.hair, tint),
	outfit: multiply(look.outfit, tint),
	accent: multiply(look.accent, tint),
	eyes: multiply(look.eyes, tint),
});

/**
 * The band of rows a transparent layer actually paints, so each frame blends only those. Rows are
 * probed on a narrow copy (columns averaged), so the scan reads a few MB, not the whole layer.
 */
function cropRows(canvas: Canvas): { canvas: Canvas; top: number } {
	const probeWidth = Math.min(canvas.width, 256);
	const probe = createCanvas(probeWidth, canvas.height);
	const probeCtx = probe.getContext('2d');
	probeCtx.drawImage(canvas, 0, 0, probeWidth, canvas.height);
	const alpha = probeCtx.getImageData(0, 0, probeWidth, canvas.height).data;
	const stride = probeWidth * 4;
	const rowHasInk = (y: number) => {
		for (let i = y * stride + 3; i < (y + 1) * stride; i += 4) if (alpha[i] !== 0) return true;
		return false;
	};
	let top = 0;
	while (top < canvas.height && !rowHasInk(top)) top++;
	let bottom = canvas.height - 1;
	while (bottom > top && !rowHasInk(bottom)) bottom--;
	// A row or two of slack: averaging columns can fade a hairline to nothing.
	top = Math.max(0, top - 2);
	bottom = Math.min(canvas.height - 1, bottom + 2);
	releaseCanvas(probe);
	const cropped = createCanvas(canvas.width, Math.max(1, bottom - top + 1));
	cropped.getContext('2d').drawImage(canvas, 0, -top);
	releaseCanvas(canvas);
	return { canvas: cropped, top };
}

/** Whether every pixel of a canvas is opaque; read in bands of rows, so no full-size copy is made. */
export function isOpaque(canvas: Canvas): boolean {
	const ctx = canvas.getContext('2d');
	const band = 128;
	for (let top = 0; top < canvas.height; top += band) {
		const rows = Math.min(band, canvas.height - top);
		const pixels = ctx.getImageData(0, top, canvas.width, rows).data;
		for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
	}
	return true;
}

export interface ShotInputs {
	storyboard: Storyboard;
	shot: PlannedShot;
	clips: readonly SpeechClip[];
	physics?: PhysicsTrack;
	cameos: ReadonlyMap<string, Image>;
	/**
	 * The shape (width / height) of the video being made. A draft is drawn smaller; the stage is laid
	 * out from the video's own shape so the pictures agree with its physics. Default: the storyboard's.
	 */
	aspect?: number;
	/** The style's fast path: grades (and blurs) the static layers, and grades per-frame colours. */
	style?: {
		ink: Ink;
		layerInk(tint: readonly [number, number, number]): Ink;
		finishLayer(canvas: Canvas): Canvas;
	};
}

interface Actor {
	act: ActorPerformance;
	profile: CharacterProfile;
	look: CharacterLook;
	blinkPhase: number;
	held?: string;
	visemes: TimedViseme[];
	/** How far the support under the body has dipped, per frame (a beam or a floating plank). */
	dip?: Float64Array;
	skeleton?: Skeleton;
}

export class ShotRenderer {
	readonly shot: PlannedShot;
	private readonly width: number;
	private readonly height: number;
	private readonly fps: number;
	private readonly geometry: SceneGeometry;
	private readonly painter: SettingPainter;
	private readonly light: Lighting;
	/** When the light moves during the shot (a sunset): the light at its start and end. */
	private readonly lightRange?: [Lighting, Lighting];
	private readonly camera: Camera;
	private readonly weather: WeatherLayer;
	private readonly actors: Actor[];
	private readonly unit: number;
	private readonly map: StageMap;
	private readonly physics?: PhysicsTrack;
	/** The older set-pieces' bodies, fitted to their own view. */
	private readonly bodiesMap?: WorldToFrame;
	private readonly performance: ShotPerformance;
	private readonly prints: Print[] = [];
	private readonly printMaterial?: 'snow' | 'sand';
	private readonly splashes: ContactEvent[];
	/** Vehicles driving along the far lane, in the order the props name them. */
	private readonly traffic: VehicleKind[];
	/** Props drawn each frame (a lighthouse's beam, gear in use) rather than painted into a layer. */
	private readonly drawnEachFrame: ReadonlySet<string>;
	private readonly reflections: boolean;
	private readonly ink: Ink;
	/**
	 * Painted layers, cropped to the rows they cover; `top` is the first row, in frame pixels. A
	 * layer's canvas holds its picture at `layerScale` (see LAYER_MAX_LONG_SIDE). `fade` marks the
	 * second sky of a shot whose light moves: drawn over the first with the shot's progress.
	 */
	private layers: { canvas: Canvas; depth: number; top: number; fade?: boolean }[] = [];
	/**
	 * Whether the first layer is opaque in every pixel (checked once when the layers are painted):
	 * then, placed on whole pixels over the whole frame, it is copied rather than blended — the same
	 * bytes (an opaque pixel drawn source-over is that pixel), at about half the cost of the blend.
	 */
	private firstLayerOpaque = false;
	private readonly layerScale: number;

	constructor(private readonly inputs: ShotInputs) {
		const { storyboard, shot } = inputs;
		this.shot = shot;
		this.width = storyboard.width;
		this.height = storyboard.height;
		this.fps = storyboard.fps;
		const scene = shot.physics?.scene;
		const mapped = actorMap(
			this.width,
			this.height,
			shot,
			animalFraming(shot, storyboard.characters, animalSpine),
		);
		this.map = { ppm: mapped.ppm, originX: mapped.originX, originY: mapped.originY };
		this.unit = mapped.unit;
		// Fish swim in open water: the foreground is water, not a shore.
		const fishInWater =
			WATER_SETTINGS.has(shot.setting) &&
			shot.placements.some(
				(p) => storyboard.characters.find((c) => c.id === p.character)?.animal?.species === 'fish',
			);
		const openWater =
			scene === 'floating-plank' ||
			scene === 'surf' ||
			fishInWater ||
			peopleInWater(shot, animalFraming(shot, storyboard.characters, animalSpine) === undefined) !==
				undefined;
		this.geometry = {
			width: this.width,
			height: this.height,
			marginX: Math.ceil(this.width * MARGIN_X),
			marginY: Math.ceil(this.height * MARGIN_Y),
			horizonY: this.height * 0.56,
			groundY: this.height * GROUND_Y,
			snow: snowCovered(shot),
			openWater: openWater && WATER_SETTINGS.has(shot.setting),
			...(openWater ? { waterY: mapped.originY } : {}),
		};
		const longSide = Math.max(
			this.width + 2 * this.geometry.marginX,
			this.height + 2 * this.geometry.marginY,
		);
		this.layerScale = Math.min(1, LAYER_MAX_LONG_SIDE / longSide);
		this.painter = SETTINGS[shot.setting] ?? SETTINGS.studio;
		const moving =
			shot.hourEnd !== undefined && shot.hourEnd !== (shot.hour ?? HOUR_OF[shot.timeOfDay]);
		if (moving) {
			const from = shot.hour ?? HOUR_OF[shot.timeOfDay];
			const to = shot.hourEnd!;
			this.lightRange = [
				lightingFor(shot.setting, shot.timeOfDay, shot.weather, from),
				lightingFor(shot.setting, shot.timeOfDay, shot.weather, to),
			];
			this.light = lightingFor(shot.setting, shot.timeOfDay, shot.weather, (from + to) / 2);
		} else this.light = lightingFor(shot.setting, shot.timeOfDay, shot.weather, shot.hour);
		const shotSeed = (storyboard.seed ^ hashString(`${shot.index}:${shot.id}`)) >>> 0;
		this.camera = new Camera(shot.camera, shotSeed);
		this.weather = new WeatherLayer(shot.weather, this.width, this.height, shotSeed);
		this.physics = inputs.physics;
		if (scene && !ACTED_SET_PIECES.has(scene) && this.physics?.frames.length)
			this.bodiesMap = fitViewRect(
				this.physics.view ?? setPieceView(scene, shot.physics?.objects),
				this.width,
				this.height,
				this.geometry.groundY,
			);
		this.splashes = (this.physics?.contacts ?? []).filter(
			(c) => c.material === 'water' && c.bodies.includes('plank'),
		);

		// What everyone does, solved ahead; an idle speaker talks while its line plays.
		const shotStart = shot.startFrame / this.fps;
		const speaking = inputs.clips
			.filter((c) => c.speaker !== 'voiceover')
			.map((c) => ({ character: c.speaker, start: c.start - shotStart, end: c.end - shotStart }));
		this.performance = performShot({
			shot,
			characters: storyboard.characters,
			aspect: inputs.aspect ?? this.width / this.height,
			fps: this.fps,
			seed: storyboard.seed,
			speaking,
		});
		this.traffic = shot.props.filter((p): p is VehicleKind => VEHICLES.has(p));
		const inUse = new Set<string>(['lighthouse', ...VEHICLES]);
		for (const act of this.performance.actors)
			for (const gear of act.gear) for (const prop of GEAR_PROPS[gear.kind]) inUse.add(prop);
		this.drawnEachFrame = inUse;
		const profiles = new Map(storyboard.characters.map((c) => [c.id, c]));
		// Held props go to the people in placement order.
		const held = shot.props.filter(isHeldProp);
		let holder = 0;
		this.actors = this.performance.actors.map((act) => {
			const profile = profiles.get(act.character)!;
			const own = inputs.clips.filter((c) => c.speaker === act.character);
			const actor: Actor = {
				act,
				profile,
				look: tintLook(profile.look, this.light.tint),
				blinkPhase: (hashString(profile.id) % 1000) / 270,
				held: act.body === 'person' ? held[holder++] : undefined,
				visemes: own.flatMap((c) => c.visemes).sort((a, b) => a.start - b.start),
				skeleton: act.performance ? newSkeleton(act.performance.rig) : undefined,
			};
			actor.dip = this.supportDips(act);
			return actor;
		});
		// Prints in snow and sand, from every touch-down on the ground.
		const stage = this.performance.stage;
		if (stage.printsStay) {
			this.printMaterial = stage.groundMaterial === 'snow' ? 'snow' : 'sand';
			for (const actor of this.performance.actors) {
				const p = actor.performance;
				if (!p) continue;
				for (const c of p.contacts)
					if (c.supportId === 'ground' && !c.effector.startsWith('hand'))
						this.prints.push({
							x: c.x,
							at: c.startFrame / this.fps,
							paw: actor.body === 'quadruped',
							facing: p.facing[c.startFrame] as 1 | -1,
							near: c.effector.includes('Near'),
						});
			}
		}
		this.reflections = shot.setting === 'city-night';
		this.ink = inputs.style?.ink ?? plainInk;
	}

	/**
	 * Per frame, how far the beam or plank under a performer has dipped where it stands: followed
	 * while a foot is on it, eased between take-off and landing while it is in the air.
	 */
	private supportDips(act: ActorPerformance): Float64Array | undefined {
		const p = act.performance;
		const frames = this.physics?.frames;
		const scene = this.shot.physics?.scene;
		if (!p || !frames?.length || (scene !== 'balance-beam' && scene !== 'floating-plank'))
			return undefined;
		const id = scene === 'balance-beam' ? 'beam' : 'plank';
		const dip = new Float64Array(p.frames).fill(Number.NaN);
		for (const c of p.contacts) {
			if (c.supportId !== id) continue;
			for (let f = c.startFrame; f < Math.min(p.frames, c.endFrame); f++) {
				const poses = frames[Math.min(f, frames.length - 1)];
				const d =
					scene === 'balance-beam'
						? beamDip(
								poses.filter((b) => b.kind === 'beam-segment'),
								c.x,
							)
						: plankDip(poses, c.x);
				dip[f] = Number.isNaN(dip[f]) ? d : Math.min(dip[f], d);
			}
		}
		// In the air (or off it): ease from the last value to the next.
		let last = -1;
		for (let f = 0; f <= p.frames; f++) {
			if (f < p.frames && Number.isNaN(dip[f])) continue;
			const from = last >= 0 ? dip[last] : 0;
			const to = f < p.frames ? dip[f] : 0;
			for (let g = last + 1; g < f; g++) {
				const u = (g - last) / (f - last);
				dip[g] =
					last >= 0 && f < p.frames ? from + (to - from) * u : last >= 0 ? from * (1 - u) : to * u;
			}
			last = f;
		}
		return dip;
	}

	/** Paints the static layers; call once before drawing frames. */
	prepare(): void {
		if (this.layers.length) return;
		const g = this.geometry;
		const random = () =>
			seededRandom(this.inputs.storyboard.seed ^ hashString(this.shot.setting), 3);
		const scale = this.layerScale;
		const style = this.inputs.style;
		// With a style, the lighting's tint and the grade are applied to every colour as it is painted
		// (see inkedContext); without one, the tint is multiplied over each painted layer.
		const paint = (light: Lighting, draw: (ctx: SKRSContext2D) => void) => {
			const tint = parseHex(light.tint).map((c) => c / 255) as [number, number, number];
			const layerInk = style?.layerInk(tint);
			const canvas = createCanvas(
				Math.ceil((g.width + 2 * g.marginX) * scale),
				Math.ceil((g.height + 2 * g.marginY) * scale),
			);
			const ctx = canvas.getContext('2d');
			ctx.scale(scale, scale);
			ctx.translate(g.marginX, g.marginY);
			draw(layerInk ? inkedContext(ctx, layerInk) : ctx);
			if (!style) this.bakeTint(canvas, light.tint);
			return canvas;
		};
		// The style's blur (painted) applies to what the frame will show: the flattened picture for a
		// still camera, each layer for a moving one.
		const finish = (canvas: Canvas) => (style ? style.finishLayer(canvas) : canvas);
		// One random stream through the three layers, as they are painted in order.
		const stream = random();
		const sky = (light: Lighting, r = stream) =>
			paint(light, (ctx) => {
				// The far layer is opaque everywhere, so frames need no clearing.
				ctx.fillStyle = light.skyBottom;
				ctx.fillRect(-g.marginX, -g.marginY, g.width + 2 * g.marginX, g.height + 2 * g.marginY);
				this.painter.far(ctx, g, light, r);
			});
		// A moving sun is drawn each frame; its skies are painted without it.
		const far = this.lightRange ? sky({ ...this.lightRange[0], sun: undefined }) : sky(this.light);
		const farEnd = this.lightRange
			? sky({ ...this.lightRange[1], sun: undefined }, random())
			: undefined;
		const mid = paint(this.light, (ctx) => this.painter.mid(ctx, g, this.light, stream));
		const ground = paint(this.light, (ctx) => {
			this.painter.ground(ctx, g, this.light, stream);
			drawProps(
				ctx,
				// A sandcastle being built rises in front of its builders instead.
				this.shot.props.filter(
					(p) =>
						!isHeldProp(p) &&
						!(p === 'sandcastle' && this.performance.castles.length) &&
						!this.drawnEachFrame.has(p),
				),
				g.width,
				g.groundY,
				this.unit,
			);
		});
		const move = this.shot.camera.move;
		if (!farEnd && (move === 'static' || move === 'dolly-in' || move === 'dolly-out')) {
			// Static: nothing moves relative to anything else. Dolly: every layer must be resampled each
			// frame, so the background zooms as one (the actors still zoom more than it): one opaque
			// layer, one blit or one resample per frame instead of three.
			const flat = createCanvas(far.width, far.height);
			const ctx = flat.getContext('2d');
			for (const layer of [far, mid, ground]) ctx.drawImage(layer, 0, 0);
			[far, mid, ground].forEach(releaseCanvas);
			this.layers = [
				{ canvas: finish(flat), depth: move === 'static' ? DEPTH.ground : DEPTH.mid, top: 0 },
			];
		} else {
			const cropped = (canvas: Canvas) => {
				const rows = cropRows(canvas);
				return { canvas: rows.canvas, top: rows.top / scale };
			};
			this.layers = [
				{ canvas: finish(far), depth: DEPTH.far, top: 0 },
				...(farEnd ? [{ canvas: finish(farEnd), depth: DEPTH.far, top: 0, fade: true }] : []),
				{ ...cropped(finish(mid)), depth: DEPTH.mid },
				{ ...cropped(finish(ground)), depth: DEPTH.ground },
			];
		}
		// Only drawn on whole pixels (the still camera at full scale) does the copy apply.
		this.firstLayerOpaque = scale === 1 && isOpaque(this.layers[0].canvas);
	}

	/** Multiplies a layer by the lighting's tint, keeping its transparency. */
	private bakeTint(canvas: Canvas, tint: string): void {
		if (tint.toLowerCase() === '#ffffff') return;
		const copy = createCanvas(canvas.width, canvas.height);
		copy.getContext('2d').drawImage(canvas, 0, 0);
		const ctx = canvas.getContext('2d');
		ctx.setTransform(1, 0, 0, 1, 0, 0);
		ctx.globalCompositeOperation = 'multiply';
		ctx.fillStyle = tint;
		ctx.fillRect(0, 0, canvas.width, canvas.height);
		ctx.globalCompositeOperation = 'destination-in';
		ctx.drawImage(copy, 0, 0);
		ctx.globalCompositeOperation = 'source-over';
		releaseCanvas(copy);
	}

	private offset(pose: CameraPose, depth: number): [number, number] {
		const x = -(pose.x * depth + pose.orbit * (depth - 0.55)) * this.width;
		const y = pose.y * depth * this.height;
		return [x, y];
	}

	/** Draws local frame `frame` of the shot (it may run past the shot's end during a transition). */
	draw(ctx: SKRSContext2D, frame: number): void {
		this.prepare();
		const local = frame / this.fps;
		const absolute = (this.shot.startFrame + frame) / this.fps;
		const progress = this.shot.frameCount > 1 ? Math.min(1, frame / (this.shot.frameCount - 1)) : 0;
		const pose = this.camera.at(progress, local);
		const g = this.geometry;
		ctx.save();
		ctx.translate(this.width / 2, this.height / 2);
		if (pose.roll) ctx.rotate(pose.roll);
		ctx.translate(-this.width / 2, -this.height / 2);
		const zoomed = (depth: number, draw: () => void) => {
			const z = 1 + (pose.zoom - 1) * (0.4 + 0.6 * depth);
			const [dx, dy] = this.offset(pose, depth);
			ctx.save();
			ctx.translate(this.width / 2 + dx, this.height / 2 + dy);
			ctx.scale(z, z);
			ctx.translate(-this.width / 2, -this.height / 2);
			draw();
			ctx.restore();
		};
		const still = pose.zoom === 1 && pose.roll === 0;
		const scale = this.layerScale;
		// A tracking shot slides the world under the camera: each layer by its depth.
		const follow = this.performance.follow;
		const track = follow ? follow[Math.min(frame, follow.length - 1)] * this.map.ppm : 0;
		const place = (
			canvas: Canvas,
			x: number,
			y: number,
			w: number,
			h: number,
			exact: boolean,
			opaque = false,
		) => {
			if (!follow) {
				if (exact && opaque && x <= 0 && y <= 0 && x + w >= this.width && y + h >= this.height) {
					// An opaque layer over the whole frame: a copy gives the blend's bytes, cheaper.
					ctx.globalCompositeOperation = 'copy';
					ctx.drawImage(canvas, x, y);
					ctx.globalCompositeOperation = 'source-over';
				} else if (exact) ctx.drawImage(canvas, x, y);
				else ctx.drawImage(canvas, x, y, w, h);
				return;
			}
			// Past the painted margin the layer repeats, mirrored, so its edges always meet.
			const first = Math.floor((-this.width - x) / w);
			const last = Math.floor((2 * this.width - x) / w);
			for (let k = first; k <= last; k++) {
				const left = x + k * w;
				if (left > this.width * 1.5 || left + w < -this.width * 0.5) continue;
				if (k % 2 === 0) ctx.drawImage(canvas, left, y, w, h);
				else {
					ctx.save();
					ctx.translate(left + w, y);
					ctx.scale(-1, 1);
					ctx.drawImage(canvas, 0, 0, w, h);
					ctx.restore();
				}
			}
		};
		for (const [index, layer] of this.layers.entries()) {
			const w = layer.canvas.width / scale;
			const h = layer.canvas.height / scale;
			const slide = -track * (layer.depth / DEPTH.actors);
			if (layer.fade) ctx.globalAlpha = progress;
			if (still && scale === 1) {
				// Whole-pixel placement keeps Skia on its plain blit path (no resampling).
				const [dx, dy] = this.offset(pose, layer.depth);
				place(
					layer.canvas,
					Math.round(dx + slide) - g.marginX,
					Math.round(dy) - g.marginY + layer.top,
					w,
					h,
					true,
					index === 0 && this.firstLayerOpaque && !pose.roll,
				);
			} else if (still) {
				const [dx, dy] = this.offset(pose, layer.depth);
				place(layer.canvas, dx + slide - g.marginX, dy - g.marginY + layer.top, w, h, false);
			} else
				zoomed(layer.depth, () =>
					place(layer.canvas, slide - g.marginX, -g.marginY + layer.top, w, h, false),
				);
			if (layer.fade) {
				ctx.globalAlpha = 1;
				zoomed(DEPTH.far, () => this.drawMovingSun(ctx, progress));
			}
		}
		zoomed(DEPTH.actors, () => {
			this.painter.animate?.(ctx, g, this.light, local, this.ink);
			this.drawWorld(ctx, frame, local, absolute, progress);
		});
		this.weather.draw(ctx, local, this.ink);
		ctx.restore();
	}

	/** The sun of a shot whose light moves, where the clock puts it, hidden below the horizon. */
	private drawMovingSun(ctx: SKRSContext2D, progress: number): void {
		const [a, b] = this.lightRange!;
		const from = a.sun;
		const to = b.sun;
		if (!from || !to) return;
		const x = (from.x + (to.x - from.x) * progress) * this.width;
		const y = (from.y + (to.y - from.y) * progress) * this.height;
		const r = (from.radius + (to.radius - from.radius) * progress) * this.width;
		const colour = this.ink(progress < 0.5 ? from.colour : to.colour);
		ctx.save();
		ctx.beginPath();
		ctx.rect(-this.width, -this.height, 3 * this.width, this.geometry.horizonY + this.height);
		ctx.clip();
		const glow = ctx.createRadialGradient(x, y, r * 0.6, x, y, r * 3.5);
		glow.addColorStop(0, colour);
		glow.addColorStop(1, 'rgba(255,255,255,0)');
		ctx.fillStyle = glow;
		ctx.fillRect(x - r * 4, y - r * 4, r * 8, r * 8);
		ctx.fillStyle = colour;
		ctx.beginPath();
		ctx.arc(x, y, r, 0, Math.PI * 2);
		ctx.fill();
		ctx.restore();
		// Its path of light on the water below.
		if (y < this.geometry.horizonY + r && ['beach', 'lake'].includes(this.shot.setting)) {
			ctx.fillStyle = this.ink('rgba(255,200,120,0.35)');
			for (let i = 0; i < 14; i++) {
				const yy = this.geometry.horizonY + (i + 0.5) * this.height * 0.012;
				const w = r * (0.6 + i * 0.18) * (i % 2 ? 0.7 : 1);
				ctx.fillRect(x - w, yy, 2 * w, Math.max(1, this.height * 0.003));
			}
		}
	}

	/** Everything at the actors' depth: set-pieces, prints, castles, performers, the near water. */
	private drawWorld(
		ctx: SKRSContext2D,
		frame: number,
		local: number,
		absolute: number,
		progress: number,
	): void {
		const scene = this.shot.physics?.scene;
		const track = this.physics;
		const poses = track?.frames.length
			? track.frames[Math.min(frame, track.frames.length - 1)]
			: undefined;
		const map = this.mapAt(frame);
		const ink = this.ink;
		if (poses && this.bodiesMap) drawBodies(ctx, poses, this.bodiesMap, ink);
		if (scene === 'balance-beam')
			drawBalanceBeam(ctx, poses?.filter((b) => b.kind === 'beam-segment') ?? [], map, ink);
		if (scene === 'volleyball') drawNet(ctx, map, ink);
		if (scene === 'surf') drawSurfWave(ctx, local, map, this.width, this.height, ink);
		if (scene === 'floating-plank' && poses) drawFloatingPlank(ctx, poses, map, ink);
		if (this.printMaterial && this.prints.length)
			drawPrints(ctx, this.prints, local, this.printMaterial, map, ink);
		for (const castle of this.performance.castles)
			drawSandcastle(
				ctx,
				castle.x,
				(local - castle.start - 0.6) / Math.max(1, castle.end - castle.start - 1),
				map,
				ink,
			);
		if (this.shot.props.includes('lighthouse')) this.drawLighthouse(ctx, local);
		if (this.traffic.length)
			drawTraffic(
				ctx,
				this.traffic,
				local,
				this.width,
				this.geometry.groundY,
				map.ppm,
				this.shot.timeOfDay === 'night' || this.shot.timeOfDay === 'dusk',
				ink,
			);
		for (const actor of this.actors)
			this.drawActor(ctx, actor, map, frame, local, absolute, progress);
		if (scene === 'volleyball' && poses) {
			const ball = poses.find((b) => b.kind === 'volleyball');
			if (ball) drawVolleyball(ctx, ball, map, ink);
		}
		if (scene === 'floating-plank' && poses) {
			const plank = poses.find((b) => b.kind === 'floating-plank');
			drawOpenWaterFront(
				ctx,
				poses.filter((b) => b.kind === 'water-column'),
				[],
				local,
				this.fps,
				map,
				this.height,
				ink,
			);
			drawSplashes(ctx, this.splashes, absolute, this.fps, map, ink, () => ({
				x: plank?.x ?? 0,
				y: 0,
				halfWidth: plank?.w ?? 1.5,
			}));
		}
	}

	/** The stage's map at a frame: a tracking shot's camera has moved with its subject. */
	private mapAt(frame: number): StageMap {
		const follow = this.performance.follow;
		if (!follow) return this.map;
		return {
			...this.map,
			originX: this.map.originX - follow[Math.min(frame, follow.length - 1)] * this.map.ppm,
		};
	}

	private drawActor(
		ctx: SKRSContext2D,
		actor: Actor,
		stageMap: StageMap,
		frame: number,
		local: number,
		absolute: number,
		progress: number,
	): void {
		const { act } = actor;
		const ink = this.ink;
		const map = actor.dip
			? {
					...stageMap,
					originY:
						stageMap.originY -
						(actor.dip[Math.min(frame, actor.dip.length - 1)] || 0) * stageMap.ppm,
				}
			: stageMap;
		const look = this.lightRange
			? tintLook(
					actor.profile.look,
					blendTint(this.lightRange[0].tint, this.lightRange[1].tint, progress),
				)
			: actor.look;
		if (act.body === 'bird' || act.body === 'fish') {
			const path = act.path!;
			const inBowl = path.mode[0] === 'bowl';
			if (inBowl) drawFishbowl(ctx, path.x[0], map, ink, 'back');
			const draw = act.body === 'bird' ? drawBird : drawFish;
			draw(ctx, { look: actor.profile.animal!, path, frame, size: act.size, map, ink });
			if (inBowl) drawFishbowl(ctx, path.x[0], map, ink, 'front');
			return;
		}
		const p = act.performance!;
		const f = Math.min(frame, p.frames - 1);
		const skeleton = skeletonAt(p, f, actor.skeleton);
		const facing = p.facing[f] as 1 | -1;
		const clip = p.clipAt[f];
		const gearFrames: GearFrame[] = (act.gear.length ? act.gear : NO_GEAR).map((gear) => ({
			gear,
			skeleton,
			size: act.size,
			facing,
			clip,
			frame: f,
			seconds: local,
			fps: this.fps,
			map,
			ink,
			skin: look.skin,
		}));
		for (const g of gearFrames) drawGearBehind(ctx, g);
		if (act.board) drawBoard(ctx, act.board, f, local, map, ink);
		if (act.body === 'quadruped') {
			drawQuadruped(ctx, {
				species: act.species as Quadruped,
				look: actor.profile.animal!,
				id: actor.profile.id,
				skeleton,
				facing,
				map,
				spine: act.size,
				seconds: local,
				running: p.clipAt[f] === 'gallop' || p.clipAt[f] === 'trot',
				shadowAt: 0,
				ink,
			});
			for (const g of gearFrames) drawGearFront(ctx, g);
			return;
		}
		const options = {
			look,
			skeleton,
			facing,
			map,
			shadowAt:
				act.board || this.shot.physics?.scene === 'surf' ? undefined : this.shadowHeight(act, f),
			viseme: visemeAt(actor.visemes, absolute),
			seconds: local,
			blinkPhase: actor.blinkPhase,
			cameo: this.inputs.cameos.get(actor.profile.id),
			held: actor.held,
			stool: clip === 'sit' || clip === 'seated',
			ink,
			unit: this.unit,
		};
		if (this.reflections) {
			// Wet pavement: the character mirrored below the feet, faint.
			ctx.save();
			ctx.globalAlpha = 0.22;
			ctx.translate(0, 2 * this.geometry.groundY);
			ctx.scale(1, -1);
			drawPerson(ctx, { ...options, reflection: true });
			ctx.restore();
		}
		drawPerson(ctx, options);
		for (const g of gearFrames) drawGearFront(ctx, g);
		if (act.dribble) {
			const x = act.dribble.x[f];
			if (Number.isFinite(x)) drawBall(ctx, x, act.dribble.y[f], 0.12, map, ink);
		}
	}

	/** A lighthouse out at sea, right of the middle; its lamp lit after dark and in bad weather. */
	private drawLighthouse(ctx: SKRSContext2D, seconds: number): void {
		const lit = this.shot.timeOfDay !== 'day' || this.shot.weather !== 'clear';
		drawLighthouse(
			ctx,
			this.width * 0.7,
			this.geometry.horizonY + this.height * 0.05,
			Math.min(this.height * 0.34, this.width * 0.75),
			seconds,
			lit,
			this.ink,
		);
	}

	/** The surface under a body's hips, for its shadow: the beam or plank when over it, else the ground. */
	private shadowHeight(act: ActorPerformance, frame: number): number {
		const p = act.performance!;
		const x = p.x[frame];
		for (const support of this.performance.stage.supports) {
			const top = support.top(x, frame / this.fps);
			if (top !== undefined) return top;
		}
		return 0;
	}

	dispose(): void {
		for (const layer of this.layers) releaseCanvas(layer.canvas);
		this.layers = [];
	}
}

const NO_GEAR: ActorPerformance['gear'] = [];
const VEHICLES: ReadonlySet<string> = new Set<VehicleKind>(['car', 'taxi', 'bus']);

/** The props a piece of gear draws itself, so the ground layer does not paint them again. */
const GEAR_PROPS: Record<ActorPerformance['gear'][number]['kind'], readonly string[]> = {
	football: ['football', 'goal'],
	snowballs: ['snowball'],
	pancake: ['pancake'],
	flag: ['flag'],
	water: [],
	frisbee: ['frisbee'],
	guitar: ['guitar'],
	bicycle: ['bicycle'],
};

function blendTint(a: string, b: string, t: number): string {
	const x = parseHex(a);
	const y = parseHex(b);
	return toHex([x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t]);
}

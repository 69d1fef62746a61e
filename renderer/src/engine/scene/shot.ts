/**
 * Renders the frames of one shot. The setting's parallax layers (with the static props and the
 * time-of-day tint baked in) are painted once into offscreen canvases when the shot is prepared;
 * each frame then only places those layers for the camera and draws what moves: characters,
 * physics bodies, weather and the setting's small animations.
 */
import { createCanvas, type Canvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import type {
	CharacterLook,
	CharacterProfile,
	PhysicsTrack,
	PlannedShot,
	SpeechClip,
	Storyboard,
} from '../storyboard';
import { COURT } from '../physics/basketball';
import { actorAt, actorTimelines, type ActorTimeline } from './actors';
import { Camera, type CameraPose } from './camera';
import { drawCharacter } from './character';
import { parseHex, toHex } from './colour';
import { lightingFor, type Lighting } from './lighting';
import { drawBodies, fitView, PERSON_METRES, type WorldToFrame } from './physicsView';
import { drawProps, isHeldProp } from './props';
import { inkedContext, plainInk, type Ink } from './ink';
import { hashString, seededRandom } from './random';
import { SETTINGS, type SceneGeometry, type SettingPainter } from './settings';
import { WeatherLayer } from './weather';
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

export interface ShotInputs {
	storyboard: Storyboard;
	shot: PlannedShot;
	clips: readonly SpeechClip[];
	physics?: PhysicsTrack;
	cameos: ReadonlyMap<string, Image>;
	/** The style's fast path: grades (and blurs) the static layers, and grades per-frame colours. */
	style?: {
		ink: Ink;
		layerInk(tint: readonly [number, number, number]): Ink;
		finishLayer(canvas: Canvas): Canvas;
	};
}

export class ShotRenderer {
	readonly shot: PlannedShot;
	private readonly width: number;
	private readonly height: number;
	private readonly fps: number;
	private readonly geometry: SceneGeometry;
	private readonly painter: SettingPainter;
	private readonly light: Lighting;
	private readonly camera: Camera;
	private readonly weather: WeatherLayer;
	private readonly actors: {
		timeline: ActorTimeline;
		profile: CharacterProfile;
		look: CharacterLook;
		blinkPhase: number;
		held?: string;
	}[];
	private readonly unit: number;
	private readonly physics?: PhysicsTrack;
	private readonly physicsMap?: WorldToFrame;
	private readonly reflections: boolean;
	private readonly ink: Ink;
	/**
	 * Painted layers, cropped to the rows they cover; `top` is the first row, in frame pixels. A
	 * layer's canvas holds its picture at `layerScale` (see LAYER_MAX_LONG_SIDE).
	 */
	private layers: { canvas: Canvas; depth: number; top: number }[] = [];
	private readonly layerScale: number;

	constructor(private readonly inputs: ShotInputs) {
		const { storyboard, shot } = inputs;
		this.shot = shot;
		this.width = storyboard.width;
		this.height = storyboard.height;
		this.fps = storyboard.fps;
		this.geometry = {
			width: this.width,
			height: this.height,
			marginX: Math.ceil(this.width * MARGIN_X),
			marginY: Math.ceil(this.height * MARGIN_Y),
			horizonY: this.height * 0.56,
			groundY: this.height * 0.86,
		};
		const longSide = Math.max(
			this.width + 2 * this.geometry.marginX,
			this.height + 2 * this.geometry.marginY,
		);
		this.layerScale = Math.min(1, LAYER_MAX_LONG_SIDE / longSide);
		this.painter = SETTINGS[shot.setting] ?? SETTINGS.studio;
		this.light = lightingFor(shot.setting, shot.timeOfDay, shot.weather);
		const shotSeed = (storyboard.seed ^ hashString(`${shot.index}:${shot.id}`)) >>> 0;
		this.camera = new Camera(shot.camera, shotSeed);
		this.weather = new WeatherLayer(shot.weather, this.width, this.height, shotSeed);
		// Characters fill about a third of the height, except in a physics shot, where they share the
		// set-piece's metric scale (within reason, so they never shrink to specks).
		const portraitUnit = Math.min(this.height * 0.36, this.width * 0.62);
		this.physics = inputs.physics;
		if (this.physics) {
			this.physicsMap = fitView(this.physics, this.width, this.height, this.geometry.groundY);
			this.unit = Math.max(
				0.45 * portraitUnit,
				Math.min(portraitUnit, PERSON_METRES * this.physicsMap.scale),
			);
		} else this.unit = portraitUnit;
		const profiles = new Map(storyboard.characters.map((c) => [c.id, c]));
		// Held props go to the characters in placement order.
		const held = shot.props.filter(isHeldProp);
		this.actors = actorTimelines(shot, inputs.clips)
			.filter((t) => profiles.has(t.character))
			.map((t) => this.alignShooter(t))
			.map((timeline, i) => {
				const profile = profiles.get(timeline.character)!;
				return {
					timeline,
					profile,
					look: tintLook(profile.look, this.light.tint),
					blinkPhase: (hashString(profile.id) % 1000) / 270,
					held: held[i],
				};
			});
		this.reflections = shot.setting === 'city-night';
		this.ink = inputs.style?.ink ?? plainInk;
	}

	/** In a basketball shot, whoever shoots stands at the release point, facing the hoop. */
	private alignShooter(timeline: ActorTimeline): ActorTimeline {
		if (
			this.physics?.scene !== 'basketball' ||
			!this.physicsMap ||
			!timeline.actions.some((a) => a.action === 'shoot')
		)
			return timeline;
		const handReach = 0.25;
		const x =
			(this.physicsMap.originX + (COURT.releaseX - handReach) * this.physicsMap.scale) / this.width;
		return {
			...timeline,
			startX: x,
			facing: 'right',
			actions: timeline.actions.filter((a) => a.action !== 'walk'),
		};
	}

	/** Paints the static layers; call once before drawing frames. */
	prepare(): void {
		if (this.layers.length) return;
		const g = this.geometry;
		const random = seededRandom(this.inputs.storyboard.seed ^ hashString(this.shot.setting), 3);
		const scale = this.layerScale;
		const style = this.inputs.style;
		// With a style, the lighting's tint and the grade are applied to every colour as it is painted
		// (see inkedContext); without one, the tint is multiplied over each painted layer.
		const tint = parseHex(this.light.tint).map((c) => c / 255) as [number, number, number];
		const layerInk = style?.layerInk(tint);
		const paint = (draw: (ctx: SKRSContext2D) => void) => {
			const canvas = createCanvas(
				Math.ceil((g.width + 2 * g.marginX) * scale),
				Math.ceil((g.height + 2 * g.marginY) * scale),
			);
			const ctx = canvas.getContext('2d');
			ctx.scale(scale, scale);
			ctx.translate(g.marginX, g.marginY);
			draw(layerInk ? inkedContext(ctx, layerInk) : ctx);
			if (!style) this.bakeTint(canvas);
			return canvas;
		};
		// The style's blur (painted) applies to what the frame will show: the flattened picture for a
		// still camera, each layer for a moving one.
		const finish = (canvas: Canvas) => (style ? style.finishLayer(canvas) : canvas);
		const far = paint((ctx) => {
			// The far layer is opaque everywhere, so frames need no clearing.
			ctx.fillStyle = this.light.skyBottom;
			ctx.fillRect(-g.marginX, -g.marginY, g.width + 2 * g.marginX, g.height + 2 * g.marginY);
			this.painter.far(ctx, g, this.light, random);
		});
		const mid = paint((ctx) => this.painter.mid(ctx, g, this.light, random));
		const ground = paint((ctx) => {
			this.painter.ground(ctx, g, this.light, random);
			drawProps(
				ctx,
				this.shot.props.filter((p) => !isHeldProp(p)),
				g.width,
				g.groundY,
				this.unit,
			);
		});
		const move = this.shot.camera.move;
		if (move === 'static' || move === 'dolly-in' || move === 'dolly-out') {
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
				{ ...cropped(finish(mid)), depth: DEPTH.mid },
				{ ...cropped(finish(ground)), depth: DEPTH.ground },
			];
		}
	}

	/** Multiplies a layer by the lighting's tint, keeping its transparency. */
	private bakeTint(canvas: Canvas): void {
		if (this.light.tint.toLowerCase() === '#ffffff') return;
		const copy = createCanvas(canvas.width, canvas.height);
		copy.getContext('2d').drawImage(canvas, 0, 0);
		const ctx = canvas.getContext('2d');
		ctx.setTransform(1, 0, 0, 1, 0, 0);
		ctx.globalCompositeOperation = 'multiply';
		ctx.fillStyle = this.light.tint;
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
		for (const layer of this.layers) {
			const w = layer.canvas.width / scale;
			const h = layer.canvas.height / scale;
			if (still && scale === 1) {
				// Whole-pixel placement keeps Skia on its plain blit path (no resampling).
				const [dx, dy] = this.offset(pose, layer.depth);
				ctx.drawImage(
					layer.canvas,
					Math.round(dx) - g.marginX,
					Math.round(dy) - g.marginY + layer.top,
				);
			} else if (still) {
				const [dx, dy] = this.offset(pose, layer.depth);
				ctx.drawImage(layer.canvas, dx - g.marginX, dy - g.marginY + layer.top, w, h);
			} else
				zoomed(layer.depth, () =>
					ctx.drawImage(layer.canvas, -g.marginX, -g.marginY + layer.top, w, h),
				);
		}
		zoomed(DEPTH.actors, () => {
			this.painter.animate?.(ctx, g, this.light, local, this.ink);
			if (this.physics && this.physicsMap) {
				const poses = this.physics.frames[Math.min(frame, this.physics.frames.length - 1)];
				if (poses) drawBodies(ctx, poses, this.physicsMap, this.ink);
			}
			this.drawActors(ctx, local, absolute);
		});
		this.weather.draw(ctx, local, this.ink);
		ctx.restore();
	}

	private drawActors(ctx: SKRSContext2D, local: number, absolute: number): void {
		const g = this.geometry;
		for (const actor of this.actors) {
			const state = actorAt(actor.timeline, local, absolute);
			const options = {
				look: actor.look,
				x: state.x * this.width,
				groundY: g.groundY,
				unit: this.unit,
				cameo: this.inputs.cameos.get(actor.profile.id),
				held: actor.held,
				ink: this.ink,
				pose: {
					action: state.action,
					actionSeconds: state.actionSeconds,
					seconds: local,
					viseme: state.viseme,
					facing: state.facing,
					blinkPhase: actor.blinkPhase,
				},
			};
			if (this.reflections) {
				// Wet pavement: the character mirrored below the feet, faint.
				ctx.save();
				ctx.globalAlpha = 0.22;
				ctx.translate(0, 2 * g.groundY);
				ctx.scale(1, -1);
				drawCharacter(ctx, options);
				ctx.restore();
			}
			drawCharacter(ctx, options);
		}
	}

	dispose(): void {
		for (const layer of this.layers) releaseCanvas(layer.canvas);
		this.layers = [];
	}
}

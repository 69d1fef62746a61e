/**
 * The frame renderer of the local engine: draws video frame `index` as RGBA — the shot on screen
 * (with its camera), the transition from the previous shot, burned-in captions and the moving
 * watermark. The style is an ONNX-defined graph split where each part costs least (see
 * style/prepared.ts and docs/engine-pictures.md): its grade is baked into what is drawn, its
 * vignette drawn over each frame, its outline and grain are the encoder's ffmpeg chain
 * (`ffmpegFilter`). Captions and the watermark are drawn ungraded, over the vignette, so they stay
 * legible in every style.
 */
import {
	createCanvas,
	loadImage,
	type Canvas,
	type Image,
	type SKRSContext2D,
} from '@napi-rs/canvas';
import type { PlannedShot, Storyboard, Synthesis } from '../storyboard';
import { ShotRenderer } from '../scene/shot';
import { prepareStyle, type PreparedStyle } from '../style';
import { Captions } from './captions';
import { transitionInto, transitionProgress, type TransitionWindow } from './transition';
import { Watermark } from './watermark';
import { releaseCanvas } from '../scene/canvasMemory';
import { rgbaToI420 } from '../encode/yuv';

export interface FrameRenderer {
	width: number;
	height: number;
	/** What drawFrame returns: RGBA by default, yuv420p when asked for and drawn at full size. */
	pixelFormat: 'rgba' | 'yuv420p';
	/**
	 * The frame: RGBA (width*height*4 bytes) or I420 (width*height*3/2 bytes), a new buffer every
	 * call (Skia's pixels are copied out, or converted out); with `into`, yuv420p frames are
	 * converted straight into it (no new buffer) and a view of it is returned.
	 */
	drawFrame(index: number, into?: Uint8Array): Buffer;
	/** False for frames drawn in the frame thread: they live in slots that are drawn again. */
	framesAreFresh: boolean;
	/**
	 * An ffmpeg -vf chain the encoder must apply: the style's per-frame part (rgba in, gbrp out) and,
	 * when frames are drawn below the storyboard's size, the scale back up to it.
	 */
	ffmpegFilter?: string;
	/** The storyboard's size, which the encoder's chain scales the frames to. */
	outputSize: { width: number; height: number };
	close(): void;
}

export interface FrameRendererOptions {
	/**
	 * Scale at which frames are drawn; the encoder's chain scales them back up. Default: 0.5 for
	 * `draft` quality at 720p and above (a draft is a fast preview), else 1.
	 */
	drawScale?: number;
	/**
	 * 'ffmpeg' (default): the style's grade (and blur) is applied as frames are drawn and its
	 * per-frame part (outline, vignette, grain) comes back as `ffmpegFilter`; 'none': unstyled.
	 */
	style?: 'ffmpeg' | 'none';
	/**
	 * 'yuv420p': frames are converted to I420 as they are drawn (encode/yuv.ts; cheaper there than
	 * in ffmpeg, and the pipe carries less than half). Only at full size: a frame drawn smaller
	 * stays RGBA, so that ffmpeg scales it up before its colour is subsampled. Default 'rgba'.
	 */
	pixelFormat?: 'rgba' | 'yuv420p';
	/** The style's grade LUT, already computed (by the thread that hands the drawing over). */
	styleLut?: Float32Array;
}

/**
 * `synthesis` may still be under way: what depends on the storyboard alone (the style's textures,
 * the canvases, the cameos) is prepared first, so a frame thread started before speech is
 * synthesised does that work on the other core meanwhile.
 */
export async function createFrameRenderer(
	target: Storyboard,
	synthesisOrPending: Synthesis | PromiseLike<Synthesis>,
	options: FrameRendererOptions = {},
): Promise<FrameRenderer> {
	const drawScale =
		options.drawScale ??
		(target.quality === 'draft' && Math.min(target.width, target.height) >= 720 ? 0.5 : 1);
	const even = (v: number) => Math.max(2, Math.round(v / 2) * 2);
	// Everything is laid out relative to the frame size, so a smaller storyboard draws the same picture.
	const storyboard: Storyboard =
		drawScale === 1
			? target
			: {
					...target,
					width: even(target.width * drawScale),
					height: even(target.height * drawScale),
				};
	const { width, height, fps } = storyboard;
	const cameos = new Map<string, Image>();
	for (const character of storyboard.characters) {
		if (character.cameo?.cutoutPath)
			cameos.set(character.id, await loadImage(character.cameo.cutoutPath));
	}
	const style: PreparedStyle | undefined =
		options.style === 'none'
			? undefined
			: await prepareStyle(
					storyboard.style,
					width,
					height,
					storyboard.seed,
					undefined,
					options.styleLut,
				);
	const shots = [...storyboard.shots].sort((a, b) => a.startFrame - b.startFrame);
	const canvas = createCanvas(width, height);
	const ctx = canvas.getContext('2d');
	let scratch: { canvas: Canvas; ctx: SKRSContext2D } | undefined;
	const scratchCanvas = () => {
		if (!scratch) {
			const c = createCanvas(width, height);
			scratch = { canvas: c, ctx: c.getContext('2d') };
		}
		return scratch;
	};
	const synthesis = await synthesisOrPending;
	const captions = storyboard.captions.burnIn
		? new Captions(synthesis.speech.clips, width, height)
		: undefined;
	const watermark = storyboard.watermark.enabled
		? new Watermark(storyboard.watermark.text, width, height, storyboard.durationSeconds)
		: undefined;

	// Only the shot on screen and the one before it (for transitions) keep their painted layers.
	const live = new Map<number, ShotRenderer>();
	const rendererFor = (shot: PlannedShot): ShotRenderer => {
		let renderer = live.get(shot.index);
		if (!renderer) {
			renderer = new ShotRenderer({
				storyboard,
				shot,
				clips: synthesis.speech.clips,
				physics: synthesis.physics.find((t) => t.shotIndex === shot.index),
				cameos,
				style,
				aspect: target.width / target.height,
			});
			live.set(shot.index, renderer);
		}
		return renderer;
	};
	const keepOnly = (indices: number[]) => {
		for (const [index, renderer] of live) {
			if (!indices.includes(index)) {
				renderer.dispose();
				live.delete(index);
			}
		}
	};
	const windows = new Map<number, TransitionWindow | undefined>(
		shots.map((s, i) => [s.index, transitionInto(s, shots[i - 1], fps)]),
	);

	const shotAt = (index: number): number => {
		let found = 0;
		for (let i = 0; i < shots.length; i++) if (shots[i].startFrame <= index) found = i;
		return found;
	};

	const drawTransition = (
		window: TransitionWindow,
		outgoing: ShotRenderer,
		incoming: ShotRenderer,
		k: number,
	) => {
		const u = transitionProgress(k, window.frames);
		const out = outgoing.shot.frameCount + k;
		if (window.kind === 'crossfade') {
			incoming.draw(ctx, k);
			const s = scratchCanvas();
			outgoing.draw(s.ctx, out);
			ctx.globalAlpha = 1 - u;
			ctx.drawImage(s.canvas, 0, 0);
			ctx.globalAlpha = 1;
			return;
		}
		// Whip-pan: the outgoing shot flies off to the left, the incoming one arrives from the right,
		// both smeared by motion blur (an average of shifted copies).
		const s = scratchCanvas();
		const first = u < 0.5;
		(first ? outgoing : incoming).draw(s.ctx, first ? out : k);
		const shift = first
			? -Math.pow(u * 2, 2) * width * 0.6
			: Math.pow((1 - u) * 2, 2) * width * 0.6;
		ctx.fillStyle = '#000000';
		ctx.fillRect(0, 0, width, height);
		const copies = 6;
		const smear = width * 0.05;
		for (let i = 0; i < copies; i++) {
			ctx.globalAlpha = 1 / (i + 1);
			ctx.drawImage(s.canvas, shift + (i - copies / 2) * (smear / copies), 0);
		}
		ctx.globalAlpha = 1;
	};

	const upscale =
		width !== target.width || height !== target.height
			? `scale=${target.width}:${target.height}:flags=bicubic`
			: undefined;
	const ffmpegFilter = [style?.filter, upscale].filter(Boolean).join(',') || undefined;
	const pixelFormat =
		options.pixelFormat === 'yuv420p' && !upscale && width % 2 === 0 && height % 2 === 0
			? 'yuv420p'
			: 'rgba';
	return {
		width,
		height,
		pixelFormat,
		framesAreFresh: true,
		ffmpegFilter,
		outputSize: { width: target.width, height: target.height },
		drawFrame(index: number, into?: Uint8Array): Buffer {
			const i = shotAt(index);
			const shot = shots[i];
			const local = index - shot.startFrame;
			const window = windows.get(shot.index);
			if (window && local < window.frames) {
				keepOnly([shot.index, shots[i - 1].index]);
				drawTransition(window, rendererFor(shots[i - 1]), rendererFor(shot), local);
			} else {
				keepOnly([shot.index]);
				rendererFor(shot).draw(ctx, local);
			}
			const seconds = index / fps;
			if (style?.vignette) ctx.drawImage(style.vignette, 0, 0);
			captions?.draw(ctx, seconds);
			watermark?.draw(ctx, seconds);
			return pixelFormat === 'yuv420p'
				? rgbaToI420(canvas.data(), width, height, into)
				: canvas.data();
		},
		close(): void {
			keepOnly([]);
			style?.dispose();
			releaseCanvas(scratch?.canvas);
			releaseCanvas(canvas);
		},
	};
}

/**
 * Shots from different sources made into one video: segments (each already at the spec's size,
 * frame rate and length, with a sound track) joined on the spec's transitions, with Reelforge's
 * music laid under the whole, one loudness normalisation, one moving watermark and one final
 * encode at the spec's quality. One streamed ffmpeg run through the ffmpeg door.
 *
 * A crossfade or whip-pan overlaps two shots without shortening the timeline: the incoming shot's
 * first frame is held for the length of the transition (and its sound delayed), so every shot
 * still starts where the spec's durations put it and the video lasts exactly their sum.
 */
import { runFfmpeg, mediaFile } from '../media/ffmpeg';
import { fitFilter } from '../media/fitFilter';
import { chooseEncoder } from '../engine/encode/encoderChoice';
import { MIX_SAMPLE_RATE } from '../engine/audio';
import { deliveryOutput } from '../engine/encode/delivery';
import { watermarkFilter } from '../engine/remix';
import type { FileFormat } from '../media/ffmpeg';
import type { OverlayPosition, RenderSpec } from '../spec/renderSpec';
import { OVERLAY_MARGIN } from './textOverlay';

const TRANSITION_SECONDS = { crossfade: 0.5, 'whip-pan': 0.3 } as const;

export interface Segment {
	path: string;
	seconds: number;
	/** How this segment begins after the previous one (the first segment's is ignored). */
	transition?: 'cut' | 'crossfade' | 'whip-pan';
	/** Linear gain of the segment's own sound (a muted or ducked provider clip); default 1. */
	gain?: number;
}

export interface PictureOverlay {
	path: string;
	format: FileFormat;
	/** Width in pixels (the height keeps the picture's shape). */
	width: number;
	position: OverlayPosition;
	opacity: number;
	from: number;
	to: number;
}

/** overlay's x and y expressions for a position, inside `margin` pixels. */
function placeAt(position: OverlayPosition, margin: number): { x: string; y: string } {
	const [v, h] = position.includes('-')
		? (position.split('-') as [string, string])
		: position === 'left' || position === 'right'
			? ['center', position]
			: [position, 'center'];
	const x = h === 'left' ? `${margin}` : h === 'right' ? `W-w-${margin}` : '(W-w)/2';
	const y = v === 'top' ? `${margin}` : v === 'bottom' ? `H-h-${margin}` : '(H-h)/2';
	return { x, y };
}

export interface StitchOptions {
	spec: RenderSpec;
	segments: Segment[];
	/** A 48 kHz stereo WAV as long as the video, mixed under the segments' sound. */
	musicPath?: string;
	/** The story's voice-over: a 48 kHz stereo WAV as long as the video; the shots' sound and the music step back under it. */
	voicePath?: string;
	/** An ASS file (written by the renderer) of the text drawn over the picture: overlays, burned-in captions. */
	textPath?: string;
	/** Pictures (logos) over the story, each for a while. */
	pictures?: PictureOverlay[];
	output: string;
	signal: AbortSignal;
	onProgress?: (fraction: number) => void;
	log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** Seconds a transition overlaps the two shots (never more than a third of either). */
export function overlapOf(segment: Segment, previous: Segment): number {
	const t = segment.transition ?? 'cut';
	if (t === 'cut') return 0;
	return Math.min(TRANSITION_SECONDS[t], segment.seconds / 3, previous.seconds / 3);
}

export function stitchGraph(options: Omit<StitchOptions, 'output' | 'signal'>): {
	graph: string;
	seconds: number;
} {
	const { spec, segments } = options;
	const { width, height, fps } = spec.output;
	const total = segments.reduce((sum, s) => sum + s.seconds, 0);
	const parts: string[] = [];
	segments.forEach((segment, i) => {
		const hold = i > 0 ? overlapOf(segment, segments[i - 1]!) : 0;
		const secs = segment.seconds.toFixed(3);
		parts.push(
			`[${i}:v]fps=${fps}[r${i}]`,
			// Segments come at the spec's size; one that does not is filled, never stretched.
			fitFilter({ fit: 'cover', width, height, input: `r${i}`, output: `s${i}` }),
			`[s${i}]format=yuv420p,trim=duration=${secs},setpts=PTS-STARTPTS` +
				(hold ? `,tpad=start_mode=clone:start_duration=${hold.toFixed(3)}` : '') +
				`[v${i}]`,
			`[${i}:a]aformat=sample_rates=${MIX_SAMPLE_RATE}:channel_layouts=stereo,apad,atrim=end=${secs},asetpts=PTS-STARTPTS` +
				(segment.gain !== undefined && segment.gain !== 1
					? `,volume=${segment.gain.toFixed(4)}`
					: '') +
				(hold ? `,adelay=${Math.round(hold * 1000)}:all=1` : '') +
				`[a${i}]`,
		);
	});
	// Joined left to right; `at` is where the joined part ends so far.
	let video = 'v0';
	let audio = 'a0';
	let at = segments[0]?.seconds ?? 0;
	for (let i = 1; i < segments.length; i++) {
		const overlap = overlapOf(segments[i]!, segments[i - 1]!);
		const v = `vj${i}`;
		const a = `aj${i}`;
		if (overlap > 0) {
			const kind = segments[i]!.transition === 'whip-pan' ? 'slideleft' : 'fade';
			parts.push(
				`[${video}][v${i}]xfade=transition=${kind}:duration=${overlap.toFixed(3)}:offset=${(at - overlap).toFixed(3)}[${v}]`,
				`[${audio}][a${i}]acrossfade=d=${overlap.toFixed(3)}[${a}]`,
			);
		} else {
			parts.push(`[${video}][${audio}][v${i}][a${i}]concat=n=2:v=1:a=1[${v}][${a}]`);
		}
		video = v;
		audio = a;
		at += segments[i]!.seconds;
	}
	const pictureBase =
		segments.length +
		(options.musicPath !== undefined ? 1 : 0) +
		(options.voicePath !== undefined ? 1 : 0);
	const margin = Math.round(Math.min(width, height) * OVERLAY_MARGIN);
	(options.pictures ?? []).forEach((picture, k) => {
		const { x, y } = placeAt(picture.position, margin);
		parts.push(
			`[${pictureBase + k}:v]scale=${Math.max(2, Math.round(picture.width / 2) * 2)}:-2:flags=lanczos,format=rgba` +
				(picture.opacity < 1 ? `,colorchannelmixer=aa=${picture.opacity.toFixed(3)}` : '') +
				`[pic${k}]`,
			`[${video}][pic${k}]overlay=x=${x}:y=${y}:eof_action=repeat:enable='between(t,${picture.from.toFixed(3)},${picture.to.toFixed(3)})'[vp${k}]`,
		);
		video = `vp${k}`;
	});
	const videoChain = [
		options.textPath !== undefined ? `ass=filename=${filterPath(options.textPath)}` : undefined,
		spec.watermark.enabled ? watermarkFilter(spec.watermark.text, total, height) : undefined,
		'format=yuv420p',
	]
		.filter(Boolean)
		.join(',');
	parts.push(`[${video}]${videoChain}[vout]`);
	const ducking = spec.audio.ducking?.enabled ?? true;
	if (options.voicePath !== undefined) {
		const n = segments.length + (options.musicPath !== undefined ? 1 : 0);
		const voice = `[${n}:a]aformat=sample_rates=${MIX_SAMPLE_RATE}:channel_layouts=stereo,apad,atrim=end=${total.toFixed(3)}`;
		if (ducking)
			// The shots' own sound (a clip's, a generator's) steps back while the narrator speaks.
			parts.push(
				`${voice},asplit=2[voice][voicekey]`,
				`[${audio}][voicekey]sidechaincompress=threshold=0.02:ratio=6:attack=20:release=300[shotsound]`,
				`[shotsound][voice]amix=inputs=2:duration=first:normalize=0[spoken]`,
			);
		else
			parts.push(
				`${voice}[voice]`,
				`[${audio}][voice]amix=inputs=2:duration=first:normalize=0[spoken]`,
			);
		audio = 'spoken';
	}
	const loudness = `loudnorm=I=${spec.audio.loudnessLufs}:TP=-1.5:LRA=11,aresample=${MIX_SAMPLE_RATE},atrim=end=${total.toFixed(3)}`;
	if (options.musicPath !== undefined) {
		const m = segments.length;
		const music = `[${m}:a]aformat=sample_rates=${MIX_SAMPLE_RATE}:channel_layouts=stereo,apad,atrim=end=${total.toFixed(3)}`;
		if (ducking)
			// The music steps back while the shots' own sound (speech, a clip's sound) plays.
			parts.push(
				`[${audio}]asplit=2[story][key]`,
				`${music}[musicbed]`,
				`[musicbed][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[music]`,
				`[story][music]amix=inputs=2:duration=first:normalize=0,${loudness}[aout]`,
			);
		else
			parts.push(
				`${music}[music]`,
				`[${audio}][music]amix=inputs=2:duration=first:normalize=0,${loudness}[aout]`,
			);
	} else parts.push(`[${audio}]${loudness}[aout]`);
	return { graph: parts.join(';'), seconds: total };
}

/**
 * A file the renderer wrote, named as a filter's option in the graph: escaped for the option
 * parser (\\ ' :) and then quoted for the graph parser, so no character of the path can end the
 * option or the filter.
 */
export function filterPath(path: string): string {
	const option = path.replace(/[\\':]/g, (c) => `\\${c}`);
	return `'${option.replace(/'/g, "'\\''")}'`;
}

export async function stitchSegments(options: StitchOptions): Promise<{ seconds: number }> {
	const { spec } = options;
	const { graph, seconds } = stitchGraph(options);
	const inputs = await Promise.all(options.segments.map((s) => mediaFile(s.path)));
	if (options.musicPath) inputs.push({ file: options.musicPath, format: 'wav' });
	if (options.voicePath) inputs.push({ file: options.voicePath, format: 'wav' });
	for (const picture of options.pictures ?? [])
		inputs.push({ file: picture.path, format: picture.format });
	const encoder = await chooseEncoder(options.log ?? (() => undefined));
	await runFfmpeg({
		what: 'stitch',
		inputs,
		global: ['-loglevel', 'error', '-y'],
		output: [
			'-filter_complex',
			graph,
			'-map',
			'[vout]',
			'-map',
			'[aout]',
			...deliveryOutput({
				encoder,
				quality: spec.output.quality,
				fps: spec.output.fps,
				seconds,
				output: options.output,
			}),
		],
		signal: options.signal,
		onProgress: (done) => options.onProgress?.(Math.min(1, done / seconds)),
	});
	return { seconds };
}

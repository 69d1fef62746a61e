/**
 * A media shot made into a segment of the timeline: exactly the shot's length at the spec's size
 * and frame rate, with a 48 kHz stereo sound track (the clip's own, or silence). Stills are fitted
 * and moved by the shot's camera (a Ken Burns move; a slow push-in when the shot names none);
 * clips are trimmed, sped up or slowed down (pitch kept), fitted, and looped or held on their last
 * frame when shorter than the shot. One streamed ffmpeg run through the ffmpeg door (two when a
 * trimmed clip loops). Segments are intermediate files: near-lossless H.264 and PCM in Matroska,
 * encoded once more, whole, by the stitch.
 */
import { fitFilter } from '../media/fitFilter';
import { join } from 'node:path';
import { runFfmpeg, type MediaInput } from '../media/ffmpeg';
import type { Media, RenderSpec, Shot } from '../spec/renderSpec';
import type { MediaFacts } from './mediaSource';
import { MIX_SAMPLE_RATE } from '../engine/audio';

/** Stills are moved on a canvas this many times the output size, so the move does not step by whole pixels. */
const CANVAS_SCALE = 2;
const MAX_CANVAS_EDGE = 4096;

export interface SegmentOptions {
	spec: RenderSpec;
	shot: Shot;
	media: Media;
	facts: MediaFacts;
	seconds: number;
	/** Linear gain of the clip's own sound (volume, ducking already applied); 0 mutes it. */
	gain: number;
	output: string;
	signal: AbortSignal;
	onProgress?: (fraction: number) => void;
}

/** The intermediate encode every segment shares, so the stitch reads them alike. */
export const SEGMENT_CODEC = [
	'-c:v',
	'libx264',
	'-preset',
	'veryfast',
	'-crf',
	'14',
	'-pix_fmt',
	'yuv420p',
	'-c:a',
	'pcm_s16le',
	'-ar',
	String(MIX_SAMPLE_RATE),
	'-ac',
	'2',
];

/** The eased progress 0..1 of frame `on` of `frames`, as an ffmpeg expression. */
function easedProgress(easing: string, frames: number): string {
	const p = `(on/${Math.max(1, frames - 1)})`;
	switch (easing) {
		case 'ease-in':
			return `(${p}*${p})`;
		case 'ease-out':
			return `(1-(1-${p})*(1-${p}))`;
		case 'ease-in-out':
			return `if(lt(${p},0.5),2*${p}*${p},1-2*(1-${p})*(1-${p}))`;
		default:
			return p;
	}
}

/** zoompan expressions for a camera move over a still (the Ken Burns effect). */
export function kenBurns(
	camera: Shot['camera'],
	frames: number,
): { zoom: string; x: string; y: string } {
	const move = camera?.move ?? 'dolly-in';
	const amount = 0.08 + 0.17 * (camera?.intensity ?? 0.5);
	const e = easedProgress(camera?.easing ?? (camera?.move ? 'ease-in-out' : 'linear'), frames);
	const centreX = '(iw-iw/zoom)/2';
	const centreY = '(ih-ih/zoom)/2';
	const panned = (1 + amount).toFixed(4);
	switch (move) {
		case 'static':
			return { zoom: '1', x: '0', y: '0' };
		case 'dolly-out':
			return { zoom: `1+${amount.toFixed(4)}*(1-${e})`, x: centreX, y: centreY };
		case 'pan-left':
			return { zoom: panned, x: `(iw-iw/zoom)*(1-${e})`, y: centreY };
		case 'pan-right':
			return { zoom: panned, x: `(iw-iw/zoom)*${e}`, y: centreY };
		case 'tilt-up':
			return { zoom: panned, x: centreX, y: `(ih-ih/zoom)*(1-${e})` };
		case 'tilt-down':
			return { zoom: panned, x: centreX, y: `(ih-ih/zoom)*${e}` };
		case 'orbit':
		case 'handheld': {
			const sway = move === 'orbit' ? 1 : 0.35;
			const turns = move === 'orbit' ? 1 : 3;
			return {
				zoom: panned,
				x: `${centreX}*(1+${sway}*sin(2*PI*${turns}*${e}))`,
				y: `${centreY}*(1+${sway}*cos(2*PI*${turns}*${e}))`,
			};
		}
		default:
			return { zoom: `1+${amount.toFixed(4)}*${e}`, x: centreX, y: centreY };
	}
}

/** atempo takes 0.5..2 per filter: a chain reaches 0.25..4. */
function tempoChain(speed: number): string[] {
	const chain: string[] = [];
	let left = speed;
	while (left > 2 + 1e-9) {
		chain.push('atempo=2');
		left /= 2;
	}
	while (left < 0.5 - 1e-9) {
		chain.push('atempo=0.5');
		left /= 0.5;
	}
	if (Math.abs(left - 1) > 1e-9) chain.push(`atempo=${left.toFixed(6)}`);
	return chain;
}

const silence = (seconds: number) =>
	`anullsrc=r=${MIX_SAMPLE_RATE}:cl=stereo,atrim=end=${seconds.toFixed(3)}[a]`;

async function stillSegment(options: SegmentOptions & { facts: { kind: 'image' } }) {
	const { spec, shot, media, facts, seconds } = options;
	const { width, height, fps } = spec.output;
	const frames = Math.max(1, Math.round(seconds * fps));
	const k = Math.min(CANVAS_SCALE, MAX_CANVAS_EDGE / Math.max(width, height));
	const cw = Math.round((width * k) / 2) * 2;
	const ch = Math.round((height * k) / 2) * 2;
	const move = kenBurns(shot.camera, frames);
	const graph = [
		`[0:v]format=rgba[src]`,
		fitFilter({
			fit: media.fit ?? 'cover',
			width: cw,
			height: ch,
			background: media.background,
			input: 'src',
			output: 'fit',
		}),
		`[fit]zoompan=z='${move.zoom}':x='${move.x}':y='${move.y}':d=${frames}:s=${width}x${height}:fps=${fps},` +
			`trim=end_frame=${frames},setsar=1,format=yuv420p[v]`,
		silence(seconds),
	].join(';');
	await encodeSegment(
		'media shot (still)',
		[{ file: facts.path, format: facts.image.format }],
		graph,
		seconds,
		options,
	);
}

async function clipSegment(options: SegmentOptions & { facts: { kind: 'video' } }) {
	const { spec, media, seconds } = options;
	const { width, height, fps } = spec.output;
	let source = options.facts.video;
	let path = options.facts.path;
	const start = Math.min(media.trim?.start ?? 0, Math.max(0, source.durationSeconds - 0.05));
	const end = Math.min(media.trim?.end ?? source.durationSeconds, source.durationSeconds);
	const used = Math.max(0.05, end - start);
	const speed = media.speed ?? 1;
	const playsFor = used / speed;
	const loops = Boolean(media.loop) && playsFor + 1e-3 < seconds;
	const withSound = source.hasAudio && options.gain > 0;
	let seek = start;
	let length = used;
	if (loops && (start > 0 || end < source.durationSeconds)) {
		// -stream_loop repeats the whole file: cut the used part first, then loop that.
		const cut = `${options.output}.part.mkv`;
		await runFfmpeg({
			what: 'media shot (trim)',
			inputs: [{ file: path, format: source.format, options: ['-ss', start.toFixed(3)] }],
			global: ['-loglevel', 'error', '-y'],
			output: [
				'-t',
				used.toFixed(3),
				'-map',
				'0:v:0',
				...(source.hasAudio ? ['-map', '0:a:0'] : []),
				...SEGMENT_CODEC,
				cut,
			],
			signal: options.signal,
		});
		path = cut;
		source = { ...source, format: 'matroska', durationSeconds: used };
		seek = 0;
	}
	const loopOptions = loops ? ['-stream_loop', '-1'] : [];
	const seekOptions = seek > 0 ? ['-ss', seek.toFixed(3)] : [];
	// Looping: the source repeats, so only the shot's length bounds it; otherwise the used part.
	if (loops) length = seconds * speed;
	const graph = [
		`[0:v]trim=duration=${length.toFixed(3)},setpts=(PTS-STARTPTS)/${speed}[src]`,
		fitFilter({
			fit: media.fit ?? 'cover',
			width,
			height,
			background: media.background,
			input: 'src',
			output: 'fit',
		}),
		`[fit]fps=${fps},tpad=stop_mode=clone:stop_duration=${seconds.toFixed(3)},trim=duration=${seconds.toFixed(3)},format=yuv420p[v]`,
		withSound
			? [
					`[0:a]atrim=duration=${length.toFixed(3)},asetpts=PTS-STARTPTS`,
					...tempoChain(speed),
					`volume=${options.gain.toFixed(4)}`,
					`aformat=sample_rates=${MIX_SAMPLE_RATE}:channel_layouts=stereo`,
					`apad,atrim=end=${seconds.toFixed(3)}[a]`,
				].join(',')
			: silence(seconds),
	].join(';');
	await encodeSegment(
		'media shot (clip)',
		[{ file: path, format: source.format, options: [...loopOptions, ...seekOptions] }],
		graph,
		seconds,
		options,
	);
	return { playsFor, loops };
}

/** Writes the segment; returns what a client should know about how the media was fitted in time. */
export async function renderMediaSegment(
	options: SegmentOptions,
): Promise<{ sourceSeconds?: number; held?: number; looped?: boolean }> {
	if (options.facts.kind === 'image') {
		await stillSegment(options as SegmentOptions & { facts: { kind: 'image' } });
		return {};
	}
	const { playsFor, loops } = await clipSegment(
		options as SegmentOptions & { facts: { kind: 'video' } },
	);
	const held = loops ? 0 : Math.max(0, options.seconds - playsFor);
	return { sourceSeconds: options.facts.video.durationSeconds, held, looped: loops };
}

export const segmentPath = (dir: string, index: number) => join(dir, `segment-${index}.mkv`);

/** Encodes a segment's filter graph (its `[v]` and `[a]`) to the segment format, cut at its length. */
function encodeSegment(
	what: string,
	inputs: MediaInput[],
	graph: string,
	seconds: number,
	options: Pick<SegmentOptions, 'output' | 'signal' | 'onProgress'>,
) {
	return runFfmpeg({
		what,
		inputs,
		global: ['-loglevel', 'error', '-y'],
		output: [
			'-filter_complex',
			graph,
			'-map',
			'[v]',
			'-map',
			'[a]',
			...SEGMENT_CODEC,
			'-t',
			seconds.toFixed(3),
			options.output,
		],
		signal: options.signal,
		onProgress: (done) => options.onProgress?.(Math.min(1, done / seconds)),
	});
}

/**
 * Remixing a video the local engine did not make (an upload, a URL, another provider's render):
 * there is no spec to re-render, so it is cut, filtered and re-mixed by ffmpeg in one pass.
 * Shots are found by scene-change detection; a style is an ffmpeg filter chain; music is the
 * engine's procedural score, ducked under the video's own sound by a sidechain compressor; an
 * extension is rendered by the local engine and joined on. The watermark is drawn again over all of it.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fitFilter } from '../../media/fitFilter';
import {
	AUDIO_FORMATS,
	MediaError,
	mediaFile,
	probeMedia,
	runFfmpeg,
	type FileFormat,
	type MediaInput,
} from '../../media/ffmpeg';
import { ApiError } from '../../spec/errors';
import type { Character, RenderSpec } from '../../spec/renderSpec';
import type { GeneratedVideo, RenderContext } from '../../pipeline/render';
import { writeMusicBed } from '../audio/musicBed';
import { abortError } from '../encode/abort';
import { chooseEncoder } from '../encode/encoderChoice';
import { MIX_SAMPLE_RATE } from '../audio';
import { deliveryOutput } from '../encode/delivery';
import { writeVariants } from '../encode/variants';
import { runLocalEngine } from '../index';
import { charactersFromPrompt } from '../plan/promptShots';
import type { StyleId, Warning } from '../storyboard';
import { STYLE_TERMS, lookupTerm, nearestTerm } from '../vocabulary';
import { DEFAULT_EXTENSION_SECONDS, type RemixOperations } from './operations';
import { detectShotStarts } from './sceneCuts';
import { STYLE_FILTER_CHAINS } from './styleFilters';

const WATERMARK_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

export interface SourceFacts {
	width: number;
	height: number;
	fps: number;
	durationSeconds: number;
	hasAudio: boolean;
	/** The container, from the file's magic bytes; ffmpeg reads it with exactly this demuxer. */
	format: FileFormat;
}

/** Containers whose probe result may be trusted as that format (ffprobe's format_name). */
const FORMAT_NAMES: Record<FileFormat, RegExp> = {
	mov: /(^|,)(mov|mp4)(,|$)/,
	matroska: /(^|,)(matroska|webm)(,|$)/,
	wav: /(^|,)wav(,|$)/,
	mp3: /(^|,)mp3(,|$)/,
	flac: /(^|,)flac(,|$)/,
	ogg: /(^|,)ogg(,|$)/,
	aac: /(^|,)aac(,|$)/,
	png_pipe: /(^|,)png_pipe(,|$)/,
	jpeg_pipe: /(^|,)jpeg_pipe(,|$)/,
	webp_pipe: /(^|,)webp_pipe(,|$)/,
};

/**
 * What a client's video is, read with an explicit container (never ffmpeg's auto-detection): a
 * playlist, a concat list or anything but one MP4/MOV or Matroska/WebM file is refused before
 * ffmpeg opens it. Errors name `pointer` (the request field) and never a server path.
 */
export async function probeSource(
	path: string,
	pointer = '/source',
	signal?: AbortSignal,
): Promise<SourceFacts> {
	let input: Extract<MediaInput, { file: string }>;
	try {
		input = await mediaFile(path);
	} catch (error) {
		if (!(error instanceof MediaError)) throw error;
		throw new ApiError(422, 'source_unsupported', error.message, [
			{ path: pointer, message: 'must be a single MP4/MOV or Matroska/WebM video file' },
		]);
	}
	const unreadable = (detail: string) =>
		new ApiError(422, 'source_unreadable', `The source is not a readable video: ${detail}.`, [
			{ path: pointer, message: 'not a readable video' },
		]);
	let info: Awaited<ReturnType<typeof probeMedia>>;
	try {
		info = await probeMedia(input, signal);
	} catch (error) {
		if (signal?.aborted) throw error;
		throw unreadable(`the ${input.format === 'mov' ? 'MP4/MOV' : 'Matroska/WebM'} data is invalid`);
	}
	if (!FORMAT_NAMES[input.format].test(String(info.format.format_name ?? '')))
		throw unreadable('its container is not what its first bytes say');
	const video = info.streams.find((s) => s.codec_type === 'video');
	if (!video || !(Number(video.width) > 0) || !(Number(video.height) > 0))
		throw new ApiError(422, 'source_unreadable', 'The source has no video stream.', [
			{ path: pointer, message: 'no video stream' },
		]);
	const [num, den] = String(video.avg_frame_rate || video.r_frame_rate || '30/1')
		.split('/')
		.map(Number);
	const fps = den ? num / den : 30;
	const durationSeconds = Number(info.format.duration ?? video.duration ?? 0);
	if (!Number.isFinite(durationSeconds) || durationSeconds <= 0)
		throw unreadable('it has no duration');
	return {
		width: Number(video.width),
		height: Number(video.height),
		fps: Number.isFinite(fps) && fps > 0 ? fps : 30,
		durationSeconds,
		hasAudio: info.streams.some((s) => s.codec_type === 'audio'),
		format: input.format,
	};
}

/** A file that is sound only (music for a bed): its length and codec; undefined for a video or an unreadable file. */
export async function probeAudioOnly(
	path: string,
	signal?: AbortSignal,
): Promise<{ durationSeconds: number; codec: string } | undefined> {
	let info: Awaited<ReturnType<typeof probeMedia>>;
	try {
		info = await probeMedia(await mediaFile(path, AUDIO_FORMATS), signal);
	} catch (error) {
		if (signal?.aborted) throw error;
		return undefined;
	}
	// Cover art in an mp3 or m4a is a one-frame "video" stream: it is still a sound file.
	const moving = info.streams.some(
		(s) =>
			s.codec_type === 'video' &&
			!(s.disposition as unknown as { attached_pic?: number })?.attached_pic,
	);
	const audio = info.streams.find((s) => s.codec_type === 'audio');
	if (moving || !audio) return undefined;
	return {
		durationSeconds: Number(info.format.duration ?? audio.duration ?? 0),
		codec: String(audio.codec_name ?? 'unknown'),
	};
}

interface Segment {
	start: number;
	end: number;
}

/** The source's shots after re-ordering, dropping and trimming, as spans of the source file. */
async function plannedSegments(
	sourcePath: string,
	facts: SourceFacts,
	recut: RemixOperations['recut'],
	signal: AbortSignal,
): Promise<{ segments: Segment[]; shotCount: number }> {
	let shots: Segment[] = [{ start: 0, end: facts.durationSeconds }];
	if (recut?.order || recut?.drop) {
		const starts = await detectShotStarts({ file: sourcePath, format: facts.format }, signal);
		shots = starts.map((start, i) => ({ start, end: starts[i + 1] ?? facts.durationSeconds }));
		const bad = [
			...(recut.order ?? []).map((i, j) => [i, `/operations/recut/order/${j}`] as const),
			...(recut.drop ?? []).map((i, j) => [i, `/operations/recut/drop/${j}`] as const),
		].filter(([i]) => i >= shots.length);
		if (bad.length)
			throw ApiError.invalid(
				'The re-cut names shots the source does not have.',
				bad.map(([, path]) => ({
					path,
					message: `${shots.length} shots were found in the source (0..${shots.length - 1})`,
				})),
			);
	}
	const dropped = new Set(recut?.drop ?? []);
	let segments = (recut?.order ?? shots.map((_, i) => i))
		.filter((i) => !dropped.has(i))
		.map((i) => ({ ...shots[i] }));
	if (!segments.length)
		throw ApiError.invalid('The re-cut leaves nothing.', [
			{ path: '/operations/recut', message: 'at least one shot must remain' },
		]);
	if (recut?.trim) {
		const start = recut.trim.start ?? 0;
		const end = recut.trim.end ?? Infinity;
		const kept: Segment[] = [];
		let t = 0;
		for (const s of segments) {
			const length = s.end - s.start;
			const from = Math.max(start, t);
			const to = Math.min(end, t + length);
			if (to - from > 0.001) kept.push({ start: s.start + (from - t), end: s.start + (to - t) });
			t += length;
		}
		if (!kept.length)
			throw ApiError.invalid('The trim keeps nothing.', [
				{
					path: '/operations/recut/trim',
					message: `the re-cut lasts ${t.toFixed(2)} s; start must be before end`,
				},
			]);
		segments = kept;
	}
	return { segments, shotCount: shots.length };
}

function styleOf(requested: string | undefined, warnings: Warning[]): StyleId | undefined {
	if (!requested) return undefined;
	const known = lookupTerm(STYLE_TERMS, requested);
	if (known) return known;
	const near = nearestTerm(STYLE_TERMS, requested);
	const chosen = near.distance <= 3 ? near.id : 'cinematic';
	warnings.push({
		path: '/operations/style',
		term: requested,
		message: `style "${requested}" is not available; using "${chosen}"`,
	});
	return chosen;
}

/** The watermark walks clockwise round the corners, one leg per quarter of the clip (1.5–6 s). */
export function watermarkFilter(text: string, seconds: number, height: number): string {
	const leg = Math.max(1.5, Math.min(6, seconds / 4)).toFixed(3);
	const size = Math.max(10, Math.round(height * 0.032));
	const corner = `mod(floor(t/${leg}),4)`;
	const font = existsSync(WATERMARK_FONT) ? `fontfile=${WATERMARK_FONT}:` : '';
	const safe = text.replace(/[\\':%]/g, ' ');
	return (
		`drawtext=${font}text='${safe}':fontsize=${size}:fontcolor=white@0.7:shadowcolor=black@0.35:shadowx=1:shadowy=1:` +
		`x='w*0.04+between(${corner},1,2)*(w-tw-w*0.08)+w*0.01*sin(t*0.9)':y='h*0.04+gte(${corner},2)*(h-th-h*0.08)+h*0.01*cos(t*0.7)'`
	);
}

export interface ArbitraryRemixInput {
	/** The source video on local disk. */
	sourcePath: string;
	operations: RemixOperations;
	/** The remix's spec: output quality, watermark and seed are taken from it. */
	spec: RenderSpec;
}

export async function remixArbitraryVideo(
	input: ArbitraryRemixInput,
	ctx: RenderContext,
): Promise<GeneratedVideo> {
	const { operations, spec } = input;
	const warnings: Warning[] = [];
	if (operations.cameo) {
		throw ApiError.invalid('A cameo can only be cast into a render the local engine made.', [
			{
				path: '/operations/cameo',
				message:
					'the source is not a local-engine render; cast the cameo in a new render or remix a local one',
			},
		]);
	}
	ctx.progress('plan', 0);
	const facts = await probeSource(input.sourcePath, '/source', ctx.signal);
	const { segments, shotCount } = await plannedSegments(
		input.sourcePath,
		facts,
		operations.recut,
		ctx.signal,
	);
	const width = facts.width - (facts.width % 2);
	const height = facts.height - (facts.height % 2);
	const fps = Math.min(60, Math.max(1, Math.round(facts.fps)));
	ctx.progress('plan', 1);

	// Each segment is its own input (seeked with -ss/-t): re-ordered shots are then decoded when
	// their turn comes, instead of buffering every decoded frame of a later-used shot in memory.
	const inputs: MediaInput[] = segments.map((s) => ({
		file: input.sourcePath,
		format: facts.format,
		options: ['-ss', s.start.toFixed(4), '-t', (s.end - s.start).toFixed(4)],
	}));
	const videoParts: string[] = [];
	const audioParts: string[] = [];
	const filters: string[] = [];

	const normaliseAudio = `aformat=sample_rates=${MIX_SAMPLE_RATE}:channel_layouts=stereo`;
	segments.forEach((s, i) => {
		filters.push(
			`[${i}:v]setpts=PTS-STARTPTS[s${i}]`,
			fitFilter({ fit: 'contain', width, height, input: `s${i}`, output: `f${i}` }),
			`[f${i}]fps=${fps}[v${i}]`,
		);
		filters.push(
			facts.hasAudio
				? `[${i}:a]asetpts=PTS-STARTPTS,${normaliseAudio},apad=whole_dur=${(s.end - s.start).toFixed(4)},atrim=end=${(s.end - s.start).toFixed(4)}[a${i}]`
				: `anullsrc=r=${MIX_SAMPLE_RATE}:cl=stereo,atrim=duration=${(s.end - s.start).toFixed(4)}[a${i}]`,
		);
		videoParts.push(`[v${i}]`);
		audioParts.push(`[a${i}]`);
	});
	let totalSeconds = segments.reduce((sum, s) => sum + (s.end - s.start), 0);

	const extensionDir = join(ctx.workDir, 'extension');
	let transcript = '';
	if (operations.extend) {
		ctx.progress('synthesize', 0);
		// The source's people are unknown to the engine; the extension's come from its own prompts.
		const prompts = operations.extend.shots.map((s) => s.prompt).join(' ');
		const characters: Character[] = charactersFromPrompt(prompts);
		warnings.push({
			path: '/operations/extend',
			term: 'characters',
			message:
				'the source was not made by the local engine, so its characters cannot be carried into the extension; characters named in the new prompts are drawn instead',
		});
		await mkdir(extensionDir, { recursive: true });
		const extensionSpec: RenderSpec = {
			...spec,
			prompt: undefined,
			durationSeconds: undefined,
			output: { ...spec.output, width, height, fps },
			style: styleOf(operations.style, []) ?? spec.style,
			characters,
			shots: operations.extend.shots.map((s, i) => ({
				id: `ext-${i + 1}`,
				prompt: s.prompt,
				duration: s.duration ?? DEFAULT_EXTENSION_SECONDS,
			})),
			audio: { ...spec.audio, music: { enabled: false } },
			watermark: { ...spec.watermark, enabled: false },
		};
		const extension = await runLocalEngine(extensionSpec, {
			...ctx,
			workDir: extensionDir,
			progress: (_stage, f) => ctx.progress('synthesize', f),
		});
		warnings.push(
			...extension.warnings.map((w) => ({ ...w, path: `/operations/extend${w.path}` })),
		);
		transcript = extension.transcript;
		const extensionInput = segments.length;
		inputs.push({ file: extension.videoPath, format: 'mov' });
		filters.push(
			fitFilter({
				fit: 'contain',
				width,
				height,
				input: `${extensionInput}:v`,
				output: 'fx',
			}),
			`[fx]fps=${fps}[vx]`,
			`[${extensionInput}:a]${normaliseAudio}[ax]`,
		);
		videoParts.push('[vx]');
		audioParts.push('[ax]');
		totalSeconds += extension.storyboard.durationSeconds;
	}

	filters.push(
		`${videoParts.map((v, i) => `${v}${audioParts[i]}`).join('')}concat=n=${videoParts.length}:v=1:a=1[vc][ac]`,
	);
	const style = styleOf(operations.style, warnings);
	const videoChain = [
		style ? STYLE_FILTER_CHAINS[style] : undefined,
		spec.watermark.enabled ? watermarkFilter(spec.watermark.text, totalSeconds, height) : undefined,
		'format=yuv420p',
	]
		.filter(Boolean)
		.join(',');
	filters.push(`[vc]${videoChain}[vout]`);

	const musicPath = join(ctx.workDir, 'remix-music.wav');
	if (operations.music) {
		ctx.progress('compose', 0);
		await writeMusicBed({
			path: musicPath,
			seconds: totalSeconds,
			music: operations.music,
			at: '/operations/music',
			seed: spec.seed ?? 0,
			defaultVolume: 0.6,
			warnings,
			...(ctx.fetchMedia ? { fetchTrack: ctx.fetchMedia.bind(ctx) } : {}),
			signal: ctx.signal,
		});
		const musicInput = inputs.length;
		inputs.push({ file: musicPath, format: 'wav' });
		// The video's own sound (speech) keys a compressor on the music: the music dips while it plays.
		filters.push(
			`[ac]asplit=2[ad][sc]`,
			`[${musicInput}:a]${normaliseAudio}[m]`,
			`[m][sc]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[md]`,
			`[ad][md]amix=inputs=2:duration=first:normalize=0[am]`,
		);
	} else {
		filters.push('[ac]anull[am]');
	}
	filters.push(
		`[am]loudnorm=I=${spec.audio.loudnessLufs ?? -14}:TP=-1.5:LRA=11,aresample=${MIX_SAMPLE_RATE}[aout]`,
	);

	const encoder = await chooseEncoder(ctx.log);
	const videoPath = join(ctx.workDir, 'video.mp4');
	const output = [
		'-filter_complex',
		filters.join(';'),
		'-map',
		'[vout]',
		'-map',
		'[aout]',
		...deliveryOutput({
			encoder,
			quality: spec.output.quality,
			fps,
			seconds: totalSeconds,
			output: videoPath,
		}),
	];
	ctx.progress('encode', 0);
	try {
		await runFfmpeg({
			what: 'remix',
			global: ['-loglevel', 'error', '-y'],
			inputs,
			output,
			signal: ctx.signal,
			onProgress: (done) => ctx.progress('encode', Math.min(1, done / totalSeconds)),
		});
		const variants = await writeVariants(
			videoPath,
			ctx.workDir,
			Math.min(totalSeconds / 2, 2),
			ctx.signal,
		);
		return {
			videoPath,
			transcript,
			warnings,
			stills: variants,
			details: {
				engine: 'local-remix',
				encoder,
				source: { ...facts, shotsDetected: shotCount },
				segments,
				durationSeconds: totalSeconds,
			},
		};
	} catch (error) {
		await Promise.all(
			[
				videoPath,
				musicPath,
				join(ctx.workDir, 'poster.jpg'),
				join(ctx.workDir, 'thumbnail.jpg'),
			].map((p) => rm(p, { force: true })),
		);
		await rm(extensionDir, { recursive: true, force: true });
		throw ctx.signal.aborted ? abortError(ctx.signal) : error;
	} finally {
		await rm(musicPath, { force: true });
	}
}

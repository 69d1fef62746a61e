/**
 * The encoder, in three steps:
 * 1. Frames stream into ffmpeg's stdin one at a time — yuv420p converted where they are drawn
 *    (encode/yuv.ts), or RGBA for ffmpeg to convert — and come out as H.264 (yuv420p) in a
 *    video-only file. The pipe is ffmpeg's only input: a second input (the audio) makes ffmpeg read
 *    the pipe on its own thread, and at 4K that alone held ~500 MB more (measured: 1.1–1.4 GB
 *    against 0.63 GB for the same encode with one input; docs/BENCHMARKS.md).
 * 2. Meanwhile, in a second ffmpeg, the mixed WAV becomes AAC (48 kHz stereo), cut or padded to
 *    the video's length.
 * 3. The mux copies both streams and puts the index at the front (+faststart rewrites the file
 *    anyway, so the separate mux costs no extra pass over the video); the poster and thumbnail are
 *    taken from the video in the same ffmpeg run.
 *
 * Moderation (when the job is moderated): the video step has a second output, the moderation
 * sampling chain (trust/moderation/media/frameSampler.ts) on the very yuv420p frames x264 is given,
 * written as raw RGB to a third pipe; each sampled frame goes to the job's moderation tap while
 * drawing goes on, instead of the finished file being decoded again afterwards. Selecting frames
 * costs ffmpeg a sum of differences per frame; only the few selected ones are scaled.
 *
 * Back-pressure: a frame is written while the next one is drawn, and only handed to the pipe once
 * the previous one has been taken whole. A source that reuses one buffer has each frame copied into
 * one of two slots first; a source whose frames are fresh buffers (the Skia renderer's) is written
 * as it is. At most two frames are in flight, so memory stays flat whatever the length or size of
 * the video, and drawing overlaps with ffmpeg's work instead of waiting for it.
 */
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import type { Writable } from 'node:stream';
import {
	ffmpegArgs,
	MediaError,
	runFfmpeg,
	startFfmpeg,
	withoutPaths,
	type FfmpegJob,
} from '../../media/ffmpeg';
import type { ModerationFrameTap } from '../../pipeline/render';
import type { Quality } from '../../spec/renderSpec';
import {
	SampledFrameReader,
	samplingChain,
	type SamplingChain,
} from '../../trust/moderation/media/frameSampler';
import { collectYoungGarbage } from '../memory';
import { abortError } from './abort';
import { DELIVERY_AUDIO, DELIVERY_SAMPLE_RATE } from './delivery';
import { chooseEncoder, drawnFrameEncoderSettings, type EncoderName } from './encoderChoice';
import { stillsJob } from '../../media/stills';
import { THUMBNAIL_WIDTH, type Variants } from './variants';

export { abortError };

export interface FrameSource {
	width: number;
	height: number;
	/**
	 * 'rgba' (default): width*height*4 bytes a frame, converted by ffmpeg; 'yuv420p': the source
	 * converted them already (I420: Y, then U, then V; width*height*3/2 bytes).
	 */
	pixelFormat?: 'rgba' | 'yuv420p';
	/** One frame in `pixelFormat`; may be reused by the source once the next frame is asked for. */
	drawFrame(index: number): Buffer | Promise<Buffer>;
	/**
	 * True when every drawFrame returns a new buffer that the source never writes again: the encoder
	 * then writes it without copying it (a copy is 8 MB a frame at 1080p, 33 MB at 4K).
	 */
	framesAreFresh?: boolean;
	/** An ffmpeg filter chain applied to the frames before encoding (a style grade done by ffmpeg). */
	ffmpegFilter?: string;
	/** The video's size when `ffmpegFilter` scales the frames (a draft drawn at half size). */
	outputSize?: { width: number; height: number };
}

export interface EncodeRequest {
	frames: FrameSource;
	totalFrames: number;
	fps: number;
	quality: Quality;
	/**
	 * 48 kHz stereo WAV; silence is encoded when absent, so every output has an audio track. May be
	 * a promise (a mix still being made while frames are drawn): the audio step starts when it is
	 * fulfilled, and its rejection fails the encode at the next frame.
	 */
	audioPath?: string | PromiseLike<string | undefined>;
	outPath: string;
	/** Extra filters after the source's own (e.g. burned-in subtitles). */
	extraFilters?: string[];
	signal?: AbortSignal;
	onProgress?: (fraction: number) => void;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	/** Forces an encoder instead of the process-wide choice. */
	encoder?: EncoderName;
	/** Also write the poster and thumbnail (encode/variants.ts) of the frame at `atSeconds` into `dir`. */
	stills?: { dir: string; atSeconds: number };
	/** Sample frames for moderation as they are encoded, and hand them to this tap. */
	moderation?: ModerationFrameTap;
}

export interface EncodeResult {
	path: string;
	frames: number;
	durationSeconds: number;
	encoder: EncoderName;
	/**
	 * Where the time went: drawing frames, waiting for ffmpeg to take them (it was busy), finishing
	 * the video after the last frame, and muxing it with the audio.
	 */
	timingsMs: { draw: number; waitForEncoder: number; finish: number; mux: number };
	/** When `stills` was asked for. */
	variants?: Variants;
}

/** A failure of the encoder itself (a frame of the wrong size, ffmpeg dying while frames are written). */
export class EncodeError extends MediaError {
	constructor(message: string, stderr: string) {
		super('ffmpeg_failed', message, stderr);
		this.name = 'EncodeError';
	}
}

/**
 * Bounds libx264's memory on large frames. By default it runs 1.5 frame threads per core and a
 * sync lookahead besides, each holding full frames with their half-pel planes: at 4K that is most
 * of a GB (measured on 2 cores, veryfast, 4K from a file: 841 MB). Large frames get at most 4
 * threads, no sync lookahead and a 5-frame rate-control lookahead (597 MB); smaller frames keep
 * x264's defaults, whose memory is small anyway.
 */
function largeFrameOptions(
	encoder: EncoderName,
	width: number,
	height: number,
): { options: string[]; x264Params: string[] } {
	if (encoder !== 'libx264' || width * height < 3840 * 2160 * 0.9)
		return { options: [], x264Params: [] };
	return {
		options: ['-threads', String(Math.max(1, Math.min(4, cpus().length)))],
		x264Params: ['rc-lookahead=5', 'sync-lookahead=0'],
	};
}

/**
 * The ffmpeg run of the video step: raw RGBA or yuv420p on stdin, H.264 out, no audio; with
 * `sampling`, the moderation samples as raw RGB on pipe 3 besides. `encodeArgs` is its command
 * line, exported so the benchmark's bare encode uses the same encoder settings.
 */
function videoJob(
	request: Omit<EncodeRequest, 'frames' | 'encoder' | 'audioPath' | 'moderation'> & {
		width: number;
		height: number;
		pixelFormat?: 'rgba' | 'yuv420p';
		ffmpegFilter?: string;
		encoder: EncoderName;
		/** A second output: the moderation sampling chain's frames as raw RGB on pipe 3. */
		sampling?: SamplingChain;
	},
): FfmpegJob {
	const { width, height, fps, totalFrames, outPath, quality, encoder, sampling } = request;
	const filters = [request.ffmpegFilter, ...(request.extraFilters ?? []), 'format=yuv420p'].filter(
		(f): f is string => Boolean(f),
	);
	const large = largeFrameOptions(encoder, width, height);
	const video = [
		...drawnFrameEncoderSettings(encoder, quality, fps, large.x264Params).videoOptions,
		...large.options,
		'-pix_fmt',
		'yuv420p',
		'-frames:v',
		String(totalFrames),
		'-an',
		'-f',
		'mp4',
		outPath,
	];
	return {
		what: 'encode',
		// The sampling chain's showinfo prints each sampled frame's time at the info level.
		global: ['-nostats', '-loglevel', sampling ? 'info' : 'error', '-y'],
		inputs: [
			{
				pipe: 0,
				format: 'rawvideo',
				options: [
					'-pix_fmt',
					request.pixelFormat ?? 'rgba',
					'-s',
					`${width}x${height}`,
					'-framerate',
					String(fps),
				],
			},
		],
		output: sampling
			? [
					'-filter_complex',
					`[0:v]${filters.join(',')},split=2[video][sample];[sample]${sampling.filter}[sampled]`,
					'-map',
					'[video]',
					...video,
					'-map',
					'[sampled]',
					'-frames:v',
					String(sampling.maxFrames),
					'-fps_mode',
					'vfr',
					'-f',
					'rawvideo',
					'-pix_fmt',
					'rgb24',
					'pipe:3',
				]
			: ['-vf', filters.join(','), ...video],
		outputPipes: sampling ? 1 : 0,
		signal: request.signal,
	};
}

export function encodeArgs(request: Parameters<typeof videoJob>[0]): string[] {
	return ffmpegArgs(videoJob(request));
}

/**
 * Reads the sampling output (pipe 3) and hands each frame to the tap with its time (showinfo's
 * lines on stderr may come a moment after the frame's bytes: a frame waits for its line).
 */
function moderationReader(chain: SamplingChain, tap: ModerationFrameTap) {
	const reader = new SampledFrameReader(chain);
	const waiting: Array<{ index: number; width: number; height: number; data: Uint8Array }> = [];
	const flush = (final: boolean) => {
		while (waiting.length) {
			const time = final ? reader.fallbackTime(waiting[0].index) : reader.timeOf(waiting[0].index);
			if (time === undefined) return;
			const { index: _index, ...image } = waiting.shift()!;
			tap.frame({ ...image, time });
		}
	};
	return {
		/** One stderr line; true when it was the sampler's (kept out of the error tail). */
		line(line: string): boolean {
			const mine = reader.line(line);
			flush(false);
			return mine;
		},
		data(chunk: Buffer) {
			waiting.push(...reader.data(chunk));
			flush(false);
		},
		end() {
			flush(true);
			tap.end();
		},
	};
}

/** The audio step: the mix (a WAV the engine wrote) as AAC, padded or cut to the video's length. */
function audioJob(
	audioPath: string | undefined,
	durationSeconds: number,
	outPath: string,
	signal?: AbortSignal,
): FfmpegJob {
	const duration = durationSeconds.toFixed(6);
	return {
		what: 'encode audio',
		global: ['-loglevel', 'error', '-y'],
		inputs: [
			audioPath
				? { file: audioPath, format: 'wav' }
				: { lavfi: `anullsrc=r=${DELIVERY_SAMPLE_RATE}:cl=stereo` },
		],
		output: [
			'-vn',
			// Pad short audio with silence and cut long audio, so both streams end with the last frame.
			'-af',
			`apad=whole_dur=${duration},atrim=end=${duration}`,
			...DELIVERY_AUDIO,
			'-f',
			'mp4',
			outPath,
		],
		signal,
	};
}

/**
 * The mux: both streams copied as they are, the index at the front. With `stills`, the same run
 * also takes the poster and thumbnail from the video (a third input, seeked), instead of an ffmpeg
 * process of their own; the muxed file is byte for byte the one a mux alone writes.
 */
function muxJob(
	videoPath: string,
	audioPath: string,
	outPath: string,
	signal?: AbortSignal,
	stills?: ReturnType<typeof stillsJob>,
): FfmpegJob {
	return {
		what: stills ? 'mux and stills' : 'mux',
		global: ['-loglevel', 'error', '-y'],
		inputs: [
			{ file: videoPath, format: 'mov' },
			{ file: audioPath, format: 'mov' },
			...(stills ? [stills.input] : []),
		],
		output: [
			'-map',
			'0:v:0',
			'-map',
			'1:a:0',
			'-c',
			'copy',
			'-movflags',
			'+faststart',
			'-f',
			'mp4',
			outPath,
			...(stills?.output ?? []),
		],
		signal,
	};
}

function waitForWrite(
	stdin: Writable,
	chunk: Buffer,
	child: ChildProcess,
	stderr: () => string,
): Promise<void> {
	return new Promise((resolve, reject) => {
		const onExit = (code: number | null) =>
			reject(
				new EncodeError(
					`ffmpeg exited (${code}) while frames were being written: ${withoutPaths(stderr().slice(-500))}`,
					stderr(),
				),
			);
		child.once('exit', onExit);
		stdin.write(chunk, (error) => {
			child.off('exit', onExit);
			if (error)
				reject(
					new EncodeError(
						`writing a frame to ffmpeg failed: ${error.message}; ${withoutPaths(stderr().slice(-500))}`,
						stderr(),
					),
				);
			else resolve();
		});
	});
}

export async function encodeVideo(request: EncodeRequest): Promise<EncodeResult> {
	const { frames, totalFrames, signal, onProgress } = request;
	if (signal?.aborted) throw abortError(signal);
	const encoder = request.encoder ?? (await chooseEncoder(request.log));
	// The video and audio steps write next to the output; the mux joins them into the output. The
	// audio is encoded while frames are drawn, so the mux after the last frame only copies.
	const videoOnlyPath = `${request.outPath}.video.mp4`;
	const audioOnlyPath = `${request.outPath}.audio.m4a`;
	const durationSeconds = totalFrames / request.fps;
	const audioDone = Promise.resolve(request.audioPath)
		.then((audioPath) => runFfmpeg(audioJob(audioPath, durationSeconds, audioOnlyPath, signal)))
		.then(() => undefined);
	// Awaited at the mux; until then a failure stops the frame loop instead of being unhandled.
	let audioFailed: { error: unknown } | undefined;
	audioDone.catch((error: unknown) => (audioFailed = { error }));
	// The chain is sized by the output (a draft drawn at half size is scaled up before it).
	const sampling = request.moderation
		? samplingChain(frames.outputSize ?? frames, request.moderation.sampling)
		: undefined;
	const sampled = sampling && moderationReader(sampling, request.moderation!);
	const video = startFfmpeg({
		...videoJob({
			...request,
			outPath: videoOnlyPath,
			width: frames.width,
			height: frames.height,
			pixelFormat: frames.pixelFormat,
			ffmpegFilter: frames.ffmpegFilter,
			encoder,
			sampling,
		}),
		...(sampled ? { onStderrLine: (line: string) => sampled.line(line) } : {}),
	});
	const child = video.child;
	const stderrText = () => video.stderrTail();
	const sampledDone = sampled
		? new Promise<void>((resolve, reject) => {
				const pipe = video.outputPipe(3);
				pipe.on('data', (chunk: Buffer) => sampled.data(chunk));
				pipe.on('end', resolve);
				pipe.on('error', reject);
			})
		: Promise.resolve();
	sampledDone.catch(() => undefined);
	const yuv = frames.pixelFormat === 'yuv420p';
	const frameBytes = yuv
		? (frames.width * frames.height * 3) / 2
		: frames.width * frames.height * 4;
	const timingsMs = { draw: 0, waitForEncoder: 0, finish: 0, mux: 0 };
	// Two frame slots (for a source that reuses its buffer): frame i is copied into slot i % 2 and
	// written while frame i + 1 is drawn. Before frame i + 1 is handed over, frame i must have been
	// taken whole by the pipe, so at most two frames exist beyond the renderer's own buffer.
	const slots = frames.framesAreFresh
		? []
		: [Buffer.allocUnsafe(frameBytes), Buffer.allocUnsafe(frameBytes)];
	let inFlight: Promise<void> | undefined;
	try {
		for (let i = 0; i < totalFrames; i++) {
			if (signal?.aborted) throw abortError(signal);
			if (audioFailed) throw audioFailed.error;
			const drawStart = performance.now();
			const frame = await frames.drawFrame(i);
			timingsMs.draw += performance.now() - drawStart;
			if (frame.length !== frameBytes)
				throw new EncodeError(
					`frame ${i} has ${frame.length} bytes; expected ${frameBytes} (${frames.width}x${frames.height} ${yuv ? 'yuv420p' : 'RGBA'})`,
					'',
				);
			let slot = frame;
			if (!frames.framesAreFresh) {
				slot = slots[i % 2];
				frame.copy(slot);
			}
			const waitStart = performance.now();
			if (inFlight) await inFlight;
			timingsMs.waitForEncoder += performance.now() - waitStart;
			// The previous frame is written: with fresh frames, collect it now (see ../memory.ts).
			if (frames.framesAreFresh) collectYoungGarbage();
			onProgress?.(i / totalFrames);
			inFlight = waitForWrite(child.stdin!, slot, child, stderrText);
			// Rejections are awaited on the next turn; this only keeps Node from calling them unhandled meanwhile.
			inFlight.catch(() => undefined);
		}
		const lastWait = performance.now();
		if (inFlight) await inFlight;
		timingsMs.waitForEncoder += performance.now() - lastWait;
		onProgress?.(1);
		const finishStart = performance.now();
		child.stdin!.end();
		await video.done;
		timingsMs.finish = performance.now() - finishStart;
		if (signal?.aborted) throw abortError(signal);
		// The door's 'close' comes once every pipe is drained: the last sampled frames have been read.
		if (sampled) {
			await sampledDone;
			sampled.end();
		}
		const muxStart = performance.now();
		// The stills come from the encoded video (with the style's ffmpeg part), in the mux's run. Its
		// seeked input is read for two frame durations only: ffmpeg would otherwise decode the rest of
		// the video while the copy goes on, long after the one frame the stills need.
		const stills = request.stills
			? stillsJob(
					{ file: videoOnlyPath, format: 'mov' },
					request.stills.dir,
					request.stills.atSeconds,
					THUMBNAIL_WIDTH,
					{ inputIndex: 2, readSeconds: 2 / request.fps },
				)
			: undefined;
		await audioDone;
		await runFfmpeg(muxJob(videoOnlyPath, audioOnlyPath, request.outPath, signal, stills));
		const variants: Variants | undefined = stills?.stills;
		timingsMs.mux = performance.now() - muxStart;
		await Promise.all([rm(videoOnlyPath, { force: true }), rm(audioOnlyPath, { force: true })]);
		const rounded = {
			draw: Math.round(timingsMs.draw),
			waitForEncoder: Math.round(timingsMs.waitForEncoder),
			finish: Math.round(timingsMs.finish),
			mux: Math.round(timingsMs.mux),
		};
		return {
			path: request.outPath,
			frames: totalFrames,
			durationSeconds,
			encoder,
			timingsMs: rounded,
			variants,
		};
	} catch (error) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		await Promise.all([video.done.catch(() => undefined), audioDone.catch(() => undefined)]);
		await Promise.all(
			[videoOnlyPath, audioOnlyPath, request.outPath].map((path) => rm(path, { force: true })),
		);
		throw signal?.aborted ? abortError(signal) : error;
	}
}

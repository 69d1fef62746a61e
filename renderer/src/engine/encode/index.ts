/**
 * The encoder, in three steps:
 * 1. RGBA frames stream into ffmpeg's stdin one at a time and come out as H.264 (yuv420p) in a
 *    video-only file. The pipe is ffmpeg's only input: a second input (the audio) makes ffmpeg read
 *    the pipe on its own thread, and at 4K that alone held ~500 MB more (measured: 1.1–1.4 GB
 *    against 0.63 GB for the same encode with one input; docs/BENCHMARKS.md).
 * 2. Meanwhile, in a second ffmpeg, the mixed WAV becomes AAC (48 kHz stereo), cut or padded to
 *    the video's length.
 * 3. The mux copies both streams and puts the index at the front (+faststart rewrites the file
 *    anyway, so the separate mux costs no extra pass over the video); the poster and thumbnail are
 *    taken from the video at the same time.
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
import type { Quality } from '../../spec/renderSpec';
import { collectYoungGarbage } from '../memory';
import { abortError } from './abort';
import { chooseEncoder, encoderSettings, type EncoderName } from './encoderChoice';
import { writeVariants, type Variants } from './variants';

export { abortError };

export interface FrameSource {
	width: number;
	height: number;
	/** RGBA, width*height*4 bytes; may be reused by the source once the next frame is asked for. */
	drawFrame(index: number): Buffer | Promise<Buffer>;
	/**
	 * True when every drawFrame returns a new buffer that the source never writes again: the encoder
	 * then writes it without copying it (a copy is 8 MB a frame at 1080p, 33 MB at 4K).
	 */
	framesAreFresh?: boolean;
	/** An ffmpeg filter chain applied to the frames before encoding (a style grade done by ffmpeg). */
	ffmpegFilter?: string;
}

export interface EncodeRequest {
	frames: FrameSource;
	totalFrames: number;
	fps: number;
	quality: Quality;
	/** 48 kHz stereo WAV; silence is encoded when absent, so every output has an audio track. */
	audioPath?: string;
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
function largeFrameOptions(encoder: EncoderName, width: number, height: number): string[] {
	if (encoder !== 'libx264' || width * height < 3840 * 2160 * 0.9) return [];
	return [
		'-threads',
		String(Math.max(1, Math.min(4, cpus().length))),
		'-x264-params',
		'rc-lookahead=5:sync-lookahead=0',
	];
}

/**
 * The ffmpeg run of the video step: raw RGBA on stdin, H.264 out, no audio. `encodeArgs` is its
 * command line, exported so the benchmark's bare encode uses the same encoder settings.
 */
function videoJob(
	request: Omit<EncodeRequest, 'frames' | 'encoder' | 'audioPath'> & {
		width: number;
		height: number;
		ffmpegFilter?: string;
		encoder: EncoderName;
	},
): FfmpegJob {
	const { width, height, fps, totalFrames, outPath, quality, encoder } = request;
	const filters = [request.ffmpegFilter, ...(request.extraFilters ?? []), 'format=yuv420p'].filter(
		(f): f is string => Boolean(f),
	);
	return {
		what: 'encode',
		global: ['-loglevel', 'error', '-y'],
		inputs: [
			{
				pipe: 0,
				format: 'rawvideo',
				options: ['-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps)],
			},
		],
		output: [
			'-vf',
			filters.join(','),
			...encoderSettings(encoder, quality, fps).videoOptions,
			...largeFrameOptions(encoder, width, height),
			'-pix_fmt',
			'yuv420p',
			'-frames:v',
			String(totalFrames),
			'-an',
			'-f',
			'mp4',
			outPath,
		],
		signal: request.signal,
	};
}

export function encodeArgs(request: Parameters<typeof videoJob>[0]): string[] {
	return ffmpegArgs(videoJob(request));
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
			audioPath ? { file: audioPath, format: 'wav' } : { lavfi: 'anullsrc=r=48000:cl=stereo' },
		],
		output: [
			'-vn',
			// Pad short audio with silence and cut long audio, so both streams end with the last frame.
			'-af',
			`apad=whole_dur=${duration},atrim=end=${duration}`,
			'-c:a',
			'aac',
			'-b:a',
			'160k',
			'-ar',
			'48000',
			'-ac',
			'2',
			'-f',
			'mp4',
			outPath,
		],
		signal,
	};
}

/** The mux: both streams copied as they are, the index at the front. */
function muxJob(
	videoPath: string,
	audioPath: string,
	outPath: string,
	signal?: AbortSignal,
): FfmpegJob {
	return {
		what: 'mux',
		global: ['-loglevel', 'error', '-y'],
		inputs: [
			{ file: videoPath, format: 'mov' },
			{ file: audioPath, format: 'mov' },
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
	const audioDone = runFfmpeg(
		audioJob(request.audioPath, durationSeconds, audioOnlyPath, signal),
	).then(() => undefined);
	// Awaited at the mux; until then a failure must not count as an unhandled rejection.
	audioDone.catch(() => undefined);
	const video = startFfmpeg(
		videoJob({
			...request,
			outPath: videoOnlyPath,
			width: frames.width,
			height: frames.height,
			ffmpegFilter: frames.ffmpegFilter,
			encoder,
		}),
	);
	const child = video.child;
	const stderrText = () => video.stderrTail();
	const frameBytes = frames.width * frames.height * 4;
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
			const drawStart = performance.now();
			const frame = await frames.drawFrame(i);
			timingsMs.draw += performance.now() - drawStart;
			if (frame.length !== frameBytes)
				throw new EncodeError(
					`frame ${i} has ${frame.length} bytes; expected ${frameBytes} (${frames.width}x${frames.height} RGBA)`,
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
		const muxStart = performance.now();
		// The stills come from the encoded video (with the style's ffmpeg part), next to the mux.
		const stills = request.stills
			? writeVariants(videoOnlyPath, request.stills.dir, request.stills.atSeconds, signal)
			: undefined;
		stills?.catch(() => undefined);
		await audioDone;
		await runFfmpeg(muxJob(videoOnlyPath, audioOnlyPath, request.outPath, signal));
		const variants = await stills;
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

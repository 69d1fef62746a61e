/**
 * The one door to ffmpeg and ffprobe: nothing else in the renderer spawns them (a test checks).
 *
 * Every input is declared, never guessed: a file the renderer wrote (an absolute path to a regular
 * file, with its container format stated or sniffed from its magic bytes), a pipe, or a lavfi
 * source graph. Each input gets `-protocol_whitelist file,pipe` and an explicit `-f`, so ffmpeg
 * never auto-detects a format: an HLS or DASH playlist, a concat list or an image pattern dressed
 * up as a video cannot make it open other files or the network. Runs are killed on the job's
 * AbortSignal, keep a bounded stderr tail, and fail with a MediaError whose code says what went
 * wrong and whose message names no server path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import { mediaTools, type MediaTools } from '../config';
import { abortError } from './abort';

export { abortError };

/**
 * Demuxers a file input may be read with. Nothing that can reference other files or URLs: the
 * image demuxers are the single-picture `*_pipe` ones, never `image2` (which expands patterns).
 */
export type FileFormat = 'mov' | 'matroska' | 'wav' | AudioFormat | ImageFormat;
/** Single-stream sound containers (a user's music, a speech provider's answer). */
export type AudioFormat = 'mp3' | 'flac' | 'ogg' | 'aac';
/** Single still pictures (media shots, logos). */
export type ImageFormat = 'png_pipe' | 'jpeg_pipe' | 'webp_pipe';
/** Raw formats on a pipe, and sound containers whose bytes arrive in memory. */
export type PipeFormat = 'rawvideo' | 'f32le' | 's16le' | 'wav' | AudioFormat;

export type MediaInput =
	| { file: string; format: FileFormat; options?: string[] }
	| { pipe: 0; format: PipeFormat; options?: string[] }
	| { lavfi: string };

export interface FfmpegJob {
	inputs: MediaInput[];
	/** Output options and outputs (files, `pipe:1`, `pipe:3`…, `-f null -`), after the inputs. */
	output: string[];
	/**
	 * Extra pipes ffmpeg writes an output to, file descriptors 3, 4, … (`pipe:3` in `output`), read
	 * by the caller through `FfmpegProcess.outputPipe(fd)`: a second output of one decode or encode
	 * (the encoder's moderation samples) without a second ffmpeg or a file.
	 */
	outputPipes?: number;
	/** Options before the inputs (the door adds -hide_banner and, without a stdin input, -nostdin). */
	global?: string[];
	signal?: AbortSignal;
	/** Bytes written to ffmpeg's stdin (the `pipe: 0` input) at once. */
	stdin?: Buffer;
	/** 'pipe': the caller reads `process.stdout`; 'buffer': runFfmpeg resolves with it. */
	stdout?: 'pipe' | 'buffer';
	/** Seconds of output written so far (the door adds `-progress pipe:1` and reads it). */
	onProgress?: (outputSeconds: number) => void;
	/**
	 * Each complete stderr line (showinfo parsers). Returning true says the line was the parser's
	 * own (one per frame, say) and keeps it out of the tail, so errors still show what went wrong.
	 */
	onStderrLine?: (line: string) => boolean | void;
	/** What the run is for, in error messages ("encode", "shot detection"). */
	what: string;
}

export type MediaErrorCode =
	| 'ffmpeg_not_found'
	| 'ffmpeg_failed'
	| 'ffmpeg_crashed'
	| 'media_unreadable'
	| 'media_unsupported'
	| 'media_input_refused'
	| 'disk_full';

/**
 * A failed ffmpeg/ffprobe run. `transient` marks failures worth another attempt (killed by the
 * system, out of disk space); the message is safe to show a client (paths are removed).
 */
export class MediaError extends Error {
	readonly transient: boolean;
	constructor(
		readonly code: MediaErrorCode,
		message: string,
		readonly stderrTail = '',
		readonly exitCode: number | null = null,
	) {
		super(message);
		this.name = 'MediaError';
		this.transient = code === 'ffmpeg_crashed' || code === 'disk_full';
	}
}

const STDERR_TAIL = 8000;
const LAVFI_READS_FILES = /(^|[;,[\]\s'"])a?movie\s*=/i;

let tools: MediaTools | undefined;
/** The binaries: the service's configuration, else config.ts's reading of the environment. */
export function mediaBinaries(): MediaTools {
	return (tools ??= mediaTools());
}

/** Sets the binaries from a loaded configuration (createServices does, with `config.media`). */
export function configureMedia(binaries: MediaTools): void {
	tools = { ...binaries };
}

/** Replaces anything that looks like a server path, so errors can be shown to clients. */
export function withoutPaths(text: string): string {
	return text
		.replace(/file:[^\s'"]+/g, '<file>')
		.replace(/(^|[\s'"(=:])\/(?:[^\s'"():,]+\/)*[^\s'"():,]*/g, '$1<file>');
}

function refuse(message: string): MediaError {
	return new MediaError('media_input_refused', message);
}

function checkFile(file: string): void {
	if (!isAbsolute(file) || /[\n\r\0]/.test(file))
		throw refuse('an ffmpeg input must be an absolute path the renderer wrote');
	let isFile = false;
	try {
		isFile = statSync(file).isFile();
	} catch {
		isFile = false;
	}
	if (!isFile) throw refuse('an ffmpeg input must be an existing regular file');
}

/** The input part of the command line: whitelist and format before every `-i`. */
export function inputArgs(inputs: MediaInput[]): string[] {
	return inputs.flatMap((input) => {
		if ('lavfi' in input) {
			if (LAVFI_READS_FILES.test(input.lavfi))
				throw refuse('lavfi inputs may not read files (movie/amovie)');
			return ['-f', 'lavfi', '-i', input.lavfi];
		}
		const whitelist = ['-protocol_whitelist', 'file,pipe'];
		if ('pipe' in input)
			return [...whitelist, '-f', input.format, ...(input.options ?? []), '-i', 'pipe:0'];
		checkFile(input.file);
		// mov can reference external files through data references; they stay off explicitly.
		const formatOptions = input.format === 'mov' ? ['-enable_drefs', '0'] : [];
		return [
			...whitelist,
			'-f',
			input.format,
			...formatOptions,
			...(input.options ?? []),
			'-i',
			input.file,
		];
	});
}

export function ffmpegArgs(job: FfmpegJob): string[] {
	const usesStdin = job.inputs.some((i) => 'pipe' in i);
	// An output pipe is one the door opens: stdout, or a declared extra pipe (never stdin or stderr).
	for (const arg of job.output) {
		const fd = /^pipe:(\d+)$/.exec(arg)?.[1];
		if (
			fd !== undefined &&
			Number(fd) !== 1 &&
			!(Number(fd) >= 3 && Number(fd) <= 2 + (job.outputPipes ?? 0))
		)
			throw refuse(`${job.what}: output pipe ${fd} is not one the door opened`);
	}
	return [
		'-hide_banner',
		...(usesStdin ? [] : ['-nostdin']),
		...(job.onProgress ? ['-progress', 'pipe:1', '-nostats'] : []),
		...(job.global ?? []),
		...inputArgs(job.inputs),
		...job.output,
	];
}

export interface FfmpegProcess {
	/** stdin is a pipe when an input is `pipe: 0`; stdout when `stdout` or `onProgress` is set. */
	readonly child: ChildProcess;
	/** The output pipe on file descriptor `fd` (3, 4, … up to 2 + `outputPipes`). */
	outputPipe(fd: number): Readable;
	/** Resolves when ffmpeg exits 0; rejects with MediaError, or the abort reason. */
	readonly done: Promise<void>;
	stderrTail(): string;
}

/** Starts ffmpeg; the caller feeds stdin or reads stdout and awaits `done`. */
export function startFfmpeg(job: FfmpegJob): FfmpegProcess {
	return startTool(mediaBinaries().ffmpegPath, ffmpegArgs(job), job);
}

/** Runs ffmpeg to the end; resolves with stdout when `stdout: 'buffer'`. */
export async function runFfmpeg(job: FfmpegJob): Promise<Buffer> {
	const running = startFfmpeg(job);
	const chunks: Buffer[] = [];
	if (job.stdout === 'buffer') running.child.stdout!.on('data', (c: Buffer) => chunks.push(c));
	if (job.stdin) {
		running.child.stdin!.on('error', () => undefined);
		running.child.stdin!.end(job.stdin);
	}
	await running.done;
	return Buffer.concat(chunks);
}

function startTool(
	binary: string,
	args: string[],
	job: Pick<
		FfmpegJob,
		'signal' | 'stdout' | 'onProgress' | 'onStderrLine' | 'what' | 'inputs' | 'outputPipes'
	>,
): FfmpegProcess {
	const { signal } = job;
	// Thrown before anything starts; inside the callers' async functions it is their rejection.
	if (signal?.aborted) throw abortError(signal);
	const usesStdin = job.inputs.some((i) => 'pipe' in i);
	const wantsStdout = job.stdout !== undefined || job.onProgress !== undefined;
	const extraPipes = Math.max(0, Math.floor(job.outputPipes ?? 0));
	const child = spawn(binary, args, {
		stdio: [
			usesStdin ? 'pipe' : 'ignore',
			wantsStdout ? 'pipe' : 'ignore',
			'pipe',
			...Array<'pipe'>(extraPipes).fill('pipe'),
		],
	});
	let tail = '';
	let partial = '';
	const stderrLine = (line: string) => {
		if (job.onStderrLine!(line) !== true) tail = (tail + line + '\n').slice(-STDERR_TAIL);
	};
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		if (!job.onStderrLine) {
			tail = (tail + chunk).slice(-STDERR_TAIL);
			return;
		}
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) stderrLine(line);
	});
	if (job.onProgress) {
		let pending = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			const lines = (pending + chunk).split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				const m = /^out_time_us=(\d+)/.exec(line);
				if (m) job.onProgress!(Number(m[1]) / 1e6);
			}
		});
	}
	child.stdin?.on('error', () => undefined);
	const onAbort = () => child.kill('SIGKILL');
	signal?.addEventListener('abort', onAbort, { once: true });
	const done = new Promise<void>((resolve, reject) => {
		child.on('error', (error: NodeJS.ErrnoException) => {
			signal?.removeEventListener('abort', onAbort);
			reject(
				error.code === 'ENOENT'
					? new MediaError(
							'ffmpeg_not_found',
							`${job.what}: ${binaryName(binary)} is not installed`,
						)
					: new MediaError('ffmpeg_failed', `${job.what}: could not start ${binaryName(binary)}`),
			);
		});
		child.on('close', (code, killedBy) => {
			signal?.removeEventListener('abort', onAbort);
			if (partial && job.onStderrLine) stderrLine(partial);
			partial = '';
			if (signal?.aborted) return reject(abortError(signal));
			if (code === 0) return resolve();
			reject(failure(job.what, binary, code, killedBy, tail));
		});
	});
	// The caller awaits `done`; until then a failure is not an unhandled rejection.
	done.catch(() => undefined);
	const outputPipe = (fd: number): Readable => {
		if (!Number.isInteger(fd) || fd < 3 || fd > 2 + extraPipes)
			throw new RangeError(`${job.what}: no output pipe ${fd} was asked for`);
		return child.stdio[fd] as Readable;
	};
	return { child, done, outputPipe, stderrTail: () => tail };
}

function binaryName(binary: string): string {
	return /ffprobe[^/]*$/.test(binary) ? 'ffprobe' : 'ffmpeg';
}

/** Exit status and stderr → a stable code and a message without server paths. */
function failure(
	what: string,
	binary: string,
	code: number | null,
	killedBy: NodeJS.Signals | null,
	tail: string,
): MediaError {
	const name = binaryName(binary);
	const lastLines = withoutPaths(tail.trim().split('\n').slice(-4).join(' | ')).slice(-600);
	if (killedBy)
		return new MediaError(
			'ffmpeg_crashed',
			`${what}: ${name} was killed (${killedBy})${lastLines ? `: ${lastLines}` : ''}`,
			tail,
			code,
		);
	if (/No space left on device/i.test(tail))
		return new MediaError('disk_full', `${what}: the disk is full`, tail, code);
	if (
		/Invalid data found when processing input|moov atom not found|EBML header parsing failed|could not find codec parameters/i.test(
			tail,
		)
	)
		return new MediaError(
			'media_unreadable',
			`${what}: the media could not be read: ${lastLines}`,
			tail,
			code,
		);
	return new MediaError(
		'ffmpeg_failed',
		`${what}: ${name} failed (exit ${code})${lastLines ? `: ${lastLines}` : ''}`,
		tail,
		code,
	);
}

export interface ProbeResult {
	format: { format_name?: string; duration?: string; [key: string]: unknown };
	streams: Array<Record<string, string | number | undefined>>;
}

/** ffprobe's JSON view of one declared file input (streams and container). */
export async function probeMedia(
	input: Extract<MediaInput, { file: string }>,
	signal?: AbortSignal,
	entries: string[] = ['-show_streams', '-show_format'],
): Promise<ProbeResult> {
	const args = ['-v', 'error', ...entries, '-of', 'json', ...inputArgs([input])];
	// ffprobe takes the input without -i: drop it, keeping the path last.
	const i = args.lastIndexOf('-i');
	args.splice(i, 1);
	const running = startTool(mediaBinaries().ffprobePath, args, {
		signal,
		stdout: 'pipe',
		what: 'probe',
		inputs: [input],
	});
	const chunks: Buffer[] = [];
	running.child.stdout!.on('data', (c: Buffer) => chunks.push(c));
	await running.done;
	const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<ProbeResult>;
	return { format: parsed.format ?? {}, streams: parsed.streams ?? [] };
}

/** Containers a client may send (uploads, URLs, cameo recordings). */
/**
 * The quickest H.264 + AAC encode every player opens, for test patterns and stand-in clips where
 * speed matters and quality does not (renders use their own encoder settings).
 */
export const QUICK_H264_AAC = [
	'-c:v',
	'libx264',
	'-preset',
	'ultrafast',
	'-pix_fmt',
	'yuv420p',
	'-c:a',
	'aac',
];

export const VIDEO_FORMATS: FileFormat[] = ['mov', 'matroska'];
/** Containers a sound file may come in (music: mp3, m4a/mp4, wav, flac, ogg/opus, ADTS aac, webm). */
export const AUDIO_FORMATS: FileFormat[] = ['mp3', 'mov', 'wav', 'flac', 'ogg', 'aac', 'matroska'];

/**
 * The container of some bytes, from their start: single-file containers only. MP3 is an ID3 tag or
 * an MPEG audio frame header (sync, a layer); ADTS AAC is the same sync with layer 0.
 */
export function formatOfBytes(bytes: Buffer): FileFormat | undefined {
	const at = (offset: number, text: string) =>
		bytes.subarray(offset, offset + text.length).toString('latin1') === text;
	if (
		bytes.length >= 12 &&
		['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((box) => at(4, box))
	)
		return 'mov';
	if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x1a45dfa3) return 'matroska';
	if (bytes.length >= 12 && at(0, 'RIFF') && at(8, 'WAVE')) return 'wav';
	if (bytes.length >= 12 && at(0, 'RIFF') && at(8, 'WEBP')) return 'webp_pipe';
	if (bytes.length >= 8 && at(0, '\x89PNG\r\n\x1a\n')) return 'png_pipe';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return 'jpeg_pipe';
	if (bytes.length >= 4 && at(0, 'fLaC')) return 'flac';
	if (bytes.length >= 4 && at(0, 'OggS')) return 'ogg';
	if (bytes.length >= 3 && at(0, 'ID3')) return 'mp3';
	if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0) {
		const layer = (bytes[1] >> 1) & 3;
		if (layer === 0 && (bytes[1] & 0xf6) === 0xf0) return 'aac';
		if (layer !== 0 && ((bytes[1] >> 3) & 3) !== 1) return 'mp3';
	}
	return undefined;
}

/** Still pictures a client may send as media shots and logos. */
export const IMAGE_FORMATS: FileFormat[] = ['png_pipe', 'jpeg_pipe', 'webp_pipe'];

/**
 * The container of a file, from its first bytes. Only single-file containers are recognised;
 * playlists, concat lists, manifests and anything else are refused with a reason a client can act on.
 */
export async function sniffFormat(
	file: string,
	accept: FileFormat[] = VIDEO_FORMATS,
): Promise<FileFormat> {
	checkFile(file);
	const handle = await open(file, 'r');
	const head = Buffer.alloc(64);
	let length = 0;
	try {
		({ bytesRead: length } = await handle.read(head, 0, head.length, 0));
	} finally {
		await handle.close();
	}
	const bytes = head.subarray(0, length);
	const format = formatOfBytes(bytes);
	if (format && accept.includes(format)) return format;
	const text = bytes
		.toString('latin1')
		.replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
		.trimStart();
	const what = /^#EXTM3U/i.test(text)
		? 'an HLS playlist'
		: /^ffconcat/i.test(text)
			? 'an ffconcat list'
			: /^(<\?xml|<MPD)/i.test(text)
				? 'an XML manifest (DASH or similar)'
				: /^(file\s|#)/i.test(text)
					? 'a text list'
					: format
						? `a ${format} file`
						: 'not a supported container';
	throw new MediaError(
		'media_unsupported',
		`The file is ${what}; only ${accept.map(describeFormat).join(', ')} files are accepted.`,
	);
}

const FORMAT_LABELS: Record<FileFormat, string> = {
	mov: 'MP4/MOV',
	matroska: 'Matroska/WebM',
	wav: 'WAV',
	mp3: 'MP3',
	flac: 'FLAC',
	ogg: 'Ogg',
	aac: 'AAC (ADTS)',
	png_pipe: 'PNG',
	jpeg_pipe: 'JPEG',
	webp_pipe: 'WebP',
};

export function describeFormat(format: FileFormat): string {
	return FORMAT_LABELS[format];
}

/** A file input with its sniffed container: the usual way to hand a file to ffmpeg. */
export async function mediaFile(
	file: string,
	accept: FileFormat[] = VIDEO_FORMATS,
	options?: string[],
): Promise<Extract<MediaInput, { file: string }>> {
	return { file, format: await sniffFormat(file, accept), ...(options ? { options } : {}) };
}

/** The audio of a video as 16 kHz mono 16-bit WAV, the input speech recognisers expect. */
export async function extractSpeechWav(
	input: Extract<MediaInput, { file: string }>,
	wavPath: string,
	signal?: AbortSignal,
): Promise<void> {
	await runFfmpeg({
		what: 'speech extraction',
		global: ['-loglevel', 'error', '-y'],
		inputs: [input],
		output: ['-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', wavPath],
		signal,
	});
}

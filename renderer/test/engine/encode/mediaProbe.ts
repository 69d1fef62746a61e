/** Test helpers that look at media files with the real ffprobe/ffmpeg. */
import { execFileSync, spawnSync } from 'node:child_process';
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { ffprobeSync } from '../../support/ffprobe';

export type { ProbedStream } from '../../support/ffprobe';
/** ffprobe's streams and format of a file. */
export const probe = ffprobeSync;

/** Top-level MP4 box types in file order ("ftyp", "moov", "mdat", ...). */
export function topLevelBoxes(path: string): string[] {
	const fd = openSync(path, 'r');
	try {
		const size = fstatSync(fd).size;
		const boxes: string[] = [];
		const header = Buffer.alloc(16);
		let offset = 0;
		while (offset + 8 <= size) {
			readSync(fd, header, 0, 16, offset);
			let boxSize = header.readUInt32BE(0);
			const type = header.toString('latin1', 4, 8);
			if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
			if (boxSize === 0) boxSize = size - offset;
			boxes.push(type);
			offset += boxSize;
		}
		return boxes;
	} finally {
		closeSync(fd);
	}
}

/** What ffmpeg writes to stdout for `args` (an output format, no file); its stderr is the error. */
function ffmpegStdout(args: string[]): Buffer {
	const result = spawnSync('ffmpeg', ['-v', 'error', ...args, '-'], {
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) throw new Error(result.stderr.toString());
	return result.stdout;
}

/** One decoded frame as RGB24 bytes, `width*height*3`. */
export function decodeFrame(
	path: string,
	frameIndex: number,
	width: number,
	height: number,
): Buffer {
	const rgb = ffmpegStdout([
		...['-i', path, '-vf', `select=eq(n\\,${frameIndex})`, '-vsync', '0', '-frames:v', '1'],
		...['-f', 'rawvideo', '-pix_fmt', 'rgb24'],
	]);
	expect(rgb.length).toBe(width * height * 3);
	return rgb;
}

/** Mean RGB of a decoded frame. */
export function meanColour(rgb: Buffer): [number, number, number] {
	const sum = [0, 0, 0];
	for (let i = 0; i < rgb.length; i += 3) for (let c = 0; c < 3; c++) sum[c] += rgb[i + c];
	const n = rgb.length / 3;
	return [sum[0] / n, sum[1] / n, sum[2] / n];
}

/** MD5 of every decoded video frame, in order (ffmpeg's framemd5 muxer). */
export function frameHashes(path: string): string[] {
	const out = execFileSync(
		'ffmpeg',
		['-v', 'error', '-i', path, '-map', '0:v', '-f', 'framemd5', '-'],
		{ maxBuffer: 64 * 1024 * 1024 },
	).toString();
	return out
		.split('\n')
		.filter((l) => l && !l.startsWith('#'))
		.map((l) => l.split(',').pop()!.trim());
}

/** RMS level in dBFS of the audio between two times (-inf for silence). */
export function audioRmsDb(path: string, from: number, to: number): number {
	const pcm = ffmpegStdout([
		...['-ss', String(from), '-t', String(to - from), '-i', path],
		...['-map', '0:a', '-ac', '1', '-f', 'f32le', '-ar', '48000'],
	]);
	const samples = new Float32Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 4));
	let sum = 0;
	for (const s of samples) sum += s * s;
	return samples.length ? 10 * Math.log10(sum / samples.length || 1e-20) : -Infinity;
}

/**
 * Real, small media for the emulators, made with ffmpeg when a test needs them: an H.264/AAC MP4
 * of a given size, length and rate (a moving test pattern and a tone, or silent), and PNG images
 * for first frames and references. Cached per parameters in one temp folder per test process.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** ffmpeg writing a generated test file (overwriting, quiet but for errors). */
const generate = (args: string[]) =>
	run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelforge-clips-'));
const made = new Map<string, Promise<string>>();

export interface ClipSpec {
	width: number;
	height: number;
	seconds: number;
	fps?: number;
	audio?: boolean;
	/** A sound file to use as the clip's audio (padded or cut to its length) instead of a tone. */
	soundtrack?: string;
}

/** An MP4 like a generator returns: H.264 yuv420p (+ AAC 48 kHz stereo when `audio`). */
export function makeClip(spec: ClipSpec): Promise<string> {
	const fps = spec.fps ?? 24;
	const audio = spec.audio ?? true;
	const sound = spec.soundtrack ? path.basename(spec.soundtrack) : audio ? 'a' : 'n';
	const key = `${spec.width}x${spec.height}-${spec.seconds}s-${fps}-${sound}`;
	let file = made.get(key);
	if (!file) {
		const out = path.join(dir, `${key}.mp4`);
		file = generate([
			'-f',
			'lavfi',
			'-i',
			`testsrc2=size=${spec.width}x${spec.height}:rate=${fps}:duration=${spec.seconds}`,
			...(spec.soundtrack
				? ['-i', spec.soundtrack, '-af', `apad,atrim=end=${spec.seconds}`]
				: audio
					? ['-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${spec.seconds}`]
					: []),
			'-c:v',
			'libx264',
			'-preset',
			'ultrafast',
			'-crf',
			'35',
			'-pix_fmt',
			'yuv420p',
			...(audio || spec.soundtrack ? ['-c:a', 'aac', '-ac', '2', '-ar', '48000', '-shortest'] : []),
			'-movflags',
			'+faststart',
			out,
		]).then(() => out);
		made.set(key, file);
	}
	return file;
}

/** A PNG of the given size (a colour gradient). */
export async function makeImage(width: number, height: number, name = 'frame'): Promise<string> {
	const out = path.join(dir, `${name}-${width}x${height}.png`);
	if (!fs.existsSync(out))
		await generate([
			'-f',
			'lavfi',
			'-i',
			`gradients=size=${width}x${height}:duration=0.1`,
			'-frames:v',
			'1',
			out,
		]);
	return out;
}

/** Width and height of a PNG, read from its IHDR chunk (what the OpenAI emulator checks). */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
	if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG') return undefined;
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

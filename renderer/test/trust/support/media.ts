/** Test media made by the tests themselves with real ffmpeg. */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export async function ffmpeg(args: string[]): Promise<void> {
	await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** A short H.264 + AAC MP4 from ffmpeg's test pattern. */
export async function makeTestVideo(path: string, seconds = 1): Promise<void> {
	await muxMp4(
		['-f', 'lavfi', '-i', `testsrc=size=160x120:rate=10:duration=${seconds}`],
		['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
		path,
	);
}

/**
 * An H.264 + AAC MP4 of a video input and an audio input (ffmpeg input arguments), as long as the
 * shorter; `options` go between the inputs and the codecs (`-r 10` for a still picture).
 */
export async function muxMp4(
	video: string[],
	audio: string[],
	out: string,
	options: string[] = [],
): Promise<void> {
	await ffmpeg([
		...video,
		...audio,
		...options,
		'-c:v',
		'libx264',
		'-pix_fmt',
		'yuv420p',
		'-c:a',
		'aac',
		'-shortest',
		out,
	]);
}

/** `words` read aloud into a WAV file by festival's `text2wave`. */
export async function speak(words: string, wav: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const child = spawn('text2wave', ['-o', wav]);
		child.on('error', reject);
		child.on('close', (code: number) =>
			code === 0 ? resolve() : reject(new Error(`text2wave exited ${code}`)),
		);
		child.stdin.end(words);
	});
}

/** One RGB frame of an ffmpeg lavfi source (`testsrc2=size=…`), with an optional filter. */
export { lavfiFrame } from './lavfiFrame';

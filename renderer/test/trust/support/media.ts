/** Test media made by the tests themselves with real ffmpeg. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export async function ffmpeg(args: string[]): Promise<void> {
	await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** A short H.264 + AAC MP4 from ffmpeg's test pattern. */
export async function makeTestVideo(path: string, seconds = 1): Promise<void> {
	await ffmpeg([
		'-f',
		'lavfi',
		'-i',
		`testsrc=size=160x120:rate=10:duration=${seconds}`,
		'-f',
		'lavfi',
		'-i',
		`sine=frequency=440:duration=${seconds}`,
		'-c:v',
		'libx264',
		'-pix_fmt',
		'yuv420p',
		'-c:a',
		'aac',
		'-shortest',
		path,
	]);
}

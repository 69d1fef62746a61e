/** Small media files the tests make for themselves (nothing large is kept in git). */
import { execFileSync } from 'node:child_process';

/** Writes a one-second 96×64 H.264 clip without sound at `file` (an upload or a URL source). */
export function writeTinyClip(file: string): string {
	execFileSync('ffmpeg', [
		'-v',
		'error',
		'-f',
		'lavfi',
		'-i',
		'testsrc2=s=96x64:r=10:d=1',
		'-pix_fmt',
		'yuv420p',
		'-y',
		file,
	]);
	return file;
}

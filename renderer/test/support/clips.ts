/** Small media files the tests make for themselves (nothing large is kept in git). */
import { execFileSync } from 'node:child_process';

/**
 * Writes `out` from generated sources: each of `sources` is a lavfi graph (`testsrc2=…`,
 * `sine=…`, `color=…`), `args` the output options (codecs, maps, filters). Overwrites `out`.
 */
export function fromLavfi(out: string, sources: string[], args: string[] = []): string {
	execFileSync('ffmpeg', [
		'-v',
		'error',
		...sources.flatMap((source) => ['-f', 'lavfi', '-i', source]),
		...args,
		'-y',
		out,
	]);
	return out;
}

/** Writes a one-second 96×64 H.264 clip without sound at `file` (an upload or a URL source). */
export function writeTinyClip(file: string): string {
	return fromLavfi(file, ['testsrc2=s=96x64:r=10:d=1'], ['-pix_fmt', 'yuv420p']);
}

/** Writes a one-colour PNG at `file`: `colour` as ffmpeg names it (`navy`, `0x203060`), `size` `WxH`. */
export function writePicture(file: string, colour: string, size: string): string {
	return fromLavfi(file, [`color=c=${colour}:size=${size}`], ['-frames:v', '1']);
}

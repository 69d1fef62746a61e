/**
 * Still images next to a video: a full-size poster frame and a scaled thumbnail from one ffmpeg
 * run (one seek, one decoded frame split into both), through the door like every other run: the
 * same binary, input whitelist, explicit format, abort and error handling.
 */
import { join } from 'node:path';
import { runFfmpeg, type MediaInput } from './ffmpeg';

export interface Stills {
	poster: string;
	thumbnail: string;
}

/** Writes `poster.jpg` and `thumbnail.jpg` (`thumbnailWidth` wide) into `dir` from the frame at `atSeconds`. */
export async function writeStills(
	input: Extract<MediaInput, { file: string }>,
	dir: string,
	atSeconds: number,
	thumbnailWidth: number,
	signal?: AbortSignal,
): Promise<Stills> {
	const poster = join(dir, 'poster.jpg');
	const thumbnail = join(dir, 'thumbnail.jpg');
	// One still per output: -update 1 writes a single picture rather than an image sequence.
	const still = (label: string, quality: number, file: string) => [
		'-map',
		`[${label}]`,
		'-frames:v',
		'1',
		'-q:v',
		String(quality),
		'-update',
		'1',
		file,
	];
	await runFfmpeg({
		what: 'stills',
		global: ['-y'],
		// -ss before -i seeks the input, so only the one frame is decoded.
		inputs: [
			{ ...input, options: [...(input.options ?? []), '-ss', String(Math.max(0, atSeconds))] },
		],
		output: [
			'-filter_complex',
			`[0:v]split=2[poster][small];[small]scale=${thumbnailWidth}:-2[thumbnail]`,
			...still('poster', 2, poster),
			...still('thumbnail', 3, thumbnail),
		],
		signal,
	});
	return { poster, thumbnail };
}

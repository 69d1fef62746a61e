/**
 * Still images next to a video: a full-size poster frame and a scaled thumbnail from one ffmpeg
 * run (one seek, one decoded frame split into both), through the door like every other run: the
 * same binary, input whitelist, explicit format, abort handling and path-free errors. (It was built
 * with fluent-ffmpeg once; fluent spawned `ffmpeg -formats` and `ffmpeg -encoders` before every
 * run to check its own arguments, two processes a render for nothing.)
 */
import { join } from 'node:path';
import { runFfmpeg, type MediaInput } from './ffmpeg';

export interface Stills {
	poster: string;
	thumbnail: string;
}

/**
 * The ffmpeg inputs and outputs of the stills: `input` seeked to `atSeconds`, one frame split into
 * the poster (full size, JPEG q 2) and the thumbnail (`thumbnailWidth` wide, q 3). Exported so the
 * encoder can take the stills in the run that muxes the video (one process fewer): there the input
 * is not the run's first (`inputIndex`), and `readSeconds` bounds how much of it is read after the
 * seek, since the run goes on after the stills' one frame.
 */
export function stillsJob(
	input: Extract<MediaInput, { file: string }>,
	dir: string,
	atSeconds: number,
	thumbnailWidth: number,
	{ inputIndex = 0, readSeconds }: { inputIndex?: number; readSeconds?: number } = {},
): { input: MediaInput; output: string[]; stills: Stills } {
	const poster = join(dir, 'poster.jpg');
	const thumbnail = join(dir, 'thumbnail.jpg');
	return {
		input: {
			...input,
			options: [
				...(input.options ?? []),
				'-ss',
				String(Math.max(0, atSeconds)),
				...(readSeconds !== undefined ? ['-t', readSeconds.toFixed(6)] : []),
			],
		},
		output: [
			'-filter_complex',
			`[${inputIndex}:v]split=2[poster][small];[small]scale=${thumbnailWidth}:-2[thumbnail]`,
			'-map',
			'[poster]',
			'-frames:v',
			'1',
			'-q:v',
			'2',
			'-update',
			'1',
			poster,
			'-map',
			'[thumbnail]',
			'-frames:v',
			'1',
			'-q:v',
			'3',
			'-update',
			'1',
			thumbnail,
		],
		stills: { poster, thumbnail },
	};
}

/** Writes `poster.jpg` and `thumbnail.jpg` (`thumbnailWidth` wide) into `dir` from the frame at `atSeconds`. */
export async function writeStills(
	input: Extract<MediaInput, { file: string }>,
	dir: string,
	atSeconds: number,
	thumbnailWidth: number,
	signal?: AbortSignal,
): Promise<Stills> {
	const job = stillsJob(input, dir, atSeconds, thumbnailWidth);
	await runFfmpeg({
		what: 'stills',
		global: ['-loglevel', 'error', '-y'],
		inputs: [job.input],
		output: job.output,
		signal,
	});
	return job.stills;
}

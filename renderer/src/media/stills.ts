/**
 * Still images next to a video: a full-size poster frame and a scaled thumbnail from one ffmpeg
 * run (one seek, one decoded frame split into both). The arguments are made in one place
 * (`stillsJob`): the local engine's encoder takes the stills in the run that muxes its video, and
 * every other video (a remote provider's, a media shot's, a remix's) gets a run of its own, built
 * with fluent-ffmpeg behind the door — the same binary, input whitelist, explicit format, abort
 * handling and path-free errors as every other run. (fluent checks its arguments against
 * `ffmpeg -formats` and `-encoders` once per process: two short processes that a local-engine render
 * no longer pays.)
 */
import ffmpeg from 'fluent-ffmpeg';
import { join } from 'node:path';
import { abortError } from './abort';
import { inputArgs, MediaError, mediaBinaries, withoutPaths, type MediaInput } from './ffmpeg';

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
	if (signal?.aborted) throw abortError(signal);
	const job = stillsJob(input, dir, atSeconds, thumbnailWidth);
	const { poster, thumbnail } = job.stills;
	// inputArgs checks the file and gives the whitelist, format and seek; fluent wants them as input
	// options. The job's output is the filter, then each still's options ending with its path.
	const options = inputArgs([job.input]).slice(0, -2);
	const [, filter, ...outputs] = job.output;
	const posterEnd = outputs.indexOf(poster);
	const command = ffmpeg()
		.setFfmpegPath(mediaBinaries().ffmpegPath)
		.input(input.file)
		.inputOptions(options)
		.complexFilter(filter)
		.output(poster)
		.outputOptions(outputs.slice(0, posterEnd))
		.output(thumbnail)
		.outputOptions(outputs.slice(posterEnd + 1, -1));
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => command.kill('SIGKILL');
		signal?.addEventListener('abort', onAbort, { once: true });
		command
			.on('end', () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			})
			.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
				signal?.removeEventListener('abort', onAbort);
				if (signal?.aborted) return reject(abortError(signal));
				const tail = String(stderr ?? error.message).slice(-8000);
				reject(
					new MediaError(
						'ffmpeg_failed',
						`stills: ffmpeg failed: ${withoutPaths(tail.trim().split('\n').slice(-3).join(' | ')).slice(-600)}`,
						tail,
					),
				);
			})
			.run();
	});
	return job.stills;
}

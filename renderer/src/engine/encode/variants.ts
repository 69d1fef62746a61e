/**
 * Still images next to the video: a full-size poster frame and a 320 px wide thumbnail, made by
 * one ffmpeg run through fluent-ffmpeg (one seek, one decoded frame split into both).
 */
import ffmpeg from 'fluent-ffmpeg';
import { join } from 'node:path';
import { abortError } from './abort';

export const THUMBNAIL_WIDTH = 320;

function run(command: ffmpeg.FfmpegCommand, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortError(signal));
		const onAbort = () => command.kill('SIGKILL');
		signal?.addEventListener('abort', onAbort, { once: true });
		command
			.on('end', () => (signal?.removeEventListener('abort', onAbort), resolve()))
			.on(
				'error',
				(error: Error) => (
					signal?.removeEventListener('abort', onAbort),
					reject(signal?.aborted ? abortError(signal) : error)
				),
			)
			.run();
	});
}

export interface Variants {
	poster: string;
	thumbnail: string;
}

/** Writes `poster.jpg` and `thumbnail.jpg` into `dir` from the frame at `atSeconds`. */
export async function writeVariants(
	videoPath: string,
	dir: string,
	atSeconds: number,
	signal?: AbortSignal,
): Promise<Variants> {
	const poster = join(dir, 'poster.jpg');
	const thumbnail = join(dir, 'thumbnail.jpg');
	const command = ffmpeg(videoPath)
		.seekInput(Math.max(0, atSeconds))
		.complexFilter([`[0:v]split=2[poster][small]`, `[small]scale=${THUMBNAIL_WIDTH}:-2[thumbnail]`])
		.output(poster)
		.outputOptions(['-map', '[poster]', '-frames:v', '1', '-q:v', '2', '-update', '1'])
		.output(thumbnail)
		.outputOptions(['-map', '[thumbnail]', '-frames:v', '1', '-q:v', '3', '-update', '1']);
	await run(command, signal);
	return { poster, thumbnail };
}

/**
 * Still images next to a video: a full-size poster frame and a scaled thumbnail from one ffmpeg
 * run (one seek, one decoded frame split into both), built with fluent-ffmpeg behind the door: the
 * same binary, input whitelist, explicit format and abort handling as every other run.
 */
import ffmpeg from 'fluent-ffmpeg';
import { join } from 'node:path';
import { abortError } from './abort';
import { inputArgs, MediaError, mediaBinaries, withoutPaths, type MediaInput } from './ffmpeg';

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
	if (signal?.aborted) throw abortError(signal);
	const poster = join(dir, 'poster.jpg');
	const thumbnail = join(dir, 'thumbnail.jpg');
	// inputArgs checks the file and gives the whitelist and format; fluent wants them as input options.
	const options = inputArgs([input]).slice(0, -2);
	const command = ffmpeg()
		.setFfmpegPath(mediaBinaries().ffmpegPath)
		.input(input.file)
		.inputOptions(options)
		.seekInput(Math.max(0, atSeconds))
		.complexFilter([`[0:v]split=2[poster][small]`, `[small]scale=${thumbnailWidth}:-2[thumbnail]`])
		.output(poster)
		.outputOptions(['-map', '[poster]', '-frames:v', '1', '-q:v', '2', '-update', '1'])
		.output(thumbnail)
		.outputOptions(['-map', '[thumbnail]', '-frames:v', '1', '-q:v', '3', '-update', '1']);
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
	return { poster, thumbnail };
}

/**
 * The mix thread's program: the local engine's audio mix (engine/audio) off the main thread, so it
 * runs while the frames are drawn and encoded instead of before them; the main thread stays free
 * for the pipe to ffmpeg. The mix needs the synthesis (speech, physics contacts) but the frames do
 * not need the mix: it is the encoder's audio input, awaited only by the audio step.
 *
 * In (workerData): {storyboard, synthesis, outPath, musicTrackPath?}.
 * Out: {op: 'log', message, fields?} | {op: 'mixed', result} | {op: 'failed', error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../spec/errors';
import { mixAudio } from '../audio';
import type { Storyboard, Synthesis } from '../storyboard';

// stdout is the service's JSON log and the CLI's --json answer: notices go to stderr.
console.log = console.info = console.error;

const port = parentPort!;
const { storyboard, synthesis, outPath, musicTrackPath } = workerData as {
	storyboard: Storyboard;
	synthesis: Synthesis;
	outPath: string;
	musicTrackPath?: string;
};

mixAudio(storyboard, synthesis, outPath, {
	musicTrackPath,
	log: (message, fields) => port.postMessage({ op: 'log', message, fields }),
}).then(
	(result) => port.postMessage({ op: 'mixed', result }),
	(error: Error) =>
		port.postMessage({
			op: 'failed',
			// An ApiError (an unreadable music track) keeps its status, code and field paths.
			error:
				error instanceof ApiError
					? {
							message: error.message,
							statusCode: error.statusCode,
							code: error.code,
							details: error.details,
						}
					: { message: String(error?.stack ?? error) },
		}),
);

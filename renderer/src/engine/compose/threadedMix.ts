/**
 * The audio mix in its own thread (mixThread.ts), started once the synthesis is ready and awaited
 * only by the encoder's audio step: the mix (one core for a moment) runs beside the frame loop
 * instead of holding the first frame back. Its WAV and its figures are those of `mixAudio`, the
 * same code run in the other thread.
 *
 * When the thread cannot be started (a storyboard it cannot be handed, a module that does not
 * load), the mix is done here instead, and the reason is logged. Aborting the signal ends the
 * thread.
 */
import { startModuleThread } from '../../workers/moduleThread';
import type { FieldError } from '../../spec/errors';
import { ApiError } from '../../spec/errors';
import { mixAudio, type MixOptions, type MixResult } from '../audio';
import type { Storyboard, Synthesis } from '../storyboard';
import { abortError } from '../encode/abort';

type FromThread =
	| { op: 'log'; message: string; fields?: Record<string, unknown> }
	| { op: 'mixed'; result: MixResult }
	| {
			op: 'failed';
			error: { message: string; statusCode?: number; code?: string; details?: FieldError[] };
	  };

export function mixInThread(
	storyboard: Storyboard,
	synthesis: Synthesis,
	outPath: string,
	options: Omit<MixOptions, 'stemsDir'> = {},
): Promise<MixResult> {
	const { signal, log, musicTrackPath } = options;
	if (signal?.aborted) return Promise.reject(abortError(signal));
	const here = (reason: unknown) => {
		log?.('audio mixed in the main thread: the mix thread could not start', {
			error: (reason as Error)?.message ?? String(reason),
		});
		return mixAudio(storyboard, synthesis, outPath, options);
	};
	let worker;
	try {
		worker = startModuleThread(__dirname, 'mixThread', __filename, {
			workerData: { storyboard, synthesis, outPath, musicTrackPath },
		});
	} catch (error) {
		// The storyboard or synthesis could not be cloned into the thread.
		return here(error);
	}
	const thread = worker;
	return new Promise<MixResult>((resolve, reject) => {
		let settled = false;
		const settle = (finish: () => void) => {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			void thread.terminate();
			finish();
		};
		const onAbort = () => settle(() => reject(abortError(signal!)));
		signal?.addEventListener('abort', onAbort, { once: true });
		thread.on('message', (m: FromThread) => {
			if (m.op === 'log') log?.(m.message, m.fields);
			else if (m.op === 'mixed') settle(() => resolve(m.result));
			else
				settle(() =>
					reject(
						m.error.code && m.error.statusCode
							? new ApiError(m.error.statusCode, m.error.code, m.error.message, m.error.details)
							: new Error(`mixing the audio failed: ${m.error.message}`),
					),
				);
		});
		// The thread itself failed (it could not load its modules): the mix is done here.
		thread.on('error', (error) => settle(() => here(error).then(resolve, reject)));
		thread.on('exit', (code) =>
			settle(() =>
				reject(new Error(`the mix thread exited (code ${code}) before the mix was done`)),
			),
		);
	});
}

/**
 * The inspection thread's program: NSFW and OCR on frames posted to it, the models loaded once for
 * the life of the thread. Keeps the models' CPU work off the main thread (the API's event loop in
 * the service, the frame loop in a render).
 *
 * In: {id, op: 'inspect', image, options} | {id, op: 'load', options}
 * Out: {id, ok: true, findings?} | {id, ok: false, error}
 */
import { parentPort } from 'node:worker_threads';
import { inspectImage, loadInspectionModels } from './frameInspection';

// The models' libraries print notices with console.log/info; stdout is the service's JSON log and
// the CLI's --json answer, so they go to stderr.
console.log = console.info = console.error;

parentPort?.on(
	'message',
	(message: { id: number; op: string; image?: never; options?: object }) => {
		const work =
			message.op === 'load'
				? loadInspectionModels(message.options).then(() => undefined)
				: inspectImage(message.image!, message.options);
		work.then(
			(findings) => parentPort!.postMessage({ id: message.id, ok: true, findings }),
			(error: Error) =>
				parentPort!.postMessage({
					id: message.id,
					ok: false,
					error: String(error?.stack ?? error),
				}),
		);
	},
);

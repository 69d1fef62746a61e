/**
 * The process's one inspection thread (inspectionThread.ts): frames go to it, findings come back.
 * Started on first use and kept (models load once per process); referenced only while work is in
 * flight, so an idle thread never keeps a CLI process alive. A crashed thread fails what it was
 * given; the next call starts a fresh one.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../../workers/moduleThread';
import type { FrameFindings, InspectOptions } from './frameInspection';
import type { RgbImage } from './image';

type Pending = {
	resolve: (findings: FrameFindings | undefined) => void;
	reject: (e: Error) => void;
};

let thread: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function inspectionThread(): Worker {
	if (thread) return thread;
	// The thread's output goes straight to the process's (piping it here would keep the process
	// alive); the thread sends its libraries' notices to stderr (inspectionThread.ts).
	const worker = startModuleThread(__dirname, 'inspectionThread', __filename);
	worker.on(
		'message',
		(message: { id: number; ok: boolean; findings?: FrameFindings; error?: string }) => {
			const call = pending.get(message.id);
			pending.delete(message.id);
			if (pending.size === 0) worker.unref();
			if (message.ok) call?.resolve(message.findings);
			else call?.reject(new Error(`frame inspection failed: ${message.error}`));
		},
	);
	const failAll = (error: Error) => {
		for (const call of pending.values()) call.reject(error);
		pending.clear();
		if (thread === worker) thread = undefined;
	};
	worker.on('error', failAll);
	worker.on('exit', (code) => failAll(new Error(`the inspection thread exited (code ${code})`)));
	worker.unref();
	thread = worker;
	return worker;
}

/** `keepAlive`: the process waits for the answer (an inspection); a preload never holds it open. */
function call(message: Record<string, unknown>, keepAlive: boolean) {
	const worker = inspectionThread();
	const id = nextId++;
	if (keepAlive) worker.ref();
	return new Promise<FrameFindings | undefined>((resolve, reject) => {
		pending.set(id, { resolve, reject });
		worker.postMessage({ ...message, id });
	});
}

/** NSFW scores and OCR text of one frame, computed in the inspection thread. */
export async function inspectFrame(
	image: RgbImage,
	options: InspectOptions = {},
): Promise<FrameFindings> {
	return (await call({ op: 'inspect', image, options }, true)) as FrameFindings;
}

/** Loads the models in the inspection thread now (a render starting), not at its first frame. */
export function preloadInspection(options: InspectOptions = {}): Promise<void> {
	return call({ op: 'load', options }, false).then(() => undefined);
}

/** Ends the thread (the service's shutdown; tests). */
export async function closeInspection(): Promise<void> {
	const worker = thread;
	thread = undefined;
	await worker?.terminate();
}

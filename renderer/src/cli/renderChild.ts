/**
 * The render process of `reelforge serve` (forked by queue/processQueue.ts): the worker half of
 * the service — runner, providers, models, moderation of frames, encoding — on its own event loop.
 * Its store is the parent's (asked over IPC), its queue an in-memory one fed by the parent, and
 * every render update it writes is sent to the parent for server-sent events.
 */
import { loadConfig } from '../config';
import { renderProcessMetrics } from '../metrics';
import { parentPort, Rpc } from '../queue/rpc';
import { createServices } from '../services';
import { IpcStore } from '../store/ipcStore';
import { tuneV8ForRendering } from './v8Tuning';

export async function runRenderChild(): Promise<void> {
	const config = loadConfig();
	// Requests the parent makes of this process; filled in once the services exist.
	const handlers: Record<string, () => unknown> = {};
	const rpc = new Rpc(parentPort(), handlers);
	const running = await createServices({ ...config, queueDriver: 'memory' }, 'worker', {
		store: new IpcStore(rpc),
	});
	handlers['queue.counts'] = () => running.queue.counts();
	handlers.metrics = () => renderProcessMetrics(running.metrics);
	running.renders.events.on('update', (record) => rpc.notify('update', record));
	let closing = false;
	const close = async () => {
		if (closing) return;
		closing = true;
		try {
			await running.close();
		} finally {
			process.exit(0);
		}
	};
	rpc.onNotice((type, payload) => {
		if (type === 'enqueue')
			void running.queue
				.enqueue(payload as string)
				.catch((error: unknown) =>
					running.log.warn({ error: (error as Error).message }, 'could not enqueue'),
				);
		else if (type === 'cancel') void running.queue.cancel(payload as string);
		else if (type === 'start') running.startWorker();
		else if (type === 'close') void close();
	});
	// The parent going away (killed, crashed) ends this process too: its renders are requeued there.
	process.on('disconnect', () => void close());
	// SIGINT reaches the whole process group on Ctrl-C: the parent decides when this process stops.
	process.on('SIGINT', () => undefined);
	rpc.notify('ready');
}

if (require.main === module) {
	// The service's renders compile under the same flags as `reelforge render` (v8Tuning.ts).
	tuneV8ForRendering();
	runRenderChild().catch((error: unknown) => {
		process.stderr.write(`render process failed to start: ${(error as Error).stack ?? error}\n`);
		process.exit(1);
	});
}

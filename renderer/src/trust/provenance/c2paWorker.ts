/** A single long-lived worker thread running c2pa-node (signing) and c2pa-wasm (reading); see c2paWorkerSource.ts. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { C2PA_WORKER_SOURCE } from './c2paWorkerSource';

/**
 * The c2pa-node modules signing needs: its builder and its signer, each required on its own. The
 * package's index also loads its settings module, which brings in fs-extra and node-fetch (about 35
 * modules, ~60 ms of CPU on every start of the thread) that signing never uses. The package (pinned)
 * has no exports map, so its files can be required directly; where a later version moves them, the
 * index serves both.
 */
export function c2paNodeModules(): { builder: string; signer: string } {
	const index = require.resolve('@contentauth/c2pa-node');
	const builder = join(dirname(index), 'Builder.js');
	const signer = join(dirname(index), 'Signer.js');
	return existsSync(builder) && existsSync(signer)
		? { builder, signer }
		: { builder: index, signer: index };
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class C2paWorker {
	private worker?: Worker;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;

	call<T>(message: Record<string, unknown>): Promise<T> {
		const worker = this.start();
		const id = this.nextId++;
		// Referenced while work is in flight (a CLI must not exit mid-sign), unreferenced when idle.
		worker.ref();
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			worker.postMessage({ ...message, id });
		});
	}

	/** Starts the thread (and its libraries' loading) now, ahead of the first call. */
	warm(): void {
		this.start();
	}

	async close(): Promise<void> {
		const worker = this.worker;
		this.worker = undefined;
		await worker?.terminate();
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const wasmEntry = require.resolve('@contentauth/c2pa-wasm');
		const worker = new Worker(C2PA_WORKER_SOURCE, {
			eval: true,
			workerData: {
				c2paNode: c2paNodeModules(),
				c2paWasmPath: wasmEntry,
				c2paWasmBinaryPath: join(dirname(wasmEntry), 'c2pa_bg.wasm'),
			},
		});
		worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: string }) => {
			const waiting = this.pending.get(msg.id);
			this.pending.delete(msg.id);
			if (this.pending.size === 0) worker.unref();
			if (msg.ok) waiting?.resolve(msg.result);
			else waiting?.reject(new Error(msg.error));
		});
		// A crashed worker fails everything in flight; the next call starts a fresh one.
		const failAll = (error: Error) => {
			for (const waiting of this.pending.values()) waiting.reject(error);
			this.pending.clear();
			if (this.worker === worker) this.worker = undefined;
		};
		worker.on('error', failAll);
		worker.on('exit', (code) => failAll(new Error(`The C2PA worker exited (code ${code}).`)));
		worker.unref();
		this.worker = worker;
		return worker;
	}
}

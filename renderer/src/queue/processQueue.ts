/**
 * The embedded queue of `reelforge serve` with its renders in a child process, so that drawing,
 * encoding and model loading (the NSFW and ONNX models load in the child) never block the API's
 * event loop. The parent keeps the store (the child asks it for every read and write over IPC,
 * see store/ipcStore.ts), forwards jobs and cancels to the child, and re-emits the child's render
 * updates for server-sent events. A child that dies is started again, and every unfinished render
 * goes back on its queue (`recover`), as at a restart of the service: no accepted job is lost.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { JobQueue, QueueCounts } from './queue';
import { childPort, Rpc } from './rpc';

export interface ProcessQueueOptions {
	/** The child's entry module (cli/renderChild). */
	entry: string;
	/** Node options of the child (default: this process's own). */
	execArgv?: string[];
	/** The environment the child loads its configuration from (default: this process's own). */
	env?: Record<string, string>;
	/** Requests the child makes of this process (the store). */
	handlers: Record<string, (...args: never[]) => unknown>;
	/** A render record the child wrote (progress, stage, completion). */
	onUpdate(record: unknown): void;
	/** Puts every unfinished render back on the queue, after a child died. */
	recover(): Promise<void>;
	log(message: string, fields?: Record<string, unknown>): void;
}

const RESTART_DELAYS_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
const COUNTS_TIMEOUT_MS = 2000;
/** Niceness of the render process (0 normal, 19 lowest). */
const RENDER_NICENESS = 10;

export class ProcessQueue implements JobQueue {
	readonly kind = 'memory' as const;
	private child?: ChildProcess;
	private rpc?: Rpc;
	private ready_ = false;
	private closing = false;
	private started = false;
	private restarts = 0;
	private lastCounts: QueueCounts = { waiting: 0, active: 0, delayed: 0 };
	/** Jobs and cancels sent while no child was there to take them. */
	private readonly backlog: Array<{ type: 'enqueue' | 'cancel'; renderId: string }> = [];
	private exited?: Promise<void>;

	constructor(
		private readonly options: ProcessQueueOptions,
		private readonly concurrency: number,
	) {}

	/** The child's process id while it runs. */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	async enqueue(renderId: string) {
		if (this.closing) throw new Error('queue is closing');
		this.send('enqueue', renderId);
	}

	/** Starts the render process; renders run there, not in this process. */
	process() {
		if (this.started || this.closing) return;
		this.started = true;
		this.spawn();
	}

	async cancel(renderId: string) {
		this.send('cancel', renderId);
	}

	async counts(): Promise<QueueCounts> {
		if (!this.rpc || !this.ready_) return { ...this.lastCounts, waiting: this.backlog.length };
		const timeout = new Promise<QueueCounts>((resolve) =>
			setTimeout(() => resolve(this.lastCounts), COUNTS_TIMEOUT_MS).unref(),
		);
		const asked = this.rpc.call<QueueCounts>('queue.counts').then(
			(counts) => (this.lastCounts = counts),
			() => this.lastCounts,
		);
		return Promise.race([asked, timeout]);
	}

	/** What the render process's metrics registry holds of its renders (empty when none runs). */
	async renderMetrics<T>(): Promise<T[]> {
		if (!this.rpc || !this.ready_) return [];
		return this.rpc.call<T[]>('metrics');
	}

	async ready() {
		// Submits are accepted while a child restarts: they wait in the backlog.
		return !this.closing;
	}

	async close(graceMs: number) {
		this.closing = true;
		const child = this.child;
		if (!child || !this.exited) return;
		// A child still loading has no listener yet: it is stopped by signal (it holds no job yet).
		if (this.ready_) this.rpc?.notify('close', graceMs);
		else child.kill('SIGTERM');
		const killed = setTimeout(() => child.kill('SIGKILL'), graceMs + 10_000);
		killed.unref();
		await this.exited;
		clearTimeout(killed);
	}

	private send(type: 'enqueue' | 'cancel', renderId: string) {
		if (this.rpc && this.ready_) this.rpc.notify(type, renderId);
		else this.backlog.push({ type, renderId });
	}

	private spawn() {
		const child = fork(this.options.entry, [], {
			execArgv: this.options.execArgv ?? process.execArgv,
			...(this.options.env ? { env: this.options.env } : {}),
			serialization: 'advanced',
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		this.child = child;
		// Renders are batch work and the API is interactive: on a busy machine the API gets the CPU
		// first (ffmpeg, spawned by the child, inherits the lower priority).
		try {
			if (child.pid) os.setPriority(child.pid, RENDER_NICENESS);
		} catch (error) {
			this.options.log('could not lower the render process priority', {
				error: (error as Error).message,
			});
		}
		const rpc = new Rpc(childPort(child), this.options.handlers);
		this.rpc = rpc;
		rpc.onNotice((type, payload) => {
			if (type === 'update') this.options.onUpdate(payload);
			else if (type === 'ready') this.onReady(rpc);
		});
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				rpc.close(new Error('the render process exited'));
				this.ready_ = false;
				this.child = undefined;
				this.rpc = undefined;
				resolve();
				if (!this.closing) this.restart(code, signal);
			});
		});
		child.on('error', (error) =>
			this.options.log('render process error', { error: error.message }),
		);
	}

	private onReady(rpc: Rpc) {
		this.ready_ = true;
		rpc.notify('start', this.concurrency);
		for (const { type, renderId } of this.backlog.splice(0)) rpc.notify(type, renderId);
		this.restarts = 0;
	}

	private restart(code: number | null, signal: NodeJS.Signals | null) {
		const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)];
		this.restarts++;
		this.options.log('render process exited; starting another and requeueing unfinished renders', {
			code,
			signal,
			inMs: delay,
		});
		setTimeout(() => {
			if (this.closing) return;
			this.spawn();
			// The records say what was unfinished; the new child's queue drops duplicates.
			this.options.recover().catch((error: unknown) =>
				this.options.log('could not requeue after the render process exited', {
					error: (error as Error).message,
				}),
			);
		}, delay).unref();
	}
}

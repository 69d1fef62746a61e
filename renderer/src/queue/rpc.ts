/**
 * Requests and notices between `reelforge serve` and its render process over the IPC channel
 * node gives a forked child: `call` sends a request and resolves with the other side's answer;
 * `notify` sends a one-way notice. Either side may answer requests (the child asks the parent's
 * store, the parent asks the child's queue counts).
 */
import type { ChildProcess } from 'node:child_process';

/** One end of an IPC channel. */
export interface Port {
	post(message: unknown): void;
	/** Adds a listener; returns its removal. */
	listen(listener: (message: unknown) => void): () => void;
}

export function childPort(child: ChildProcess): Port {
	return {
		post: (message) => {
			if (child.connected) child.send(message as object);
		},
		listen(listener) {
			child.on('message', listener);
			return () => child.off('message', listener);
		},
	};
}

/** This process's channel to the parent that forked it. */
export function parentPort(): Port {
	if (!process.send) throw new Error('this process was not started with an IPC channel');
	return {
		post: (message) => {
			if (process.connected) process.send!(message as object);
		},
		listen(listener) {
			process.on('message', listener);
			return () => process.off('message', listener);
		},
	};
}

type Handler = (...args: never[]) => unknown;

interface Request {
	rpc: 'req';
	n: number;
	op: string;
	args: unknown[];
}
interface Response {
	rpc: 'res';
	n: number;
	ok: boolean;
	value?: unknown;
	error?: { message: string; name?: string; code?: string };
}
interface Notice {
	rpc: 'note';
	type: string;
	payload: unknown;
}

export class Rpc {
	private next = 1;
	private readonly pending = new Map<
		number,
		{ resolve: (v: unknown) => void; reject: (e: Error) => void }
	>();
	private readonly noticeListeners = new Set<(type: string, payload: unknown) => void>();
	private readonly stop: () => void;
	private closed?: Error;

	constructor(
		private readonly port: Port,
		private readonly handlers: Record<string, Handler> = {},
	) {
		this.stop = port.listen((message) => void this.receive(message));
	}

	call<T>(op: string, ...args: unknown[]): Promise<T> {
		if (this.closed) return Promise.reject(this.closed);
		const n = this.next++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(n, { resolve: resolve as (v: unknown) => void, reject });
			this.port.post({ rpc: 'req', n, op, args } satisfies Request);
		});
	}

	notify(type: string, payload?: unknown): void {
		if (!this.closed) this.port.post({ rpc: 'note', type, payload } satisfies Notice);
	}

	onNotice(listener: (type: string, payload: unknown) => void): void {
		this.noticeListeners.add(listener);
	}

	/** The other side is gone: every call waiting for an answer fails with `error`. */
	close(error = new Error('the other process is gone')): void {
		this.closed = error;
		this.stop();
		for (const { reject } of this.pending.values()) reject(error);
		this.pending.clear();
	}

	private async receive(message: unknown) {
		const m = message as Request | Response | Notice | undefined;
		if (!m || typeof m !== 'object' || !('rpc' in m)) return;
		if (m.rpc === 'note') {
			for (const listener of this.noticeListeners) listener(m.type, m.payload);
		} else if (m.rpc === 'res') {
			const waiting = this.pending.get(m.n);
			if (!waiting) return;
			this.pending.delete(m.n);
			if (m.ok) waiting.resolve(m.value);
			else
				waiting.reject(
					Object.assign(new Error(m.error?.message ?? 'failed'), {
						name: m.error?.name ?? 'Error',
						code: m.error?.code,
					}),
				);
		} else if (m.rpc === 'req') {
			const handler = this.handlers[m.op];
			try {
				if (!handler) throw new Error(`unknown request "${m.op}"`);
				const value = await (handler as (...args: unknown[]) => unknown)(...m.args);
				this.port.post({ rpc: 'res', n: m.n, ok: true, value } satisfies Response);
			} catch (error) {
				const e = error as Error & { code?: string };
				this.port.post({
					rpc: 'res',
					n: m.n,
					ok: false,
					error: { message: e?.message ?? String(error), name: e?.name, code: e?.code },
				} satisfies Response);
			}
		}
	}
}

/**
 * The store of `reelforge serve`'s render process: every operation is asked of the parent's store
 * over IPC, so the embedded file store keeps one writer (the parent, with its per-record mutex and
 * its index of ids) while renders run in another process. `update` is optimistic: the change is
 * computed here and written by the parent only if the record is still what it was read as.
 */
import type { Rpc } from '../queue/rpc';
import type { Collection, ListOptions, Store } from './store';

/** How many times an update is recomputed when the record changed under it. */
const UPDATE_TRIES = 50;
/** Records whose last written value an update starts from (a render's progress writes, say). */
const REMEMBERED = 256;

class StaleValue {
	constructor(readonly value: unknown) {}
}

/** The parent's side: answers the render process's store requests from `store`. */
export function storeHandlers(store: Store) {
	const col = (name: string) => store.collection<unknown>(name);
	return {
		'store.get': (name: string, id: string) => col(name).get(id),
		'store.put': (name: string, id: string, value: unknown) => col(name).put(id, value),
		'store.create': (name: string, id: string, value: unknown) => col(name).create(id, value),
		'store.delete': (name: string, id: string) => col(name).delete(id),
		'store.list': (name: string, options: ListOptions) => col(name).list(options),
		'store.count': (name: string, prefix: string) => col(name).count(prefix),
		/** Writes `next` only when the record still serialises as `expected`; answers what is stored. */
		'store.swap': async (name: string, id: string, expected: string, next: unknown) => {
			try {
				const current = await col(name).update(id, (value) => {
					// Changed since the child read it: nothing is written, the child recomputes.
					if (JSON.stringify(value) !== expected) throw new StaleValue(value);
					return next;
				});
				return { swapped: current !== undefined, current };
			} catch (error) {
				if (error instanceof StaleValue) return { swapped: false, current: error.value };
				throw error;
			}
		},
		'store.incr': (counter: string, by: number, ttlSeconds: number) =>
			store.incr(counter, by, ttlSeconds),
		'store.ready': () => store.ready(),
	};
}

class IpcCollection<T> implements Collection<T> {
	/**
	 * The value this process last wrote to or read back from a record, as JSON. An update starts
	 * from it rather than asking the parent first: a render's progress writes are one round trip
	 * each, not two. The swap is a compare-and-set, so a value changed since (a cancel in the
	 * parent) is answered with what is stored and the change is computed again from that.
	 */
	private readonly last = new Map<string, string>();

	constructor(
		private readonly rpc: Rpc,
		private readonly name: string,
	) {}

	private remember(id: string, value: T | undefined) {
		this.last.delete(id);
		if (value === undefined) return;
		this.last.set(id, JSON.stringify(value));
		if (this.last.size > REMEMBERED) this.last.delete(this.last.keys().next().value!);
	}

	async get(id: string) {
		const value = await this.rpc.call<T | undefined>('store.get', this.name, id);
		this.remember(id, value);
		return value;
	}
	put(id: string, value: T) {
		this.remember(id, undefined);
		return this.rpc.call<void>('store.put', this.name, id, value);
	}
	create(id: string, value: T) {
		return this.rpc.call<boolean>('store.create', this.name, id, value);
	}
	delete(id: string) {
		this.remember(id, undefined);
		return this.rpc.call<boolean>('store.delete', this.name, id);
	}
	list(options: ListOptions) {
		return this.rpc.call<T[]>('store.list', this.name, options);
	}
	count(prefix: string) {
		return this.rpc.call<number>('store.count', this.name, prefix);
	}
	async update(id: string, change: (current: T) => T): Promise<T | undefined> {
		const known = this.last.get(id);
		let current: T | undefined =
			known === undefined ? await this.get(id) : (JSON.parse(known) as T);
		for (let attempt = 0; attempt < UPDATE_TRIES; attempt++) {
			if (current === undefined) {
				this.remember(id, undefined);
				return undefined;
			}
			const next = change(current);
			const answer = await this.rpc.call<{ swapped: boolean; current: T | undefined }>(
				'store.swap',
				this.name,
				id,
				JSON.stringify(current),
				next,
			);
			if (answer.swapped) {
				this.remember(id, next);
				return next;
			}
			current = answer.current;
		}
		this.remember(id, undefined);
		throw new Error(`record ${this.name}/${id} kept changing; the update was not written`);
	}
}

export class IpcStore implements Store {
	readonly kind = 'file' as const;

	constructor(private readonly rpc: Rpc) {}

	collection<T>(name: string): Collection<T> {
		return new IpcCollection<T>(this.rpc, name);
	}
	incr(counter: string, by: number, ttlSeconds: number) {
		return this.rpc.call<number>('store.incr', counter, by, ttlSeconds);
	}
	async ready() {
		return this.rpc.call<boolean>('store.ready').catch(() => false);
	}
	async close() {}
}

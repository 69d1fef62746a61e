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
			let swapped = false;
			const current = await col(name).update(id, (value) => {
				swapped = JSON.stringify(value) === expected;
				return swapped ? next : value;
			});
			return { swapped, current };
		},
		'store.incr': (counter: string, by: number, ttlSeconds: number) =>
			store.incr(counter, by, ttlSeconds),
		'store.ready': () => store.ready(),
	};
}

class IpcCollection<T> implements Collection<T> {
	constructor(
		private readonly rpc: Rpc,
		private readonly name: string,
	) {}

	get(id: string) {
		return this.rpc.call<T | undefined>('store.get', this.name, id);
	}
	put(id: string, value: T) {
		return this.rpc.call<void>('store.put', this.name, id, value);
	}
	create(id: string, value: T) {
		return this.rpc.call<boolean>('store.create', this.name, id, value);
	}
	delete(id: string) {
		return this.rpc.call<boolean>('store.delete', this.name, id);
	}
	list(options: ListOptions) {
		return this.rpc.call<T[]>('store.list', this.name, options);
	}
	count(prefix: string) {
		return this.rpc.call<number>('store.count', this.name, prefix);
	}
	async update(id: string, change: (current: T) => T): Promise<T | undefined> {
		let current: T | undefined = await this.get(id);
		for (let attempt = 0; attempt < UPDATE_TRIES; attempt++) {
			if (current === undefined) return undefined;
			const next = change(current);
			const answer = await this.rpc.call<{ swapped: boolean; current: T | undefined }>(
				'store.swap',
				this.name,
				id,
				JSON.stringify(current),
				next,
			);
			if (answer.swapped) return next;
			current = answer.current;
		}
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

/**
 * The service's state (renders, keys, quotas, webhooks, feed, cameos) behind one small interface
 * with two drivers: files under the data dir for `reelforge serve`, Redis when API and workers run
 * as separate processes. Records are JSON documents in named collections; ids sort by creation.
 */
export interface ListOptions {
	/** Only ids starting with this. */
	prefix?: string;
	/** Cursor: return ids strictly before this one (newest first). */
	before?: string;
	limit: number;
}

export interface Collection<T> {
	get(id: string): Promise<T | undefined>;
	put(id: string, value: T): Promise<void>;
	/** Writes only when the id is new; returns false when it already existed. */
	create(id: string, value: T): Promise<boolean>;
	delete(id: string): Promise<boolean>;
	/** Newest first. */
	list(options: ListOptions): Promise<T[]>;
	/** How many ids start with `prefix`, without reading the records (a quota's running renders). */
	count(prefix: string): Promise<number>;
	/** Read-modify-write without lost updates from this process or others sharing the store. */
	update(id: string, change: (current: T) => T): Promise<T | undefined>;
	/**
	 * A token that changes whenever the record is written or deleted by any process, cheaper to
	 * get than the record (a cache checks it before trusting what it holds); undefined when the
	 * record does not exist. Drivers without a cheaper check leave it out.
	 */
	stamp?(id: string): Promise<string | undefined>;
}

export interface Store {
	readonly kind: 'file' | 'redis';
	collection<T>(name: string): Collection<T>;
	/** Atomically adds `by` to a counter that expires `ttlSeconds` after it is first set; returns the new value. */
	incr(counter: string, by: number, ttlSeconds: number): Promise<number>;
	ready(): Promise<boolean>;
	close(): Promise<void>;
}

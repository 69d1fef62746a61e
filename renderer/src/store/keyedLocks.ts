/**
 * Runs async work for one key at a time, in order, inside this process (the stores' per-record
 * read-modify-write); keys that are not busy hold nothing.
 */
export class KeyedLocks {
	private readonly tails = new Map<string, Promise<unknown>>();

	run<R>(key: string, work: () => Promise<R>): Promise<R> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const next = previous.then(work, work);
		const tail = next.catch(() => undefined);
		this.tails.set(key, tail);
		void tail.then(() => {
			if (this.tails.get(key) === tail) this.tails.delete(key);
		});
		return next;
	}
}

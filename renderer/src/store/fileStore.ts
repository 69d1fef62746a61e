import fs from 'node:fs/promises';
import { rename, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KeyedLocks } from './keyedLocks';
import type { Collection, ListOptions, Store } from './store';
import { isWritableDir } from '../writableDir';

const SAFE_ID = /^[A-Za-z0-9._:-]+$/;

function checkId(id: string): string {
	// Ids become file names: refuse anything that could leave the collection's folder.
	if (!SAFE_ID.test(id) || id.includes('..')) throw new Error(`invalid record id "${id}"`);
	return id;
}

/*
 * Records are small (a few KiB) and live in the page cache, so reads and the writing of a new file
 * are done synchronously: each asynchronous call is a hop to a pool thread and back (and a
 * FileHandle to collect), which under a submit load cost the API several times the call itself —
 * a third of its event loop in `bench/load.js --mode=embedded --cpu-prof`. None of them waits for
 * the disk (there is no fsync). Renaming over an existing file can make the file system start
 * writing the new data out (ext4's auto_da_alloc), so the rename stays on the thread pool.
 */
const renameAsync = (from: string, to: string) =>
	new Promise<void>((resolve, reject) =>
		rename(from, to, (err) => (err ? reject(err) : resolve())),
	);

async function writeAtomic(file: string, data: string): Promise<void> {
	// Write-then-rename: a crash leaves the old or the new record, never half of one.
	const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	try {
		writeFileSync(tmp, data);
		await renameAsync(tmp, file);
	} catch (error) {
		// A full disk or a folder removed under it: no stray temporary file left behind.
		await fs.rm(tmp, { force: true }).catch(() => undefined);
		throw error;
	}
}

async function readJson<T>(file: string): Promise<T | undefined> {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as T;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw err;
	}
}

/**
 * How long after a folder's mtime every write stamped with it is surely visible to `readdir`: file
 * timestamps come from the kernel's coarse clock (a tick of up to 10 ms; coarser on some file
 * systems), so two writes in one tick leave the same mtime and the second is invisible to an mtime
 * comparison. A margin well above the tick keeps this true on the file systems a data dir lives on.
 */
export const MTIME_SETTLE_MS = 250;

/**
 * The sorted ids of one collection, read from its folder once and kept up to date by this
 * process's own writes (all through the one handle per folder the store keeps), so a list (a quota
 * check on every submit) costs no directory scan. Another process writing the same folder
 * (`reelforge keys` while `serve` runs) changes the folder's mtime without going through here: a
 * list that sees an mtime this index did not read is answered from a fresh `readdir`.
 *
 * An mtime is only ever trusted as "nothing else happened" once it is settled: the folder was read
 * after that mtime's tick was over. After its own write the index knows the new mtime only as
 * "mine, and maybe someone else's in the same tick", so it reads the folder again once that tick is
 * settled — at most once per MTIME_SETTLE_MS however many writes it makes, and only when listed.
 */
class IdIndex {
	private ids?: string[];
	/** The folder's mtime as this index last saw it (-1: unknown, read the folder). */
	private mtimeMs = -1;
	/** When set, `mtimeMs` may hide another process's write until the folder is read at or after this time. */
	private verifyAt?: number;
	/** Own writes so far: a read that overlapped one cannot vouch for the folder's mtime. */
	private writes = 0;
	/** An own write since the last list: the folder's mtime moved, and not only by others. */
	private ownUnseen = false;
	private loading?: Promise<string[]>;

	constructor(private readonly dir: string) {}

	async sorted(): Promise<string[]> {
		const mtimeMs = await this.folderMtime();
		if (this.ids && mtimeMs !== this.mtimeMs && this.ownUnseen) {
			// Changed by this process's own writes, and maybe by another's too: answered from the
			// index now, read again when the doubt settles (`verifyAt`, set at the first such write).
			this.mtimeMs = mtimeMs;
			this.ownUnseen = false;
		}
		const unchanged = this.ids !== undefined && mtimeMs === this.mtimeMs;
		if (unchanged && (this.verifyAt === undefined || Date.now() < this.verifyAt)) return this.ids!;
		this.loading ??= this.load().finally(() => (this.loading = undefined));
		return this.loading;
	}

	/** After this process created or replaced `id`'s file. */
	async added(id: string): Promise<void> {
		this.writes++;
		if (this.ids) {
			const at = sortedIndex(this.ids, id);
			if (this.ids[at] !== id) this.ids.splice(at, 0, id);
		}
		this.wrote();
	}

	/** After this process replaced a record's file in place (an update: same ids, new mtime). */
	async touched(): Promise<void> {
		this.writes++;
		this.wrote();
	}

	/** After this process deleted `id`'s file. */
	async removed(id: string): Promise<void> {
		this.writes++;
		if (this.ids) {
			const at = sortedIndex(this.ids, id);
			if (this.ids[at] === id) this.ids.splice(at, 1);
		}
		this.wrote();
	}

	/**
	 * Notes an own write without vouching for the folder's next mtime: another process may have
	 * written before it (in a tick this index never saw) or in the same tick. The folder is read
	 * again once the oldest such doubt has settled, not pushed back by later writes. No `stat` here:
	 * the next list compares the mtime anyway (one file-system call fewer per write).
	 */
	private wrote() {
		if (!this.ids) return;
		this.ownUnseen = true;
		this.verifyAt ??= Date.now() + MTIME_SETTLE_MS;
	}

	private async load(): Promise<string[]> {
		const writes = this.writes;
		const mtimeMs = await this.folderMtime();
		// Read at or after this, the folder shows every write stamped `mtimeMs`.
		const settled = Date.now() >= mtimeMs + MTIME_SETTLE_MS;
		let names: string[];
		try {
			names = await fs.readdir(this.dir);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
			names = [];
		}
		const ids = names
			.filter((n) => n.endsWith('.json'))
			.map((n) => n.slice(0, -5))
			.sort();
		if (this.writes !== writes) {
			// An own write landed while the folder was read: whether it shows is unknown, so this read
			// answers this list and the next one reads again.
			this.ids = ids;
			this.mtimeMs = -1;
			this.ownUnseen = false;
			this.verifyAt = undefined;
			return ids;
		}
		this.ids = ids;
		this.mtimeMs = mtimeMs;
		this.ownUnseen = false;
		this.verifyAt = settled ? undefined : mtimeMs + MTIME_SETTLE_MS;
		return ids;
	}

	private async folderMtime(): Promise<number> {
		try {
			return statSync(this.dir).mtimeMs;
		} catch {
			return 0;
		}
	}
}

/** Where `id` is or would be inserted in the ascending `ids`. */
function sortedIndex(ids: string[], id: string): number {
	let low = 0;
	let high = ids.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (ids[mid] < id) low = mid + 1;
		else high = mid;
	}
	return low;
}

class FileCollection<T> implements Collection<T> {
	private readonly index: IdIndex;
	private folder?: Promise<unknown>;

	constructor(
		private readonly dir: string,
		private readonly locks: KeyedLocks,
	) {
		this.index = new IdIndex(dir);
	}

	private file(id: string) {
		return path.join(this.dir, `${checkId(id)}.json`);
	}

	async get(id: string) {
		return readJson<T>(this.file(id));
	}

	/**
	 * Every write replaces the file by a rename (a new inode, a new mtime) and `create` makes a new
	 * one, so inode, size and mtime together change with every write, whichever process made it.
	 */
	async stamp(id: string) {
		try {
			const { ino, size, mtimeMs } = statSync(this.file(id));
			return `${ino}:${size}:${mtimeMs}`;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw err;
		}
	}

	/**
	 * Runs a write in the collection's folder, created once per process rather than per write;
	 * a folder removed since (an operator cleaning up) is made again.
	 */
	private async inFolder<R>(write: () => Promise<R>): Promise<R> {
		this.folder ??= fs.mkdir(this.dir, { recursive: true });
		try {
			await this.folder;
			return await write();
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			this.folder = fs.mkdir(this.dir, { recursive: true });
			await this.folder;
			return write();
		}
	}

	async put(id: string, value: T) {
		await this.inFolder(() =>
			this.locks.run(this.file(id), () => writeAtomic(this.file(id), JSON.stringify(value))),
		);
		await this.index.added(id);
	}

	async create(id: string, value: T) {
		try {
			// 'wx' fails when the file exists, which makes creation atomic across processes too.
			await this.inFolder(async () =>
				writeFileSync(this.file(id), JSON.stringify(value), { flag: 'wx' }),
			);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
			// Any other failure (a full disk) after 'wx' made the file: no empty record left behind.
			await fs.rm(this.file(id), { force: true }).catch(() => undefined);
			throw err;
		}
		await this.index.added(id);
		return true;
	}

	async delete(id: string) {
		try {
			await fs.unlink(this.file(id));
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
			throw err;
		}
		await this.index.removed(id);
		return true;
	}

	async list({ prefix, before, limit }: ListOptions) {
		const ids = await this.index.sorted();
		// Newest first: walk down from just below `before` (or the end), within the prefix.
		let at = before === undefined ? ids.length : sortedIndex(ids, before);
		const out: T[] = [];
		while (--at >= 0 && out.length < limit) {
			const id = ids[at];
			if (prefix && !id.startsWith(prefix)) {
				if (id < prefix) break;
				// Above the prefix's range: jump to its end.
				at = sortedIndex(ids, prefix + '\uffff');
				continue;
			}
			const value = await this.get(id);
			if (value !== undefined) out.push(value);
		}
		return out;
	}

	async count(prefix: string) {
		const ids = await this.index.sorted();
		return sortedIndex(ids, prefix + '\uffff') - sortedIndex(ids, prefix);
	}

	async update(id: string, change: (current: T) => T) {
		const next = await this.locks.run(this.file(id), async () => {
			const current = await readJson<T>(this.file(id));
			if (current === undefined) return undefined;
			const changed = change(current);
			await writeAtomic(this.file(id), JSON.stringify(changed));
			return changed;
		});
		// The rename changed the folder's mtime; the ids are the same (no rescan for it).
		if (next !== undefined) await this.index.touched();
		return next;
	}
}

interface CounterFile {
	value: number;
	expiresAt: number;
}

/** A counter held in memory, its file written behind it (one write at a time, the latest value). */
interface LiveCounter extends CounterFile {
	writing?: Promise<void>;
	dirty: boolean;
}

/**
 * The embedded store of `reelforge serve`: one JSON file per record under the data dir.
 *
 * It has one writer process — `serve` itself; its render process asks it over IPC — so counters
 * (daily quotas, asked twice per submit) are kept in memory and written behind: a submit does not
 * wait for, nor queue behind, another submit's counter write. A crash can lose the last few
 * increments of a day's counter (a quota slightly in the caller's favour), never a record.
 */
export class FileStore implements Store {
	readonly kind = 'file' as const;
	private readonly locks = new KeyedLocks();
	private readonly counters = new Map<string, LiveCounter>();
	private readonly loading = new Map<string, Promise<LiveCounter>>();
	/** One handle per folder: every write of this process goes through its one index of ids. */
	private readonly collections = new Map<string, FileCollection<unknown>>();

	constructor(private readonly root: string) {}

	collection<T>(name: string): Collection<T> {
		let collection = this.collections.get(name);
		if (!collection) {
			collection = new FileCollection<unknown>(path.join(this.root, checkId(name)), this.locks);
			this.collections.set(name, collection);
		}
		return collection as FileCollection<T>;
	}

	async incr(counter: string, by: number, ttlSeconds: number) {
		const file = path.join(this.root, 'counters', `${checkId(counter)}.json`);
		const live = this.counters.get(counter) ?? (await this.load(counter, file));
		const now = Date.now();
		if (live.expiresAt <= now) {
			live.value = 0;
			live.expiresAt = now + ttlSeconds * 1000;
		}
		live.value += by;
		const value = live.value;
		if (by !== 0) this.persist(file, live);
		return value;
	}

	private load(counter: string, file: string): Promise<LiveCounter> {
		let pending = this.loading.get(counter);
		if (!pending) {
			pending = readJson<CounterFile>(file)
				.then((stored) => {
					const live: LiveCounter = {
						value: stored?.value ?? 0,
						expiresAt: stored?.expiresAt ?? 0,
						dirty: false,
					};
					this.counters.set(counter, live);
					return live;
				})
				.finally(() => this.loading.delete(counter));
			this.loading.set(counter, pending);
		}
		return pending;
	}

	private persist(file: string, live: LiveCounter) {
		live.dirty = true;
		if (live.writing) return;
		live.writing = (async () => {
			try {
				while (live.dirty) {
					live.dirty = false;
					await fs.mkdir(path.dirname(file), { recursive: true });
					await writeAtomic(
						file,
						JSON.stringify({ value: live.value, expiresAt: live.expiresAt } satisfies CounterFile),
					);
				}
			} catch {
				// The value in memory stays right; the next increment writes it again.
			} finally {
				live.writing = undefined;
			}
		})();
	}

	ready() {
		return isWritableDir(this.root);
	}

	/** Waits for the counters' last writes. */
	async close() {
		await Promise.all([...this.counters.values()].map((c) => c.writing));
	}
}

import fs from 'node:fs/promises';
import path from 'node:path';
import type { Collection, ListOptions, Store } from './store';

const SAFE_ID = /^[A-Za-z0-9._:-]+$/;

function checkId(id: string): string {
	// Ids become file names: refuse anything that could leave the collection's folder.
	if (!SAFE_ID.test(id) || id.includes('..')) throw new Error(`invalid record id "${id}"`);
	return id;
}

/** Serialises async work per key inside this process. */
class KeyedMutex {
	private tails = new Map<string, Promise<unknown>>();
	run<T>(key: string, work: () => Promise<T>): Promise<T> {
		const prev = this.tails.get(key) ?? Promise.resolve();
		const next = prev.then(work, work);
		const settled = next.catch(() => undefined);
		this.tails.set(key, settled);
		void settled.then(() => {
			if (this.tails.get(key) === settled) this.tails.delete(key);
		});
		return next;
	}
}

async function writeAtomic(file: string, data: string): Promise<void> {
	// Write-then-rename: a crash leaves the old or the new record, never half of one.
	const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	await fs.writeFile(tmp, data);
	await fs.rename(tmp, file);
}

async function readJson<T>(file: string): Promise<T | undefined> {
	try {
		return JSON.parse(await fs.readFile(file, 'utf8')) as T;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw err;
	}
}

class FileCollection<T> implements Collection<T> {
	constructor(
		private readonly dir: string,
		private readonly mutex: KeyedMutex,
	) {}

	private file(id: string) {
		return path.join(this.dir, `${checkId(id)}.json`);
	}

	async get(id: string) {
		return readJson<T>(this.file(id));
	}

	async put(id: string, value: T) {
		await fs.mkdir(this.dir, { recursive: true });
		await this.mutex.run(this.file(id), () => writeAtomic(this.file(id), JSON.stringify(value)));
	}

	async create(id: string, value: T) {
		await fs.mkdir(this.dir, { recursive: true });
		try {
			// 'wx' fails when the file exists, which makes creation atomic across processes too.
			await fs.writeFile(this.file(id), JSON.stringify(value), { flag: 'wx' });
			return true;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
			throw err;
		}
	}

	async delete(id: string) {
		try {
			await fs.unlink(this.file(id));
			return true;
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
			throw err;
		}
	}

	async list({ prefix, before, limit }: ListOptions) {
		let names: string[];
		try {
			names = await fs.readdir(this.dir);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
			throw err;
		}
		const ids = names
			.filter((n) => n.endsWith('.json'))
			.map((n) => n.slice(0, -5))
			.filter((id) => (!prefix || id.startsWith(prefix)) && (!before || id < before))
			.sort()
			.reverse();
		const out: T[] = [];
		for (const id of ids) {
			if (out.length >= limit) break;
			const value = await this.get(id);
			if (value !== undefined) out.push(value);
		}
		return out;
	}

	async update(id: string, change: (current: T) => T) {
		return this.mutex.run(this.file(id), async () => {
			const current = await readJson<T>(this.file(id));
			if (current === undefined) return undefined;
			const next = change(current);
			await writeAtomic(this.file(id), JSON.stringify(next));
			return next;
		});
	}
}

interface CounterFile {
	value: number;
	expiresAt: number;
}

/** The embedded store of `reelforge serve`: one JSON file per record under the data dir. */
export class FileStore implements Store {
	readonly kind = 'file' as const;
	private readonly mutex = new KeyedMutex();

	constructor(private readonly root: string) {}

	collection<T>(name: string): Collection<T> {
		return new FileCollection<T>(path.join(this.root, checkId(name)), this.mutex);
	}

	async incr(counter: string, by: number, ttlSeconds: number) {
		const dir = path.join(this.root, 'counters');
		const file = path.join(dir, `${checkId(counter)}.json`);
		await fs.mkdir(dir, { recursive: true });
		return this.mutex.run(file, async () => {
			const now = Date.now();
			const current = await readJson<CounterFile>(file);
			const live =
				current && current.expiresAt > now
					? current
					: { value: 0, expiresAt: now + ttlSeconds * 1000 };
			live.value += by;
			await writeAtomic(file, JSON.stringify(live));
			return live.value;
		});
	}

	async ready() {
		try {
			await fs.mkdir(this.root, { recursive: true });
			await fs.access(this.root, fs.constants.W_OK);
			return true;
		} catch {
			return false;
		}
	}

	async close() {}
}

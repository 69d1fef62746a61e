/**
 * The embedded store's lists come from an in-memory index of ids (no folder scan per list), and
 * they answer what a scan would: newest first, by prefix, before a cursor, up to a limit — also
 * after writes by another process sharing the folder (here: a second FileStore on it).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore, MTIME_SETTLE_MS } from '../../src/store/fileStore';

interface Doc {
	id: string;
}

/** What a list must answer, computed the slow way from the ids that exist. */
function expected(
	ids: Iterable<string>,
	prefix: string | undefined,
	before: string | undefined,
	limit: number,
) {
	return [...ids]
		.filter((id) => (!prefix || id.startsWith(prefix)) && (!before || id < before))
		.sort()
		.reverse()
		.slice(0, limit);
}

describe('FileStore lists', () => {
	let root: string;
	beforeEach(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelforge-store-'));
	});
	afterEach(() => fs.rm(root, { recursive: true, force: true }));

	it('answers prefix, cursor and limit like a scan, through puts, creates and deletes', async () => {
		const store = new FileStore(root);
		const docs = store.collection<Doc>('docs');
		const live = new Set<string>();
		// A deterministic mix of keys, ids and removals.
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let i = 0; i < 300; i++) {
			const id = `key${next() % 5}.rnd_${String(next() % 1000).padStart(4, '0')}`;
			const op = next() % 4;
			if (op === 0 && live.size) {
				const victim = [...live][next() % live.size];
				expect(await docs.delete(victim)).toBe(true);
				live.delete(victim);
			} else if (op === 1) {
				expect(await docs.create(id, { id })).toBe(!live.has(id));
				live.add(id);
			} else {
				await docs.put(id, { id });
				live.add(id);
			}
			if (i % 25 === 0) {
				for (const prefix of [undefined, 'key1.', 'key4.', 'nope.']) {
					for (const before of [undefined, 'key2.rnd_0500', 'key1.rnd_0000', 'a', 'z']) {
						const got = (await docs.list({ prefix, before, limit: 7 })).map((d) => d.id);
						expect(got).toEqual(expected(live, prefix, before, 7));
						if (prefix)
							expect(await docs.count(prefix)).toBe(expected(live, prefix, undefined, 1e9).length);
					}
				}
			}
		}
		const all = (await docs.list({ limit: 10_000 })).map((d) => d.id);
		expect(all).toEqual(expected(live, undefined, undefined, 10_000));
	});

	it('sees records another process wrote or removed in the same folder', async () => {
		const ours = new FileStore(root).collection<Doc>('keys');
		const theirs = new FileStore(root).collection<Doc>('keys');
		await ours.put('a.1', { id: 'a.1' });
		expect((await ours.list({ limit: 10 })).map((d) => d.id)).toEqual(['a.1']);
		await theirs.put('a.2', { id: 'a.2' });
		expect((await ours.list({ prefix: 'a.', limit: 10 })).map((d) => d.id)).toEqual(['a.2', 'a.1']);
		await theirs.delete('a.1');
		expect((await ours.list({ limit: 10 })).map((d) => d.id)).toEqual(['a.2']);
	});

	it('lists nothing from a collection never written', async () => {
		expect(await new FileStore(root).collection<Doc>('empty').list({ limit: 5 })).toEqual([]);
	});

	it('counts concurrent increments exactly, keeps the value across a restart, and expires it', async () => {
		const store = new FileStore(root);
		const values = await Promise.all(
			Array.from({ length: 200 }, () => store.incr('renders.k.2026-12-06', 1, 60)),
		);
		expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
		expect(await store.incr('renders.k.2026-12-06', -1, 60)).toBe(199);
		await store.close();
		const restarted = new FileStore(root);
		expect(await restarted.incr('renders.k.2026-12-06', 0, 60)).toBe(199);
		expect(await restarted.incr('short', 5, 0.05)).toBe(5);
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(await restarted.incr('short', 1, 60)).toBe(1);
		await restarted.close();
	});

	it('writes a record again after its folder was removed', async () => {
		const docs = new FileStore(root).collection<Doc>('docs');
		await docs.put('a', { id: 'a' });
		await fs.rm(path.join(root, 'docs'), { recursive: true });
		await docs.put('b', { id: 'b' });
		expect(await docs.get('b')).toEqual({ id: 'b' });
	});
});

describe('FileStore index and other writers', () => {
	let root: string;
	beforeEach(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelforge-store-'));
	});
	afterEach(() => {
		jest.restoreAllMocks();
		return fs.rm(root, { recursive: true, force: true });
	});
	const ids = (docs: Doc[]) => docs.map((d) => d.id);
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

	it('keeps one handle per folder, so a delete through one place is counted at once by another', async () => {
		const store = new FileStore(root);
		expect(store.collection('active')).toBe(store.collection('active'));
		const admitting = store.collection<Doc>('active');
		await admitting.put('key_a.rnd_1', { id: 'key_a.rnd_1' });
		await admitting.put('key_a.rnd_2', { id: 'key_a.rnd_2' });
		expect(await admitting.count('key_a.')).toBe(2);
		// The render process frees a slot over IPC: the parent answers with store.collection(name).
		await store.collection<Doc>('active').delete('key_a.rnd_1');
		expect(await admitting.count('key_a.')).toBe(1);
	});

	it("does not take another process's write for its own when it writes right after it", async () => {
		const ours = new FileStore(root).collection<Doc>('keys');
		const theirs = new FileStore(root).collection<Doc>('keys');
		await ours.put('a.1', { id: 'a.1' });
		expect(ids(await ours.list({ limit: 10 }))).toEqual(['a.1']);
		// Another process writes, then this one: the folder's mtime after our write covers both.
		await theirs.put('a.2', { id: 'a.2' });
		await ours.put('a.3', { id: 'a.3' });
		// Once that mtime has settled the folder is read again: the other write is never hidden.
		await sleep(MTIME_SETTLE_MS + 50);
		expect(ids(await ours.list({ limit: 10 }))).toEqual(['a.3', 'a.2', 'a.1']);
		expect(await ours.count('a.')).toBe(3);
	});

	it('is not kept from reading the folder again by a steady stream of its own writes', async () => {
		const ours = new FileStore(root).collection<Doc>('active');
		const theirs = new FileStore(root).collection<Doc>('active');
		await ours.put('k.0000', { id: 'k.0000' });
		await ours.count('k.');
		await theirs.put('k.other', { id: 'k.other' });
		let seenAt: number | undefined;
		const started = Date.now();
		for (let i = 1; Date.now() - started < 3 * MTIME_SETTLE_MS; i++) {
			await ours.put(`k.${String(i).padStart(4, '0')}`, { id: `k.${i}` });
			if (seenAt === undefined && (await ours.get('k.other')) && (await ours.count('k.')) === i + 2)
				seenAt = Date.now() - started;
			await sleep(10);
		}
		expect(seenAt).toBeDefined();
		expect(seenAt!).toBeLessThanOrEqual(MTIME_SETTLE_MS + 200);
	});

	it('answers lists from its index after its own updates, without reading the folder', async () => {
		const store = new FileStore(root);
		const docs = store.collection<Doc & { n?: number }>('renders');
		for (let i = 0; i < 5; i++) await docs.put(`r${i}`, { id: `r${i}` });
		await sleep(MTIME_SETTLE_MS + 20);
		expect(await docs.list({ limit: 10 })).toHaveLength(5); // reads the folder (settled now)
		const readdir = jest.spyOn(fs, 'readdir');
		const started = Date.now();
		for (let i = 0; i < 20; i++) {
			await docs.update(`r${i % 5}`, (d) => ({ ...d, n: i }));
			expect(await docs.list({ limit: 10 })).toHaveLength(5);
		}
		// Not one read per update: at most one per settling window the loop lasted (none when fast).
		const windows = Math.floor((Date.now() - started) / MTIME_SETTLE_MS);
		expect(readdir.mock.calls.length).toBeLessThanOrEqual(windows);
		// Once its own writes' mtime has settled, one read confirms it; then none again.
		await sleep(MTIME_SETTLE_MS + 20);
		const before = readdir.mock.calls.length;
		await docs.list({ limit: 10 });
		await docs.list({ limit: 10 });
		expect(readdir.mock.calls.length - before).toBe(1);
	});
});

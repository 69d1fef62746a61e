/**
 * The embedded store's lists come from an in-memory index of ids (no folder scan per list), and
 * they answer what a scan would: newest first, by prefix, before a cursor, up to a limit — also
 * after writes by another process sharing the folder (here: a second FileStore on it).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileStore } from '../../src/store/fileStore';

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

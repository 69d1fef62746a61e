/**
 * The render process's store: every operation is asked of the parent's file store over an IPC
 * channel (here a pair of in-memory ports with structured clones, as node's 'advanced'
 * serialization gives). Updates start from the value the child last saw and are compare-and-set
 * in the parent: one round trip per progress write, and no update lost when the parent changed
 * the record meanwhile (a cancel).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Rpc, type Port } from '../../src/queue/rpc';
import { FileStore } from '../../src/store/fileStore';
import { IpcStore, storeHandlers } from '../../src/store/ipcStore';

interface Job {
	id: string;
	progress: number;
	status: 'running' | 'canceled';
	notes: string[];
}

/** Two connected ports; counts the requests the child sends. */
function portPair() {
	const listeners: Array<Set<(m: unknown) => void>> = [new Set(), new Set()];
	const requests: string[] = [];
	const port = (mine: number): Port => ({
		post: (message) => {
			const m = message as { rpc?: string; op?: string };
			if (mine === 1 && m.rpc === 'req') requests.push(m.op!);
			const copy = structuredClone(message);
			setImmediate(() => listeners[1 - mine].forEach((l) => l(copy)));
		},
		listen(listener) {
			listeners[mine].add(listener);
			return () => listeners[mine].delete(listener);
		},
	});
	return { parent: port(0), child: port(1), requests };
}

describe('IpcStore', () => {
	let root: string;
	let parentStore: FileStore;
	let child: IpcStore;
	let requests: string[];
	let rpcs: Rpc[];

	beforeEach(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-ipcstore-'));
		parentStore = new FileStore(root);
		const ports = portPair();
		requests = ports.requests;
		rpcs = [new Rpc(ports.parent, storeHandlers(parentStore)), new Rpc(ports.child)];
		child = new IpcStore(rpcs[1]);
	});
	afterEach(async () => {
		rpcs.forEach((r) => r.close());
		await parentStore.close();
		await fs.rm(root, { recursive: true, force: true });
	});

	it('writes successive updates of a record in one request each after the first read', async () => {
		const jobs = parentStore.collection<Job>('jobs');
		await jobs.put('j1', { id: 'j1', progress: 0, status: 'running', notes: [] });
		const mine = child.collection<Job>('jobs');
		for (const progress of [10, 20, 30, 40]) await mine.update('j1', (j) => ({ ...j, progress }));
		expect(requests).toEqual(['store.get', 'store.swap', 'store.swap', 'store.swap', 'store.swap']);
		expect(await jobs.get('j1')).toEqual({ id: 'j1', progress: 40, status: 'running', notes: [] });
	});

	it('recomputes an update from what is stored when the parent changed the record meanwhile', async () => {
		const jobs = parentStore.collection<Job>('jobs');
		await jobs.put('j1', { id: 'j1', progress: 0, status: 'running', notes: [] });
		const mine = child.collection<Job>('jobs');
		await mine.update('j1', (j) => ({ ...j, progress: 10 }));
		// The parent cancels it (another writer of the same file).
		await jobs.update('j1', (j) => ({ ...j, status: 'canceled', notes: [...j.notes, 'cancel'] }));
		const seen: Job[] = [];
		const result = await mine.update('j1', (j) => {
			seen.push(j);
			return j.status === 'running' ? { ...j, progress: 50 } : { ...j, notes: [...j.notes, 'saw'] };
		});
		// First from the remembered value (stale), then from the stored one.
		expect(seen.map((j) => j.status)).toEqual(['running', 'canceled']);
		expect(result).toEqual({
			id: 'j1',
			progress: 10,
			status: 'canceled',
			notes: ['cancel', 'saw'],
		});
		expect(await jobs.get('j1')).toEqual(result);
	});

	it('answers undefined for a record deleted since it was last seen, and writes nothing', async () => {
		const jobs = parentStore.collection<Job>('jobs');
		await jobs.put('j1', { id: 'j1', progress: 0, status: 'running', notes: [] });
		const mine = child.collection<Job>('jobs');
		await mine.update('j1', (j) => ({ ...j, progress: 10 }));
		await jobs.delete('j1');
		expect(await mine.update('j1', (j) => ({ ...j, progress: 20 }))).toBeUndefined();
		expect(await jobs.get('j1')).toBeUndefined();
		expect(await fs.readdir(path.join(root, 'jobs'))).toEqual([]);
	});

	it('keeps concurrent updates of one record from two children (none lost)', async () => {
		const jobs = parentStore.collection<Job>('jobs');
		await jobs.put('j1', { id: 'j1', progress: 0, status: 'running', notes: [] });
		const ports = portPair();
		rpcs.push(new Rpc(ports.parent, storeHandlers(parentStore)), new Rpc(ports.child));
		const other = new IpcStore(rpcs[3]).collection<Job>('jobs');
		const mine = child.collection<Job>('jobs');
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				(i % 2 ? other : mine).update('j1', (j) => ({ ...j, notes: [...j.notes, `n${i}`] })),
			),
		);
		const stored = await jobs.get('j1');
		expect([...stored!.notes].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
	});
});

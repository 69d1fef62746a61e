/**
 * Scratch folders: each process writes its temporary files under `<dataDir>/tmp/<owner>/`, where the
 * owner names the host and process. A process that dies (kill -9, OOM) leaves its folder behind;
 * the next process on the same host that starts or picks up a render removes the folders of
 * owners that are no longer running. Folders of live processes, and of other hosts sharing the
 * disk, are never touched.
 */
import { mkdir, mkdtemp, readdir, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const SEPARATOR = '@';

function hostTag(): string {
	return os.hostname().replace(/[^A-Za-z0-9.-]/g, '_');
}

function ownerDir(dataDir: string): string {
	return path.join(dataDir, 'tmp', `w${SEPARATOR}${hostTag()}${SEPARATOR}${process.pid}`);
}

/** A new, empty scratch folder of this process (`prefix` + random), for one job or request. */
export async function makeScratch(dataDir: string, prefix: string): Promise<string> {
	const owner = ownerDir(dataDir);
	for (let attempt = 0; ; attempt++) {
		try {
			await mkdir(owner, { recursive: true });
			return await mkdtemp(path.join(owner, prefix));
		} catch (error) {
			// Another job of this process removed the (then empty) owner folder in between.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 10) throw error;
		}
	}
}

/** Removes a scratch folder, and this process's owner folder once nothing else is in it. */
export async function dropScratch(dir: string): Promise<void> {
	await rm(dir, { recursive: true, force: true });
	await rmdir(path.dirname(dir)).catch(() => undefined);
}

/** Runs `work` in a scratch folder of its own (for one request), removed afterwards whatever happens. */
export async function inScratch<R>(
	dataDir: string,
	prefix: string,
	work: (dir: string) => Promise<R>,
): Promise<R> {
	const dir = await makeScratch(dataDir, prefix);
	try {
		return await work(dir);
	} finally {
		await dropScratch(dir);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes the scratch folders of dead processes on this host; returns how many. */
export async function removeDeadScratch(dataDir: string): Promise<number> {
	const root = path.join(dataDir, 'tmp');
	let names: string[];
	try {
		names = await readdir(root);
	} catch {
		return 0;
	}
	let removed = 0;
	for (const name of names) {
		const [tag, host, pidText] = name.split(SEPARATOR);
		const pid = Number(pidText);
		if (tag !== 'w' || host !== hostTag() || !Number.isInteger(pid) || pid <= 0) continue;
		if (pid === process.pid || alive(pid)) continue;
		await rm(path.join(root, name), { recursive: true, force: true });
		removed++;
	}
	return removed;
}

import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';

/** Whether this process can keep files in `dir` (made if missing): a local store's readiness. */
export async function isWritableDir(dir: string): Promise<boolean> {
	try {
		await mkdir(dir, { recursive: true });
		await access(dir, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

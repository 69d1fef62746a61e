import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, ObjectStorage, StoredObject } from './storage';
import { isWritableDir } from '../writableDir';

/** Outputs under `<dataDir>/objects`, with a small sidecar holding the content type. */
export class LocalStorage implements ObjectStorage {
	readonly kind = 'local' as const;

	constructor(private readonly root: string) {}

	private file(key: string) {
		const resolved = path.resolve(this.root, key);
		if (!resolved.startsWith(path.resolve(this.root) + path.sep))
			throw new Error(`invalid object key "${key}"`);
		return resolved;
	}

	async putFile(key: string, filePath: string, contentType: string) {
		const target = this.file(key);
		await fsp.mkdir(path.dirname(target), { recursive: true });
		const tmp = `${target}.${process.pid}.tmp`;
		await fsp.copyFile(filePath, tmp);
		await fsp.rename(tmp, target);
		await fsp.writeFile(`${target}.meta`, JSON.stringify({ contentType }));
		const { size } = await fsp.stat(target);
		return { size, contentType };
	}

	async stat(key: string): Promise<StoredObject | undefined> {
		try {
			const target = this.file(key);
			const [{ size }, meta] = await Promise.all([
				fsp.stat(target),
				fsp.readFile(`${target}.meta`, 'utf8'),
			]);
			return { size, contentType: (JSON.parse(meta) as { contentType: string }).contentType };
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw err;
		}
	}

	async read(key: string, range?: ByteRange) {
		return fs.createReadStream(this.file(key), range ? { start: range.start, end: range.end } : {});
	}

	async download(key: string, filePath: string) {
		await pipeline(fs.createReadStream(this.file(key)), fs.createWriteStream(filePath));
	}

	async delete(key: string) {
		const target = this.file(key);
		await Promise.all([fsp.rm(target, { force: true }), fsp.rm(`${target}.meta`, { force: true })]);
	}

	ready() {
		return isWritableDir(this.root);
	}
}

/**
 * `authenticate` keeps the key records it read and trusts one only while the file store's stamp
 * (inode, size, mtime) says the record is unchanged: a request costs a stat, not a read, and a key
 * revoked by another process sharing the data dir (`reelforge keys revoke` while `serve` runs) is
 * refused by the very next request.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KeyService, type KeyRecord } from '../../src/auth/keys';
import { FileStore } from '../../src/store/fileStore';

describe('KeyService with the file store', () => {
	let root: string;
	let service: FileStore;
	let cli: FileStore;

	beforeEach(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-keycache-'));
		service = new FileStore(root);
		cli = new FileStore(root);
	});
	afterEach(async () => {
		await Promise.all([service.close(), cli.close()]);
		await fs.rm(root, { recursive: true, force: true });
	});

	it('reads a key once while it is unchanged, and refuses it at once when another process revokes it', async () => {
		const api = new KeyService(service, ['free']);
		const admin = new KeyService(cli, ['free']);
		const { key, record } = await admin.create('free', 'n8n');
		const reads = jest.spyOn(service.collection<KeyRecord>('keys'), 'get');

		for (let i = 0; i < 5; i++) expect((await api.authenticate(key))?.id).toBe(record.id);
		expect(reads).toHaveBeenCalledTimes(1);

		expect(await admin.revoke(record.id)).toBe(true);
		expect(await api.authenticate(key)).toBeUndefined();
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('refuses a wrong secret for a cached key and a key whose record was deleted', async () => {
		const api = new KeyService(service, ['free']);
		const { key, record } = await api.create('free');
		expect(await api.authenticate(key)).toBeDefined();
		// The key is rf_<id>_<secret>, and a base64url secret may itself hold or end in `_`.
		expect(key.startsWith(`rf_${record.id}_`)).toBe(true);
		const wrongSecret = `rf_${record.id}_${'A'.repeat(32)}`;
		expect(await api.authenticate(wrongSecret)).toBeUndefined();

		await cli.collection('keys').delete(record.id);
		expect(await api.authenticate(key)).toBeUndefined();
	});

	it('sees a key revoked through itself at once, and a record rewritten with the same size', async () => {
		const api = new KeyService(service, ['free']);
		const { key, record } = await api.create('free', 'aa');
		expect(await api.authenticate(key)).toBeDefined();
		// Same length, other content, written by another process: a new inode and mtime.
		await cli.collection<KeyRecord>('keys').update(record.id, (k) => ({ ...k, name: 'bb' }));
		expect((await api.authenticate(key))?.name).toBe('bb');

		await api.revoke(record.id);
		expect(await api.authenticate(key)).toBeUndefined();
	});
});

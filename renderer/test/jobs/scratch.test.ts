import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dropScratch, makeScratch } from '../../src/jobs/scratch';

test('scratch folders made and dropped concurrently never trip over the shared owner folder', async () => {
	const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-scratch-'));
	try {
		// Each drop removes the owner folder when it is empty, while others are creating theirs in it.
		await Promise.all(
			Array.from({ length: 500 }, async (_, i) => {
				const dir = await makeScratch(dataDir, `job${i}-`);
				await fs.writeFile(path.join(dir, 'part'), 'x');
				await dropScratch(dir);
			}),
		);
		expect(await fs.readdir(path.join(dataDir, 'tmp'))).toEqual([]);
	} finally {
		await fs.rm(dataDir, { recursive: true, force: true });
	}
});

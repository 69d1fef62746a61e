/**
 * `reelforge render` creates its services for the one render that follows: the signer's thread
 * starts loading while the service is set up and the spec admitted (docs/BENCHMARKS.md, `speed8`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createServices } from '../../src/services';
import type { ProvenanceSigner } from '../../src/pipeline/contracts';

async function preparedWith(prepareRender: { sign: boolean } | undefined): Promise<number> {
	const dataDir = await mkdtemp(join(tmpdir(), 'rf-prepare-'));
	let prepared = 0;
	const signer = {
		prepare: () => {
			prepared++;
		},
	} as unknown as ProvenanceSigner;
	const services = await createServices(
		loadConfig({ REELFORGE_DATA_DIR: dataDir, REELFORGE_QUEUE: 'memory', LOG_LEVEL: 'warn' }),
		'render',
		{ signer, moderator: null, prepareRender },
	);
	try {
		return prepared;
	} finally {
		await services.close();
		await rm(dataDir, { recursive: true, force: true });
	}
}

test('the signer gets ready at set-up only for a render that will be signed', async () => {
	expect(await preparedWith({ sign: true })).toBe(1);
	expect(await preparedWith({ sign: false })).toBe(0);
	// A service (no render announced) leaves it to the runner, job by job.
	expect(await preparedWith(undefined)).toBe(0);
});

import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config';
import { KeyService } from '../auth/keys';
import { QuotaService } from '../auth/quotas';
import { loadTiers } from '../auth/tiers';
import { RenderService } from '../jobs/renderService';
import { ProviderRegistry } from '../providers/registry';
import { BullQueue } from '../queue/bullQueue';
import { MemoryQueue } from '../queue/memoryQueue';
import type { JobQueue } from '../queue/queue';
import { LocalStorage } from '../storage/localStorage';
import { openStore } from '../store/open';
import type { Store } from '../store/store';

/** `reelforge keys create|list|revoke` against the same store the service uses (data dir or Redis). */
export async function runKeys(args: string[]): Promise<number> {
	const config = loadConfig();
	const store = openStore(config);
	const keys = new KeyService(store, Object.keys(loadTiers(config.tiersJson)));
	try {
		const [sub, ...rest] = args;
		if (sub === 'create') {
			const { values } = parseArgs({
				args: rest,
				options: {
					tier: { type: 'string', default: 'free' },
					name: { type: 'string', default: '' },
					json: { type: 'boolean', default: false },
				},
			});
			const created = await keys.create(values.tier!, values.name);
			if (values.json)
				process.stdout.write(
					`${JSON.stringify({ key: created.key, ...created.record, webhookSecret: created.webhookSecret })}\n`,
				);
			else
				process.stdout.write(
					`${created.key}\n\nkey id:         ${created.record.id}\ntier:           ${created.record.tier}\nwebhook secret: ${created.webhookSecret}\nThe key is shown once; store it now.\n`,
				);
			return 0;
		}
		if (sub === 'list') {
			for (const k of await keys.list())
				process.stdout.write(
					`${k.id}\t${k.tier}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\t${k.name}\n`,
				);
			return 0;
		}
		if (sub === 'revoke') {
			const id = rest[0];
			if (!id) throw new Error('usage: reelforge keys revoke <keyId>');
			if (!(await keys.revoke(id))) throw new Error(`no key ${id}`);
			const stopped = await stopRendersOf(config, store, id);
			process.stdout.write(
				`revoked ${id}${stopped ? `; stopped ${stopped} unfinished render(s)` : ''}\n`,
			);
			return 0;
		}
		throw new Error(
			'usage: reelforge keys create --tier free|pro [--name text] | list | revoke <keyId>',
		);
	} finally {
		await store.close();
	}
}

/**
 * A revoked key's unfinished renders stop now: canceled with `key_revoked`, their workers told
 * through the queue's cancel broadcast (bull), or noticing the record within a second (embedded).
 * Its webhook deliveries are refused from now on by every process (they read the key).
 */
async function stopRendersOf(config: Config, store: Store, keyId: string): Promise<number> {
	const retry = { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs };
	const queue: JobQueue =
		config.queueDriver === 'bull'
			? new BullQueue(config.redisUrl!, retry, { prefix: config.redisPrefix })
			: new MemoryQueue(retry);
	try {
		const renders = new RenderService({
			store,
			queue,
			// Canceling touches neither outputs nor providers.
			storage: new LocalStorage(path.join(config.dataDir, 'objects')),
			quotas: new QuotaService(store, loadTiers(config.tiersJson)),
			providers: new ProviderRegistry([]),
		});
		return await renders.stopAllOf(keyId);
	} finally {
		await queue.close(0);
	}
}

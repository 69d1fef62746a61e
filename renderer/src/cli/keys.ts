import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { KeyService } from '../auth/keys';
import { loadTiers } from '../auth/tiers';
import { openStore } from '../store/open';

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
			process.stdout.write(`revoked ${id}\n`);
			return 0;
		}
		throw new Error(
			'usage: reelforge keys create --tier free|pro [--name text] | list | revoke <keyId>',
		);
	} finally {
		await store.close();
	}
}

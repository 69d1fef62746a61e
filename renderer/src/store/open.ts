import path from 'node:path';
import type { Config } from '../config';
import { FileStore } from './fileStore';
import { RedisStore } from './redisStore';
import type { Store } from './store';

/** Redis when REDIS_URL is set (API and workers share it), files under the data dir otherwise. */
export function openStore(config: Config): Store {
	return config.redisUrl
		? new RedisStore(config.redisUrl, config.redisPrefix)
		: new FileStore(path.join(config.dataDir, 'store'));
}

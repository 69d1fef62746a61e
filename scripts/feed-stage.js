/**
 * A real renderer (plain node on the built renderer/dist) with something to show in the feed app:
 * tiny local-engine clips (one with dialogue, so captions), a failed render, a reported clip and a
 * cameo waiting for its recording. Used by `npm run screenshots` and `node bench/feed.js`.
 */
'use strict';
const fs = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const DIST = process.env.REELFORGE_DIST ?? path.resolve(__dirname, '..', 'renderer', 'dist');
const { loadConfig } = require(path.join(DIST, 'config'));
const { createServices } = require(path.join(DIST, 'services'));
const { buildApp } = require(path.join(DIST, 'api', 'app'));
const { createLocalProvider } = require(path.join(DIST, 'providers', 'local'));
const { createTestPatternProvider } = require(path.join(DIST, 'providers', 'testpattern'));

const ADMIN_KEY = 'feed-stage-admin-key-0123456789';

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/** A provider that refuses every render, so the admin view has a failure with its code to show. */
const refusing = {
	id: 'unreliable',
	capabilities: () => ({
		...createTestPatternProvider().capabilities(),
		id: 'unreliable',
		displayName: 'Unreliable (stage)',
		features: ['diagnostic'],
	}),
	check: () => [],
	generate: async () => {
		throw new Error('upstream generator refused the job');
	},
};

function tinySpec(title, line, setting) {
	return {
		version: '1',
		provider: 'local',
		seed: 11,
		style: 'cinematic',
		output: { width: 180, height: 320, fps: 24, quality: 'draft' },
		metadata: { title },
		characters: [{ id: 'maya', name: 'Maya', description: 'woman in a red jacket' }],
		shots: [
			{
				id: 'a',
				prompt: `Maya waves hello in the ${setting}`,
				duration: 2.5,
				setting,
				characters: ['maya'],
				dialogue: [{ character: 'maya', text: line, at: 0.2 }],
			},
		],
	};
}

async function call(base, key, method, route, body) {
	const res = await fetch(`${base}${route}`, {
		method,
		headers: {
			...(key ? { authorization: `Bearer ${key}` } : {}),
			...(body ? { 'content-type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = await res.json().catch(() => undefined);
	if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

async function waitFor(base, key, id, statuses) {
	for (;;) {
		const render = await call(base, key, 'GET', `/v1/renders/${id}`);
		if (statuses.includes(render.status)) return render;
		await new Promise((r) => setTimeout(r, 200));
	}
}

/**
 * Starts the stage. `clips` local-engine clips are rendered and published (newest first in the
 * feed); with `extras`, also a failed render, a report and a pending cameo.
 */
async function startStage({ clips = 2, extras = true, log = () => undefined } = {}) {
	const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelforge-feed-stage-'));
	const port = await freePort();
	const config = loadConfig({
		HOST: '127.0.0.1',
		PORT: String(port),
		REELFORGE_DATA_DIR: dataDir,
		REELFORGE_ADMIN_KEY: ADMIN_KEY,
		REELFORGE_QUEUE: 'memory',
		LOG_LEVEL: 'warn',
	});
	const services = await createServices(config, 'serve', {
		providers: [
			createLocalProvider({ modelsDir: config.modelsDir }),
			createTestPatternProvider(),
			refusing,
		],
	});
	services.startWorker();
	services.startDelivery();
	const app = await buildApp(services, { logger: false });
	await app.listen({ host: '127.0.0.1', port });
	const base = config.publicUrl;
	const owner = (await services.keys.create('pro', 'stage owner')).key;
	const viewer = (await services.keys.create('free', 'stage viewer')).key;

	const scenes = [
		['Rooftop at night', 'The city never sleeps.', 'city-night'],
		['Hello from the beach', 'Hello there, friends.', 'beach'],
		['Forest walk', 'Listen to the birds.', 'forest'],
		['Studio take', 'Take one, action.', 'studio'],
	];
	const items = [];
	for (let i = 0; i < clips; i++) {
		const [title, line, setting] = scenes[i % scenes.length];
		log(`rendering "${title}"`);
		const render = await call(base, owner, 'POST', '/v1/renders', tinySpec(title, line, setting));
		const done = await waitFor(base, owner, render.id, ['completed', 'failed']);
		if (done.status !== 'completed')
			throw new Error(`stage render failed: ${JSON.stringify(done.error)}`);
		const pub = await call(base, owner, 'POST', `/v1/renders/${render.id}/publish`, {
			target: 'feed',
			title,
			description: `Maya in the ${setting}.`,
		});
		items.unshift(pub.id);
	}
	if (extras) {
		const failing = await call(base, owner, 'POST', '/v1/renders', {
			prompt: 'a job the upstream refuses',
			durationSeconds: 2,
			provider: 'unreliable',
			output: { width: 180, height: 320, fps: 24 },
		});
		await waitFor(base, owner, failing.id, ['failed']);
		if (items.length > 1)
			await call(base, viewer, 'POST', `/v1/feed/${items[items.length - 1]}/reports`, {
				reason: 'brand',
				note: 'a logo on the wall?',
			});
		await call(base, owner, 'POST', '/v1/cameos', { name: 'Sam Example', privacy: 'restricted' });
	}
	return {
		url: base,
		feedUrl: `${base}/feed/`,
		ownerKey: owner,
		viewerKey: viewer,
		adminKey: ADMIN_KEY,
		items,
		async close() {
			await app.close();
			await services.close();
			await fs.rm(dataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { startStage };

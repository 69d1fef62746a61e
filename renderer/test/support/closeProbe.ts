/**
 * Run in a process of its own (see test/cli/cleanShutdown.test.ts): starts a renderer service as
 * `reelforge serve` does (API listening, worker, webhook delivery), makes it do real work — a
 * local-engine render with moderation and C2PA signing, a stream of its events, a person
 * segmentation as the cameo checks make —
 * then closes it and prints, as one JSON line, what still keeps the event loop alive: the
 * resources `process.getActiveResourcesInfo()` names beyond those the process had before the
 * service started. A clean close leaves none, and the process ends by itself.
 *
 *   node --require test/support/tsRegister.js test/support/closeProbe.ts <dataDir> <memory|child>
 */
import { buildApp } from '../../src/api/app';
import { requeueUnfinished } from '../../src/cli/serve';
import { loadConfig } from '../../src/config';
import { createServices } from '../../src/services';
import { segmentPerson } from '../../src/trust/cameo/selfieSegmentation';
import { freePort } from './ports';

const [dataDir, mode] = process.argv.slice(2);

function tally(resources: string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of resources) counts.set(r, (counts.get(r) ?? 0) + 1);
	return counts;
}

async function main() {
	// The standard streams' handles are made on first use: made now, they count as "before".
	void process.stdout.writable;
	void process.stderr.writable;
	const before = tally(process.getActiveResourcesInfo());
	const port = await freePort();
	const config = loadConfig({
		HOST: '127.0.0.1',
		PORT: String(port),
		REELFORGE_DATA_DIR: dataDir,
		REELFORGE_QUEUE: 'memory',
		REELFORGE_RENDER_PROCESS: mode === 'child' ? 'child' : 'inline',
		LOG_LEVEL: 'warn',
		REELFORGE_SHUTDOWN_GRACE_MS: '3000',
		REELFORGE_FETCH_ALLOW: '127.0.0.1',
		REELFORGE_WEBHOOK_RETRY_MS: '100',
	});
	const services = await createServices(
		config,
		'serve',
		mode === 'child'
			? {
					renderProcess: {
						execArgv: ['--require', require.resolve('./tsRegister.js')],
					},
				}
			: {},
	);
	services.startDelivery();
	await requeueUnfinished(services);
	services.startWorker();
	const app = await buildApp(services, { logger: false });
	await app.listen({ host: '127.0.0.1', port });
	const url = `http://127.0.0.1:${port}`;
	const { key } = await services.keys.create('pro', 'probe');
	const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

	const created = await fetch(`${url}/v1/renders`, {
		method: 'POST',
		headers,
		body: JSON.stringify({
			provider: 'local',
			seed: 3,
			output: { width: 160, height: 96, fps: 12, quality: 'draft' },
			shots: [{ prompt: 'a red ball bounces on a beach', duration: 1 }],
			provenance: { c2pa: true },
		}),
	});
	const render = (await created.json()) as { id: string };
	if (created.status !== 201) throw new Error(`render refused: ${JSON.stringify(render)}`);
	// Its events as a client streams them, until the render ends; the stream stays open at close.
	const events = await fetch(`${url}/v1/renders/${render.id}/events`, { headers });
	const reader = events.body!.getReader();
	let seen = '';
	while (!/"status":"(completed|failed)"/.test(seen)) {
		const { value, done } = await reader.read();
		if (done) break;
		seen += Buffer.from(value).toString('utf8');
	}
	const status = /"status":"(completed|failed)"/.exec(seen)?.[1];
	// A second client still streams the finished render's events when the service closes.
	const lingering = await fetch(`${url}/v1/renders/${render.id}/events`, { headers });
	void lingering.body
		?.getReader()
		.read()
		.catch(() => undefined);

	// The cameo checks' person segmentation (a worker thread of its own).
	const frame = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 3).fill(128) };
	const mask = await segmentPerson(frame);
	if (mask.length !== 32 * 32) throw new Error('segmentation answered no mask');

	await app.close();
	await services.close();
	// Two turns of the loop: handles close() ended in this turn (the render process's, when it
	// exited just now) are released in this turn's close phase, after the first setImmediate.
	await new Promise((resolve) => setImmediate(resolve));
	await new Promise((resolve) => setImmediate(resolve));
	const after = tally(process.getActiveResourcesInfo());
	const left: Record<string, number> = {};
	for (const [name, n] of after)
		if (n > (before.get(name) ?? 0)) left[name] = n - (before.get(name) ?? 0);
	process.stdout.write(`${JSON.stringify({ status, left })}\n`);
}

main().catch((error: unknown) => {
	process.stdout.write(`${JSON.stringify({ error: (error as Error).stack })}\n`);
	process.exitCode = 1;
});

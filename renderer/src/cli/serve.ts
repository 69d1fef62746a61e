import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../api/app';
import { isTerminal, type RenderRecord } from '../jobs/renderRecord';
import { CLI_CALLER } from './render';
import { loadConfig } from '../config';
import { createServices, type Role, type Services } from '../services';

/** Stop taking work, let running renders finish (or requeue them), then exit. */
function onShutdown(services: Services, close: () => Promise<void>) {
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		services.log.info(
			{ signal },
			'shutting down: no new jobs; running ones finish or are requeued',
		);
		try {
			await close();
			await services.close();
		} finally {
			process.exit(0);
		}
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));
}

async function start(role: Role, args: string[] = []): Promise<number> {
	const { values } = parseArgs({ args, options: { example: { type: 'string' } } });
	const config = loadConfig();
	if ((role === 'api' || role === 'worker') && !config.redisUrl) {
		throw new Error(
			`"reelforge ${role}" shares work through Redis: set REDIS_URL (or use "reelforge serve")`,
		);
	}
	// The embedded service renders in a child process, off the API's event loop (bull's workers
	// are processes of their own already).
	const renderProcess =
		role === 'serve' && config.queueDriver === 'memory' && config.renderProcess === 'child';
	const services = await createServices(config, role, renderProcess ? { renderProcess: {} } : {});
	services.startDelivery();
	if (role !== 'api') {
		if (services.queue.kind === 'memory') await requeueUnfinished(services);
		services.startWorker();
	}
	if (role === 'worker') {
		services.log.info(
			{ queue: config.queueDriver, concurrency: config.workerConcurrency },
			'worker started',
		);
		onShutdown(services, async () => undefined);
		return -1;
	}
	const app = await buildApp(services);
	await app.listen({ host: config.host, port: config.port });
	services.log.info(
		{
			url: config.publicUrl,
			role,
			queue: config.queueDriver,
			store: services.store.kind,
			storage: services.storage.kind,
		},
		'Reelforge renderer listening',
	);
	process.stdout.write(`Reelforge renderer (${role}) listening on ${config.publicUrl}\n`);
	onShutdown(services, () => app.close());
	if (values.example) await renderExample(services, values.example);
	return -1;
}

/**
 * `serve --example spec.json`: renders a spec through the running service's own queue and pipeline,
 * copies the MP4 next to the data dir and says where it is and how to call the API.
 */
async function renderExample(services: Services, specPath: string) {
	const spec = JSON.parse(await fs.readFile(specPath, 'utf8')) as unknown;
	const { record } = await services.renders.create(spec, CLI_CALLER);
	process.stdout.write(`Rendering ${path.basename(specPath)} as ${record.id} ...\n`);
	let lastStage = '';
	const finished = await new Promise<RenderRecord>((resolve) => {
		const onUpdate = (r: RenderRecord) => {
			if (r?.id !== record.id) return;
			if (r.stage !== lastStage) {
				process.stdout.write(`  ${r.stage} ${r.progress}%\n`);
				lastStage = r.stage;
			}
			if (isTerminal(r.status)) {
				services.renders.events.off('update', onUpdate);
				resolve(r);
			}
		};
		services.renders.events.on('update', onUpdate);
	});
	if (finished.status !== 'completed') {
		process.stdout.write(`Example render ${finished.status}: ${finished.error?.message ?? ''}\n`);
		return;
	}
	const out = path.join(
		services.config.dataDir,
		'examples',
		`${path.basename(specPath, '.json')}.mp4`,
	);
	await fs.mkdir(path.dirname(out), { recursive: true });
	await services.storage.download(finished.outputs.video!.key, out);
	const demo = await services.keys.create('pro', 'example');
	const seconds = finished.timings.reduce((sum, t) => sum + t.ms, 0) / 1000;
	process.stdout.write(
		[
			'',
			`Video:   ${out}`,
			`Service: ${services.config.publicUrl}  (OpenAPI: ${services.config.publicUrl}/openapi.json)`,
			`Render:  ${finished.id} in ${seconds.toFixed(1)} s: ${finished.timings.map((t) => `${t.stage} ${(t.ms / 1000).toFixed(1)}s`).join(', ')}`,
			`API key: ${demo.key}`,
			`Try:     curl -H "Authorization: Bearer ${demo.key}" ${services.config.publicUrl}/v1/capabilities`,
			'The service keeps running; Ctrl-C stops it.',
			'',
		].join('\n'),
	);
}

/**
 * The embedded queue lives in memory, so at start every render the store still has as unfinished
 * goes back on it. (bull keeps its own jobs in Redis and hands a dead worker's job to another.)
 */
async function requeueUnfinished(services: Services) {
	// Scratch folders of renders a previous process was running when it died are garbage now;
	// their renders start again from the beginning below.
	await fs.rm(path.join(services.config.dataDir, 'tmp'), { recursive: true, force: true });
	const count = await services.renders.requeueUnfinished();
	if (count) services.log.info({ count }, 'requeued unfinished renders');
}

export const runServe = (args: string[] = []) => start('serve', args);
export const runApi = () => start('api');
export const runWorker = () => start('worker');
export { requeueUnfinished };

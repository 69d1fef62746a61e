import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { KeyRecord } from '../auth/keys';
import { loadConfigWith } from '../config';
import { isTerminal, type RenderRecord } from '../jobs/renderRecord';
import { createServices } from '../services';
import { ApiError } from '../spec/errors';

/** The CLI renders as a built-in pro-tier caller; it never touches the API keys. */
export const CLI_CALLER: KeyRecord = {
	id: 'key_cli',
	name: 'reelforge render',
	tier: 'pro',
	hash: '',
	webhookSecret: '',
	createdAt: new Date(0).toISOString(),
};

/**
 * `reelforge render spec.json -o out.mp4`: the same service pipeline as the API (validation,
 * queue, runner, moderation, signing), in this process, with a progress bar.
 */
export async function runRenderCommand(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			output: { type: 'string', short: 'o' },
			quality: { type: 'string' },
			provider: { type: 'string' },
			json: { type: 'boolean', default: false },
		},
	});
	const specPath = positionals[0];
	if (!specPath || !values.output)
		throw new Error(
			'usage: reelforge render <spec.json> -o out.mp4 [--quality draft|standard|high] [--provider id]',
		);
	const spec = JSON.parse(await fs.readFile(specPath, 'utf8')) as Record<string, unknown>;
	if (values.quality) spec.output = { ...(spec.output as object), quality: values.quality };
	if (values.provider) spec.provider = values.provider;

	const config = loadConfigWith({ REDIS_URL: '', REELFORGE_QUEUE: 'memory' });
	const provenance = spec.provenance as { c2pa?: unknown } | undefined;
	const services = await createServices(config, 'render', {
		prepareRender: { sign: provenance?.c2pa !== false },
	});
	const bar = createProgressBar(process.stderr);
	try {
		services.startWorker();
		let record: RenderRecord;
		try {
			({ record } = await services.renders.create(spec, CLI_CALLER));
		} catch (err) {
			if (err instanceof ApiError) {
				process.stderr.write(
					`${err.message}\n${err.details.map((d) => `  ${d.path}: ${d.message}`).join('\n')}\n`,
				);
				return 2;
			}
			throw err;
		}
		const started = Date.now();
		let latest = record;
		// The ticker redraws the elapsed time, and keeps this process alive while work happens in
		// places that do not hold the event loop open (worker threads, awaited child processes).
		const ticker = setInterval(() => bar.update(latest), 500);
		const finished = await new Promise<RenderRecord>((resolve) => {
			const onUpdate = (r: RenderRecord) => {
				if (r?.id !== record.id) return;
				latest = r;
				bar.update(r);
				if (isTerminal(r.status)) {
					services.renders.events.off('update', onUpdate);
					resolve(r);
				}
			};
			services.renders.events.on('update', onUpdate);
		}).finally(() => clearInterval(ticker));
		bar.done();
		for (const w of finished.warnings) process.stderr.write(`warning ${w.path}: ${w.message}\n`);
		if (finished.status !== 'completed') {
			process.stderr.write(`render ${finished.status}: ${finished.error?.message ?? ''}\n`);
			return 1;
		}
		const out = path.resolve(values.output);
		await services.storage.download(finished.outputs.video!.key, out);
		const timings = finished.timings
			.map((t) => `${t.stage} ${(t.ms / 1000).toFixed(2)}s`)
			.join(', ');
		if (values.json)
			process.stdout.write(
				`${JSON.stringify({ file: out, id: finished.id, seconds: (Date.now() - started) / 1000, timings: finished.timings, moderation: finished.moderation, warnings: finished.warnings })}\n`,
			);
		else
			process.stdout.write(
				`${out}\nrender ${finished.id} in ${((Date.now() - started) / 1000).toFixed(1)} s (${timings})\nmoderation: ${finished.moderation ? finished.moderation.status : 'not run'}; C2PA: ${finished.provenance?.signed ? 'signed' : 'unsigned'}\n`,
			);
		return 0;
	} finally {
		await services.close();
	}
}

function createProgressBar(stream: NodeJS.WriteStream) {
	const tty = stream.isTTY === true;
	let lastStage = '';
	const started = Date.now();
	return {
		update(r: RenderRecord) {
			const elapsed = ((Date.now() - started) / 1000).toFixed(1);
			if (tty) {
				const width = 30;
				const filled = Math.round((r.progress / 100) * width);
				stream.write(
					`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(r.progress).padStart(3)}% ${r.stage.padEnd(10)} ${elapsed}s`,
				);
			} else if (r.stage !== lastStage) {
				stream.write(`${elapsed}s ${r.stage} ${r.progress}%\n`);
			}
			lastStage = r.stage;
		},
		done() {
			if (tty) stream.write('\n');
		},
	};
}

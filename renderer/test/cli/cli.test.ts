import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runKeys } from '../../src/cli/keys';
import { runRenderCommand } from '../../src/cli/render';
import { ffprobe } from '../support/ffprobe';
import { api, startRenderer } from '../support/renderer';

/** Runs a CLI command in this process with its own data dir, capturing what it prints. */
async function cli(run: (args: string[]) => Promise<number>, args: string[], dataDir: string) {
	const saved = process.env.REELFORGE_DATA_DIR;
	process.env.REELFORGE_DATA_DIR = dataDir;
	process.env.LOG_LEVEL = 'warn';
	let out = '';
	let err = '';
	const stdout = jest
		.spyOn(process.stdout, 'write')
		.mockImplementation((chunk: string | Uint8Array) => ((out += chunk.toString()), true));
	const stderr = jest
		.spyOn(process.stderr, 'write')
		.mockImplementation((chunk: string | Uint8Array) => ((err += chunk.toString()), true));
	try {
		const code = await run(args);
		return { code, out, err };
	} finally {
		stdout.mockRestore();
		stderr.mockRestore();
		process.env.REELFORGE_DATA_DIR = saved;
	}
}

describe('reelforge CLI', () => {
	let dataDir: string;
	beforeEach(async () => {
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelforge-cli-'));
	});

	it('render: validates, renders through the service pipeline and writes the MP4 with per-stage timings', async () => {
		const specPath = path.join(dataDir, 'spec.json');
		await fs.writeFile(
			specPath,
			JSON.stringify({
				provider: 'testpattern',
				prompt: 'cli',
				durationSeconds: 2,
				output: { width: 128, height: 72, fps: 10 },
				provenance: { c2pa: false },
			}),
		);
		const outPath = path.join(dataDir, 'out.mp4');
		const result = await cli(
			runRenderCommand,
			[specPath, '-o', outPath, '--quality', 'draft'],
			dataDir,
		);
		expect(result.err).not.toMatch(/render (failed|canceled)/);
		expect(result.code).toBe(0);
		expect(result.out).toContain(outPath);
		expect(result.out).toMatch(/encode \d+\.\d+s/);
		const probe = await ffprobe(outPath);
		expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({
			codec_name: 'h264',
			width: 128,
			height: 72,
		});
		expect(Number(probe.format.duration)).toBeCloseTo(2, 0);
	});

	it('render: prints each failing field of an invalid spec and exits 2', async () => {
		const specPath = path.join(dataDir, 'bad.json');
		await fs.writeFile(specPath, JSON.stringify({ prompt: 'x', output: { fps: 240 } }));
		const result = await cli(
			runRenderCommand,
			[specPath, '-o', path.join(dataDir, 'x.mp4')],
			dataDir,
		);
		expect(result.code).toBe(2);
		expect(result.err).toContain('/output/fps: must be <= 60');
	});

	it('keys: a key made by the CLI works in a running service at once, and revoking it locks it out', async () => {
		const running = await startRenderer({ dataDir, createKey: false, worker: false });
		try {
			const created = await cli(
				runKeys,
				['create', '--tier', 'free', '--name', 'ci', '--json'],
				dataDir,
			);
			expect(created.code).toBe(0);
			const { key, id, tier } = JSON.parse(created.out) as {
				key: string;
				id: string;
				tier: string;
			};
			expect(tier).toBe('free');
			const usage = await api({ url: running.url, apiKey: key }, 'GET', '/v1/usage');
			expect(usage.status).toBe(200);
			expect(usage.json.tier).toBe('free');

			const listed = await cli(runKeys, ['list'], dataDir);
			expect(listed.out).toContain(`${id}\tfree\tactive\tci`);
			await cli(runKeys, ['revoke', id], dataDir);
			expect((await api({ url: running.url, apiKey: key }, 'GET', '/v1/usage')).status).toBe(401);
		} finally {
			await running.close();
		}
	});
});

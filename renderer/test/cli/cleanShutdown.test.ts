/**
 * A started and closed service leaves nothing that keeps its process alive: the API server, the
 * worker (in this process, or the render process `reelforge serve` forks), webhook delivery, the
 * model and segmentation threads, the C2PA signer and the server-sent event streams a client still
 * holds. test/support/closeProbe.ts does real work in a process of its own, closes the service and
 * compares `process.getActiveResourcesInfo()` before and after; the process must then end by
 * itself (a jest run that did not exit after the feed tests was a piped worker stdout).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(600_000);

const SUPPORT = path.join(__dirname, '..', 'support');

function runProbe(mode: 'memory' | 'child', dataDir: string) {
	const child = spawn(
		process.execPath,
		[
			'--require',
			path.join(SUPPORT, 'tsRegister.js'),
			path.join(SUPPORT, 'closeProbe.ts'),
			dataDir,
			mode,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let out = '';
	let err = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
	child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
	// The process ending by itself is the event waited on: nothing kills it.
	return new Promise<{ code: number | null; report: Record<string, unknown>; err: string }>(
		(resolve) =>
			child.on('exit', (code) => {
				const line = out
					.trim()
					.split('\n')
					.reverse()
					.find((l) => l.startsWith('{"'));
				resolve({ code, report: line ? JSON.parse(line) : { noReport: out.slice(-2000) }, err });
			}),
	);
}

describe.each(['memory', 'child'] as const)('a closed service (render %s)', (mode) => {
	let dataDir: string;
	beforeAll(async () => {
		dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `rf-close-${mode}-`));
	});
	afterAll(async () => {
		await fs.rm(dataDir, { recursive: true, force: true });
	});

	it('leaves no active handle or request, and its process exits by itself', async () => {
		const { code, report, err } = await runProbe(mode, dataDir);
		expect({ report, stderr: code === 0 ? '' : err }).toEqual({
			report: { status: 'completed', left: {} },
			stderr: '',
		});
		expect(code).toBe(0);
	});
});

/**
 * Faults of the machine under a real `reelforge serve`:
 * - ffmpeg crashing mid-encode (FFMPEG_PATH is a wrapper that lets the real ffmpeg start encoding
 *   and then kills it, and itself, with SIGSEGV): the render fails with `ffmpeg_crashed`, its scratch folder is
 *   removed, and the service stays up;
 * - a full disk: the data dir is a 6 MiB tmpfs mounted in a mount namespace of the service's own
 *   (`unshare -rm`, no root needed): a render that cannot fit fails with `disk_full`, its scratch
 *   is removed, and the service stays up and serves what it has;
 * - `reelforge serve` killed (-9) with renders queued and running, then restarted on the same data
 *   dir: every render completes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
	baseEnv,
	call,
	CLI,
	createKey,
	freePort,
	RendererProcess,
	sleep,
	testpatternSpec,
	waitFor,
} from '../support/processes';
import { figure } from '../support/level';

const scratchDirs = (dataDir: string) => {
	const tmp = path.join(dataDir, 'tmp');
	return existsSync(tmp)
		? readdirSync(tmp, { recursive: true })
				.map(String)
				.filter((p) => p.includes('rnd_'))
		: [];
};

describe('machine faults under reelforge serve', () => {
	const scratch = mkdtempSync(path.join(tmpdir(), 'rf-fault-proc-'));
	const running: RendererProcess[] = [];
	afterAll(async () => {
		for (const p of running) await p.kill('SIGKILL');
		rmSync(scratch, { recursive: true, force: true });
	});

	it('ffmpeg crashing mid-encode: ffmpeg_crashed, scratch removed, service up', async () => {
		const real = spawnSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).stdout.trim();
		const wrapper = path.join(scratch, 'ffmpeg-crashes');
		// Encodes (they write an .mp4) start for real, then die by SIGSEGV; probes run normally.
		writeFileSync(
			wrapper,
			// The real ffmpeg starts encoding; 0.3 s later it is sent SIGSEGV, and the wrapper (which
			// the renderer spawned) then dies of SIGSEGV itself, so the crash is certain even when the
			// encode was quicker than the timer.
			`#!/bin/bash\ncase "$*" in\n  *libx264*.mp4*) "${real}" "$@" & child=$!; sleep 0.3; kill -SEGV $child 2>/dev/null; wait $child; kill -SEGV $$ ;;\n  *) exec "${real}" "$@" ;;\nesac\n`,
		);
		chmodSync(wrapper, 0o755);
		const dataDir = path.join(scratch, 'crash-data');
		const env = baseEnv(dataDir, {
			REELFORGE_QUEUE: 'memory',
			FFMPEG_PATH: wrapper,
			REELFORGE_JOB_ATTEMPTS: '2',
		});
		const serve = await new RendererProcess('serve', env, await freePort()).start();
		running.push(serve);
		const { key } = createKey(env);
		const res = await call(
			serve.url,
			key,
			'POST',
			'/v1/renders',
			testpatternSpec(4, { output: { width: 320, height: 180, fps: 30, quality: 'standard' } }),
		);
		expect(res.status).toBe(201);
		const failed = await waitFor(serve.url, key, res.json.id, ['failed', 'completed'], 120_000);
		expect(failed.status).toBe('failed');
		expect(failed.error.code).toBe('ffmpeg_crashed');
		expect(failed.error.message).not.toContain(dataDir);
		expect(await serve.healthy()).toBe(true);
		expect(serve.alive).toBe(true);
		expect(scratchDirs(dataDir)).toEqual([]);
		figure('faults', 'ffmpeg crash: error code', failed.error.code);
		await serve.stop();
	});

	it('a full disk: disk_full, scratch removed, service up', async () => {
		if (spawnSync('unshare', ['-rm', 'true']).status !== 0) {
			figure('faults', 'full disk', 'skipped: mount namespaces unavailable');
			return;
		}
		const dataDir = path.join(scratch, 'small-disk');
		mkdirSync(dataDir, { recursive: true });
		const port = await freePort();
		const keyFile = path.join(scratch, 'key.json');
		const env = {
			...baseEnv(dataDir, { REELFORGE_QUEUE: 'memory', REELFORGE_JOB_ATTEMPTS: '1' }),
			HOST: '127.0.0.1',
			PORT: String(port),
		};
		const script = [
			'set -e',
			`mount -t tmpfs -o size=6m tmpfs "${dataDir}"`,
			`"${process.execPath}" "${CLI}" keys create --name disk --json > "${keyFile}"`,
			`exec "${process.execPath}" "${CLI}" serve`,
		].join('\n');
		const child: ChildProcess = spawn('unshare', ['-rm', 'sh', '-c', script], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout!.on('data', (c) => (output += c));
		child.stderr!.on('data', (c) => (output += c));
		try {
			const url = `http://127.0.0.1:${port}`;
			const until = Date.now() + 60_000;
			while (
				!(await fetch(`${url}/health`).then(
					(r) => r.ok,
					() => false,
				))
			) {
				if (Date.now() > until || child.exitCode !== null)
					throw new Error(`serve on tmpfs did not start:\n${output}`);
				await sleep(200);
			}
			const { key } = JSON.parse(readFileSync(keyFile, 'utf8').trim().split('\n').pop()!);
			// A small render fits; a large one cannot.
			const small = await call(url, key, 'POST', '/v1/renders', testpatternSpec(1));
			expect((await waitFor(url, key, small.json.id, ['completed', 'failed'])).status).toBe(
				'completed',
			);
			const big = await call(url, key, 'POST', '/v1/renders', {
				provider: 'testpattern',
				prompt: 'too big for this disk',
				durationSeconds: 30,
				output: { width: 1920, height: 1080, fps: 30, quality: 'high' },
			});
			if (big.status !== 201)
				throw new Error(`the large render was refused: ${JSON.stringify(big.json)}`);
			const failed = await waitFor(url, key, big.json.id, ['completed', 'failed'], 240_000);
			expect(failed.status).toBe('failed');
			expect(failed.error.code).toBe('disk_full');
			expect(JSON.stringify(failed.error)).not.toContain(dataDir);
			// Still up, still serving the render that fitted.
			expect((await call(url, key, 'GET', '/health')).status).toBe(200);
			const video = await fetch(`${url}/v1/renders/${small.json.id}/content`, {
				headers: { authorization: `Bearer ${key}` },
			});
			expect(video.status).toBe(200);
			expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(1000);
			// Its scratch is gone (seen from inside the namespace through the API's disk: a new
			// small render fits again, which it would not if the big one's files were left).
			const again = await call(url, key, 'POST', '/v1/renders', testpatternSpec(1));
			expect((await waitFor(url, key, again.json.id, ['completed', 'failed'])).status).toBe(
				'completed',
			);
			figure('faults', 'full disk (6 MiB tmpfs): error code', failed.error.code);
		} finally {
			child.kill('SIGKILL');
		}
	});

	it('serve killed (-9) with work in flight and restarted: every render completes', async () => {
		const dataDir = path.join(scratch, 'restart-data');
		const env = baseEnv(dataDir, { REELFORGE_QUEUE: 'memory' });
		const port = await freePort();
		let serve = await new RendererProcess('serve', env, port).start();
		running.push(serve);
		const { key } = createKey(env);
		const ids: string[] = [];
		for (let i = 0; i < 4; i++) {
			const res = await call(
				serve.url,
				key,
				'POST',
				'/v1/renders',
				testpatternSpec(3, { output: { width: 320, height: 180, fps: 24, quality: 'draft' } }),
			);
			expect(res.status).toBe(201);
			ids.push(res.json.id);
		}
		await waitFor(serve.url, key, ids[0], ['rendering'], 60_000);
		await serve.kill('SIGKILL');
		const restartedAt = Date.now();
		serve = await new RendererProcess('serve', env, port).start();
		running.push(serve);
		for (const id of ids)
			expect((await waitFor(serve.url, key, id, ['completed', 'failed'], 180_000)).status).toBe(
				'completed',
			);
		figure(
			'faults',
			'serve kill -9 + restart: 4 renders done after (s)',
			((Date.now() - restartedAt) / 1000).toFixed(1),
		);
		await serve.stop();
	});
});

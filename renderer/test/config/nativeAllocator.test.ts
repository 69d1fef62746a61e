/**
 * Skia's allocator (mimalloc inside @napi-rs/canvas) is left without transparent huge pages and keeps
 * freed memory a second, unless the operator set MIMALLOC_ALLOW_THP or MIMALLOC_PURGE_DELAY
 * (docs/BENCHMARKS.md: the system CPU and the fresh memory of the frame thread).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { tuneNativeAllocator } from '../../src/config';

describe("Skia's allocator", () => {
	it('turns huge pages off when the variable is unset or empty', () => {
		const unset: NodeJS.ProcessEnv = {};
		tuneNativeAllocator(unset);
		expect(unset).toEqual({ MIMALLOC_ALLOW_THP: '0', MIMALLOC_PURGE_DELAY: '1000' });
		const empty: NodeJS.ProcessEnv = { MIMALLOC_ALLOW_THP: '', MIMALLOC_PURGE_DELAY: '' };
		tuneNativeAllocator(empty);
		expect(empty).toEqual({ MIMALLOC_ALLOW_THP: '0', MIMALLOC_PURGE_DELAY: '1000' });
	});

	it("keeps the operator's choice", () => {
		const chosen: NodeJS.ProcessEnv = { MIMALLOC_ALLOW_THP: '1', MIMALLOC_PURGE_DELAY: '-1' };
		tuneNativeAllocator(chosen);
		expect(chosen).toEqual({ MIMALLOC_ALLOW_THP: '1', MIMALLOC_PURGE_DELAY: '-1' });
	});

	it('is set in the real environment before the renderer first loads @napi-rs/canvas', () => {
		// A fresh process through the CLI's own entry: the environment as the native module sees it
		// when it is loaded (the C environment, read by a child spawned at that moment).
		const dist = path.join(__dirname, '../../dist');
		const script = `
			const Module = require('node:module');
			const load = Module._load;
			let seen;
			Module._load = function (request, ...rest) {
				if (request === '@napi-rs/canvas' && seen === undefined)
					seen = require('node:child_process').execFileSync('sh', ['-c', 'printf %s "$MIMALLOC_ALLOW_THP $MIMALLOC_PURGE_DELAY"'], { env: undefined }).toString();
				return load.call(this, request, ...rest);
			};
			process.on('exit', () => process.stderr.write('\\nSEEN ' + JSON.stringify({ seen }) + '\\n'));
			// A command that draws (the CLI loads only the command it runs: '--help' never loads the
			// canvas); the spec file is missing, so it stops right after loading.
			process.argv = [process.argv[0], 'reelforge', 'render', ${JSON.stringify(path.join(os.tmpdir(), 'reelforge-no-such-spec.json'))}];
			require(${JSON.stringify(path.join(dist, 'cli', 'index.js'))});
		`;
		const env = { ...process.env };
		delete env.MIMALLOC_ALLOW_THP;
		delete env.MIMALLOC_PURGE_DELAY;
		const run = spawnSync(process.execPath, ['-e', script], {
			env,
			encoding: 'utf8',
		});
		const line = run.stderr.split('\n').find((l) => l.startsWith('SEEN '));
		expect({ line, stderr: line ? '' : run.stderr.slice(-800) }).toEqual({
			line: expect.any(String),
			stderr: '',
		});
		expect(JSON.parse(line!.slice(5))).toEqual({ seen: '0 1000' });
	});
});

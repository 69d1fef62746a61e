/**
 * `npx reelforge` from a fresh clone: the package's bin is a committed shim (npm links only a bin
 * that exists at install time, and dist/ is built later), which runs the built CLI with its
 * arguments, or says how to build it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RENDERER = path.join(__dirname, '../..');
const SHIM = path.join(RENDERER, 'bin', 'reelforge.js');

describe('the reelforge bin', () => {
	it('is a committed, executable file, not a build output', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(RENDERER, 'package.json'), 'utf8')) as {
			bin: Record<string, string>;
		};
		expect(pkg.bin).toEqual({ reelforge: 'bin/reelforge.js' });
		const tracked = execFileSync('git', ['ls-files', '--error-unmatch', 'bin/reelforge.js'], {
			cwd: RENDERER,
			encoding: 'utf8',
		});
		expect(tracked.trim()).toBe('bin/reelforge.js');
		expect(fs.statSync(SHIM).mode & 0o111).not.toBe(0);
		expect(fs.readFileSync(SHIM, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
	});

	it('runs the built CLI with its arguments, and says how to build when there is none', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'reelforge-bin-'));
		fs.mkdirSync(path.join(root, 'bin'));
		fs.copyFileSync(SHIM, path.join(root, 'bin', 'reelforge.js'));

		const unbuilt = spawnSync(process.execPath, [path.join(root, 'bin', 'reelforge.js'), 'serve'], {
			encoding: 'utf8',
		});
		expect(unbuilt.status).toBe(1);
		expect(unbuilt.stderr).toContain('Run `npm run build`');

		// A stand-in for the built CLI that reports what it was given.
		fs.mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
		fs.writeFileSync(
			path.join(root, 'dist', 'cli', 'index.js'),
			'process.stdout.write(JSON.stringify(process.argv.slice(2)));',
		);
		const built = spawnSync(
			process.execPath,
			[path.join(root, 'bin', 'reelforge.js'), 'keys', 'create', '--tier', 'pro'],
			{ encoding: 'utf8' },
		);
		expect(built.status).toBe(0);
		expect(JSON.parse(built.stdout)).toEqual(['keys', 'create', '--tier', 'pro']);
		fs.rmSync(root, { recursive: true, force: true });
	});
});

/**
 * Nothing outside renderer/src/media spawns ffmpeg or ffprobe, reads their paths, or uses
 * fluent-ffmpeg: every run goes through the door, with its input whitelist and explicit formats.
 */
import fs from 'node:fs';
import path from 'node:path';
import { code, SRC, sources } from '../support/sources';

const DOOR = path.join(SRC, 'media');

const SPAWNS =
	/import\s+(?!type\b)[^;]*from\s+['"](?:node:)?child_process['"]|require\(\s*['"](?:node:)?child_process['"]\s*\)/;
const NAMES_BINARY = /['"`](?:[^'"`\s]*\/)?ff(?:mpeg|probe)['"`]/;

/** [test, what it means]; a file is an offence when a test is true of its code. */
const RULES: Array<[(text: string) => boolean, string]> = [
	[
		(t) => /from\s+['"]fluent-ffmpeg['"]|require\(\s*['"]fluent-ffmpeg['"]\s*\)/.test(t),
		'imports fluent-ffmpeg',
	],
	[
		// Module paths (from '../media/ffmpeg') are imports of the door, not the binary.
		(t) => SPAWNS.test(t) && NAMES_BINARY.test(t.replace(/from\s+['"][^'"]+['"]/g, '')),
		'spawns a process and names ffmpeg/ffprobe',
	],
	[
		(t) => /\b(?:FFMPEG_PATH|FFPROBE_PATH|ffmpegPath|ffprobePath)\b/.test(t),
		'reads the ffmpeg/ffprobe path',
	],
];

describe('the ffmpeg door', () => {
	const outside = sources(SRC).filter(
		(f) => !f.startsWith(DOOR + path.sep) && f !== path.join(SRC, 'config.ts'),
	);

	it('finds the renderer sources it checks', () => {
		expect(outside.length).toBeGreaterThan(100);
		expect(fs.existsSync(path.join(DOOR, 'ffmpeg.ts'))).toBe(true);
	});

	it('no file outside media/ spawns ffmpeg or ffprobe', () => {
		const offences = outside.flatMap((file) => {
			const text = code(file);
			return RULES.filter(([rule]) => rule(text)).map(
				([, what]) => `${path.relative(SRC, file)} ${what}`,
			);
		});
		expect(offences).toEqual([]);
	});

	it('files outside media/ that spawn processes run something else', () => {
		const spawning = outside.filter((file) =>
			/node:child_process|'child_process'/.test(code(file)),
		);
		for (const file of spawning) {
			const text = code(file);
			// Every spawn/exec call's program is a literal or a named constant that is not ffmpeg.
			for (const call of text.matchAll(/\b(?:spawn|execFile|exec|fork)\(\s*([^,)]+)/g))
				expect({ file: path.relative(SRC, file), program: call[1] }).not.toMatchObject({
					program: expect.stringMatching(/ff(mpeg|probe)/i),
				});
		}
	});

	it('the check itself catches a spawn of ffmpeg', () => {
		const offends = (text: string) => RULES.some(([rule]) => rule(text));
		expect(
			offends(`import { spawn } from 'node:child_process';\nspawn('ffmpeg', ['-i', x]);`),
		).toBe(true);
		expect(
			offends(`import { execFile } from 'child_process';\nexecFile('/usr/bin/ffprobe', [])`),
		).toBe(true);
		expect(offends(`import ffmpeg from 'fluent-ffmpeg';`)).toBe(true);
		expect(offends(`const bin = config.ffmpegPath;`)).toBe(true);
		// A style mode called 'ffmpeg' in a file that spawns nothing is not a spawn.
		expect(offends(`const style: 'ffmpeg' | 'none' = 'ffmpeg';`)).toBe(false);
		expect(
			offends(`import type { ChildProcess } from 'node:child_process';\nconst s = 'ffmpeg';`),
		).toBe(false);
	});
});

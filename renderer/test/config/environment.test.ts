/**
 * One door to the environment: only config.ts reads process.env, every variable it reads is
 * declared in describeConfig(), and the README's configuration table lists exactly those.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeConfig, engineSettings, loadConfig } from '../../src/config';
import { code, SRC, sources } from '../support/sources';

const CONFIG = path.join(SRC, 'config.ts');

/** The variable names of the README's configuration table (rows of `| \`NAME\` | default |`). */
function readmeVariables(): string[] {
	const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
	return readme
		.split('\n')
		.map((line) => /^\| `([A-Z][A-Z0-9_]*)` \|/.exec(line)?.[1])
		.filter((name): name is string => name !== undefined);
}

describe('the environment door', () => {
	it('no file but config.ts reads process.env (or the whole environment)', () => {
		const files = sources(SRC);
		expect(files.length).toBeGreaterThan(100);
		const offences = files
			.filter((file) => file !== CONFIG)
			.filter((file) =>
				/\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*['"`]env['"`]\s*\]/.test(code(file)),
			)
			.map((file) => path.relative(SRC, file));
		expect(offences).toEqual([]);
	});

	it('every variable config.ts reads is declared in describeConfig()', () => {
		const declared = new Set(describeConfig().map((v) => v.name));
		const read = new Set(
			[
				...code(CONFIG).matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b|\benv\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g),
			].map((m) => m[1] ?? m[2]),
		);
		expect(read.size).toBeGreaterThan(40);
		expect([...read].filter((name) => !declared.has(name))).toEqual([]);
	});

	it('the README table and describeConfig() list the same variables, each once', () => {
		const documented = readmeVariables();
		const declared = describeConfig().map((v) => v.name);
		expect(new Set(documented).size).toBe(documented.length);
		expect(new Set(declared).size).toBe(declared.length);
		expect([...documented].sort()).toEqual([...declared].sort());
	});

	it('reads the engine settings, with the defaults the README gives', () => {
		expect(engineSettings({})).toEqual({
			encoder: undefined,
			styleGpu: false,
			onnxCuda: true,
			ocrCuda: true,
			festivalBin: '/usr/bin/festival',
		});
		expect(
			engineSettings({
				REELFORGE_ENCODER: 'libx264',
				REELFORGE_STYLE_GPU: '1',
				REELFORGE_ONNX_CUDA: '0',
				REELFORGE_OCR_CUDA: '0',
				REELFORGE_FESTIVAL_BIN: '/opt/festival/bin/festival',
			}),
		).toEqual({
			encoder: 'libx264',
			styleGpu: true,
			onnxCuda: false,
			ocrCuda: false,
			festivalBin: '/opt/festival/bin/festival',
		});
		expect(loadConfig({ REELFORGE_ENCODER: 'h264_nvenc' }).engine.encoder).toBe('h264_nvenc');
		expect(() => loadConfig({ REELFORGE_ENCODER: 'x265' })).toThrow(
			'REELFORGE_ENCODER must be libx264 or h264_nvenc, got "x265"',
		);
	});
});

import fs from 'node:fs';
import path from 'node:path';
import { describeConfig, loadConfig } from '../../src/config';

describe('configuration', () => {
	it('the README documents every variable with its default', () => {
		const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
		for (const v of describeConfig()) {
			const row = readme.split('\n').find((line) => line.startsWith(`| \`${v.name}\` |`));
			expect(row).toBeDefined();
			expect(row).toContain(v.default.replace(/\|/g, '\\|'));
		}
	});

	it('every documented variable is read by loadConfig', () => {
		const source = fs.readFileSync(path.join(__dirname, '../../src/config.ts'), 'utf8');
		const body = source.slice(source.indexOf('export function loadConfig'));
		for (const v of describeConfig())
			expect([`env.${v.name}`, `'${v.name}'`].some((ref) => body.includes(ref))).toBe(true);
	});

	it('chooses bull and the Redis store when REDIS_URL is set, and rejects bad values', () => {
		expect(loadConfig({ REDIS_URL: 'redis://x:6379' }).queueDriver).toBe('bull');
		expect(loadConfig({}).queueDriver).toBe('memory');
		expect(() => loadConfig({ REELFORGE_QUEUE: 'bull' })).toThrow(
			'REELFORGE_QUEUE=bull needs REDIS_URL',
		);
		expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a non-negative integer');
	});
});

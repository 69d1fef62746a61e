/**
 * The V8 flags a render process sets for itself (src/cli/v8Tuning.ts): each exists in this Node's
 * V8, a flag the user gave on the node command line wins, and a runtime that refuses one keeps its
 * defaults. What they save is measured in docs/BENCHMARKS.md ("V8 in a render"), not here.
 */
import { spawnSync } from 'node:child_process';
import { RENDER_V8_FLAGS, tuneV8ForRendering, v8FlagName } from '../../src/cli/v8Tuning';

describe('the render process V8 flags', () => {
	it('are all flags this V8 knows (node refuses an unknown one on its command line)', () => {
		expect(RENDER_V8_FLAGS.length).toBeGreaterThan(0);
		const run = spawnSync(process.execPath, [...RENDER_V8_FLAGS, '-e', 'process.exit(0)'], {
			encoding: 'utf8',
		});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		// And a made-up one is refused the same way, so the check above can fail.
		const bogus = spawnSync(process.execPath, ['--no-such-v8-flag-here', '-e', '0'], {
			encoding: 'utf8',
		});
		expect(bogus.status).not.toBe(0);
	});

	it('are set when the command line names none of them', () => {
		const set: string[] = [];
		const applied = tuneV8ForRendering(['--enable-source-maps'], (flag) => set.push(flag));
		expect(set).toEqual([...RENDER_V8_FLAGS]);
		expect(applied).toEqual([...RENDER_V8_FLAGS]);
	});

	it('leave a flag the user gave on the command line, in any of its spellings', () => {
		for (const flag of RENDER_V8_FLAGS) {
			const name = v8FlagName(flag);
			for (const given of [
				`--${name}=1`,
				`--${name}`,
				`--no-${name}`,
				`--${name.replace(/-/g, '_')}=2`,
			]) {
				const set: string[] = [];
				tuneV8ForRendering(['--inspect', given], (f) => set.push(f));
				expect(set.map(v8FlagName)).not.toContain(name);
				expect(set).toHaveLength(RENDER_V8_FLAGS.length - 1);
			}
		}
	});

	it('a flag the runtime refuses is skipped, the others still set', () => {
		const [refused, ...rest] = RENDER_V8_FLAGS;
		const set: string[] = [];
		const applied = tuneV8ForRendering([], (flag) => {
			if (flag === refused) throw new Error('unknown flag');
			set.push(flag);
		});
		expect(applied).toEqual(rest);
		expect(set).toEqual(rest);
	});

	it('names a flag without its dashes, negation or value', () => {
		expect(v8FlagName('--interrupt-budget=540672')).toBe('interrupt-budget');
		expect(v8FlagName('--no-turbo-splitting')).toBe('turbo-splitting');
		expect(v8FlagName('--no_turbo_splitting')).toBe('turbo-splitting');
		expect(v8FlagName('--max_semi_space_size=16')).toBe('max-semi-space-size');
	});
});

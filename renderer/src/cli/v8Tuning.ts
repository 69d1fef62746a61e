/**
 * V8's optimising compiler tuned for a render process. A render runs a lot of code only a few
 * times (building the moderation rules' index, planning, speech, physics, the mix) and a little
 * code very often (drawing a frame). With V8's defaults TurboFan optimised — and after a deopt,
 * optimised again — hundreds of the first kind: `perf record` of `reelforge render` of the
 * reference put ~3–3.8 s of CPU in TurboFan (10–11 % of the whole job's, ffmpeg included), more
 * than the garbage collector and the parser together (docs/BENCHMARKS.md, "V8 in a render").
 *
 * The flags are V8's, process-wide: the worker threads started later (frame, mix, inspection,
 * C2PA) compile under them too. They change when code is optimised and how the optimised code is
 * scheduled, never what it computes: the rendered file is byte-identical.
 *
 * A flag given on the node command line (`node --interrupt-budget=… reelforge …`) wins over ours.
 */
import { setFlagsFromString } from 'node:v8';

export const RENDER_V8_FLAGS: readonly string[] = [
	// 8× V8's default interrupt budget (67584 bytes of bytecode run): a function is optimised once it
	// has run 8× as much. The per-frame drawing runs millions of times and still tiers up within the
	// first frames; set-up code that runs once (index building, planning) mostly stays in the
	// interpreter and Sparkplug instead of being compiled, deoptimised and recompiled.
	'--interrupt-budget=540672',
	// The scheduler's node splitting was TurboFan's single most expensive pass on the render's big
	// functions (`ScheduleLateNodeVisitor::SplitNode`, ~0.5 s of CPU); without it the code is
	// scheduled as V8 did before the pass existed.
	'--no-turbo-splitting',
];

/** A flag's name without `--`, `no-` or a value; V8 treats `_` and `-` alike. */
export function v8FlagName(arg: string): string {
	return arg.replace(/^--?/, '').split('=')[0].replace(/_/g, '-').replace(/^no-/, '');
}

/**
 * Sets RENDER_V8_FLAGS, except those the command line already names. Call it first thing in a
 * process that renders, before the code it is for runs. Returns the flags it set.
 */
export function tuneV8ForRendering(
	commandLine: readonly string[] = process.execArgv,
	setFlags: (flag: string) => void = setFlagsFromString,
): string[] {
	const given = new Set(commandLine.filter((a) => a.startsWith('-')).map(v8FlagName));
	const applied: string[] = [];
	for (const flag of RENDER_V8_FLAGS) {
		if (given.has(v8FlagName(flag))) continue;
		try {
			setFlags(flag);
			applied.push(flag);
		} catch {
			// A runtime without the flag keeps its defaults: this is tuning, never a requirement.
		}
	}
	return applied;
}

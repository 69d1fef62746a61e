/**
 * Rapier's wasm compiled by V8's baseline compiler (Liftoff) alone, never tiered up to TurboFan.
 *
 * A render steps each set-piece for a few hundred sub-steps (~0.1–0.2 s); V8's dynamic tiering
 * still finds rapier's solver functions hot and hands them to TurboFan, whose compile of three of
 * them (one is 32 KB of wasm) took ~0.65–0.9 s of a background thread's CPU per process — started
 * after the simulation had mostly run and finished long after it was done, so the optimised code
 * was rarely used. Liftoff-only, the reference's physics is as fast (0.19 s of main-thread CPU
 * cold both ways) and that background compile is gone. Both tiers run the same wasm semantics, so
 * the tracks are identical (checked by hash of the reference's tracks, and by the render's MD5s).
 *
 * V8 decides the tiers of a module when it compiles it, from its flags, which are process-wide.
 * So `--liftoff-only` is set only while rapier's bytes are compiled here, synchronously, and
 * cleared straight after; the module is kept, and rapier's own `init()` then compiles the same
 * bytes, which V8's native module cache answers with this module. A wasm compile in another
 * thread in that window (~10–50 ms, once per process) would be baseline-only too: slower, never
 * different. Anything unexpected (the bytes not found, the flag refused) leaves rapier to
 * compile as it always did.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { nodeOptionsFlags } from '../../config';

// The renderer compiles without the DOM lib, which is where TypeScript declares WebAssembly.
const wasmRuntime = (
	globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object } }
).WebAssembly;

/** Where rapier2d-compat's bundle embeds its wasm (base64, once). */
const EMBEDDED_WASM_MARKER = 'toByteArray("';

/** Held for the process: V8's native module cache only answers while a module is alive. */
let baselineModule: object | undefined;

/** Whether the command line already says how wasm is compiled: then it is left alone. */
function wasmTiersGiven(): boolean {
	const given = [...process.execArgv, ...nodeOptionsFlags()];
	return given.some((arg) => /liftoff|wasm-tier|wasm-dynamic-tiering/.test(arg));
}

/** rapier's wasm bytes, as its bundle carries them; undefined if the bundle is not laid out so. */
export function embeddedRapierWasm(bundle: string): Uint8Array | undefined {
	const start = bundle.indexOf(EMBEDDED_WASM_MARKER);
	if (start < 0) return undefined;
	const from = start + EMBEDDED_WASM_MARKER.length;
	const end = bundle.indexOf('"', from);
	if (end < 0) return undefined;
	const bytes = Buffer.from(bundle.slice(from, end), 'base64');
	// "\0asm": a wasm module, not something else that happened to match.
	return bytes.length > 8 && bytes.readUInt32BE(0) === 0x0061736d ? bytes : undefined;
}

/** Compiles rapier's module baseline-only, once per process, before `RAPIER.init()` runs. */
export function compileRapierBaselineOnly(): void {
	if (baselineModule || wasmTiersGiven()) return;
	try {
		const bytes = embeddedRapierWasm(
			readFileSync(require.resolve('@dimforge/rapier2d-compat'), 'utf8'),
		);
		if (!bytes) return;
		setFlagsFromString('--liftoff-only');
		try {
			baselineModule = new wasmRuntime.Module(bytes);
		} finally {
			setFlagsFromString('--no-liftoff-only');
		}
	} catch {
		// rapier then compiles its module itself, tiered as V8 likes.
	}
}

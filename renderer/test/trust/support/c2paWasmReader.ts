/**
 * An independent check of a signed file: a separate Node process loads @contentauth/c2pa-wasm
 * directly (not through Reelforge's reader code) and prints the manifest store it reads.
 */
import { dirname, join } from 'node:path';
import { run } from './media';

/* eslint-disable @typescript-eslint/no-explicit-any -- the reader's JSON has no published types */
export async function readWithC2paWasm(
	path: string,
	trustAnchorsPem?: string,
): Promise<{
	validation_state?: string;
	active_manifest?: string;
	manifests?: Record<string, any>;
	validation_results?: any;
}> {
	/* eslint-enable @typescript-eslint/no-explicit-any */
	const entry = require.resolve('@contentauth/c2pa-wasm');
	const script = `
    import { readFileSync } from 'node:fs';
    import { initSync, WasmReader } from ${JSON.stringify(entry)};
    initSync({ module: readFileSync(${JSON.stringify(join(dirname(entry), 'c2pa_bg.wasm'))}) });
    const anchors = process.env.ANCHORS;
    const settings = JSON.stringify(anchors ? { verify: { verify_trust: true }, trust: { trust_anchors: anchors } } : { verify: { verify_trust: false } });
    const reader = await WasmReader.fromBytes('video/mp4', new Uint8Array(readFileSync(process.argv[1])), settings);
    process.stdout.write(reader.json());
  `;
	const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, path], {
		env: { ...process.env, ANCHORS: trustAnchorsPem ?? '' },
		maxBuffer: 64 << 20,
	});
	return JSON.parse(stdout);
}

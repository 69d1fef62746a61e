import { readFileSync } from 'node:fs';
import { embeddedRapierWasm } from '../../../src/engine/physics/baselineWasm';

const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } })
	.WebAssembly;

describe('embeddedRapierWasm', () => {
	it('finds the wasm module in the installed rapier bundle (what it compiles baseline-only)', () => {
		const bundle = readFileSync(require.resolve('@dimforge/rapier2d-compat'), 'utf8');
		const bytes = embeddedRapierWasm(bundle);
		expect(bytes).toBeDefined();
		expect(wasm.validate(bytes!)).toBe(true);
	});

	it('gives nothing for a bundle laid out otherwise, so rapier compiles its module itself', () => {
		expect(embeddedRapierWasm('module.exports = {}')).toBeUndefined();
		// base64 that is not a wasm module
		expect(embeddedRapierWasm('x.toByteArray("aGVsbG8gd29ybGQgaGVsbG8=")')).toBeUndefined();
		expect(embeddedRapierWasm('x.toByteArray("AGFzbQEAAAA')).toBeUndefined();
	});
});

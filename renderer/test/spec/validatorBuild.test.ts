/**
 * The RenderSpec validator the build writes (ajv standalone code) is the schema's validator: it
 * accepts, fills in and refuses exactly what the one compiled at run time does, and is used only
 * when it was made from the schema in hand.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RenderSpecSchema } from '../../src/spec/renderSpec';
import { createBodyAjv, loadPrebuiltValidator } from '../../src/spec/validate';
import { renderSpecValidatorSource } from '../../src/spec/validatorBuild';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

let dir: string;
beforeAll(() => {
	// Inside the package, so the built module's requires (ajv's runtime, ajv-formats) resolve.
	dir = mkdtempSync(join(__dirname, '.built-validator-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Specs the runtime and built validators must agree on: every example, and broken ones. */
function specs(): unknown[] {
	const examples = [
		join(EXAMPLES, 'storyboard.json'),
		...readdirSync(join(EXAMPLES, 'prompts')).map((f) => join(EXAMPLES, 'prompts', f)),
	].map((file) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
	const storyboard = examples[0] as { shots: Array<Record<string, unknown>> };
	return [
		...examples,
		{ prompt: 'a calm beach at dawn' },
		{},
		{ prompt: 42, fps: 'fast', unknownField: true },
		{ prompt: 'x', resolution: { width: -5, height: 1e9 }, quality: 'ultra' },
		{ ...storyboard, shots: [{ ...storyboard.shots[0], duration: 'forever' }, 7] },
		{ prompt: 'a dog', audio: { music: { url: 'not a url' } }, webhook: { url: 'ftp://x' } },
		'a string, not a spec',
		null,
	];
}

describe('the built RenderSpec validator', () => {
	it('accepts, fills in and refuses exactly what the run-time validator does', () => {
		const file = join(dir, 'renderSpecValidator.js');
		writeFileSync(file, renderSpecValidatorSource());
		const built = loadPrebuiltValidator(file);
		expect(built).toBeInstanceOf(Function);
		const runtime = createBodyAjv().compile(RenderSpecSchema);
		let refused = 0;
		for (const spec of specs()) {
			const a = structuredClone(spec);
			const b = structuredClone(spec);
			const ok = runtime(a);
			expect(built!(b)).toBe(ok);
			// Defaults filled in the same way, and the same errors with the same pointers.
			expect(b).toEqual(a);
			expect(built!.errors ?? null).toEqual(runtime.errors ?? null);
			if (!ok) refused++;
		}
		expect(refused).toBeGreaterThanOrEqual(6);
	});

	it('is not used when it was made from another schema, or is not there', () => {
		const file = join(dir, 'stale.js');
		writeFileSync(
			file,
			renderSpecValidatorSource().replace(/schemaKey = "[0-9a-f]+"/, 'schemaKey = "0000"'),
		);
		expect(loadPrebuiltValidator(file)).toBeUndefined();
		expect(loadPrebuiltValidator(join(dir, 'missing.js'))).toBeUndefined();
	});
});

/**
 * Writes the RenderSpec validator for the built renderer: `node dist/spec/validatorBuild.js` (part
 * of `npm run build`) compiles RenderSpecSchema with the body ajv once, as ajv's standalone code,
 * into `dist/spec/renderSpecValidator.js`. Compiling the schema at run time is ~0.1 s of CPU on the
 * main thread before a render's first frame (ajv generates and optimises ~150 KB of code); loading
 * the built one is ~10 ms. Never committed: it is built output, keyed to the schema it came from
 * (validate.ts compiles at run time when the key does not match).
 */
import { writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone';
import { RenderSpecSchema } from './renderSpec';
import { createBodyAjv, PREBUILT_VALIDATOR_FILE, renderSpecSchemaKey } from './validate';

/** The validator's module source: ajv's standalone code of the schema, with the schema's key. */
export function renderSpecValidatorSource(): string {
	const ajv = createBodyAjv({ source: true });
	const validate = ajv.compile(RenderSpecSchema);
	return `${standaloneCode(ajv, validate)}\nmodule.exports.schemaKey = ${JSON.stringify(renderSpecSchemaKey())};\n`;
}

if (require.main === module) {
	const file = process.argv[2] ?? PREBUILT_VALIDATOR_FILE;
	const source = renderSpecValidatorSource();
	writeFileSync(file, source);
	process.stdout.write(`render spec validator: ${Math.round(source.length / 1024)} KB → ${file}\n`);
}

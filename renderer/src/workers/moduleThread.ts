/**
 * Starts a worker thread running one of the renderer's own modules. Built, that is the module's
 * `.js` file in dist/; under the tests (ts-jest, no build) it is the `.ts` source, which the
 * thread transpiles as it loads it (TypeScript's transpileModule: no type check, a few ms a file),
 * so the tests run the same thread code as production.
 */
import { extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const BOOTSTRAP = String.raw`
const { workerData } = require('node:worker_threads');
const entry = workerData.__moduleThreadEntry;
if (entry.endsWith('.ts')) {
  const Module = require('node:module');
  const fs = require('node:fs');
  const ts = require(workerData.__moduleThreadTypescript);
  Module._extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    });
    module._compile(outputText, filename);
  };
}
require(entry);
`;

/**
 * `dir` and `name` locate the module (pass `__dirname` and the file name without extension); the
 * extension is the caller's own, so a built caller starts the built module.
 */
export function startModuleThread(
	dir: string,
	name: string,
	callerFile: string,
	options: Omit<WorkerOptions, 'eval'> = {},
): Worker {
	const entry = join(dir, `${name}${extname(callerFile)}`);
	return new Worker(BOOTSTRAP, {
		...options,
		eval: true,
		workerData: {
			...(options.workerData as object | undefined),
			__moduleThreadEntry: entry,
			__moduleThreadTypescript: entry.endsWith('.ts') ? require.resolve('typescript') : '',
		},
	});
}

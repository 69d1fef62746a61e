/**
 * Lets a child process that tests fork (the render process of `reelforge serve`) run the
 * renderer's TypeScript sources as they are, like ts-jest does in the test process: each .ts
 * module is transpiled to CommonJS when it is required (types are checked by `npm run typecheck`).
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
	module._compile(outputText, filename);
};

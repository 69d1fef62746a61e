/** The renderer's source files, for tests that check a rule across all of them (the doors). */
import fs from 'node:fs';
import path from 'node:path';

export const SRC = path.join(__dirname, '../../src');

/** Every TypeScript (and JavaScript) file below `dir`. */
export function sources(dir: string = SRC): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
	});
}

/** A file's code without its comments (a comment may well mention what the rule forbids). */
export function code(file: string): string {
	return fs
		.readFileSync(file, 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

// Builds the feed app into renderer/dist/feed: one bundled, minified script and stylesheet with
// content hashes in their names (served as immutable), an index.html that names them (served
// as no-cache), and brotli and gzip copies of each text file. No inline script or style, so the
// renderer's Content-Security-Policy can allow this origin only.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '..', 'dist', 'feed');
const assets = join(out, 'assets');

await rm(out, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await build({
	entryPoints: [join(here, 'src', 'main.tsx')],
	bundle: true,
	minify: true,
	sourcemap: 'linked',
	format: 'esm',
	// Phones a few years old: Safari 15 and Chrome 96 have <dialog>, optional chaining and the rest.
	target: ['es2020', 'safari15', 'chrome96', 'firefox98'],
	jsx: 'automatic',
	jsxImportSource: 'preact',
	outdir: assets,
	entryNames: '[name]-[hash]',
	metafile: true,
	legalComments: 'linked',
	logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => relative(assets, p));
const script = outputs.find((p) => p.endsWith('.js'));
const style = outputs.find((p) => p.endsWith('.css'));
if (!script || !style) throw new Error(`the build made no script or stylesheet: ${outputs}`);

/** Copies a static file under a name carrying its content hash. */
async function hashed(file, transform = (text) => text) {
	const body = transform(await readFile(join(here, 'public', file), 'utf8'));
	const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10);
	const name = `${basename(file, extname(file))}-${hash}${extname(file)}`;
	await writeFile(join(assets, name), body);
	return name;
}
const icon = await hashed('icon.svg');
const manifest = await hashed('manifest.webmanifest', (text) =>
	text.replace('"icon.svg"', JSON.stringify(icon)),
);

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="dark">
<meta name="theme-color" content="#0b0b10">
<meta name="description" content="A vertical feed of AI-generated videos made with Reelforge.">
<title>Reelforge feed</title>
<link rel="icon" href="assets/${icon}" type="image/svg+xml">
<link rel="manifest" href="assets/${manifest}">
<link rel="stylesheet" href="assets/${style}">
<script type="module" src="assets/${script}"></script>
</head>
<body>
<noscript>The Reelforge feed needs JavaScript.</noscript>
<div id="app"></div>
</body>
</html>
`;
await writeFile(join(out, 'index.html'), page);

// Pre-compressed copies: the renderer sends them to clients that accept them (no work per request).
async function compressAll(dir) {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const file = join(dir, entry.name);
		if (entry.isDirectory()) await compressAll(file);
		else if (/\.(html|js|css|svg|webmanifest|map)$/.test(entry.name)) {
			const body = await readFile(file);
			await writeFile(
				`${file}.br`,
				brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
			);
			await writeFile(`${file}.gz`, gzipSync(body, { level: 9 }));
		}
	}
}
await compressAll(out);

const sizes = await Promise.all(
	[script, style].map(async (f) => `${f} ${(await readFile(join(assets, `${f}.br`))).length} B br`),
);
console.log(`feed app → ${relative(process.cwd(), out) || '.'}: ${sizes.join(', ')}`);

#!/usr/bin/env node
/**
 * The `reelforge` command. It is committed (not built) so that `npm ci` links it into
 * node_modules/.bin in a fresh clone, before `npm run build` has made dist/: npm only links a
 * bin that exists at install time. It runs the built CLI, or says how to build it.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
	process.stderr.write(
		'reelforge: the renderer is not built yet. Run `npm run build` in the repository first.\n',
	);
	process.exit(1);
}
require(entry);

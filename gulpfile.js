// Copies the node pack's static assets (icons, codex JSON is compiled by tsc) into dist/.
// `encoding: false` keeps binary files (PNG icons) byte-exact under gulp 5.
const { src, dest } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
exports.build = copyIcons;

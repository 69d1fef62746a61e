'use strict';
/**
 * One RGB frame of an ffmpeg lavfi source, made by real ffmpeg: shared by the trust tests
 * (support/media.ts) and the trust bench (bench/trust.js), which runs as plain node.
 */
const { execFile } = require('node:child_process');

/** ffmpeg's arguments for one frame of `source` (`testsrc2=size=…`), filtered by `filter`, as raw RGB on stdout. */
function lavfiFrameArgs(source, filter) {
	return [
		'-loglevel',
		'error',
		'-f',
		'lavfi',
		'-i',
		source,
		'-frames:v',
		'1',
		...(filter ? ['-vf', filter] : []),
		'-f',
		'rawvideo',
		'-pix_fmt',
		'rgb24',
		'pipe:1',
	];
}

const MAX_FRAME_BYTES = 64 << 20;

/** The frame, as the moderation stages take it: `{width, height, data}`. */
function lavfiFrame(source, width, height, filter) {
	return new Promise((resolve, reject) =>
		execFile(
			'ffmpeg',
			lavfiFrameArgs(source, filter),
			{ encoding: 'buffer', maxBuffer: MAX_FRAME_BYTES },
			(error, stdout) =>
				error ? reject(error) : resolve({ width, height, data: new Uint8Array(stdout) }),
		),
	);
}

module.exports = { lavfiFrame };

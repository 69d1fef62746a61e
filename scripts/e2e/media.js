'use strict';
/** Downloads a produced MP4 (streamed to disk) and checks it with ffprobe. */
const fs = require('node:fs');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { run } = require('./processes');

async function download(url, apiKey, file) {
	const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
	if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
	await pipeline(Readable.fromWeb(response.body), fs.createWriteStream(file));
	return file;
}

/** Real ffprobe: an MP4 with an H.264 picture and AAC sound of about the expected length. */
async function checkMp4(file, { minSeconds }) {
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-show_format',
		'-show_streams',
		'-of',
		'json',
		file,
	]);
	const probe = JSON.parse(stdout);
	const video = probe.streams.find((s) => s.codec_type === 'video');
	const audio = probe.streams.find((s) => s.codec_type === 'audio');
	const duration = Number(probe.format.duration);
	const problems = [];
	if (!/mp4/.test(probe.format.format_name)) problems.push(`container ${probe.format.format_name}`);
	if (video?.codec_name !== 'h264') problems.push(`video codec ${video?.codec_name}`);
	if (audio?.codec_name !== 'aac') problems.push(`audio codec ${audio?.codec_name}`);
	if (!(duration >= minSeconds)) problems.push(`duration ${duration}s < ${minSeconds}s`);
	if (problems.length) throw new Error(`${file}: ${problems.join(', ')}`);
	return { duration, width: video.width, height: video.height };
}

module.exports = { download, checkMp4 };

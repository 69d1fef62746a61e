/**
 * The node tests' renderer: the lead's real test renderer (API + in-memory queue + worker +
 * ffmpeg) and a credential pointing at it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
	startRenderer,
	type RunningRenderer,
	type StartOptions,
} from '../../../renderer/test/support/renderer';
import type { Credential } from './n8nHarness';

export { startRenderer, type RunningRenderer };

export async function startTestRenderer(
	options: StartOptions = {},
): Promise<RunningRenderer & { credential: Credential }> {
	// n8n (the harness's callback server) runs next to the renderer on loopback, which an operator
	// opens with REELFORGE_FETCH_ALLOW; everything else non-public stays refused.
	const renderer = await startRenderer({
		...options,
		env: { REELFORGE_FETCH_ALLOW: '127.0.0.1', ...options.env },
	});
	return Object.assign(renderer, {
		credential: { baseUrl: renderer.url, apiKey: renderer.apiKey },
	});
}

/** A small, quick render: 1 s, 96×160 at 8 fps, draft. */
export function tinySpec(prompt = 'A paper boat sails down a rainy street') {
	return {
		version: '1',
		prompt,
		durationSeconds: 1,
		output: { width: 96, height: 160, fps: 8, quality: 'draft' },
	};
}

/** Cancels every unfinished render of the test key, so one test's leftovers do not hold the next one's queue or quota. */
export async function cancelUnfinished(renderer: { url: string; apiKey: string }): Promise<void> {
	const headers = { authorization: `Bearer ${renderer.apiKey}` };
	const page = (await fetch(`${renderer.url}/v1/renders?limit=100`, { headers }).then((r) =>
		r.json(),
	)) as { data: Array<{ id: string; status: string }> };
	for (const render of page.data.filter((r) => r.status === 'queued' || r.status === 'rendering')) {
		await fetch(`${renderer.url}/v1/renders/${render.id}`, { method: 'DELETE', headers });
	}
}

const run = promisify(execFile);

/** ffprobe (real) on bytes the node produced: container, codecs and size. */
export async function probeBytes(bytes: Buffer): Promise<{
	formatName: string;
	duration: number;
	video?: { codec: string; width: number; height: number };
	audio?: { codec: string };
}> {
	const file = join(mkdtempSync(join(tmpdir(), 'reelforge-probe-')), 'video.mp4');
	writeFileSync(file, bytes);
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-show_format',
		'-show_streams',
		'-of',
		'json',
		file,
	]);
	const probe = JSON.parse(stdout) as {
		format: { format_name: string; duration: string };
		streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>;
	};
	const video = probe.streams.find((s) => s.codec_type === 'video');
	const audio = probe.streams.find((s) => s.codec_type === 'audio');
	return {
		formatName: probe.format.format_name,
		duration: Number(probe.format.duration),
		video: video
			? { codec: video.codec_name, width: video.width!, height: video.height! }
			: undefined,
		audio: audio ? { codec: audio.codec_name } : undefined,
	};
}

/**
 * Reading what a render made, as the tests that check pictures do: one decoded frame of a video
 * (packed RGB from the real ffmpeg), pixels of a colour in a region of it, and the renderer's
 * assets and outputs moved in and out through its API.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { RunningRenderer } from './renderer';

/** A region of a frame in fractions of its width and height. */
export interface Region {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export const WHOLE_FRAME: Region = { x0: 0, y0: 0, x1: 1, y1: 1 };

/** ffmpeg input options reading `file` as raw RGBA frames of `width`×`height` (what the engine draws). */
export function rawRgbaInput(file: string, width: number, height: number): string[] {
	return [...['-f', 'rawvideo', '-pix_fmt', 'rgba'], ...['-s', `${width}x${height}`, '-i', file]];
}

/** The frame shown at `at` seconds, decoded to packed RGB (rgb24). */
export function frameAt(file: string, at: number): Buffer {
	return execFileSync(
		'ffmpeg',
		[
			...['-hide_banner', '-loglevel', 'error', '-ss', at.toFixed(3), '-i', file],
			...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
		],
		{ maxBuffer: 64 * 1024 * 1024 },
	);
}

/** Pixels of `region` of an rgb24 frame of `size` whose colour passes `test`. */
export function countPixels(
	frame: Buffer,
	size: { width: number; height: number },
	test: (r: number, g: number, b: number) => boolean,
	region: Region = WHOLE_FRAME,
): number {
	const { width, height } = size;
	let count = 0;
	for (let y = Math.floor(region.y0 * height); y < region.y1 * height; y++)
		for (let x = Math.floor(region.x0 * width); x < region.x1 * width; x++) {
			const i = (y * width + x) * 3;
			if (test(frame[i]!, frame[i + 1]!, frame[i + 2]!)) count++;
		}
	return count;
}

/** Uploads a file as an asset of the renderer's test key (POST /v1/assets); answers its id. */
export async function uploadAsset(
	r: Pick<RunningRenderer, 'url' | 'apiKey'>,
	file: string,
	type: string,
): Promise<string> {
	const res = await fetch(`${r.url}/v1/assets`, {
		method: 'POST',
		headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': type },
		body: fs.readFileSync(file),
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

/** Downloads one output of a render into `dir`; answers the file's path. */
export async function downloadOutput(
	r: Pick<RunningRenderer, 'url' | 'apiKey'>,
	id: string,
	dir: string,
	variant = 'video',
): Promise<string> {
	const res = await fetch(`${r.url}/v1/renders/${id}/content?variant=${variant}`, {
		headers: { authorization: `Bearer ${r.apiKey}` },
	});
	expect(res.status).toBe(200);
	const file = path.join(dir, `${id}-${variant}`);
	fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
	return file;
}

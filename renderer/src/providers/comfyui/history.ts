/**
 * Reading a job's entry in ComfyUI's `GET /history/{id}`: how it ended (`status.status_str`, and
 * the last of its `execution_*` messages) and which of its outputs is the video (core SaveVideo
 * lists it under `images` with `animated: [true]`, VideoHelperSuite under `gifs`).
 */
import { extname } from 'node:path';

export interface OutputItem {
	filename?: string;
	subfolder?: string;
	type?: string;
	format?: string;
	animated?: boolean[];
}

export interface HistoryEntry {
	outputs?: Record<string, Record<string, OutputItem[] | unknown>>;
	status?: {
		status_str?: string;
		completed?: boolean;
		messages?: Array<[string, Record<string, unknown>]>;
	};
}

const VIDEO_EXTENSIONS = new Set(['.mp4', '.webm', '.mov', '.mkv', '.gif', '.webp']);

/** How the entry says the job ended: `undefined` while it has not (or it succeeded). */
export function historyEnd(
	entry: HistoryEntry,
): { state: 'failed' | 'canceled'; data: Record<string, unknown> } | undefined {
	const last = [...(entry.status?.messages ?? [])]
		.reverse()
		.find(
			([name]) =>
				name === 'execution_error' ||
				name === 'execution_interrupted' ||
				name === 'execution_success',
		);
	if (last?.[0] === 'execution_interrupted') return { state: 'canceled', data: last[1] ?? {} };
	if (entry.status?.status_str === 'error' || last?.[0] === 'execution_error')
		return { state: 'failed', data: last?.[1] ?? {} };
	return undefined;
}

/** The entry's video output: a saved one before a preview, MP4 before animated images. */
export function videoIn(entry: HistoryEntry): OutputItem | undefined {
	const candidates: OutputItem[] = [];
	for (const output of Object.values(entry.outputs ?? {})) {
		if (!output || typeof output !== 'object') continue;
		// Core SaveVideo: `{images: [...], animated: [true]}`; VHS: `{gifs: [...]}`.
		const animated = Array.isArray(output.animated) && (output.animated as unknown[]).some(Boolean);
		for (const [kind, items] of Object.entries(output)) {
			if (!Array.isArray(items) || kind === 'animated') continue;
			for (const item of items as OutputItem[]) {
				if (!item || typeof item.filename !== 'string') continue;
				const video =
					kind === 'gifs' ||
					kind === 'videos' ||
					kind === 'video' ||
					(kind === 'images' && animated) ||
					(Array.isArray(item.animated) && item.animated.some(Boolean)) ||
					VIDEO_EXTENSIONS.has(extname(item.filename).toLowerCase());
				if (video) candidates.push(item);
			}
		}
	}
	const score = (i: OutputItem) =>
		(i.type === 'output' ? 2 : 0) + (extname(i.filename!).toLowerCase() === '.mp4' ? 1 : 0);
	return candidates.sort((a, b) => score(b) - score(a))[0];
}

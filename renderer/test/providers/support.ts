/**
 * What the provider tests share: short poll timings (the emulators' jobs last about a second), a
 * scratch folder per test, ffprobe of the downloaded file, and a log that records every line so
 * a test can check that no secret reached it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClipGenerator, ClipRequest } from '../../src/providers/remote/clipGenerator';
import {
	runClip,
	type ClipJob,
	type ClipProgress,
	type ClipRun,
	type PollingPolicy,
	type RunClipOptions,
} from '../../src/providers/remote/runner';
import { ffprobe } from '../support/ffprobe';

export const FAST_POLLING: Partial<PollingPolicy> = {
	firstPollMs: 100,
	minPollMs: 50,
	maxPollMs: 400,
	retryBackoffMs: 100,
	cancelTimeoutMs: 3000,
};

/**
 * Runs a clip job at the tests' polling speed, never aborted unless `options` bring a signal; their
 * other fields (a folder to download into, a log, some other timings) add to the defaults.
 */
export function runClipFast(
	generator: ClipGenerator,
	job: ClipJob,
	options: Partial<RunClipOptions> = {},
): Promise<ClipRun> {
	return runClip(generator, job, {
		signal: new AbortController().signal,
		...options,
		polling: { ...FAST_POLLING, ...options.polling },
	});
}

/**
 * Generates one clip at the tests' polling speed (see `runClipFast`); with `abortIn`, aborts it
 * ('canceled') at its first progress report in that phase.
 */
export function generateClip(
	generator: ClipGenerator,
	request: ClipRequest,
	{ abortIn, ...options }: Partial<RunClipOptions> & { abortIn?: ClipProgress['phase'] } = {},
): Promise<ClipRun> {
	const job = { kind: 'generate', request } as const;
	if (!abortIn) return runClipFast(generator, job, options);
	const controller = new AbortController();
	return runClipFast(generator, job, {
		...options,
		signal: controller.signal,
		onProgress: (progress) => progress.phase === abortIn && controller.abort('canceled'),
	});
}

export function scratchDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'reelforge-clip-'));
}

export interface MediaFacts {
	width: number;
	height: number;
	seconds: number;
	audio: boolean;
	codec: string;
}

export async function mediaFacts(file: string): Promise<MediaFacts> {
	const probe = await ffprobe(file);
	const video = probe.streams.find((s) => s.codec_type === 'video')!;
	return {
		width: video.width!,
		height: video.height!,
		seconds: Number(probe.format.duration),
		audio: probe.streams.some((s) => s.codec_type === 'audio'),
		codec: video.codec_name,
	};
}

/** A log function that keeps every line (message and fields) as text. */
export function recordingLog() {
	const lines: string[] = [];
	const log = (message: string, fields?: Record<string, unknown>) =>
		void lines.push(`${message} ${fields ? JSON.stringify(fields) : ''}`);
	return { log, lines };
}

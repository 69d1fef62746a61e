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
 * Generates one clip at the tests' polling speed, never aborted unless `options` (which add to or
 * replace the defaults: a folder to download into, a log, other timings) bring a signal.
 */
export function generateClip(
	generator: ClipGenerator,
	request: ClipRequest,
	options: Partial<RunClipOptions> = {},
): Promise<ClipRun> {
	return runClip(
		generator,
		{ kind: 'generate', request },
		{ signal: new AbortController().signal, polling: FAST_POLLING, ...options },
	);
}

/** Generates one clip and aborts it ('canceled') at its first progress report in `phase`. */
export function generateAndAbortIn(
	phase: ClipProgress['phase'],
	generator: ClipGenerator,
	request: ClipRequest,
	options: Partial<RunClipOptions> = {},
): Promise<ClipRun> {
	const controller = new AbortController();
	return generateClip(generator, request, {
		...options,
		signal: controller.signal,
		onProgress: (progress) => progress.phase === phase && controller.abort('canceled'),
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

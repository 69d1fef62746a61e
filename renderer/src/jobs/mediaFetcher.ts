/**
 * What a render may fetch for its spec (the user's music, later images and clips): an upload the
 * render's own caller made (`uploads/<keyId>/<uploadId>` in storage), or a URL through the outbound
 * door with the public policy (no loopback, private or metadata addresses), a byte cap and a
 * deadline. Files land in the render's work folder; errors are ApiErrors naming the spec field.
 */
import path from 'node:path';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { MediaRef } from '../providers/provider';
import { ApiError } from '../spec/errors';
import type { ObjectStorage } from '../storage/storage';
import { uploadKey } from '../storage/uploads';
import { HttpError, type HttpFetch } from '../voices/http';

const MAX_MEDIA_BYTES = 256 * 1024 * 1024;
const MEDIA_TIMEOUT_MS = 120_000;

export function createMediaFetcher(deps: {
	storage: ObjectStorage;
	keyId: string;
	workDir: string;
	fetch: HttpFetch;
	signal: AbortSignal;
}): (ref: MediaRef, pointer: string) => Promise<string> {
	let count = 0;
	return async (ref, pointer) => {
		const destination = path.join(deps.workDir, `media-${++count}`);
		if ('uploadId' in ref) {
			const key = uploadKey(deps.keyId, ref.uploadId);
			if (!(await deps.storage.stat(key)))
				throw new ApiError(422, 'media_not_found', `Upload ${ref.uploadId} was not found.`, [
					{ path: `${pointer}/uploadId`, message: 'no such upload for this API key' },
				]);
			await deps.storage.download(key, destination);
			return destination;
		}
		const unreachable = (message: string) =>
			new ApiError(422, 'media_unreachable', `The media URL could not be fetched: ${message}`, [
				{ path: `${pointer}/url`, message },
			]);
		let response;
		try {
			response = await deps.fetch({
				url: ref.url,
				policy: 'public',
				maxBytes: MAX_MEDIA_BYTES,
				timeoutMs: MEDIA_TIMEOUT_MS,
				signal: deps.signal,
			});
		} catch (error) {
			if (deps.signal.aborted) throw error;
			throw unreachable(error instanceof HttpError ? error.message : 'the request failed');
		}
		if (response.status !== 200) {
			response.discard();
			throw unreachable(`HTTP ${response.status}`);
		}
		try {
			await pipeline(response.body, createWriteStream(destination));
		} catch (error) {
			await rm(destination, { force: true });
			if (deps.signal.aborted) throw error;
			throw unreachable(error instanceof HttpError ? error.message : 'the download broke off');
		}
		return destination;
	};
}

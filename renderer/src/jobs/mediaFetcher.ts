/**
 * What a render may fetch for its spec (the user's music, later images and clips): an upload the
 * render's own caller made (`uploads/<keyId>/<uploadId>` in storage), or a URL through the outbound
 * door with the public policy (no loopback, private or metadata addresses unless
 * REELFORGE_FETCH_ALLOW opens them), a byte cap and a deadline. Files stream into the render's
 * work folder; errors are ApiErrors naming the spec field.
 */
import path from 'node:path';
import type { Outbound } from '../net/outbound';
import type { MediaRef, StoredVideoSource } from '../pipeline/render';
import { ApiError } from '../spec/errors';
import type { ObjectStorage } from '../storage/storage';
import { uploadKey } from '../storage/uploads';
import type { RemixSource } from './renderRecord';

const MAX_MEDIA_BYTES = 256 * 1024 * 1024;
const MEDIA_TIMEOUT_MS = 120_000;

export function createMediaFetcher(deps: {
	storage: ObjectStorage;
	keyId: string;
	workDir: string;
	/** Absent (a runner without network), URLs are refused with the field named. */
	outbound?: Outbound;
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
		if (!deps.outbound)
			throw new ApiError(422, 'media_unreachable', 'This renderer fetches no media URLs.', [
				{ path: `${pointer}/url`, message: 'URLs are not fetched here; upload the file' },
			]);
		// The door's errors (url_forbidden, fetch_failed, fetch_too_large) name the field already.
		await deps.outbound.download({
			url: ref.url,
			pointer: `${pointer}/url`,
			policy: 'public',
			maxBytes: MAX_MEDIA_BYTES,
			timeoutMs: MEDIA_TIMEOUT_MS,
			signal: deps.signal,
			file: destination,
		});
		return destination;
	};
}

/**
 * The stored video a remix record starts from (its source's `objectKey`: an upload, a URL or a
 * render's video, copied under remix-sources/ at admission), for the render's context; `undefined`
 * for a render made from its spec alone.
 */
export function storedVideoOf(
	source: RemixSource | undefined,
	deps: { storage: ObjectStorage; workDir: string },
): StoredVideoSource | undefined {
	const objectKey = source?.objectKey;
	if (!objectKey) return undefined;
	return {
		operations: source.operations,
		async fetch() {
			const destination = path.join(deps.workDir, 'source-video');
			await deps.storage.download(objectKey, destination);
			return destination;
		},
	};
}

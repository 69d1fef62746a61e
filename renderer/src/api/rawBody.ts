/**
 * Files sent as the raw request body (assets, remix sources, cameo recordings, videos to moderate):
 * streamed to a scratch file as they arrive, never buffered, and cut off with a 413 naming `/body`
 * as soon as they pass their size cap, so an oversized upload costs no more than the cap on disk.
 */
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../spec/errors';

export interface BodyLimit {
	maxBytes: number;
	/** The 413's error code (`asset_too_large`, `upload_too_large`, ...). */
	code: string;
	/** The 413's message: what is limited, and to what. */
	message: string;
}

/**
 * The body a route's content-type parser handed over as a stream; anything else was sent with
 * another Content-Type and is refused (415) with the types that route takes.
 */
export function rawBody(body: unknown, what: string, types: readonly string[]): Readable {
	if (body instanceof Readable) return body;
	throw new ApiError(
		415,
		'unsupported_media_type',
		`Send the ${what} as the raw body with Content-Type one of: ${types.join(', ')}.`,
	);
}

/** Copies `body` to `path`, refusing more than `limit.maxBytes`; answers the bytes written. */
export async function saveRawBody(body: Readable, path: string, limit: BodyLimit): Promise<number> {
	let bytes = 0;
	const cap = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			if (bytes > limit.maxBytes)
				done(
					new ApiError(413, limit.code, limit.message, [{ path: '/body', message: 'too large' }]),
				);
			else done(null, chunk);
		},
	});
	await pipeline(body, cap, createWriteStream(path));
	return bytes;
}

/**
 * The picture of a media shot, brought onto local disk and identified: an asset the caller
 * uploaded (POST /v1/assets) or a URL fetched through the outbound door (public addresses only
 * unless the operator allows more, re-checked after DNS and every redirect, size-capped). The file
 * is then sniffed by its first bytes and probed through the ffmpeg door with that one demuxer, so
 * a playlist or a concat list dressed up as a picture never makes ffmpeg open anything else.
 */
import { join } from 'node:path';
import type { Outbound } from '../net/outbound';
import {
	describeFormat,
	IMAGE_FORMATS,
	MediaError,
	probeMedia,
	sniffFormat,
	VIDEO_FORMATS,
	type FileFormat,
} from '../media/ffmpeg';
import { probeSource, type SourceFacts } from '../engine/remix';
import { ApiError } from '../spec/errors';
import type { Media } from '../spec/renderSpec';
import type { ObjectStorage } from '../storage/storage';

/** Largest picture or clip a media shot may fetch or upload. */
export const MAX_MEDIA_BYTES = 512 * 1024 * 1024;
/** Longest a URL may take to fetch, body included. */
export const MEDIA_FETCH_TIMEOUT_MS = 120_000;
/** Largest picture accepted, in pixels on an edge (a decompression bomb is refused before decoding). */
export const MAX_IMAGE_EDGE = 16_384;

/** Where an uploaded asset lives in object storage: under its owner's key, so ids never cross keys. */
export const assetKey = (keyId: string, assetId: string) => `assets/${keyId}/${assetId}`;

export interface ImageFacts {
	width: number;
	height: number;
	format: FileFormat;
}

export type MediaFacts =
	| { kind: 'image'; path: string; image: ImageFacts }
	| { kind: 'video'; path: string; video: SourceFacts };

export interface MediaFetchDeps {
	storage: ObjectStorage;
	outbound: Outbound;
}

/**
 * Identifies a local file as a still picture or a video. `pointer` is the request field it came
 * from; errors name it (422 `media_unsupported` / `media_unreadable`) and never a server path.
 */
export async function identifyMedia(
	path: string,
	pointer: string,
	signal?: AbortSignal,
): Promise<MediaFacts> {
	let format: FileFormat;
	try {
		format = await sniffFormat(path, [...VIDEO_FORMATS, ...IMAGE_FORMATS]);
	} catch (error) {
		if (!(error instanceof MediaError)) throw error;
		throw new ApiError(422, 'media_unsupported', error.message, [
			{
				path: pointer,
				message: 'must be one PNG, JPEG or WebP picture, or one MP4/MOV or WebM video',
			},
		]);
	}
	if (VIDEO_FORMATS.includes(format))
		return { kind: 'video', path, video: await probeSource(path, pointer, signal) };
	const unreadable = () =>
		new ApiError(
			422,
			'media_unreadable',
			`The picture is not a readable ${describeFormat(format)}.`,
			[{ path: pointer, message: 'not a readable picture' }],
		);
	let info: Awaited<ReturnType<typeof probeMedia>>;
	try {
		info = await probeMedia({ file: path, format }, signal);
	} catch (error) {
		if (signal?.aborted) throw error;
		throw unreadable();
	}
	const stream = info.streams.find((s) => s.codec_type === 'video');
	const width = Number(stream?.width);
	const height = Number(stream?.height);
	if (!(width > 0) || !(height > 0)) throw unreadable();
	if (Math.max(width, height) > MAX_IMAGE_EDGE)
		throw new ApiError(422, 'media_too_large', `The picture is ${width}x${height}.`, [
			{ path: pointer, message: `at most ${MAX_IMAGE_EDGE} px on an edge` },
		]);
	return { kind: 'image', path, image: { width, height, format } };
}

/** Brings a media shot's picture into `dir` and identifies it. `at` is the shot's pointer. */
export async function fetchMedia(
	media: Media,
	at: string,
	keyId: string | undefined,
	dir: string,
	deps: MediaFetchDeps,
	signal: AbortSignal,
): Promise<MediaFacts> {
	return fetchSource(media, `${at}/media`, keyId, join(dir, 'source'), deps, signal);
}

/**
 * Brings a picture or clip named by `asset` or `url` (a media shot's, an overlay's) to `file` and
 * identifies it. `at` points at the object holding asset/url; errors name its field.
 */
export async function fetchSource(
	source: { asset?: string; url?: string },
	at: string,
	keyId: string | undefined,
	file: string,
	deps: MediaFetchDeps,
	signal: AbortSignal,
): Promise<MediaFacts> {
	if (source.asset) {
		const pointer = `${at}/asset`;
		const key = keyId ? assetKey(keyId, source.asset) : undefined;
		if (!key || !(await deps.storage.stat(key)))
			throw new ApiError(404, 'asset_not_found', `Asset ${source.asset} was not found.`, [
				{ path: pointer, message: 'no such asset for this API key' },
			]);
		await deps.storage.download(key, file);
		return identifyMedia(file, pointer, signal);
	}
	const pointer = `${at}/url`;
	await deps.outbound.download({
		url: source.url!,
		pointer,
		file,
		maxBytes: MAX_MEDIA_BYTES,
		timeoutMs: MEDIA_FETCH_TIMEOUT_MS,
		signal,
	});
	return identifyMedia(file, pointer, signal);
}

/**
 * Remote clips kept under the hash of everything that made them, so a retry, a crashed worker or a
 * remix never pays for the same clip twice.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warning } from '../pipeline/render';
import type { GeneratedVideo, ProviderCapabilities } from '../providers/provider';
import type { RenderSpec } from '../spec/renderSpec';

/** Bumped when what a cached clip depends on changes (normalisation, sub-spec shape). */
const CLIP_CACHE_VERSION = 1;

/**
 * The key of a remote clip: the sub-spec, the model and the pictures sent make it; the seed only
 * where the generator takes one.
 */
export function clipCacheKey(
	providerId: string,
	remote: NonNullable<ProviderCapabilities['remote']>,
	sub: RenderSpec,
	imageDigests: string[] | undefined,
): string {
	return createHash('sha256')
		.update(
			JSON.stringify({
				v: CLIP_CACHE_VERSION,
				provider: providerId,
				model: remote.model,
				kind: remote.kind,
				spec: remote.clip.seed ? sub : { ...sub, seed: undefined },
				...(imageDigests?.length ? { images: imageDigests } : {}),
			}),
		)
		.digest('hex');
}

export async function readCachedClip(cacheDir: string, key: string) {
	const dir = join(cacheDir, 'clips');
	const video = join(dir, `${key}.mp4`);
	try {
		const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as {
			transcript: string;
			warnings: Warning[];
			details: Record<string, unknown>;
		};
		if (!existsSync(video)) return undefined;
		return { videoPath: video, ...meta };
	} catch {
		return undefined;
	}
}

/** Written video first, then its record: a record never names a clip that is not all there. */
export async function writeCachedClip(
	cacheDir: string,
	key: string,
	generated: Pick<GeneratedVideo, 'videoPath' | 'transcript' | 'warnings' | 'details'>,
) {
	const dir = join(cacheDir, 'clips');
	await mkdir(dir, { recursive: true });
	const partial = join(dir, `${key}.mp4.partial`);
	await copyFile(generated.videoPath, partial);
	await rename(partial, join(dir, `${key}.mp4`));
	await writeFile(
		join(dir, `${key}.json`),
		JSON.stringify({
			transcript: generated.transcript,
			warnings: generated.warnings,
			details: generated.details,
		}),
	);
}

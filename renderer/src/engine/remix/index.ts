/**
 * Remix entry points. A local-engine render is remixed by `buildRemixSpec` (the job then renders
 * the new spec like any other); any other video is remixed on the worker by `generateRemixOfVideo`,
 * which fetches the stored source and hands it to `remixArbitraryVideo`.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderSpec } from '../../spec/renderSpec';
import type { GeneratedVideo, RenderContext } from '../../pipeline/video';
import { remixArbitraryVideo } from './arbitraryVideo';
import type { RemixOperations } from './operations';

export { buildRemixSpec } from './remixSpec';
export {
	remixArbitraryVideo,
	probeSource,
	probeAudioOnly,
	watermarkFilter,
	type SourceFacts,
} from './arbitraryVideo';
export { RemixOperationsSchema, type RemixOperations } from './operations';

/**
 * Metadata key on the spec of a remix of a stored video. Such a spec only records the output and
 * limits; the video comes from `generateRemixOfVideo`, so providers refuse to render it from its prompt.
 */
export const VIDEO_REMIX_MARK = 'reelforge.remixOfVideo';

/** Whether a remix source is a stored video to filter (rather than a spec to re-render). */
export function isVideoSource(
	source: { objectKey?: string } | undefined,
): source is { objectKey: string; operations: Record<string, unknown> } {
	return Boolean(source?.objectKey);
}

/**
 * For the job runner: a remix whose source is a stored video (upload, URL, or a render the local
 * engine did not make). Same result shape as `VideoProvider.generate`.
 */
export async function generateRemixOfVideo(
	remix: { spec: RenderSpec; source: { objectKey: string; operations: Record<string, unknown> } },
	ctx: RenderContext,
	storage: { download(key: string, filePath: string): Promise<void> },
): Promise<GeneratedVideo> {
	const sourcePath = join(ctx.workDir, 'source-video');
	ctx.progress('download', 0);
	await storage.download(remix.source.objectKey, sourcePath);
	ctx.progress('download', 1);
	try {
		return await remixArbitraryVideo(
			{ sourcePath, operations: remix.source.operations as RemixOperations, spec: remix.spec },
			ctx,
		);
	} finally {
		await rm(sourcePath, { force: true });
	}
}

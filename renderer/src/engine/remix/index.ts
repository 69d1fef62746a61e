/**
 * Remix entry points. A local-engine render is remixed by `buildRemixSpec` (the job then renders
 * the new spec like any other); any other video is remixed by the `remix` source (providers/remix),
 * given the stored video in its context (`RenderContext.sourceVideo`), with `generateRemixOfVideo`.
 */
import { rm } from 'node:fs/promises';
import type { RenderSpec } from '../../spec/renderSpec';
import type { GeneratedVideo, RenderContext, StoredVideoSource } from '../../pipeline/render';
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
 * A remix of a stored video (upload, URL, or a render the local engine did not make): the source
 * is fetched into the work folder and filtered, re-mixed and cut by `remixArbitraryVideo`. Same
 * result shape as `VideoProvider.generate`.
 */
export async function generateRemixOfVideo(
	spec: RenderSpec,
	source: StoredVideoSource,
	ctx: RenderContext,
): Promise<GeneratedVideo> {
	ctx.progress('download', 0);
	const sourcePath = await source.fetch();
	ctx.progress('download', 1);
	try {
		return await remixArbitraryVideo(
			{ sourcePath, operations: source.operations as RemixOperations, spec },
			ctx,
		);
	} finally {
		await rm(sourcePath, { force: true });
	}
}

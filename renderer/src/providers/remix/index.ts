/**
 * The `remix` source: a render made from a stored video (POST /v1/remixes of an upload, a URL, or
 * a video the local engine did not make). The video is that one, filtered, re-mixed and cut; the
 * render's spec only fixes the output. The registry hands it every render whose context carries
 * a stored video (`ctx.sourceVideo`), whatever its spec's provider, and nothing else.
 */
import { generateRemixOfVideo } from '../../engine/remix';
import { STYLES, type RenderSpec } from '../../spec/renderSpec';
import type { ProviderCapabilities, RenderContext, VideoProvider } from '../provider';
import { LOCAL_LIMITS } from '../local';

export function createRemixProvider(): VideoProvider {
	const capabilities: ProviderCapabilities = {
		id: 'remix',
		displayName: 'Remix of a stored video',
		offline: true,
		available: true,
		styles: [...STYLES],
		voices: [],
		limits: {
			maxDurationSeconds: LOCAL_LIMITS.maxDurationSeconds,
			maxEdgePx: LOCAL_LIMITS.maxEdgePx,
			maxFps: LOCAL_LIMITS.maxFps,
		},
		features: ['remix', 'music', 'watermark', 'poster', 'thumbnail'],
	};
	return {
		id: 'remix',
		capabilities: () => capabilities,
		// The stand-in spec is checked at admission as the provider it names; the video decides the rest.
		check: () => [],
		generate(spec: RenderSpec, ctx: RenderContext) {
			// The registry only hands over renders with a stored video; anything else is a wiring bug.
			if (!ctx.sourceVideo) throw new Error('the remix source was given a render without a video');
			return generateRemixOfVideo(spec, ctx.sourceVideo, ctx);
		},
	};
}

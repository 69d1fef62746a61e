import path from 'node:path';
import { QUICK_H264_AAC, runFfmpeg } from '../../media/ffmpeg';
import { specDurationSeconds } from '../../spec/validate';
import type { RenderSpec } from '../../spec/renderSpec';
import type {
	GeneratedVideo,
	ProviderCapabilities,
	RenderContext,
	VideoProvider,
} from '../provider';

/**
 * A diagnostic provider: ffmpeg's test pattern and a tone, encoded like any output (H.264 + AAC
 * MP4). It exercises the whole service path in a second, which is what health checks and the
 * service's own lifecycle tests need; it is never the default.
 */
export function createTestPatternProvider(): VideoProvider {
	const capabilities: ProviderCapabilities = {
		id: 'testpattern',
		displayName: 'Test pattern (diagnostic)',
		offline: true,
		available: true,
		styles: ['cinematic'],
		voices: [],
		limits: { maxDurationSeconds: 300, maxEdgePx: 3840, maxFps: 60 },
		features: ['diagnostic'],
	};
	return {
		id: 'testpattern',
		capabilities: () => capabilities,
		// Its limits are checked at admission (providers/limits.ts); it approximates nothing.
		check: () => [],
		async generate(spec: RenderSpec, ctx: RenderContext): Promise<GeneratedVideo> {
			const { width, height, fps } = spec.output;
			const seconds = specDurationSeconds(spec);
			const videoPath = path.join(ctx.workDir, 'video.mp4');
			ctx.progress('encode', 0);
			await runFfmpeg({
				what: 'test pattern',
				global: ['-loglevel', 'error', '-y'],
				inputs: [
					{ lavfi: `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}` },
					{ lavfi: `sine=frequency=440:sample_rate=48000:duration=${seconds}` },
				],
				output: [
					...QUICK_H264_AAC,
					'-ac',
					'2',
					'-ar',
					'48000',
					'-shortest',
					'-movflags',
					'+faststart',
					videoPath,
				],
				signal: ctx.signal,
				onProgress: (done) => ctx.progress('encode', Math.min(1, done / seconds)),
			});
			ctx.progress('encode', 1);
			return { videoPath, transcript: '', warnings: [], details: { provider: 'testpattern' } };
		},
	};
}

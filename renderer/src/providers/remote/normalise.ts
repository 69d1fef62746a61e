/**
 * A downloaded clip, made into the spec's video: its frame size (fitted over a blurred copy of
 * itself when the aspect ratios differ, scaled when they match), frame rate, length, yuv420p H.264
 * at the spec's quality, 48 kHz stereo AAC at the spec's loudness (silence when the clip has no
 * sound) and Reelforge's moving watermark. One ffmpeg run through the ffmpeg door, streamed.
 */
import { graphOutputs, runFfmpeg, type FileFormat } from '../../media/ffmpeg';
import { fitFilter } from '../../media/fitFilter';
import { chooseEncoder } from '../../engine/encode/encoderChoice';
import { DELIVERY_SAMPLE_RATE as SAMPLE_RATE, deliveryOutput } from '../../engine/encode/delivery';
import { probeSource, watermarkFilter, type SourceFacts } from '../../engine/remix';
import type { RenderSpec } from '../../spec/renderSpec';
import { ProviderError } from './clipGenerator';

/**
 * ffprobe facts of a downloaded clip, read through the ffmpeg door like any client video (its
 * container sniffed, never auto-detected: a "video" that is really a playlist must not make the
 * renderer fetch URLs); a file that is not one readable video is `provider_malformed`.
 */
export async function probeClip(path: string, provider: string): Promise<SourceFacts> {
	try {
		return await probeSource(path, '/provider');
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		throw new ProviderError('provider_malformed', `${provider}: the downloaded clip: ${why}`, {
			provider,
		});
	}
}

const PICTURE_FORMATS: Record<string, FileFormat> = {
	'image/png': 'png_pipe',
	'image/jpeg': 'jpeg_pipe',
	'image/webp': 'webp_pipe',
};

/**
 * A picture cropped and scaled to fill exactly `width`x`height` (a clip's first frame must have
 * the clip's size: OpenAI-compatible gateways refuse any other), written as PNG.
 */
export async function fitPicture(
	input: { path: string; mimeType: string },
	size: { width: number; height: number },
	output: string,
	signal: AbortSignal,
): Promise<{ path: string; mimeType: string }> {
	const format = PICTURE_FORMATS[input.mimeType];
	if (!format) throw new Error(`internal: no picture format for ${input.mimeType}`);
	const { width, height } = size;
	await runFfmpeg({
		what: 'first frame fit',
		inputs: [{ file: input.path, format }],
		global: ['-loglevel', 'error', '-y'],
		output: [
			'-vf',
			`scale=${width}:${height}:force_original_aspect_ratio=increase:flags=lanczos,crop=${width}:${height},setsar=1`,
			'-frames:v',
			'1',
			'-f',
			'image2',
			'-c:v',
			'png',
			output,
		],
		signal,
	});
	return { path: output, mimeType: 'image/png' };
}

export interface NormaliseOptions {
	spec: RenderSpec;
	facts: SourceFacts;
	/** Length of the output: the clip is cut to it (never stretched). */
	seconds: number;
	signal: AbortSignal;
	onProgress?: (fraction: number) => void;
	log?: (message: string, fields?: Record<string, unknown>) => void;
}

export async function normaliseClip(input: string, output: string, options: NormaliseOptions) {
	const { spec, facts } = options;
	const { width, height, fps, quality } = spec.output;
	const seconds = Math.min(options.seconds, facts.durationSeconds);
	const sameShape = Math.abs(facts.width / facts.height - width / height) < 0.01;
	const fit = fitFilter({
		fit: sameShape ? 'cover' : 'blur',
		width,
		height,
		input: '0:v',
		output: 'fit',
	});
	const video = [
		`fps=${fps}`,
		spec.watermark.enabled ? watermarkFilter(spec.watermark.text, seconds, height) : undefined,
		'format=yuv420p',
	]
		.filter(Boolean)
		.join(',');
	const audio = facts.hasAudio
		? `[0:a]aformat=sample_rates=${SAMPLE_RATE}:channel_layouts=stereo,apad,atrim=end=${seconds.toFixed(3)},loudnorm=I=${spec.audio.loudnessLufs}:TP=-1.5:LRA=11,aresample=${SAMPLE_RATE}[a]`
		: `anullsrc=r=${SAMPLE_RATE}:cl=stereo,atrim=end=${seconds.toFixed(3)}[a]`;
	const encoder = await chooseEncoder(options.log ?? (() => undefined));
	await runFfmpeg({
		what: 'clip normalisation',
		inputs: [{ file: input, format: facts.format }],
		global: ['-loglevel', 'error', '-y'],
		output: [
			...graphOutputs(`${fit};[fit]${video}[v];${audio}`, '[v]', '[a]'),
			...deliveryOutput({ encoder, quality, fps, seconds, output }),
		],
		signal: options.signal,
		onProgress: (done) => options.onProgress?.(Math.min(1, done / seconds)),
	});
	return { seconds, encoder, fitted: !sameShape };
}

/**
 * The one delivery format every finished or stitched video is written in, whatever made its
 * frames: H.264 in yuv420p (what every player and platform decodes), AAC 160 kb/s 48 kHz stereo,
 * cut at the video's length, the index at the front so playback starts before the download ends.
 */
import type { Quality } from '../../spec/renderSpec';
import { MIX_SAMPLE_RATE } from '../audio';
import { encoderSettings, type EncoderName } from './encoderChoice';

/** The delivered AAC keeps the mix's rate, so the encode never resamples. */
export const DELIVERY_SAMPLE_RATE = MIX_SAMPLE_RATE;

/** ffmpeg output options of the delivered sound: AAC 160 kb/s, 48 kHz, stereo. */
export const DELIVERY_AUDIO: readonly string[] = [
	'-c:a',
	'aac',
	'-b:a',
	'160k',
	'-ar',
	String(DELIVERY_SAMPLE_RATE),
	'-ac',
	'2',
];

/** ffmpeg output options (after the maps) writing `output` in the delivery format. */
export function deliveryOutput(options: {
	encoder: EncoderName;
	quality: Quality;
	fps: number;
	seconds: number;
	output: string;
}): string[] {
	return [
		...encoderSettings(options.encoder, options.quality, options.fps).videoOptions,
		'-pix_fmt',
		'yuv420p',
		...DELIVERY_AUDIO,
		'-t',
		options.seconds.toFixed(4),
		'-movflags',
		'+faststart',
		options.output,
	];
}

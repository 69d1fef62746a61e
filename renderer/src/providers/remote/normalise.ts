/**
 * A downloaded clip, made into the spec's video: its frame size (fitted over a blurred copy of
 * itself when the aspect ratios differ, scaled when they match), frame rate, length, yuv420p H.264
 * at the spec's quality, 48 kHz stereo AAC at the spec's loudness (silence when the clip has no
 * sound) and Reelforge's moving watermark. One ffmpeg run, streamed; the only place remote clips
 * meet ffmpeg (to move behind the project's ffmpeg module when it lands).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { abortError } from '../../engine/encode/abort';
import { chooseEncoder, encoderSettings } from '../../engine/encode/encoderChoice';
import { watermarkFilter, type SourceFacts } from '../../engine/remix';
import type { RenderSpec } from '../../spec/renderSpec';
import { ProviderError } from './clipGenerator';

const SAMPLE_RATE = 48_000;
const execFileAsync = promisify(execFile);
/**
 * The clip came from another party: ffmpeg may read the local file and nothing else (a "video"
 * that is really a playlist must not make the renderer fetch URLs).
 */
const LOCAL_ONLY = ['-protocol_whitelist', 'file'];

/** ffprobe facts of a downloaded clip; a file ffprobe cannot read is `provider_malformed`. */
export async function probeClip(path: string, provider: string): Promise<SourceFacts> {
	const malformed = (why: string) =>
		new ProviderError('provider_malformed', `${provider}: the downloaded clip ${why}`, {
			provider,
		});
	let out: string;
	try {
		out = (
			await execFileAsync('ffprobe', [
				'-v',
				'error',
				...LOCAL_ONLY,
				'-show_streams',
				'-show_format',
				'-of',
				'json',
				path,
			])
		).stdout;
	} catch {
		throw malformed('is not a readable video');
	}
	const info = JSON.parse(out) as {
		streams?: Array<Record<string, string | number>>;
		format?: { duration?: string; format_name?: string };
	};
	const video = info.streams?.find((s) => s.codec_type === 'video');
	if (!video) throw malformed('has no video stream');
	const [num, den] = String(video.avg_frame_rate || video.r_frame_rate || '0/1')
		.split('/')
		.map(Number);
	const fps = den ? num / den : 0;
	const facts: SourceFacts = {
		width: Number(video.width),
		height: Number(video.height),
		fps: Number.isFinite(fps) && fps > 0 ? fps : 24,
		durationSeconds: Number(info.format?.duration ?? video.duration ?? 0),
		hasAudio: Boolean(info.streams?.some((s) => s.codec_type === 'audio')),
	};
	if (!(facts.width > 0 && facts.height > 0 && facts.durationSeconds > 0))
		throw malformed('has no playable frames');
	return facts;
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
	const fit = sameShape
		? `[0:v]scale=${width}:${height}:flags=lanczos,setsar=1[fit]`
		: `[0:v]split=2[bg][fg];` +
			`[bg]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},boxblur=24:2[blur];` +
			`[fg]scale=${width}:${height}:force_original_aspect_ratio=decrease:flags=lanczos[front];` +
			`[blur][front]overlay=(W-w)/2:(H-h)/2,setsar=1[fit]`;
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
	const args = [
		'-hide_banner',
		'-loglevel',
		'error',
		'-nostdin',
		'-y',
		...LOCAL_ONLY,
		'-i',
		input,
		'-filter_complex',
		`${fit};[fit]${video}[v];${audio}`,
		'-map',
		'[v]',
		'-map',
		'[a]',
		...encoderSettings(encoder, quality, fps).videoOptions,
		'-pix_fmt',
		'yuv420p',
		'-c:a',
		'aac',
		'-b:a',
		'160k',
		'-ar',
		String(SAMPLE_RATE),
		'-ac',
		'2',
		'-t',
		seconds.toFixed(3),
		'-movflags',
		'+faststart',
		'-progress',
		'pipe:1',
		output,
	];
	await run(args, seconds, options);
	return { seconds, encoder, fitted: !sameShape };
}

function run(args: string[], seconds: number, options: NormaliseOptions): Promise<void> {
	return new Promise((resolve, reject) => {
		if (options.signal.aborted) return reject(abortError(options.signal));
		const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		const onAbort = () => child.kill('SIGKILL');
		options.signal.addEventListener('abort', onAbort, { once: true });
		child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
		child.stdout.on('data', (d: Buffer) => {
			const m = /out_time_us=(\d+)/.exec(d.toString());
			if (m) options.onProgress?.(Math.min(1, Number(m[1]) / 1e6 / seconds));
		});
		child.on('error', reject);
		child.on('close', (code) => {
			options.signal.removeEventListener('abort', onAbort);
			if (options.signal.aborted) reject(abortError(options.signal));
			else if (code === 0) resolve();
			else
				reject(
					new Error(`ffmpeg could not normalise the clip (${code}): ${stderr.trim().slice(-800)}`),
				);
		});
	});
}

/**
 * Samples frames of a video for moderation: the first frame, every scene change
 * (ffmpeg `select` with `scene` > 0.3) and at least one frame per interval. Frames stream out of
 * ffmpeg as raw RGB one at a time (the consumer's pace holds ffmpeg back), never the whole video.
 */
import { mediaFile, probeMedia, startFfmpeg, type MediaInput } from '../../../media/ffmpeg';
import type { RgbImage } from './image';

export interface SampleOptions {
	/** Seconds between forced samples when the picture does not change. */
	intervalSeconds?: number;
	sceneThreshold?: number;
	/** Longest side of the frames handed out (OCR needs detail; more costs time). */
	maxSide?: number;
	maxFrames?: number;
}

export interface SampledFrame extends RgbImage {
	time: number;
}

async function videoSize(
	input: Extract<MediaInput, { file: string }>,
	signal: AbortSignal,
): Promise<{ width: number; height: number }> {
	const info = await probeMedia(input, signal, [
		'-select_streams',
		'v:0',
		'-show_entries',
		'stream=width,height',
	]);
	const stream = info.streams[0];
	if (!stream || !(Number(stream.width) > 0)) throw new Error('The video has no video stream.');
	return { width: Number(stream.width), height: Number(stream.height) };
}

export async function* sampleFrames(
	path: string,
	signal: AbortSignal,
	options: SampleOptions = {},
): AsyncGenerator<SampledFrame> {
	const interval = options.intervalSeconds ?? 2;
	const scene = options.sceneThreshold ?? 0.3;
	const maxSide = options.maxSide ?? 960;
	const maxFrames = options.maxFrames ?? 48;
	// The container is sniffed and stated: a cameo recording is a client's upload.
	const input = await mediaFile(path);
	const source = await videoSize(input, signal);
	const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
	const width = Math.max(2, Math.round((source.width * scale) / 2) * 2);
	const height = Math.max(2, Math.round((source.height * scale) / 2) * 2);
	const select = `select='eq(n\\,0)+gt(scene\\,${scene})+gte(t-prev_selected_t\\,${interval})'`;
	// showinfo prints one line per selected frame, in output order, with its presentation time.
	const times: number[] = [];
	const ffmpeg = startFfmpeg({
		what: 'frame sampling',
		global: ['-nostats', '-loglevel', 'info'],
		inputs: [input],
		output: [
			'-an',
			'-vf',
			`${select},showinfo,scale=${width}:${height}:flags=area`,
			'-vsync',
			'vfr',
			'-frames:v',
			String(maxFrames),
			'-f',
			'rawvideo',
			'-pix_fmt',
			'rgb24',
			'pipe:1',
		],
		stdout: 'pipe',
		signal,
		onStderrLine: (line) => {
			const match = line.match(/Parsed_showinfo.*pts_time:\s*([0-9.]+)/);
			if (match) times.push(Number(match[1]));
		},
	});
	const child = ffmpeg.child;

	const frameBytes = width * height * 3;
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let index = 0;
	try {
		for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
			pending.push(chunk);
			pendingBytes += chunk.length;
			while (pendingBytes >= frameBytes) {
				const all = Buffer.concat(pending);
				const frame = new Uint8Array(all.subarray(0, frameBytes));
				pending = [all.subarray(frameBytes)];
				pendingBytes -= frameBytes;
				// stderr may lag stdout by a moment; the time is the frame's index-th showinfo line.
				while (times.length <= index && child.exitCode === null)
					await new Promise((r) => setTimeout(r, 5));
				yield { width, height, data: frame, time: times[index] ?? index * interval };
				index++;
			}
		}
		await ffmpeg.done;
	} catch (error) {
		if (!signal.aborted) throw error;
	} finally {
		// A consumer that stops early leaves ffmpeg nothing to do.
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		await ffmpeg.done.catch(() => undefined);
	}
}

/**
 * Samples frames of a video for moderation: the first frame, every scene change (ffmpeg `select`
 * with `scene` > 0.3) and at least one frame per interval, scaled so that the longer side is at
 * most `maxSide`. Frames stream out of ffmpeg as raw RGB one at a time (the consumer's pace holds
 * ffmpeg back), never the whole video.
 *
 * One sampling chain, two places it runs: on a finished file (`sampleFrames`, the decode path for
 * uploads and remote providers) and as a second output of the local engine's encoder, on the very
 * yuv420p frames x264 is given (`samplingChain` + `SampledFrameReader`, see engine/encode). Given
 * the same frames, both hand out the same pictures at the same times. Both run through the ffmpeg
 * door (media/ffmpeg.ts).
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

/** What a sampling chain produces: frames of this size, at most `maxFrames` of them. */
export interface SamplingChain {
	/** An ffmpeg filter chain: yuv420p (or any) frames in, the selected frames as rgb24 out. */
	filter: string;
	width: number;
	height: number;
	maxFrames: number;
	intervalSeconds: number;
}

/** The sampling chain for a video of the given size. */
export function samplingChain(
	source: { width: number; height: number },
	options: SampleOptions = {},
): SamplingChain {
	const interval = options.intervalSeconds ?? 2;
	const scene = options.sceneThreshold ?? 0.3;
	const maxSide = options.maxSide ?? 960;
	const maxFrames = options.maxFrames ?? 48;
	const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
	const width = Math.max(2, Math.round((source.width * scale) / 2) * 2);
	const height = Math.max(2, Math.round((source.height * scale) / 2) * 2);
	// A millisecond of slack on the interval: containers round timestamps (to 1/1000 s in some), and
	// a frame exactly `interval` after the last one must count whichever way its time was stored.
	const gap = Math.max(0, interval - 0.001);
	const select = `select='eq(n\\,0)+gt(scene\\,${scene})+gte(t-prev_selected_t\\,${gap})'`;
	return {
		filter: `${select},showinfo,scale=${width}:${height}:flags=area,format=rgb24`,
		width,
		height,
		maxFrames,
		intervalSeconds: interval,
	};
}

const SHOWINFO_TIME = /Parsed_showinfo.*pts_time:\s*([0-9.]+)/;

/**
 * Pairs the raw frames of a sampling chain's output with their times: showinfo prints one line per
 * selected frame, in output order, with its presentation time, on ffmpeg's stderr.
 */
export class SampledFrameReader {
	private readonly times: number[] = [];
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	private index = 0;

	constructor(private readonly chain: SamplingChain) {}

	/** Feed one stderr line; true when it was a sampled frame's showinfo line (not worth a tail). */
	line(line: string): boolean {
		const match = SHOWINFO_TIME.exec(line);
		if (match) this.times.push(Number(match[1]));
		// showinfo's other lines (the stream's description) are its too.
		return match !== null || line.includes('Parsed_showinfo');
	}

	/** Feed raw rgb24 bytes; returns the frames completed by them (without times until known). */
	data(chunk: Buffer): Array<Omit<SampledFrame, 'time'> & { index: number }> {
		const frameBytes = this.chain.width * this.chain.height * 3;
		this.pending.push(chunk);
		this.pendingBytes += chunk.length;
		const frames = [];
		while (this.pendingBytes >= frameBytes) {
			const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
			frames.push({
				index: this.index++,
				width: this.chain.width,
				height: this.chain.height,
				data: new Uint8Array(all.subarray(0, frameBytes)),
			});
			this.pending = [all.subarray(frameBytes)];
			this.pendingBytes -= frameBytes;
		}
		return frames;
	}

	/** The time of the index-th sampled frame, once its showinfo line has arrived. */
	timeOf(index: number): number | undefined {
		return this.times[index];
	}

	/** After ffmpeg exited: the time of a frame whose line never came (should not happen). */
	fallbackTime(index: number): number {
		return this.times[index] ?? index * this.chain.intervalSeconds;
	}
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

/** The decode path: samples a finished video file. */
export async function* sampleFrames(
	path: string,
	signal: AbortSignal,
	options: SampleOptions = {},
): AsyncGenerator<SampledFrame> {
	// The container is sniffed and stated: a cameo recording is a client's upload.
	const input = await mediaFile(path);
	const chain = samplingChain(await videoSize(input, signal), options);
	const reader = new SampledFrameReader(chain);
	const ffmpeg = startFfmpeg({
		what: 'frame sampling',
		global: ['-nostats', '-loglevel', 'info'],
		inputs: [input],
		output: [
			'-an',
			'-vf',
			// Decoded as the encoder's sampling output sees its frames: yuv420p.
			`format=yuv420p,${chain.filter}`,
			'-fps_mode',
			'vfr',
			'-frames:v',
			String(chain.maxFrames),
			'-f',
			'rawvideo',
			'-pix_fmt',
			'rgb24',
			'pipe:1',
		],
		stdout: 'pipe',
		signal,
		onStderrLine: (line) => reader.line(line),
	});
	const child = ffmpeg.child;
	try {
		for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
			for (const frame of reader.data(chunk)) {
				// stderr may lag stdout by a moment; the time is the frame's index-th showinfo line.
				while (reader.timeOf(frame.index) === undefined && child.exitCode === null)
					await new Promise((r) => setTimeout(r, 5));
				const { index, ...image } = frame;
				yield { ...image, time: reader.fallbackTime(index) };
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

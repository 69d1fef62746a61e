/**
 * Samples frames of a video for moderation: the first frame, every scene change
 * (ffmpeg `select` with `scene` > 0.3) and at least one frame per interval. Frames stream out of
 * ffmpeg as raw RGB one at a time (the consumer's pace holds ffmpeg back), never the whole video.
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RgbImage } from './image';

const exec = promisify(execFile);

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

async function videoSize(path: string): Promise<{ width: number; height: number }> {
	const { stdout } = await exec('ffprobe', [
		'-v',
		'error',
		'-select_streams',
		'v:0',
		'-show_entries',
		'stream=width,height',
		'-of',
		'json',
		path,
	]);
	const stream = (JSON.parse(stdout) as { streams?: Array<{ width: number; height: number }> })
		.streams?.[0];
	if (!stream) throw new Error(`No video stream in ${path}`);
	return stream;
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
	const source = await videoSize(path);
	const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
	const width = Math.max(2, Math.round((source.width * scale) / 2) * 2);
	const height = Math.max(2, Math.round((source.height * scale) / 2) * 2);
	const select = `select='eq(n\\,0)+gt(scene\\,${scene})+gte(t-prev_selected_t\\,${interval})'`;
	const ffmpeg = spawn(
		'ffmpeg',
		[
			'-hide_banner',
			'-nostats',
			'-loglevel',
			'info',
			'-i',
			path,
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
		{ signal, stdio: ['ignore', 'pipe', 'pipe'] },
	);

	// showinfo prints one line per selected frame, in output order, with its presentation time.
	const times: number[] = [];
	let stderrTail = '';
	let partial = '';
	ffmpeg.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		const text = partial + chunk;
		const lines = text.split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			const match = line.match(/Parsed_showinfo.*pts_time:\s*([0-9.]+)/);
			if (match) times.push(Number(match[1]));
			else stderrTail = (stderrTail + line + '\n').slice(-2000);
		}
	});
	const exited = new Promise<number | null>((resolve) => ffmpeg.on('close', resolve));
	ffmpeg.on('error', () => undefined);

	const frameBytes = width * height * 3;
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let index = 0;
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		pending.push(chunk);
		pendingBytes += chunk.length;
		while (pendingBytes >= frameBytes) {
			const all = Buffer.concat(pending);
			const frame = new Uint8Array(all.subarray(0, frameBytes));
			pending = [all.subarray(frameBytes)];
			pendingBytes -= frameBytes;
			// stderr may lag stdout by a moment; the time is the frame's index-th showinfo line.
			while (times.length <= index && ffmpeg.exitCode === null)
				await new Promise((r) => setTimeout(r, 5));
			yield { width, height, data: frame, time: times[index] ?? index * interval };
			index++;
		}
	}
	const code = await exited;
	if (code !== 0 && !signal.aborted)
		throw new Error(
			`ffmpeg frame sampling failed (exit ${code}): ${stderrTail.trim().split('\n').slice(-3).join(' | ')}`,
		);
}

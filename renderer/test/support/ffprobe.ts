/** ffprobe's JSON view of a media file (the real ffprobe), for assertions on what was written. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedStream {
	codec_type: string;
	codec_name: string;
	width?: number;
	height?: number;
	pix_fmt?: string;
	sample_rate?: string;
	channels?: number;
	r_frame_rate?: string;
	nb_frames?: string;
	duration?: string;
}

export interface ProbeResult {
	format: { duration: string; format_name: string; size: string };
	streams: ProbedStream[];
}

const SHOW_ALL = ['-v', 'error', '-show_format', '-show_streams', '-of', 'json'];

export async function ffprobe(file: string): Promise<ProbeResult> {
	const { stdout } = await run('ffprobe', [...SHOW_ALL, file]);
	return JSON.parse(stdout) as ProbeResult;
}

/** The same, synchronously (for helpers called inside expectations). */
export function ffprobeSync(file: string): ProbeResult {
	return JSON.parse(execFileSync('ffprobe', [...SHOW_ALL, file]).toString()) as ProbeResult;
}

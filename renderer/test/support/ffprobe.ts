import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbeResult {
	format: { duration: string; format_name: string; size: string };
	streams: Array<{
		codec_type: string;
		codec_name: string;
		width?: number;
		height?: number;
		pix_fmt?: string;
		sample_rate?: string;
		channels?: number;
		r_frame_rate?: string;
		nb_frames?: string;
	}>;
}

/** ffprobe's JSON view of a media file (real ffprobe). */
export async function ffprobe(file: string): Promise<ProbeResult> {
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-show_format',
		'-show_streams',
		'-of',
		'json',
		file,
	]);
	return JSON.parse(stdout) as ProbeResult;
}

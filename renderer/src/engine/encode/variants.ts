/**
 * Still images next to the video: a full-size poster frame and a 320 px wide thumbnail, written
 * through the ffmpeg door (media/stills.ts: one run, one seek, one frame split into both).
 */
import { mediaFile } from '../../media/ffmpeg';
import { writeStills, type Stills } from '../../media/stills';

export const THUMBNAIL_WIDTH = 320;

export type Variants = Stills;

/** Writes `poster.jpg` and `thumbnail.jpg` into `dir` from the frame at `atSeconds`. */
export async function writeVariants(
	videoPath: string,
	dir: string,
	atSeconds: number,
	signal?: AbortSignal,
): Promise<Variants> {
	return writeStills(await mediaFile(videoPath), dir, atSeconds, THUMBNAIL_WIDTH, signal);
}

import path from 'node:path';
import type { OutputVariant, RenderRecord, StoredOutput } from '../../src/jobs/renderRecord';
import type { ObjectStorage } from '../../src/storage/storage';
import { fromLavfi } from '../support/clips';

/** A real 1-second H.264 MP4 and a JPEG poster, made by ffmpeg, stored as the runner stores outputs. */
export async function storeRealOutputs(
	storage: ObjectStorage,
	dir: string,
	renderId: string,
): Promise<Partial<Record<OutputVariant, StoredOutput>>> {
	const video = path.join(dir, `${renderId}.mp4`);
	const poster = path.join(dir, `${renderId}.jpg`);
	fromLavfi(
		video,
		['testsrc=size=160x120:rate=10'],
		['-t', '1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-movflags', '+faststart'],
	);
	fromLavfi(poster, ['testsrc=size=160x120'], ['-frames:v', '1']);
	const videoKey = `renders/${renderId}/video.mp4`;
	const posterKey = `renders/${renderId}/poster.jpg`;
	return {
		video: { key: videoKey, ...(await storage.putFile(videoKey, video, 'video/mp4')) },
		poster: { key: posterKey, ...(await storage.putFile(posterKey, poster, 'image/jpeg')) },
	};
}

export const passedModeration: NonNullable<RenderRecord['moderation']> = {
	flagged: false,
	action: 'allow',
	status: 'passed',
	categories: { violence: 0.02 },
	reasons: [],
	policy: 'default',
	checkedAt: new Date().toISOString(),
};

export const flaggedModeration: NonNullable<RenderRecord['moderation']> = {
	flagged: true,
	action: 'flag',
	status: 'flagged',
	categories: { violence: 0.91 },
	reasons: [
		{ category: 'violence', score: 0.91, source: 'transcript', detail: 'a matched phrase' },
	],
	policy: 'default',
	checkedAt: new Date().toISOString(),
};

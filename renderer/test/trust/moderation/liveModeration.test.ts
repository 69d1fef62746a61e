/**
 * Moderation of frames as the local engine encodes them (the encoder's sampling output) against
 * moderation of a finished file (the decode path): given the same frames, the same verdict, with
 * the same evidence. The frames are the engine's own (a planned storyboard, drawn), written once
 * through the encoder with the moderation tap and once as a lossless file of the same yuv420p
 * pictures, which the decode path then samples.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFrameRenderer } from '../../../src/engine/compose/frames';
import { encodeVideo, type FrameSource } from '../../../src/engine/encode';
import type { ModerationFrame } from '../../../src/pipeline/render';
import { MAYA, plannedAndSpoken, portraitSpec } from '../../support/engineFrames';
import { closeInspection } from '../../../src/trust/moderation/media/inspectionClient';
import { createModerator } from '../../../src/trust/moderation/moderator';

const never = new AbortController().signal;
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'rf-live-moderation-'));
});
afterAll(async () => {
	await closeInspection();
	await rm(dir, { recursive: true, force: true });
});

// 360×640 is the sampling size (longest side 640): neither path scales, so the test compares the
// selection and the inspection, not two scalers. A banned phrase is said and burned in as captions.
const spec = portraitSpec({
	seed: 11,
	fps: 30,
	characters: [MAYA],
	shots: [
		{
			id: 'gym',
			prompt: 'Maya in the gym',
			duration: 3,
			setting: 'gym',
			characters: ['maya'],
			dialogue: [{ character: 'maya', text: 'Kill yourself now, kill yourself now.', at: 1.2 }],
		},
		{
			id: 'street',
			prompt: 'the street at night',
			duration: 2,
			setting: 'city-night',
			timeOfDay: 'night',
			characters: ['maya'],
		},
	],
});

/** The engine's frames for `spec`, each also written to a lossless H.264 file of the same yuv420p. */
async function framesWithLosslessCopy(losslessPath: string) {
	const { storyboard, speech } = await plannedAndSpoken(spec, dir);
	const renderer = await createFrameRenderer(storyboard, { speech, physics: [] });
	const { width, height } = renderer;
	const lossless = spawn(
		'ffmpeg',
		[
			...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba'],
			...['-s', `${width}x${height}`, '-framerate', String(storyboard.fps), '-i', 'pipe:0'],
			...['-vf', [renderer.ffmpegFilter, 'format=yuv420p'].filter(Boolean).join(',')],
			...['-c:v', 'libx264', '-qp', '0', '-pix_fmt', 'yuv420p', losslessPath],
		],
		{ stdio: ['pipe', 'ignore', 'inherit'] },
	);
	const losslessDone = new Promise<number | null>((resolve) => lossless.on('close', resolve));
	const frames: FrameSource = {
		width,
		height,
		ffmpegFilter: renderer.ffmpegFilter,
		outputSize: renderer.outputSize,
		framesAreFresh: true,
		drawFrame(index) {
			const frame = renderer.drawFrame(index);
			lossless.stdin.write(frame);
			return frame;
		},
	};
	const finish = async () => {
		renderer.close();
		lossless.stdin.end();
		expect(await losslessDone).toBe(0);
	};
	const transcript = speech.clips.map((c) => c.text).join('\n');
	/** The frames encoded to `outPath` with libx264, sampled by `moderation` when one is given. */
	const encode = (outPath: string, moderation?: Parameters<typeof encodeVideo>[0]['moderation']) =>
		encodeVideo({
			frames,
			totalFrames: storyboard.totalFrames,
			fps: storyboard.fps,
			quality: storyboard.quality,
			outPath,
			encoder: 'libx264',
			moderation,
		});
	return { transcript, encode, finish };
}

test('the frames sampled while encoding give the verdict the decode path gives for the same frames', async () => {
	const moderator = createModerator({ openai: false });
	const live = moderator.startVideoModeration!(spec, never)!;
	expect(live).toBeDefined();
	const sampled: ModerationFrame[] = [];
	const tap = {
		...live.tap,
		frame(frame: ModerationFrame) {
			sampled.push(frame);
			live.tap.frame(frame);
		},
	};
	const losslessPath = join(dir, 'lossless.mp4');
	const { transcript, encode, finish } = await framesWithLosslessCopy(losslessPath);
	live.tap.transcript(transcript);
	const videoPath = join(dir, 'encoded.mp4');
	await encode(videoPath, tap);
	await finish();

	// The first frame, the 2 s cadence, the cut at 3 s.
	expect(sampled.map((f) => f.time)).toEqual([0, 2, 3]);
	expect(sampled[0]).toMatchObject({ width: 360, height: 640 });

	const whileEncoding = await live.finish({ videoPath, transcript, spec }, never);
	const decoded = await moderator.moderateVideo(
		{ videoPath: losslessPath, transcript, spec },
		never,
	);
	expect({ ...whileEncoding, checkedAt: '' }).toEqual({ ...decoded, checkedAt: '' });

	// The evidence is real: the transcript, and the caption read off the frames.
	expect(whileEncoding.flagged).toBe(true);
	expect(whileEncoding.reasons.map((r) => r.source)).toEqual(
		expect.arrayContaining(['transcript', 'ocr']),
	);
	expect(
		whileEncoding.reasons.filter((r) => r.source === 'ocr').map((r) => r.detail.split(',')[0]),
	).toEqual(['frame at 2.00 s', 'frame at 3.00 s']);
});

test('a provider that never sampled its frames is moderated by decoding its file', async () => {
	const moderator = createModerator({ openai: false });
	const live = moderator.startVideoModeration!(spec, never)!;
	const { transcript, encode, finish } = await framesWithLosslessCopy(join(dir, 'unused.mp4'));
	const videoPath = join(dir, 'untapped.mp4');
	await encode(videoPath);
	await finish();
	const verdict = await live.finish({ videoPath, transcript, spec }, never);
	const decoded = await moderator.moderateVideo({ videoPath, transcript, spec }, never);
	expect({ ...verdict, checkedAt: '' }).toEqual({ ...decoded, checkedAt: '' });
	expect(verdict.reasons.some((r) => r.source === 'ocr')).toBe(true);
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFrames } from '../../../src/trust/moderation/media/frameSampler';
import { classifyNsfw } from '../../../src/trust/moderation/media/nsfwClassifier';
import { resizeBilinear } from '../../../src/trust/moderation/media/image';
import { createModerator } from '../../../src/trust/moderation/moderator';
import { createVideoInspector } from '../../../src/trust/moderation/media/videoInspector';
import { validateRenderSpec } from '../../../src/spec/validate';
import { ffmpeg, muxMp4, speak } from '../support/media';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const spec = validateRenderSpec({ prompt: 'a calm beach' });
const never = new AbortController().signal;
let dir: string;

/** A moderator with the offline rules (no OpenAI) and a video inspector with the given parts. */
const videoModerator = (inspect: Parameters<typeof createVideoInspector>[0], transcribe?: false) =>
	createModerator({
		openai: false,
		...(transcribe === false ? { transcribe } : {}),
		video: createVideoInspector(inspect),
	});

/** The verdict on one of the made videos, with no transcript unless one is given. */
const verdictOn = (
	moderator: ReturnType<typeof createModerator>,
	file: string,
	forSpec = spec,
	transcript = '',
) => moderator.moderateVideo({ videoPath: join(dir, file), transcript, spec: forSpec }, never);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'trust-media-'));
	// Three scenes: test pattern, a caption card with a banned phrase, a plain blue card.
	await ffmpeg([
		'-f',
		'lavfi',
		'-i',
		'testsrc2=size=480x270:rate=10:duration=1.5',
		'-f',
		'lavfi',
		'-i',
		`color=c=0x202020:size=480x270:rate=10:duration=1.5,drawtext=fontfile=${FONT}:text='KILL YOURSELF NOW':fontcolor=white:fontsize=36:x=40:y=110`,
		'-f',
		'lavfi',
		'-i',
		'color=c=0x3366cc:size=480x270:rate=10:duration=1.5',
		'-filter_complex',
		'[0][1][2]concat=n=3:v=1:a=0',
		'-c:v',
		'libx264',
		'-pix_fmt',
		'yuv420p',
		join(dir, 'banned.mp4'),
	]);
	await ffmpeg([
		'-f',
		'lavfi',
		'-i',
		'testsrc2=size=480x270:rate=10:duration=3',
		'-c:v',
		'libx264',
		'-pix_fmt',
		'yuv420p',
		join(dir, 'neutral.mp4'),
	]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('frames are sampled at scene changes and at the interval, streamed with their times', async () => {
	const atScenes = [];
	for await (const frame of sampleFrames(join(dir, 'banned.mp4'), never, { intervalSeconds: 10 }))
		atScenes.push(frame);
	expect(atScenes.map((f) => f.time)).toEqual([0, 1.5, 3]);
	expect(atScenes[0]).toMatchObject({ width: 480, height: 270 });
	expect(atScenes[0].data.length).toBe(480 * 270 * 3);

	const byInterval = [];
	for await (const frame of sampleFrames(join(dir, 'neutral.mp4'), never, {
		intervalSeconds: 1,
		maxSide: 240,
	}))
		byInterval.push(frame);
	expect(byInterval.map((f) => f.time)).toEqual([0, 1, 2]);
	expect(byInterval[0]).toMatchObject({ width: 240, height: 136 });
});

test('a banned phrase burned into the picture is caught through OCR', async () => {
	const moderator = videoModerator({ nsfw: false });
	const verdict = await verdictOn(moderator, 'banned.mp4');
	expect(verdict.flagged).toBe(true);
	expect(verdict.reasons).toEqual([
		expect.objectContaining({
			category: 'self-harm',
			source: 'ocr',
			detail: expect.stringContaining('frame at 1.50 s'),
		}),
	]);
	expect(verdict.reasons[0].detail).toMatch(/KILL YOURSELF/);

	const clean = await verdictOn(moderator, 'neutral.mp4', spec, 'what a lovely day at the beach');
	expect(clean).toMatchObject({ flagged: false, reasons: [] });
});

/**
 * The seeded NSFW-style image: an 8x8 colour grid (fixtures/nsfwSeed.json) that black-box search
 * against nsfwjs's own model found it scores as "Porn" — not NSFW content, but a picture the real
 * model flags. Rendered by the test, encoded into a video, moderated with the default policy.
 */
test('a seeded NSFW-style image is flagged through the video path; a neutral pattern passes', async () => {
	const seed = JSON.parse(
		await readFile(join(__dirname, '..', 'fixtures', 'nsfwSeed.json'), 'utf8'),
	) as { grid: number; rgb: number[] };
	const image = resizeBilinear(
		{ width: seed.grid, height: seed.grid, data: Uint8Array.from(seed.rgb) },
		224,
		224,
	);
	const direct = await classifyNsfw(image);
	expect(direct.classes.Porn).toBeGreaterThan(0.5);

	// One second at 5 fps: the same frame five times as raw RGB into H.264.
	await writeFile(
		join(dir, 'seed.rgb'),
		Buffer.concat(Array.from({ length: 5 }, () => Buffer.from(image.data))),
	);
	await ffmpeg([
		'-f',
		'rawvideo',
		'-pix_fmt',
		'rgb24',
		'-s',
		'224x224',
		'-r',
		'5',
		'-i',
		join(dir, 'seed.rgb'),
		'-c:v',
		'libx264',
		'-crf',
		'12',
		'-pix_fmt',
		'yuv420p',
		join(dir, 'seeded.mp4'),
	]);
	await ffmpeg([
		'-f',
		'lavfi',
		'-i',
		'testsrc=size=224x224:rate=5:duration=1',
		'-c:v',
		'libx264',
		'-pix_fmt',
		'yuv420p',
		join(dir, 'pattern.mp4'),
	]);

	const moderator = videoModerator({ ocr: false }, false);
	const flagged = await verdictOn(moderator, 'seeded.mp4');
	expect(flagged.flagged).toBe(true);
	expect(flagged.action).toBe('block');
	expect(flagged.reasons[0]).toMatchObject({
		category: 'sexual',
		source: 'frame',
		detail: expect.stringContaining('nsfw model: Porn'),
	});
	const passed = await verdictOn(moderator, 'pattern.mp4');
	expect(passed).toMatchObject({ flagged: false, reasons: [] });
	expect(passed.categories.sexual).toBeLessThan(0.1);
});

test('a video without a transcript is listened to: spoken words reach the text rules', async () => {
	const wav = join(dir, 'speech.wav');
	await speak('I am going to kill myself tonight', wav);
	await muxMp4(
		['-f', 'lavfi', '-i', 'color=c=0x3366cc:size=320x180:rate=10'],
		['-i', wav],
		join(dir, 'spoken.mp4'),
	);
	const moderator = videoModerator({ nsfw: false, ocr: false });
	const remote = validateRenderSpec({ prompt: 'a calm beach', provider: 'veo' });
	const verdict = await verdictOn(moderator, 'spoken.mp4', remote);
	expect(verdict.reasons).toEqual([
		expect.objectContaining({
			category: 'self-harm',
			source: 'transcript',
			detail: expect.stringContaining('kill myself'),
		}),
	]);
	// A video without audio has nothing to transcribe.
	const silent = await verdictOn(moderator, 'neutral.mp4', remote);
	expect(silent.flagged).toBe(false);
	// The local engine reports every word it synthesised: no second guess from speech recognition.
	expect((await verdictOn(moderator, 'spoken.mp4')).flagged).toBe(false);
});

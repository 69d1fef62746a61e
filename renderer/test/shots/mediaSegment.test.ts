/**
 * Media shots with real ffmpeg: pictures and clips of other sizes, frame rates and shapes come out
 * at the spec's size, rate and length, with a sound track exactly as long as the picture; a clip's
 * sound stays in sync with its picture through trim and speed (a flash and a beep at the same
 * source time land at the same output time); stills move (Ken Burns); what is not a picture or a
 * single video is refused with the field that named it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { identifyMedia } from '../../src/shots/mediaSource';
import { QUICK_H264_AAC } from '../../src/media/ffmpeg';
import { renderMediaSegment } from '../../src/shots/mediaSegment';
import { validateRenderSpec } from '../../src/spec/validate';
import type { Media, RenderSpec } from '../../src/spec/renderSpec';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelforge-media-shot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ffmpeg(args: string[]) {
	await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** A black clip that turns white at `at` s, with silence that becomes a tone at the same moment. */
async function flashAndBeep(
	name: string,
	size: string,
	fps: number,
	seconds: number,
	at: number,
): Promise<string> {
	const out = path.join(dir, name);
	await ffmpeg([
		'-f',
		'lavfi',
		'-i',
		`color=black:s=${size}:r=${fps}:d=${seconds}[b];color=white:s=${size}:r=${fps}:d=${seconds}[w];[b][w]overlay=enable='gte(t,${at})'`,
		'-f',
		'lavfi',
		'-i',
		`sine=frequency=660:sample_rate=44100:duration=${seconds},volume=volume=0:enable='lt(t,${at})'`,
		...QUICK_H264_AAC,
		'-ac',
		'1',
		'-shortest',
		out,
	]);
	return out;
}

interface StreamFacts {
	width: number;
	height: number;
	fps: number;
	frames: number;
	videoSeconds: number;
	audioSeconds: number;
	sampleRate: number;
	channels: number;
}

async function facts(file: string): Promise<StreamFacts> {
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-count_frames',
		'-show_streams',
		'-show_format',
		'-of',
		'json',
		file,
	]);
	const probe = JSON.parse(stdout) as {
		streams: Array<Record<string, string | number>>;
		format: { duration: string };
	};
	const v = probe.streams.find((s) => s.codec_type === 'video')!;
	const a = probe.streams.find((s) => s.codec_type === 'audio')!;
	const [n, d] = String(v.r_frame_rate).split('/').map(Number);
	// Matroska keeps no per-stream duration: the audio's length is its samples.
	const audioSeconds = await run('ffprobe', [
		'-v',
		'error',
		'-select_streams',
		'a:0',
		'-show_entries',
		'packet=pts_time,duration_time',
		'-of',
		'csv=p=0',
		file,
	]).then(({ stdout: out }) => {
		const last = out.trim().split('\n').pop()!.split(',').map(Number);
		return last[0]! + last[1]!;
	});
	const frames = Number(v.nb_read_frames);
	return {
		width: Number(v.width),
		height: Number(v.height),
		fps: n! / d!,
		frames,
		videoSeconds: frames / (n! / d!),
		audioSeconds,
		sampleRate: Number(a.sample_rate),
		channels: Number(a.channels),
	};
}

/** When the picture first turns bright, and when the sound first starts, in seconds. */
async function flashAndBeepTimes(file: string): Promise<{ flash: number; beep: number }> {
	const { stderr } = await run('ffmpeg', [
		'-hide_banner',
		'-i',
		file,
		'-vf',
		'blackdetect=d=0.01:pix_th=0.5',
		'-af',
		'silencedetect=n=-40dB:d=0.01',
		'-f',
		'null',
		'-',
	]);
	const flash = Number(/black_end:([\d.]+)/.exec(stderr)?.[1]);
	const beep = Number(/silence_end: ([\d.]+)/.exec(stderr)?.[1]);
	return { flash, beep };
}

function spec(extra: Record<string, unknown> = {}): RenderSpec {
	return validateRenderSpec({
		output: { width: 360, height: 640, fps: 24, quality: 'draft' },
		shots: [{ media: { url: 'https://media.example/x.mp4' }, duration: 2 }],
		...extra,
	});
}

async function segment(
	file: string,
	media: Media,
	seconds: number,
	extra: Record<string, unknown> = {},
) {
	const s = spec();
	const shot = { ...s.shots[0]!, media, duration: seconds, ...extra };
	const output = path.join(dir, `out-${Math.random().toString(36).slice(2)}.mkv`);
	const identified = await identifyMedia(file, '/shots/0/media/url');
	const timing = await renderMediaSegment({
		spec: s,
		shot,
		media,
		facts: identified,
		seconds,
		gain: 1,
		output,
		signal: new AbortController().signal,
	});
	return { output, timing, identified };
}

describe('media shots', () => {
	it('fits a 30 fps 16:9 clip into 9:16 at 24 fps, trimmed, with its sound in sync', async () => {
		const source = await flashAndBeep('wide.mp4', '640x360', 30, 4, 1.5);
		const { output } = await segment(source, { url: 'x', fit: 'blur', trim: { start: 1 } }, 2);
		const out = await facts(output);
		expect(out).toMatchObject({ width: 360, height: 640, fps: 24, sampleRate: 48000, channels: 2 });
		expect(out.frames).toBe(48);
		expect(Math.abs(out.audioSeconds - out.videoSeconds)).toBeLessThan(1 / 24 + 0.01);
		const { flash, beep } = await flashAndBeepTimes(output);
		// Source 1.5 s, trimmed from 1 s: both at 0.5 s.
		expect(flash).toBeCloseTo(0.5, 1);
		expect(Math.abs(beep - flash)).toBeLessThan(0.05);
	});

	it('plays a clip at double speed with its sound still in sync, and holds its last frame', async () => {
		const source = await flashAndBeep('square.mp4', '480x480', 25, 3, 2);
		const { output, timing } = await segment(source, { url: 'x', speed: 2, fit: 'contain' }, 2.5);
		const out = await facts(output);
		expect(out).toMatchObject({ width: 360, height: 640, fps: 24 });
		expect(out.frames).toBe(60);
		expect(Math.abs(out.audioSeconds - 2.5)).toBeLessThan(0.05);
		const { flash, beep } = await flashAndBeepTimes(output);
		expect(flash).toBeCloseTo(1, 1);
		expect(Math.abs(beep - flash)).toBeLessThan(0.05);
		// 3 s at double speed plays 1.5 s of a 2.5 s shot: held for 1 s.
		expect(timing.held).toBeCloseTo(1, 2);
	});

	it('loops a short trimmed clip to fill the shot', async () => {
		const source = await flashAndBeep('short.mp4', '320x240', 30, 2, 0.5);
		const { output, timing } = await segment(
			source,
			{ url: 'x', trim: { start: 0, end: 1 }, loop: true },
			2.5,
		);
		expect(timing.looped).toBe(true);
		const out = await facts(output);
		expect(out.frames).toBe(60);
		// The flash comes back on every loop: black at 1.0–1.5 s again.
		const { stderr } = await run('ffmpeg', [
			'-hide_banner',
			'-i',
			output,
			'-vf',
			'blackdetect=d=0.01:pix_th=0.5',
			'-an',
			'-f',
			'null',
			'-',
		]);
		const blackStarts = [...stderr.matchAll(/black_start:([\d.]+)/g)].map((m) => Number(m[1]));
		expect(blackStarts.length).toBeGreaterThanOrEqual(3);
		expect(blackStarts[1]).toBeCloseTo(1, 1);
	});

	it.each([
		['png', 'png', 1600, 900],
		['jpeg', 'mjpeg', 500, 1200],
		['webp', 'libwebp', 800, 800],
	])(
		'shows a %s still at the spec size with a Ken Burns move and silence',
		async (ext, codec, w, h) => {
			const still = path.join(dir, `still-${w}x${h}.${ext}`);
			await ffmpeg([
				'-f',
				'lavfi',
				'-i',
				`testsrc2=size=${w}x${h}:rate=1:duration=1`,
				'-frames:v',
				'1',
				'-c:v',
				codec,
				...(ext === 'jpeg' ? ['-pix_fmt', 'yuvj420p'] : []),
				still,
			]);
			const { output, identified } = await segment(still, { url: 'x', fit: 'cover' }, 1.5, {
				camera: { move: 'pan-right', intensity: 1 },
			});
			expect(identified).toMatchObject({ kind: 'image', image: { width: w, height: h } });
			const out = await facts(output);
			expect(out).toMatchObject({ width: 360, height: 640, fps: 24, frames: 36 });
			expect(Math.abs(out.audioSeconds - 1.5)).toBeLessThan(0.05);
			// The picture moves: the first and last frames differ.
			const frame = async (at: string) =>
				(
					await run(
						'ffmpeg',
						[
							'-v',
							'error',
							'-ss',
							at,
							'-i',
							output,
							'-frames:v',
							'1',
							'-f',
							'rawvideo',
							'-pix_fmt',
							'gray',
							'-s',
							'36x64',
							'-',
						],
						{
							encoding: 'buffer',
						},
					)
				).stdout as Buffer;
			const first = await frame('0');
			const last = await frame('1.4');
			let diff = 0;
			for (let i = 0; i < first.length; i++) diff += Math.abs(first[i]! - last[i]!);
			expect(diff / first.length).toBeGreaterThan(2);
		},
	);

	it('refuses a playlist dressed as a picture, naming the field', async () => {
		const playlist = path.join(dir, 'list.png');
		fs.writeFileSync(playlist, '#EXTM3U\n#EXT-X-VERSION:3\nhttp://169.254.169.254/latest\n');
		await expect(identifyMedia(playlist, '/shots/2/media/url')).rejects.toMatchObject({
			statusCode: 422,
			code: 'media_unsupported',
			details: [{ path: '/shots/2/media/url' }],
		});
	});
});

describe('media shots in the spec', () => {
	const base = { output: { width: 360, height: 640, fps: 24, quality: 'draft' } };
	const errorsOf = (input: unknown) => {
		try {
			validateRenderSpec(input);
			return [];
		} catch (error) {
			return (error as { details: Array<{ path: string; message: string }> }).details;
		}
	};

	it('needs exactly one of asset and url, a trim that ends after it starts, and no drawn-shot fields', () => {
		expect(
			errorsOf({
				...base,
				shots: [
					{ duration: 2, media: {} },
					{ duration: 2, media: { asset: 'ast_1', url: 'https://a.example/b.png' } },
					{ duration: 2, media: { url: 'https://a.example/c.mp4', trim: { start: 3, end: 2 } } },
					{ duration: 2, media: { asset: 'ast_2' }, dialogue: [] },
					{ duration: 2 },
				],
			}).map((e) => e.path),
		).toEqual([
			'/shots/0/media',
			'/shots/1/media',
			'/shots/2/media/trim/end',
			'/shots/3/dialogue',
			'/shots/4/prompt',
		]);
	});

	it('accepts a media shot without a prompt, a per-shot provider and a fallback chain', () => {
		const s = validateRenderSpec({
			...base,
			provider: 'auto',
			fallback: ['veo', 'local'],
			shots: [
				{ duration: 2, media: { asset: 'ast_abc', fit: 'blur' } },
				{ duration: 3, prompt: 'a fox runs across a snowy field', provider: 'veo' },
			],
		});
		expect(s.fallback).toEqual(['veo', 'local']);
		expect(s.shots[0]!.media).toEqual({ asset: 'ast_abc', fit: 'blur', audio: 'keep' });
		expect(validateRenderSpec({ ...base, prompt: 'x' }).fallback).toBe('none');
		expect(errorsOf({ ...base, prompt: 'x', fallback: 'sometimes' })[0]?.path).toBe('/fallback');
	});
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeArgs, encodeVideo, type FrameSource } from '../../../src/engine/encode';
import {
	drawnFrameEncoderSettings,
	encoderSettings,
} from '../../../src/engine/encode/encoderChoice';
import { writeVariants } from '../../../src/engine/encode/variants';
import {
	audioRmsDb,
	decodeFrame,
	frameHashes,
	meanColour,
	probe,
	topLevelBoxes,
} from './mediaProbe';
import { fromLavfi } from '../../support/clips';

const W = 160;
const H = 284;
const FPS = 24;

/**
 * A test frame source: solid red before `boundary`, solid blue from it on, drawn into ONE buffer
 * that is overwritten for every frame, as the real renderer does. Any frame still queued when the
 * next one is drawn would come out the wrong colour.
 */
function twoColourSource(boundary: number, onDraw?: (i: number) => void): FrameSource {
	const buffer = Buffer.alloc(W * H * 4);
	return {
		width: W,
		height: H,
		drawFrame(i) {
			onDraw?.(i);
			const [r, g, b] = i < boundary ? [220, 30, 30] : [30, 40, 220];
			for (let p = 0; p < buffer.length; p += 4) {
				buffer[p] = r;
				buffer[p + 1] = g;
				buffer[p + 2] = b;
				buffer[p + 3] = 255;
			}
			return buffer;
		},
	};
}

/** Encodes `totalFrames` of `frames` at FPS to `outPath`: draft quality, libx264, no sound. */
function encodeDraft(outPath: string, frames: FrameSource, totalFrames: number) {
	return encodeVideo({
		frames,
		totalFrames,
		fps: FPS,
		quality: 'draft',
		outPath,
		encoder: 'libx264',
	});
}

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'rf-encode-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function toneWav(seconds: number): string {
	const path = join(dir, 'tone.wav');
	fromLavfi(
		path,
		[`sine=frequency=440:sample_rate=48000:duration=${seconds}`],
		['-ac', '2', '-ar', '48000'],
	);
	return path;
}

describe('encodeVideo', () => {
	it('streams frames into an H.264/AAC faststart MP4 with the exact frame count and duration', async () => {
		const outPath = join(dir, 'out.mp4');
		const progress: number[] = [];
		const result = await encodeVideo({
			frames: twoColourSource(30),
			totalFrames: 60,
			fps: FPS,
			quality: 'draft',
			audioPath: toneWav(1.5),
			outPath,
			encoder: 'libx264',
			onProgress: (f) => progress.push(f),
			stills: { dir, atSeconds: 2 },
		});
		expect(result).toMatchObject({ frames: 60, durationSeconds: 2.5, encoder: 'libx264' });
		// The intermediate video-only and audio-only files are gone; the stills show the blue half.
		expect(readdirSync(dir).sort()).toEqual(['out.mp4', 'poster.jpg', 'thumbnail.jpg', 'tone.wav']);
		expect(probe(result.variants!.poster).streams[0]).toMatchObject({
			codec_name: 'mjpeg',
			width: W,
			height: H,
		});
		expect(probe(result.variants!.thumbnail).streams[0]).toMatchObject({
			codec_name: 'mjpeg',
			width: 320,
		});
		expect(meanColour(decodeFrame(result.variants!.poster, 0, W, H))[2]).toBeGreaterThan(180);
		expect(result.timingsMs.draw).toBeGreaterThanOrEqual(0);
		const info = probe(outPath);
		const video = info.streams.find((s) => s.codec_type === 'video')!;
		const audio = info.streams.find((s) => s.codec_type === 'audio')!;
		expect(video).toMatchObject({
			codec_name: 'h264',
			width: W,
			height: H,
			pix_fmt: 'yuv420p',
			nb_frames: '60',
			r_frame_rate: '24/1',
		});
		expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
		expect(Math.abs(Number(info.format.duration) - 2.5)).toBeLessThanOrEqual(1 / FPS);
		const boxes = topLevelBoxes(outPath);
		expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
		expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
		expect(progress.at(-1)).toBe(1);
		// The tone is 1.5 s long: audible before, padded with silence after.
		expect(audioRmsDb(outPath, 0.2, 1.2)).toBeGreaterThan(-30);
		expect(audioRmsDb(outPath, 1.7, 2.4)).toBeLessThan(-60);
	});

	it('puts the colour change on the exact frame although the source reuses one buffer', async () => {
		const outPath = join(dir, 'cut.mp4');
		await encodeDraft(outPath, twoColourSource(17), 30);
		const before = meanColour(decodeFrame(outPath, 16, W, H));
		const after = meanColour(decodeFrame(outPath, 17, W, H));
		expect(before[0]).toBeGreaterThan(180);
		expect(before[2]).toBeLessThan(70);
		expect(after[2]).toBeGreaterThan(180);
		expect(after[0]).toBeLessThan(70);
	});

	it('always writes an audio track, silent when there is no mix', async () => {
		const outPath = join(dir, 'silent.mp4');
		await encodeDraft(outPath, twoColourSource(5), 12);
		expect(
			probe(outPath)
				.streams.map((s) => s.codec_type)
				.sort(),
		).toEqual(['audio', 'video']);
	});

	it('takes a mix still being made: the streams are those of the WAV given up front', async () => {
		const wav = toneWav(1);
		const given = join(dir, 'given.mp4');
		const later = join(dir, 'later.mp4');
		await encodeVideo({
			frames: twoColourSource(5),
			totalFrames: 24,
			fps: FPS,
			quality: 'draft',
			audioPath: wav,
			outPath: given,
			encoder: 'libx264',
		});
		// The mix is handed over only once frames are being encoded.
		let handOver!: (path: string) => void;
		const mixing = new Promise<string>((resolve) => (handOver = resolve));
		await encodeVideo({
			frames: twoColourSource(5, (i) => i === 8 && handOver(wav)),
			totalFrames: 24,
			fps: FPS,
			quality: 'draft',
			audioPath: mixing,
			outPath: later,
			encoder: 'libx264',
		});
		const md5 = (file: string, stream: 'a' | 'v') =>
			execFileSync(
				'ffmpeg',
				['-v', 'error', '-i', file, '-map', `0:${stream}`, '-c', 'copy', '-f', 'md5', '-'],
				{
					encoding: 'utf8',
				},
			).trim();
		expect(md5(later, 'a')).toMatch(/^MD5=[0-9a-f]{32}$/);
		expect(md5(later, 'a')).toBe(md5(given, 'a'));
		expect(md5(later, 'v')).toBe(md5(given, 'v'));
	});

	it('stops the frames when the mix fails, with its error, and leaves nothing', async () => {
		const outPath = join(dir, 'no-mix.mp4');
		let fail!: (error: Error) => void;
		const mixing = new Promise<string>((_, reject) => (fail = reject));
		let drawn = 0;
		await expect(
			encodeVideo({
				frames: twoColourSource(1000, (i) => {
					drawn = i + 1;
					if (i === 10) fail(new Error('the music track is unreadable'));
				}),
				totalFrames: 2000,
				fps: FPS,
				quality: 'draft',
				audioPath: mixing,
				outPath,
				encoder: 'libx264',
			}),
		).rejects.toThrow('the music track is unreadable');
		expect(drawn).toBeLessThan(2000);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('gives identical decoded frames for identical input', async () => {
		const a = join(dir, 'a.mp4');
		const b = join(dir, 'b.mp4');
		await encodeDraft(a, twoColourSource(7), 15);
		await encodeDraft(b, twoColourSource(7), 15);
		const hashes = frameHashes(a);
		expect(hashes).toHaveLength(15);
		expect(frameHashes(b)).toEqual(hashes);
	});

	it('on abort kills ffmpeg, removes the partial file and rejects with AbortError', async () => {
		const outPath = join(dir, 'cancel.mp4');
		const controller = new AbortController();
		const spawned: number[] = [];
		const before = new Set(ffmpegPids());
		const promise = encodeVideo({
			frames: twoColourSource(1000, (i) => {
				if (i === 5) spawned.push(...ffmpegPids().filter((p) => !before.has(p)));
				if (i === 40) controller.abort();
			}),
			totalFrames: 2000,
			fps: FPS,
			quality: 'draft',
			outPath,
			signal: controller.signal,
			encoder: 'libx264',
		});
		await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
		// The video step, and the audio step when it is still running.
		expect(spawned.length).toBeGreaterThanOrEqual(1);
		expect(spawned.filter(isAlive)).toEqual([]);
		expect(existsSync(outPath)).toBe(false);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('rejects a frame of the wrong size with a clear error', async () => {
		const bad: FrameSource = { width: W, height: H, drawFrame: () => Buffer.alloc(10) };
		await expect(
			encodeVideo({
				frames: bad,
				totalFrames: 3,
				fps: FPS,
				quality: 'draft',
				outPath: join(dir, 'bad.mp4'),
				encoder: 'libx264',
			}),
		).rejects.toThrow(/expected/);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('maps quality to the libx264 presets', () => {
		const args = (quality: 'draft' | 'standard' | 'high') =>
			encodeArgs({
				width: W,
				height: H,
				fps: 30,
				totalFrames: 30,
				quality,
				outPath: 'x.mp4',
				encoder: 'libx264',
			}).join(' ');
		expect(args('draft')).toContain('-preset ultrafast -crf 28');
		// Drawn frames at standard: veryfast with x264's cheapest sub-pixel refinement, at a CRF that
		// keeps their SSIM (encoderChoice.ts, docs/BENCHMARKS.md).
		expect(args('standard')).toContain('-preset veryfast -crf 22.7');
		expect(args('standard')).toContain('-x264-params subme=1');
		expect(args('draft')).not.toContain('-x264-params');
		expect(args('high')).toContain('-preset medium -crf 18');
		expect(args('high')).not.toContain('-x264-params');
	});

	it('keeps the reference settings for everything that is not drawn by the engine', () => {
		// The delivery format of stitched and remixed camera footage, and the benchmark's bare encode.
		expect(encoderSettings('libx264', 'standard', 30).videoOptions.join(' ')).toBe(
			'-c:v libx264 -preset veryfast -crf 23 -g 60',
		);
		expect(drawnFrameEncoderSettings('h264_nvenc', 'standard', 30)).toEqual(
			encoderSettings('h264_nvenc', 'standard', 30),
		);
	});

	it('gives the video step one input (the pipe) and bounds x264 on 4K frames', () => {
		const video = (width: number, height: number) =>
			encodeArgs({
				width,
				height,
				fps: 30,
				totalFrames: 30,
				quality: 'standard',
				outPath: 'x.mp4',
				encoder: 'libx264',
			});
		// A second input makes ffmpeg read the pipe on a thread of its own, which held ~500 MB more at 4K.
		expect(video(W, H).filter((a) => a === '-i')).toHaveLength(1);
		expect(video(W, H)).toContain('-an');
		expect(video(W, H).join(' ')).not.toContain('rc-lookahead');
		// One -x264-params (ffmpeg keeps only the last): the drawn-frame tuning and the 4K bounds together.
		expect(video(2160, 3840).join(' ')).toContain(
			'-x264-params subme=1:rc-lookahead=5:sync-lookahead=0',
		);
		expect(video(2160, 3840).filter((a) => a === '-x264-params')).toHaveLength(1);
	});
});

describe('the stills in the mux run', () => {
	/** Frames that change every frame, so a still from the wrong frame shows. */
	function movingSource(): FrameSource {
		return {
			width: W,
			height: H,
			drawFrame(i) {
				const frame = Buffer.alloc(W * H * 4, 255);
				for (let p = 0; p < W * H; p++) {
					frame[p * 4] = ((p % W) + i * 9) & 255;
					frame[p * 4 + 1] = (Math.floor(p / W) * 3 + i * 5) & 255;
				}
				return frame;
			},
		};
	}

	it.each([
		['a frame time', 1],
		['between two frames', 1.01],
		['the last frame', 59 / FPS],
	])(
		'writes the same file as a mux alone, and the stills a run of their own takes (%s)',
		async (_, atSeconds) => {
			const encode = (outPath: string, stillsDir?: string) =>
				encodeVideo({
					frames: movingSource(),
					totalFrames: 60,
					fps: FPS,
					quality: 'standard',
					audioPath: toneWav(1),
					outPath,
					encoder: 'libx264',
					...(stillsDir ? { stills: { dir: stillsDir, atSeconds } } : {}),
				});
			const withStills = await encode(join(dir, 'with.mp4'), dir);
			await encode(join(dir, 'without.mp4'));
			expect(
				readFileSync(join(dir, 'with.mp4')).equals(readFileSync(join(dir, 'without.mp4'))),
			).toBe(true);
			const alone = mkdtempSync(join(dir, 'alone-'));
			const own = await writeVariants(join(dir, 'without.mp4'), alone, atSeconds);
			expect(readFileSync(withStills.variants!.poster).equals(readFileSync(own.poster))).toBe(true);
			expect(readFileSync(withStills.variants!.thumbnail).equals(readFileSync(own.thumbnail))).toBe(
				true,
			);
		},
	);
});

describe('writeVariants', () => {
	it('writes a full-size poster and a 320 px wide thumbnail', async () => {
		const outPath = join(dir, 'v.mp4');
		await encodeDraft(
			outPath,
			{ width: 640, height: 360, drawFrame: () => Buffer.alloc(640 * 360 * 4, 128) },
			10,
		);
		const { poster, thumbnail } = await writeVariants(outPath, dir, 0.2);
		expect(probe(poster).streams[0]).toMatchObject({
			codec_name: 'mjpeg',
			width: 640,
			height: 360,
		});
		expect(probe(thumbnail).streams[0]).toMatchObject({
			codec_name: 'mjpeg',
			width: 320,
			height: 180,
		});
	});
});

function ffmpegPids(): number[] {
	return readdirSync('/proc')
		.filter((d) => /^\d+$/.test(d))
		.map(Number)
		.filter((pid) => {
			try {
				const cmd = readFileSync(`/proc/${pid}/cmdline`).toString();
				return (
					cmd.startsWith('ffmpeg\u0000') && cmd.includes('pipe:0') && cmd.includes('rf-encode-')
				);
			} catch {
				return false;
			}
		});
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`).toString());
	} catch {
		return false;
	}
}

describe('encodeVideo with a source of fresh frames', () => {
	it('writes each new buffer as it is and keeps the colour change on its frame', async () => {
		const outPath = join(dir, 'fresh.mp4');
		const reused = twoColourSource(9);
		// Each call copies the shared buffer into a new one, as the Skia renderer's canvas.data() does.
		const fresh: FrameSource = {
			width: W,
			height: H,
			framesAreFresh: true,
			drawFrame: (i) => Buffer.from(reused.drawFrame(i) as Buffer),
		};
		await encodeDraft(outPath, fresh, 20);
		expect(meanColour(decodeFrame(outPath, 8, W, H))[0]).toBeGreaterThan(180);
		expect(meanColour(decodeFrame(outPath, 9, W, H))[2]).toBeGreaterThan(180);
		expect(readdirSync(dir)).toEqual(['fresh.mp4']);
	});
});

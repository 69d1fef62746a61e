/** The ffmpeg door with the real ffmpeg and ffprobe. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mediaTools } from '../../src/config';
import {
	configureMedia,
	ffmpegArgs,
	MediaError,
	mediaFile,
	probeMedia,
	runFfmpeg,
	sniffFormat,
	startFfmpeg,
	withoutPaths,
} from '../../src/media/ffmpeg';
import { fromLavfi } from '../support/clips';
import { rejection } from '../support/rejection';

let dir: string;
let mp4: string;
let mkv: string;
let secret: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rf-ffmpeg-door-'));
	mp4 = join(dir, 'clip.mp4');
	mkv = join(dir, 'clip.mkv');
	secret = join(dir, 'other-tenant.mp4');
	const make = (out: string, size: string) =>
		fromLavfi(out, [`testsrc2=s=${size}:r=10:d=1`], ['-pix_fmt', 'yuv420p']);
	make(mp4, '64x48');
	make(mkv, '64x48');
	make(secret, '96x64');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mediaError = (work: Promise<unknown>) => rejection(work, MediaError);

describe('inputs', () => {
	it('puts the protocol whitelist and an explicit format before every input', () => {
		const args = ffmpegArgs({
			what: 'test',
			inputs: [
				{ file: mp4, format: 'mov', options: ['-ss', '0.5'] },
				{ pipe: 0, format: 'f32le', options: ['-ar', '48000'] },
				{ lavfi: 'anullsrc=r=48000:cl=stereo' },
			],
			output: ['-f', 'null', '-'],
		});
		expect(args.join(' ')).toBe(
			[
				'-hide_banner',
				`-protocol_whitelist file,pipe -f mov -enable_drefs 0 -ss 0.5 -i ${mp4}`,
				'-protocol_whitelist file,pipe -f f32le -ar 48000 -i pipe:0',
				'-f lavfi -i anullsrc=r=48000:cl=stereo',
				'-f null -',
			].join(' '),
		);
		// Without a stdin input, ffmpeg is told not to read stdin.
		expect(ffmpegArgs({ what: 't', inputs: [{ file: mp4, format: 'mov' }], output: [] })).toContain(
			'-nostdin',
		);
	});

	it.each([
		['a relative path', 'clip.mp4'],
		['a URL', 'http://169.254.169.254/latest'],
		['a protocol', 'concat:/etc/passwd|/etc/hosts'],
		['a missing file', '/nonexistent/clip.mp4'],
		['a folder', '/tmp'],
	])('refuses %s as a file input', (_what, file) => {
		expect(() => ffmpegArgs({ what: 't', inputs: [{ file, format: 'mov' }], output: [] })).toThrow(
			expect.objectContaining({ code: 'media_input_refused' }),
		);
	});

	it('refuses a lavfi graph that reads files', () => {
		for (const graph of [`movie=${secret}`, `amovie=${secret}[out0]`, `color=c=red [a]; movie=x`])
			expect(() => ffmpegArgs({ what: 't', inputs: [{ lavfi: graph }], output: [] })).toThrow(
				expect.objectContaining({ code: 'media_input_refused' }),
			);
	});
});

describe('sniffing the container', () => {
	it('knows MP4/MOV, Matroska and WAV by their magic bytes, whatever the file is called', async () => {
		const renamed = join(dir, 'video.m3u8');
		copyFileSync(mp4, renamed);
		expect(await sniffFormat(renamed)).toBe('mov');
		expect(await sniffFormat(mkv)).toBe('matroska');
		const wav = join(dir, 'tone.wav');
		execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=0.2', '-y', wav]);
		expect(await sniffFormat(wav, ['wav'])).toBe('wav');
		// A WAV is not a video a client may send.
		expect((await mediaError(sniffFormat(wav))).code).toBe('media_unsupported');
	});

	it.each([
		[
			'an HLS playlist',
			`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n{secret}\n#EXT-X-ENDLIST\n`,
		],
		['ffconcat list', `ffconcat version 1.0\nfile '{secret}'\n`],
		['XML manifest', `<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011"></MPD>`],
		['text list', `file '{secret}'\n`],
		['text', 'hello'],
	])('refuses %s before ffmpeg reads it, without naming a path', async (what, body) => {
		const file = join(dir, 'upload.mp4');
		writeFileSync(file, body.replace('{secret}', secret));
		const error = await mediaError(sniffFormat(file));
		expect(error.code).toBe('media_unsupported');
		if (what !== 'text') expect(error.message).toContain(what);
		expect(error.message).not.toContain(dir);
	});
});

describe('runs', () => {
	it('probes a declared input and reports its streams', async () => {
		const info = await probeMedia(await mediaFile(mp4));
		expect(info.format.format_name).toMatch(/mov|mp4/);
		expect(info.streams[0]).toMatchObject({ codec_type: 'video', width: 64, height: 48 });
	});

	it('an MP4-looking file that is really a playlist cannot reach the file it names', async () => {
		// ftyp box first (so it sniffs as MP4), then an HLS playlist naming another tenant's render.
		const polyglot = join(dir, 'polyglot.mp4');
		const ftyp = Buffer.from('0000001866747970697336d6000000000069736f6d6d703431', 'hex');
		writeFileSync(
			polyglot,
			Buffer.concat([ftyp, Buffer.from(`\n#EXTM3U\n#EXTINF:1,\n${secret}\n#EXT-X-ENDLIST\n`)]),
		);
		expect(await sniffFormat(polyglot)).toBe('mov');
		const error = await mediaError(probeMedia({ file: polyglot, format: 'mov' }));
		expect(error.code).toBe('media_unreadable');
		expect(error.message).not.toContain(dir);
		// Auto-detection would have been the hole: the hls demuxer is never chosen.
		expect(error.stderrTail).not.toMatch(/hls/i);
	});

	it('maps failures to codes with a bounded tail and no server path', async () => {
		const bad = await mediaError(
			runFfmpeg({
				what: 'bad filter',
				inputs: [{ file: mp4, format: 'mov' }],
				output: ['-vf', 'nosuchfilter', '-f', 'null', '-'],
			}),
		);
		expect(bad.code).toBe('ffmpeg_failed');
		expect(bad.message).toMatch(/^bad filter: ffmpeg failed \(exit \d+\)/);
		expect(bad.exitCode).not.toBe(0);

		const truncated = join(dir, 'truncated.mp4');
		writeFileSync(truncated, readFileSync(mp4).subarray(0, 200));
		const unreadable = await mediaError(
			runFfmpeg({
				what: 'decode',
				inputs: [await mediaFile(truncated)],
				output: ['-f', 'null', '-'],
			}),
		);
		expect(unreadable.code).toBe('media_unreadable');
		expect(unreadable.message).not.toContain(dir);
		expect(unreadable.stderrTail).toContain(truncated); // kept for the operator's log
		expect(unreadable.stderrTail.length).toBeLessThanOrEqual(8000);

		expect(withoutPaths(`Error opening input file /var/lib/reelforge/tmp/upload-x/source.`)).toBe(
			'Error opening input file <file>',
		);
	});

	it('a process killed from outside is ffmpeg_crashed, and transient', async () => {
		const running = startFfmpeg({
			what: 'long',
			// An endless source: 600 s of tiny frames took only 0.2–0.8 s, so the run could end first.
			inputs: [{ lavfi: 'testsrc2=s=64x48:r=10' }],
			output: ['-f', 'null', '-'],
		});
		setTimeout(() => running.child.kill('SIGSEGV'), 200);
		const crashed = await mediaError(running.done);
		expect(crashed.code).toBe('ffmpeg_crashed');
		expect(crashed.transient).toBe(true);
	});

	it("is killed on the job's abort signal and rejects with its reason", async () => {
		const controller = new AbortController();
		const started = Date.now();
		const run = runFfmpeg({
			what: 'long',
			// An endless source: 600 s of tiny frames took only 0.2–0.8 s, so the run could end first.
			inputs: [{ lavfi: 'testsrc2=s=64x48:r=10' }],
			output: ['-f', 'null', '-'],
			signal: controller.signal,
		});
		setTimeout(() => controller.abort(new Error('canceled by test')), 200);
		await expect(run).rejects.toThrow('canceled by test');
		expect(Date.now() - started).toBeLessThan(5000);
		await expect(
			runFfmpeg({
				what: 'late',
				inputs: [{ lavfi: 'anullsrc' }],
				output: [],
				signal: controller.signal,
			}),
		).rejects.toThrow('canceled by test');
	});

	it('runs the configured binaries (FFMPEG_PATH/FFPROBE_PATH), and says when one is missing', async () => {
		configureMedia(
			mediaTools({ FFMPEG_PATH: '/nonexistent/ffmpeg', FFPROBE_PATH: '/nonexistent/ffprobe' }),
		);
		try {
			const missing = await mediaError(
				runFfmpeg({
					what: 'tone',
					inputs: [{ lavfi: 'anullsrc' }],
					output: ['-t', '0.1', '-f', 'null', '-'],
				}),
			);
			expect(missing).toMatchObject({
				code: 'ffmpeg_not_found',
				message: 'tone: ffmpeg is not installed',
			});
			expect((await mediaError(probeMedia({ file: mp4, format: 'mov' }))).message).toBe(
				'probe: ffprobe is not installed',
			);
		} finally {
			configureMedia(mediaTools({}));
		}
		await runFfmpeg({
			what: 'tone',
			inputs: [{ lavfi: 'anullsrc' }],
			output: ['-t', '0.1', '-f', 'null', '-'],
		});
	});

	it('feeds stdin and collects stdout', async () => {
		const samples = new Float32Array(4800).fill(0.25);
		const out = await runFfmpeg({
			what: 'pipe',
			inputs: [{ pipe: 0, format: 'f32le', options: ['-ar', '48000', '-ac', '1'] }],
			output: ['-f', 'f32le', '-ac', '1', 'pipe:1'],
			stdin: Buffer.from(samples.buffer),
			stdout: 'buffer',
		});
		expect(out.length).toBe(4800 * 4);
		expect(out.readFloatLE(400)).toBeCloseTo(0.25, 5);
	});

	it('writes a second output to an extra pipe it opened, and refuses pipes it did not', async () => {
		// One raw yuv420p input on stdin, two outputs: an encode to a file and 2 frames as rgb24 on fd 3.
		const width = 32;
		const height = 16;
		const frame = Buffer.alloc((width * height * 3) / 2, 128);
		const out = join(dir, 'two-outputs.mp4');
		const running = startFfmpeg({
			what: 'two outputs',
			global: ['-y'],
			inputs: [
				{
					pipe: 0,
					format: 'rawvideo',
					options: ['-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-framerate', '10'],
				},
			],
			output: [
				'-filter_complex',
				'[0:v]split=2[a][b]',
				'-map',
				'[a]',
				'-c:v',
				'libx264',
				'-f',
				'mp4',
				out,
				'-map',
				'[b]',
				'-frames:v',
				'2',
				'-f',
				'rawvideo',
				'-pix_fmt',
				'rgb24',
				'pipe:3',
			],
			outputPipes: 1,
		});
		const chunks: Buffer[] = [];
		running.outputPipe(3).on('data', (c: Buffer) => chunks.push(c));
		expect(() => running.outputPipe(4)).toThrow(RangeError);
		for (let i = 0; i < 5; i++) running.child.stdin!.write(frame);
		running.child.stdin!.end();
		await running.done;
		const rgb = Buffer.concat(chunks);
		expect(rgb.length).toBe(2 * width * height * 3);
		// Mid-grey yuv (128,128,128) is rgb ~(130,130,130) in limited range.
		expect(Math.abs(rgb[0] - 130)).toBeLessThanOrEqual(2);
		expect((await probeMedia(await mediaFile(out))).streams[0]).toMatchObject({ width, height });

		// Stdin, stderr and undeclared descriptors are not outputs.
		for (const pipe of ['pipe:0', 'pipe:2', 'pipe:4'])
			expect(() =>
				ffmpegArgs({
					what: 'x',
					inputs: [{ lavfi: 'testsrc2' }],
					output: ['-f', 'rawvideo', pipe],
					outputPipes: 1,
				}),
			).toThrow(MediaError);
	});

	it("keeps a line parser's own stderr lines out of the error tail", async () => {
		const times: number[] = [];
		const running = startFfmpeg({
			what: 'showinfo',
			global: ['-loglevel', 'info'],
			inputs: [{ lavfi: 'testsrc2=s=64x48:r=10:d=1' }],
			output: ['-vf', 'showinfo', '-f', 'null', '-'],
			onStderrLine: (line) => {
				const time = /Parsed_showinfo.*pts_time:\s*([0-9.]+)/.exec(line)?.[1];
				if (time !== undefined) times.push(Number(time));
				return line.includes('Parsed_showinfo');
			},
		});
		await running.done;
		expect(times).toHaveLength(10);
		expect(times[9]).toBeCloseTo(0.9, 5);
		// The rest of stderr (the stream mapping, say) is still there for errors.
		expect(running.stderrTail()).toContain('Stream mapping');
		expect(running.stderrTail()).not.toContain('Parsed_showinfo');
	});
});

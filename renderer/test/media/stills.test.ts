/** The poster and thumbnail: one ffmpeg run through the door, with the real ffmpeg. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegArgs, MediaError } from '../../src/media/ffmpeg';
import { stillsJob, writeStills } from '../../src/media/stills';
import { fromLavfi } from '../support/clips';
import { rejection } from '../support/rejection';

let dir: string;
let clip: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rf-stills-'));
	clip = fromLavfi(join(dir, 'clip.mp4'), ['testsrc2=s=160x90:r=10:d=2'], ['-pix_fmt', 'yuv420p']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Width and height of a picture, from ffprobe. */
function size(file: string): string {
	return execFileSync('ffprobe', [
		'-v',
		'error',
		'-show_entries',
		'stream=codec_name,width,height',
		'-of',
		'csv=p=0',
		file,
	])
		.toString()
		.trim();
}

describe('writeStills', () => {
	it('writes the poster at full size and the thumbnail at the asked width, from the asked time', async () => {
		const out = mkdtempSync(join(dir, 'out-'));
		const stills = await writeStills({ file: clip, format: 'mov' }, out, 1, 80);
		expect(stills).toEqual({
			poster: join(out, 'poster.jpg'),
			thumbnail: join(out, 'thumbnail.jpg'),
		});
		expect(size(stills.poster)).toBe('mjpeg,160,90');
		expect(size(stills.thumbnail)).toBe('mjpeg,80,46');
		// testsrc2 moves: a still from 0 s is a different picture from one at 1 s.
		const early = await writeStills(
			{ file: clip, format: 'mov' },
			mkdtempSync(join(dir, 'early-')),
			0,
			80,
		);
		expect(readFileSync(early.poster).equals(readFileSync(stills.poster))).toBe(false);
	});

	it('is a door run: whitelist and explicit format before the input, the seek on the input', () => {
		const job = stillsJob({ file: clip, format: 'mov' }, dir, 2.5, 320);
		const args = ffmpegArgs({ what: 'stills', inputs: [job.input], output: job.output });
		const input = args.indexOf('-i');
		expect(args.slice(0, input)).toEqual(
			expect.arrayContaining(['-protocol_whitelist', 'file,pipe', '-f', 'mov', '-ss', '2.5']),
		);
		expect(args[input + 1]).toBe(clip);
		expect(args).toContain('[0:v]split=2[poster][small];[small]scale=320:-2[thumbnail]');
		// A negative time is the start, not an ffmpeg error.
		expect(stillsJob({ file: clip, format: 'mov' }, dir, -1, 320).input).toMatchObject({
			options: ['-ss', '0'],
		});
	});

	it('fails with a MediaError that names no server path, and writes nothing', async () => {
		const bogus = join(dir, 'not-a-video.mp4');
		writeFileSync(bogus, 'this is not a video at all');
		const out = mkdtempSync(join(dir, 'bogus-'));
		const error = await rejection(
			writeStills({ file: bogus, format: 'mov' }, out, 0, 80),
			MediaError,
		);
		expect(error.message).toMatch(/^stills: /);
		expect(error.message).not.toContain(dir);
		expect(existsSync(join(out, 'poster.jpg'))).toBe(false);
	});

	it('refuses an input that is not a file the renderer wrote, before ffmpeg starts', async () => {
		const error = await rejection(
			writeStills({ file: 'relative/clip.mp4', format: 'mov' }, dir, 0, 80),
			MediaError,
		);
		expect(error.code).toBe('media_input_refused');
	});

	it('stops at once on an aborted signal', async () => {
		const controller = new AbortController();
		controller.abort(new Error('cancelled by the user'));
		const out = mkdtempSync(join(dir, 'aborted-'));
		await expect(
			writeStills({ file: clip, format: 'mov' }, out, 0, 80, controller.signal),
		).rejects.toThrow('cancelled by the user');
		expect(existsSync(join(out, 'poster.jpg'))).toBe(false);
	});
});

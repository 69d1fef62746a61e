/**
 * Text and picture overlays on shots from any source — a shot the local engine draws and a media
 * shot — drawn over the stitched story in the real service, checked on decoded frames: each
 * appears where and when its spec says, and not before or after — with the per-shot progress
 * the render shows meanwhile (GET and server-sent events). Bad overlays get a 400 naming the field.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { scratchDir } from '../providers/support';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { writePicture } from '../support/clips';
import { countPixels, frameAt, uploadAsset, type Region } from '../support/frames';

const output = { width: 360, height: 640, fps: 24, quality: 'draft' };

function ffmpeg(args: string[]): Buffer {
	return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args], {
		maxBuffer: 64 * 1024 * 1024,
	});
}

/** Pixels of a region of one frame (fractions of the frame) whose RGB passes `test`. */
function pixelsAt(
	file: string,
	at: number,
	region: Region,
	test: (r: number, g: number, b: number) => boolean,
) {
	return countPixels(frameAt(file, at), output, test, region);
}

const magenta = (r: number, g: number, b: number) => r > 190 && g < 80 && b > 190;
const lime = (r: number, g: number, b: number) => g > 190 && r < 90 && b < 90;
const TOP = { x0: 0, y0: 0, x1: 1, y1: 0.2 };
const BOTTOM_RIGHT = { x0: 0.6, y0: 0.8, x1: 1, y1: 1 };
const ELSEWHERE = { x0: 0, y0: 0.3, x1: 0.5, y1: 0.7 };

describe('overlays on any shot', () => {
	let r: RunningRenderer;

	beforeAll(async () => {
		r = await startRenderer({ overrides: { moderator: null } });
	});
	afterAll(async () => {
		await r.close();
	});

	const upload = (file: string, type: string) => uploadAsset(r, file, type);

	/** The render's server-sent events until `done`. */
	async function readEvents(id: string) {
		const res = await fetch(`${r.url}/v1/renders/${id}/events`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		const text = await res.text();
		return text
			.split('\n\n')
			.map((block) => ({
				event: /^event: (.*)$/m.exec(block)?.[1],
				data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null'),
			}))
			.filter((e) => e.event);
	}

	it('draws a boxed title on an engine shot and a logo on a media shot, each in its place and time', async () => {
		const dir = scratchDir();
		const blue = path.join(dir, 'blue.png');
		writePicture(blue, '0x203060', '640x480');
		// A logo with a transparent half: only its opaque half may show.
		const logo = path.join(dir, 'logo.png');
		ffmpeg([
			'-y',
			'-f',
			'lavfi',
			'-i',
			'color=c=0x00ff00:size=200x100,format=rgba,geq=r=0:g=255:b=0:a=if(lt(X\\,100)\\,255\\,0)',
			'-frames:v',
			'1',
			logo,
		]);
		const picture = await upload(blue, 'image/png');
		const logoAsset = await upload(logo, 'image/png');
		const res = await api(r, 'POST', '/v1/renders', {
			output,
			watermark: { enabled: false },
			audio: { music: { enabled: false } },
			shots: [
				{
					prompt: 'a red ball bounces in a park',
					duration: 2,
					overlays: [
						{
							text: 'OPENING {\\b0} NIGHT',
							position: 'top',
							color: '#ff00ff',
							background: '#ff00ff',
							start: 0.5,
						},
					],
				},
				{
					media: { asset: picture },
					duration: 2,
					camera: { move: 'static' },
					overlays: [{ image: { asset: logoAsset }, position: 'bottom-right', size: 0.3, end: 1 }],
				},
			],
		});
		expect(res.status).toBe(201);
		const events = readEvents(res.json.id);
		const done = await waitForStatus(r, res.json.id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		// Per-shot progress, on the render and in its event stream: the engine's shot is made while
		// the media shot waits (they share the CPU), then both are done.
		expect(done.shotProgress).toEqual([
			{ index: 0, source: 'local', status: 'done', percent: 100 },
			{ index: 1, source: 'media', status: 'done', percent: 100 },
		]);
		const shotsSeen = (await events)
			.filter((e) => e.event === 'progress' && e.data.shots)
			.map((e) => e.data.shots as Array<{ status: string; percent: number }>);
		expect(
			shotsSeen.some(
				(s) => s[0]!.status === 'working' && s[0]!.percent < 100 && s[1]!.status === 'waiting',
			),
		).toBe(true);
		expect(shotsSeen.at(-1)!.map((s) => s.status)).toEqual(['done', 'done']);
		expect((done.details.shots as Array<{ source: string }>).map((s) => s.source)).toEqual([
			'local',
			'media',
		]);
		const content = await fetch(`${r.url}/v1/renders/${res.json.id}/content`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		const file = path.join(dir, 'overlays.mp4');
		fs.writeFileSync(file, Buffer.from(await content.arrayBuffer()));

		// The title: in the top band from 0.5 s of the first shot to its end, not before, not after.
		expect(pixelsAt(file, 0.2, TOP, magenta)).toBeLessThan(20);
		expect(pixelsAt(file, 1.2, TOP, magenta)).toBeGreaterThan(500);
		expect(pixelsAt(file, 3.5, TOP, magenta)).toBeLessThan(20);
		// The logo: bottom right over the media shot's first second, about 0.3 of the width wide
		// (its transparent half shows the picture through), and nowhere else.
		const during = pixelsAt(file, 2.5, BOTTOM_RIGHT, lime);
		const logoWidth = Math.round((output.width * 0.3) / 2) * 2;
		const opaqueArea = (logoWidth / 2) * (logoWidth / 2);
		expect(during).toBeGreaterThan(opaqueArea * 0.8);
		expect(during).toBeLessThan(opaqueArea * 1.2);
		expect(pixelsAt(file, 2.5, ELSEWHERE, lime)).toBe(0);
		expect(pixelsAt(file, 3.5, BOTTOM_RIGHT, lime)).toBe(0);
		expect(pixelsAt(file, 1.2, BOTTOM_RIGHT, lime)).toBe(0);
	});

	it('refuses an overlay that is both text and picture, ends before it starts or sits nowhere, naming the field', async () => {
		const parkWith = (overlays: unknown[]) =>
			api(r, 'POST', '/v1/renders', {
				output,
				shots: [{ prompt: 'a park', duration: 2, overlays }],
			});
		const both = { text: 'Hi', image: { url: 'https://example.com/logo.png' } };
		const backwards = { text: 'Late', start: 1.5, end: 1 };
		const res = await parkWith([both, backwards, { text: 'Far', position: 'middle' }]);
		expect(res.status).toBe(400);
		const paths = (res.json.error.details as Array<{ path: string }>).map((d) => d.path);
		expect(paths).toEqual(expect.arrayContaining(['/shots/0/overlays/2/position']));
		const semantic = await parkWith([both, backwards]);
		expect(semantic.status).toBe(400);
		expect(semantic.json.error.details).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ path: '/shots/0/overlays/0' }),
				expect.objectContaining({ path: '/shots/0/overlays/1/end' }),
			]),
		);
	});
});

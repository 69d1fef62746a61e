import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeHeadCutout } from '../../../src/trust/cameo/cutout';
import { closeSegmentation, segmentPerson } from '../../../src/trust/cameo/selfieSegmentation';
import { detectFaces, loadCascade } from '../../../src/trust/cameo/haarCascade';
import { drawFace } from '../support/cameoRecording';
import { run } from '../support/media';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'trust-cutout-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function raw(path: string, pixFmt: 'rgb24' | 'gray') {
	const { stdout } = await run(
		'ffmpeg',
		['-loglevel', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', pixFmt, 'pipe:1'],
		{ encoding: 'buffer', maxBuffer: 1 << 24 },
	);
	return new Uint8Array(stdout);
}

test('the drawn test face is found by the cascade; a test pattern has no face', async () => {
	await drawFace(join(dir, 'face.png'));
	const cascade = await loadCascade();
	const faces = detectFaces(cascade, {
		width: 320,
		height: 320,
		data: await raw(join(dir, 'face.png'), 'gray'),
	});
	expect(faces).toHaveLength(1);
	// The face sits around (160, 175) in the drawing.
	expect(faces[0].x + faces[0].width / 2).toBeGreaterThan(130);
	expect(faces[0].x + faces[0].width / 2).toBeLessThan(190);
	await run('ffmpeg', [
		'-loglevel',
		'error',
		'-f',
		'lavfi',
		'-i',
		'testsrc2=size=320x320',
		'-frames:v',
		'1',
		join(dir, 'pattern.png'),
	]);
	expect(
		detectFaces(cascade, {
			width: 320,
			height: 320,
			data: await raw(join(dir, 'pattern.png'), 'gray'),
		}),
	).toEqual([]);
});

test('the cut-out keeps the face opaque and keys out the plain background inside the head ellipse', async () => {
	await drawFace(join(dir, 'face.png'));
	const frame = { width: 320, height: 320, data: await raw(join(dir, 'face.png'), 'rgb24') };
	const [face] = detectFaces(await loadCascade(), {
		width: 320,
		height: 320,
		data: await raw(join(dir, 'face.png'), 'gray'),
	});
	const where = await writeHeadCutout(frame, face, join(dir, 'cutout.png'));
	const image = await loadImage(join(dir, 'cutout.png'));
	const canvas = createCanvas(image.width, image.height);
	canvas.getContext('2d').drawImage(image, 0, 0);
	const pixels = canvas.getContext('2d').getImageData(0, 0, image.width, image.height).data;
	const alphaAt = (frameX: number, frameY: number) =>
		pixels[((frameY - where.top) * image.width + (frameX - where.left)) * 4 + 3];
	expect(alphaAt(160, 175)).toBe(255); // the face
	expect(alphaAt(160, 60)).toBe(255); // the hair
	expect(alphaAt(40, 200)).toBe(0); // background beside the head, inside the ellipse
	expect(pixels[3]).toBe(0); // the corner
});

test('with the selfie-segmentation matte, a busy background beside the head is cut away too', async () => {
	await drawFace(join(dir, 'face.png'));
	// The same head in front of a busy, many-coloured background, where a colour key cannot work.
	const canvas = createCanvas(320, 320);
	const g = canvas.getContext('2d');
	// A bookshelf-like wall: small blocks of many colours (seeded, so the test is repeatable).
	const colours = [
		'#d13b3b',
		'#3bd16f',
		'#3b6fd1',
		'#e0c040',
		'#a040e0',
		'#40e0d0',
		'#806040',
		'#f0f0f0',
	];
	let seed = 7;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	for (let y = 0; y < 320; y += 16) {
		for (let x = 0; x < 320; x += 8) {
			g.fillStyle = colours[Math.floor(next() * colours.length)];
			g.fillRect(x, y, 8, 16);
		}
	}
	g.save();
	g.beginPath();
	g.ellipse(160, 160, 97, 140, 0, 0, Math.PI * 2);
	g.clip();
	g.drawImage(await loadImage(join(dir, 'face.png')), 0, 0);
	g.restore();
	await import('node:fs/promises').then((fs) =>
		fs.writeFile(join(dir, 'busy.png'), canvas.toBuffer('image/png')),
	);
	const frame = { width: 320, height: 320, data: await raw(join(dir, 'busy.png'), 'rgb24') };
	const [face] = detectFaces(await loadCascade(), {
		width: 320,
		height: 320,
		data: await raw(join(dir, 'busy.png'), 'gray'),
	});
	const cut = async (mask?: Float32Array) => {
		const where = await writeHeadCutout(frame, face, join(dir, 'busy-cutout.png'), mask);
		const image = await loadImage(join(dir, 'busy-cutout.png'));
		const c = createCanvas(image.width, image.height);
		c.getContext('2d').drawImage(image, 0, 0);
		const pixels = c.getContext('2d').getImageData(0, 0, image.width, image.height).data;
		return (x: number, y: number) =>
			pixels[((y - where.top) * image.width + (x - where.left)) * 4 + 3];
	};
	const mask = await segmentPerson(frame);
	const withModel = await cut(mask);
	expect(withModel(160, 175)).toBeGreaterThan(240); // the face
	// Busy background beside the head (above the shoulders, which the model rightly reads as body).
	expect(withModel(40, 100)).toBeLessThan(20);
	expect(withModel(282, 100)).toBeLessThan(20);
	expect(withModel(160, 60)).toBeGreaterThan(240); // the hair
	await closeSegmentation();
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { closeSegmentation, segmentPerson } from '../../../src/trust/cameo/selfieSegmentation';
import type { RgbImage } from '../../../src/trust/moderation/media/image';
import { drawFace } from '../support/cameoRecording';

async function rgbOf(path: string): Promise<RgbImage> {
	const image = await loadImage(path);
	const canvas = createCanvas(image.width, image.height);
	const g = canvas.getContext('2d');
	g.drawImage(image, 0, 0);
	const rgba = g.getImageData(0, 0, image.width, image.height).data;
	const data = new Uint8Array(image.width * image.height * 3);
	for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3)
		data.set([rgba[i], rgba[i + 1], rgba[i + 2]], j);
	return { width: image.width, height: image.height, data };
}

describe('selfie segmentation (MediaPipe model on LiteRT.js)', () => {
	afterAll(() => closeSegmentation());

	it('separates a face from its plain background', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'seg-'));
		await drawFace(join(dir, 'face.png'));
		const frame = await rgbOf(join(dir, 'face.png'));
		const mask = await segmentPerson(frame);
		expect(mask.length).toBe(frame.width * frame.height);
		const at = (x: number, y: number) => mask[y * frame.width + x];
		const face = [at(160, 175), at(130, 200), at(190, 200)];
		const background = [at(10, 10), at(310, 10), at(10, 310), at(310, 310)];
		expect(Math.min(...face)).toBeGreaterThan(0.9);
		expect(Math.max(...background)).toBeLessThan(0.5);
	});
});

import {
	crop,
	planeValueTables,
	resizeBilinear,
	resizeBilinearToBgrPlanes,
	type RgbImage,
} from '../../../src/trust/moderation/media/image';
import { readText } from '../../../src/trust/moderation/media/ocr/ocr';
import { lavfiFrame } from '../support/media';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** One RGB frame from ffmpeg with text drawn on a busy background. */
const frameWithText = (text: string, width = 640, height = 360) =>
	lavfiFrame(
		`testsrc2=size=${width}x${height}`,
		width,
		height,
		`drawbox=x=40:y=130:w=560:h=90:color=black@0.8:t=fill,drawtext=fontfile=${FONT}:text='${text}':fontcolor=white:fontsize=44:x=60:y=150`,
	);

test('reads a burned-in English line', async () => {
	const lines = await readText(await frameWithText('FREE PIZZA FRIDAY'));
	const text = lines.map((l) => l.text).join(' ');
	expect(text.replace(/\s+/g, ' ').toUpperCase()).toContain('FREE PIZZA FRIDAY');
});

test('a frame without text gives no lines', async () => {
	expect(await readText(await lavfiFrame('color=c=0x336699:size=320x240', 320, 240))).toEqual([]);
});

describe("the models' input, resized and normalised in one pass", () => {
	const values = planeValueTables((byte, plane) => (byte / 255 - 0.1 * plane) / (0.2 + plane / 10));
	/** The two steps it replaces: resizeBilinear, then each BGR plane filled from the RGB bytes. */
	function inTwoSteps(image: RgbImage, width: number, height: number): Float32Array {
		const scaled = resizeBilinear(image, width, height);
		const plane = width * height;
		const data = new Float32Array(plane * 3);
		for (let i = 0; i < plane; i++)
			for (let c = 0; c < 3; c++) data[c * plane + i] = values[c][scaled.data[i * 3 + (2 - c)]];
		return data;
	}

	test.each([
		['a sampled frame to the detector', 540, 960, 544, 960],
		['a text line to the recogniser', 173, 29, 287, 48],
		['shrunk', 1080, 1920, 544, 960],
		['enlarged, odd sizes', 33, 17, 97, 48],
		['unchanged', 64, 32, 64, 32],
	])('gives exactly the two-step values: %s', async (_, w, h, width, height) => {
		const image = await lavfiFrame(
			`testsrc2=size=${w + (w % 2)}x${h + (h % 2)}`,
			w + (w % 2),
			h + (h % 2),
		);
		const cropped = crop(image, 0, 0, w, h);
		const fused = resizeBilinearToBgrPlanes(cropped, width, height, values);
		const twoSteps = inTwoSteps(cropped, width, height);
		expect(fused.length).toBe(twoSteps.length);
		let differing = 0;
		for (let i = 0; i < fused.length; i++) if (fused[i] !== twoSteps[i]) differing++;
		expect(differing).toBe(0);
	});
});

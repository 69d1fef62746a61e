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

import { readText } from '../../../src/trust/moderation/media/ocr/ocr';
import { run } from '../support/media';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** One RGB frame from ffmpeg with text drawn on a busy background. */
async function frameWithText(text: string, width = 640, height = 360) {
	const { stdout } = await run(
		'ffmpeg',
		[
			'-loglevel',
			'error',
			'-f',
			'lavfi',
			'-i',
			`testsrc2=size=${width}x${height}`,
			'-frames:v',
			'1',
			'-vf',
			`drawbox=x=40:y=130:w=560:h=90:color=black@0.8:t=fill,drawtext=fontfile=${FONT}:text='${text}':fontcolor=white:fontsize=44:x=60:y=150`,
			'-f',
			'rawvideo',
			'-pix_fmt',
			'rgb24',
			'pipe:1',
		],
		{ encoding: 'buffer', maxBuffer: 16 << 20 },
	);
	return { width, height, data: new Uint8Array(stdout) };
}

test('reads a burned-in English line', async () => {
	const lines = await readText(await frameWithText('FREE PIZZA FRIDAY'));
	const text = lines.map((l) => l.text).join(' ');
	expect(text.replace(/\s+/g, ' ').toUpperCase()).toContain('FREE PIZZA FRIDAY');
});

test('a frame without text gives no lines', async () => {
	const { stdout } = await run(
		'ffmpeg',
		[
			'-loglevel',
			'error',
			'-f',
			'lavfi',
			'-i',
			'color=c=0x336699:size=320x240',
			'-frames:v',
			'1',
			'-f',
			'rawvideo',
			'-pix_fmt',
			'rgb24',
			'pipe:1',
		],
		{ encoding: 'buffer' },
	);
	expect(await readText({ width: 320, height: 240, data: new Uint8Array(stdout) })).toEqual([]);
});

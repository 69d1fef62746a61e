/** Reads the text burned into a frame: detect text lines, recognise each, keep the confident ones. */
import { crop, type RgbImage } from '../image';
import { ocrSessions } from './sessions';
import { detectText } from './textDetector';
import { recogniseLine } from './textRecognizer';

const MIN_CONFIDENCE = 0.5;

export interface OcrLine {
	text: string;
	confidence: number;
	box: { x0: number; y0: number; x1: number; y1: number };
}

export async function readText(image: RgbImage): Promise<OcrLine[]> {
	const sessions = await ocrSessions();
	const lines: OcrLine[] = [];
	for (const box of await detectText(sessions, image)) {
		const line = await recogniseLine(sessions, crop(image, box.x0, box.y0, box.x1, box.y1));
		if (line.text.trim() && line.confidence >= MIN_CONFIDENCE)
			lines.push({ ...line, box: { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 } });
	}
	return lines;
}

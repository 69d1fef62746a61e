/**
 * CRNN/SVTR text recognition (PP-OCRv4 rec): a text-line crop scaled to 48 px high goes in, a
 * class distribution per horizontal step comes out; greedy CTC decoding (best class per step,
 * repeats merged, blanks dropped) gives the text.
 */
import { Tensor } from 'onnxruntime-node';
import { planeValueTables, resizeBilinearToBgrPlanes, type RgbImage } from '../image';
import type { OcrSessions } from './sessions';

const HEIGHT = 48;
const MAX_WIDTH = 1600;

/** The model's input value of each 8-bit channel value: scaled to −1…1. */
const INPUT_VALUES = planeValueTables((byte) => (byte / 255 - 0.5) / 0.5);

export interface RecognisedLine {
	text: string;
	/** Mean probability of the kept characters. */
	confidence: number;
}

export async function recogniseLine(
	sessions: OcrSessions,
	line: RgbImage,
): Promise<RecognisedLine> {
	const width = Math.min(
		MAX_WIDTH,
		Math.max(HEIGHT / 4, Math.ceil((HEIGHT * line.width) / line.height)),
	);
	const data = resizeBilinearToBgrPlanes(line, width, HEIGHT, INPUT_VALUES);
	const output = await sessions.recognition.run({
		[sessions.recognition.inputNames[0]]: new Tensor('float32', data, [1, 3, HEIGHT, width]),
	});
	const probs = output[sessions.recognition.outputNames[0]];
	const [, steps, classes] = probs.dims as number[];
	return ctcGreedyDecode(probs.data as Float32Array, steps, classes, sessions.alphabet);
}

export function ctcGreedyDecode(
	probs: Float32Array,
	steps: number,
	classes: number,
	alphabet: string[],
): RecognisedLine {
	let text = '';
	let confidence = 0;
	let kept = 0;
	let previous = -1;
	for (let t = 0; t < steps; t++) {
		let best = 0;
		let bestP = -1;
		for (let k = 0; k < classes; k++) {
			const p = probs[t * classes + k];
			if (p > bestP) {
				bestP = p;
				best = k;
			}
		}
		if (best !== 0 && best !== previous) {
			text += alphabet[best] ?? '';
			confidence += bestP;
			kept++;
		}
		previous = best;
	}
	return { text, confidence: kept ? confidence / kept : 0 };
}

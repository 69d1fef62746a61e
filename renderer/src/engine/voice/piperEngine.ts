/**
 * Piper neural voices (VITS exported to ONNX) run by onnxruntime-node. A voice is
 * `<modelsDir>/piper/<name>.onnx` with its `<name>.onnx.json` config. Inputs follow Piper's export:
 * `input` int64 [1, N] phoneme ids, `input_lengths` int64 [1], `scales` float32 [3]
 * (noise_scale, length_scale, noise_w); output `output` float32 audio at `audio.sample_rate`.
 *
 * Piper has no timing output, so phone and word times come from flite's duration model for the
 * same phones, scaled to the length of the audio Piper produced — good to a few tens of ms for
 * lip-sync, not exact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { engineSettings } from '../../config';
import { createProviderSession, type ProviderSession } from '../../workers/onnxSession';
import type { TimedWord } from '../storyboard';
import type { TimedPhone } from '../lipsync';
import { analyseWithFlite } from './fliteEngine';
import { arpabetToIpa } from './arpabetToIpa';
import { piperModelsDir } from './voiceCatalog';
import type { SpeechRequest, Utterance } from './utterance';

export interface PiperConfig {
	audio: { sample_rate: number };
	inference?: { noise_scale?: number; length_scale?: number; noise_w?: number };
	phoneme_id_map: Record<string, number[]>;
	num_speakers?: number;
}

export type Logger = (message: string, fields?: Record<string, unknown>) => void;

interface LoadedVoice {
	session: ort.InferenceSession;
	config: PiperConfig;
	provider: 'cuda' | 'cpu';
}

const sessions = new Map<string, Promise<LoadedVoice>>();

/** CUDA first where allowed and installed; a fallback to the CPU is logged once (workers/onnxSession.ts). */
async function createSession(modelPath: string, log: Logger): Promise<ProviderSession> {
	const loaded = await createProviderSession(modelPath, {
		label: 'piper voice',
		tryCuda: engineSettings().onnxCuda,
	});
	// The render's own log says where each voice runs (the fallback's reason is logged once).
	if (loaded.provider === 'cuda') log('piper voice loaded on CUDA', { modelPath });
	else if (engineSettings().onnxCuda)
		log('piper voice: CUDA execution provider unavailable, using CPU', { modelPath });
	return loaded;
}

export function loadPiperVoice(modelsDir: string, name: string, log: Logger): Promise<LoadedVoice> {
	const modelPath = join(piperModelsDir(modelsDir), `${name}.onnx`);
	let loaded = sessions.get(modelPath);
	if (!loaded) {
		loaded = (async () => {
			const config = JSON.parse(readFileSync(`${modelPath}.json`, 'utf8')) as PiperConfig;
			if (!config.phoneme_id_map || !config.audio?.sample_rate)
				throw new Error(`${name}.onnx.json lacks phoneme_id_map or audio.sample_rate`);
			return { ...(await createSession(modelPath, log)), config };
		})();
		loaded.catch(() => sessions.delete(modelPath));
		sessions.set(modelPath, loaded);
	}
	return loaded;
}

/**
 * Piper's id sequence: BOS `^`, then every phoneme symbol followed by the pad `_`, words separated
 * by a space symbol, EOS `$`. Symbols missing from the voice's map are skipped.
 */
export function phonemeIds(wordsPhones: string[][], idMap: Record<string, number[]>): number[] {
	const ids: number[] = [];
	const push = (symbol: string) => {
		const found = idMap[symbol];
		if (found) ids.push(...found);
	};
	const pad = () => push('_');
	push('^');
	pad();
	wordsPhones.forEach((phones, w) => {
		if (w > 0) {
			push(' ');
			pad();
		}
		for (const phone of phones) {
			for (const symbol of Array.from(arpabetToIpa(phone))) {
				if (!idMap[symbol]) continue;
				push(symbol);
				pad();
			}
		}
	});
	push('$');
	return ids;
}

export async function synthesizeWithPiper(
	modelsDir: string,
	request: SpeechRequest,
	log: Logger,
): Promise<Utterance> {
	const voice = await loadPiperVoice(modelsDir, request.voiceName, log);
	const analysis = analyseWithFlite(request.text, request.rate);
	const spoken = analysis.phones.filter((p) => p.phone !== 'pau');
	const wordsPhones = analysis.words.map((w) =>
		spoken.filter((p) => p.start >= w.start - 1e-6 && p.end <= w.end + 1e-6).map((p) => p.phone),
	);
	const ids = phonemeIds(wordsPhones, voice.config.phoneme_id_map);
	const inference = voice.config.inference ?? {};
	const lengthScale = (inference.length_scale ?? 1) / request.rate;
	const feeds: Record<string, ort.Tensor> = {
		input: new ort.Tensor('int64', BigInt64Array.from(ids.map((i) => BigInt(i))), [1, ids.length]),
		input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
		scales: new ort.Tensor(
			'float32',
			Float32Array.from([inference.noise_scale ?? 0.667, lengthScale, inference.noise_w ?? 0.8]),
			[3],
		),
	};
	// Multi-speaker voices (libritts, vctk, ...) take a speaker id; the first speaker is used.
	if (voice.session.inputNames.includes('sid'))
		feeds.sid = new ort.Tensor('int64', BigInt64Array.from([0n]), [1]);
	const result = await voice.session.run(feeds);
	const output = result.output ?? result[voice.session.outputNames[0]];
	const samples = Float32Array.from(output.data as Float32Array);
	const sampleRate = voice.config.audio.sample_rate;
	const scale = analysis.phones.length
		? samples.length / sampleRate / analysis.phones[analysis.phones.length - 1].end
		: 1;
	const phones: TimedPhone[] = analysis.phones.map((p) => ({
		phone: p.phone,
		start: p.start * scale,
		end: p.end * scale,
	}));
	const words: TimedWord[] = analysis.words.map((w) => ({
		text: w.text,
		start: w.start * scale,
		end: w.end * scale,
	}));
	return { sampleRate, samples, phones, words };
}

/**
 * OpenAI-compatible speech: `POST {base}/audio/speech` with `model`, `input`, `voice`,
 * `response_format` and `speed`, answered with the audio bytes. OpenAI serves it, and so do
 * self-hosted servers (Kokoro-FastAPI, LocalAI, ...), so the base URL, key, model and voice names
 * are all configuration. WAV is asked for (decoded here); anything else a server sends instead is
 * decoded by ffmpeg from memory. The protocol gives no timings: the engine aligns the text to the
 * audio (engine/voice/alignment.ts). Errors use the `{error:{message,type,param,code}}` envelope.
 */
import { parseWav } from '../engine/audio/wavFile';
import { decodeAudioBytes } from '../engine/voice/pitchShift';
import type { RemoteSpeechResult, RemoteVoiceSource } from '../engine/voice';
import type { OpenAiSpeechSettings } from './speechInstances';
import type { HttpFetch } from './http';
import { badResponse, callProvider, type CallOptions } from './providerCall';

const MAX_AUDIO_BYTES = 64 * 1024 * 1024;

export function openAiErrorMessage(body: unknown): string | undefined {
	const error = (body as { error?: { message?: unknown } } | null)?.error;
	return typeof error?.message === 'string' ? error.message : undefined;
}

export function createOpenAiSpeech(
	config: OpenAiSpeechSettings,
	fetch: HttpFetch,
	options: Partial<CallOptions> = {},
): RemoteVoiceSource {
	const id = config.name ?? 'openai';
	const provider =
		id === 'openai' ? 'the OpenAI-compatible speech endpoint' : `the speech endpoint "${id}"`;
	return {
		id,
		cacheIdentity: `openai|${config.baseUrl}|${config.model}`,
		voices: () =>
			config.voices.map((voice) => ({
				id: `${id}:${voice}`,
				description: `"${voice}" from the OpenAI-compatible speech endpoint (model ${config.model}); word times aligned from the audio.`,
			})),
		offers: (name) => config.voices.includes(name),
		async synthesize({ text, voice, rate, signal }): Promise<RemoteSpeechResult> {
			const response = await callProvider(
				fetch,
				{
					url: `${config.baseUrl}/audio/speech`,
					method: 'POST',
					policy: 'trusted',
					headers: {
						'content-type': 'application/json',
						accept: 'audio/wav, audio/*',
						...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
					},
					body: JSON.stringify({
						model: config.model,
						input: text,
						voice,
						response_format: 'wav',
						speed: Math.min(4, Math.max(0.25, rate)),
					}),
					maxBytes: MAX_AUDIO_BYTES,
					timeoutMs: 120_000,
					signal,
				},
				{ provider, secret: config.apiKey, errorMessage: openAiErrorMessage, ...options },
			);
			const bytes = await response.buffer();
			const type = (response.headers['content-type'] ?? '').toLowerCase();
			if (bytes.length === 0) throw badResponse(provider, 'an empty body');
			if (type.includes('json') || type.startsWith('text/'))
				throw badResponse(provider, `a ${type.split(';')[0]} body instead of audio`);
			let decoded: { samples: Float32Array; sampleRate: number };
			try {
				decoded =
					bytes.toString('ascii', 0, 4) === 'RIFF'
						? parseWav(bytes)
						: await decodeAudioBytes(bytes, signal);
			} catch (error) {
				signal?.throwIfAborted();
				throw badResponse(
					provider,
					`audio that does not decode (${(error as Error).message.slice(0, 120)})`,
				);
			}
			if (decoded.samples.length < decoded.sampleRate * 0.05 || !(decoded.sampleRate >= 8000))
				throw badResponse(provider, 'no audio in the answer');
			return { samples: decoded.samples, sampleRate: decoded.sampleRate };
		},
	};
}

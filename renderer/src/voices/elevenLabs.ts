/**
 * ElevenLabs, from its public API reference:
 *
 * - speech: `POST /v1/text-to-speech/{voice_id}/with-timestamps?output_format=pcm_24000` with the
 *   `xi-api-key` header and `{text, model_id, voice_settings?}`; the answer is JSON with
 *   `audio_base64` (raw 16-bit little-endian PCM at 24 kHz for that format), `alignment`
 *   (`characters`, `character_start_times_seconds`, `character_end_times_seconds`, on the text as
 *   sent) and `normalized_alignment` (the same on the normalised text). The character times become
 *   word times for captions and the mouth; an answer whose timings do not fit is aligned instead.
 * - instant voice cloning: `POST /v1/voices/add` (multipart: `name`, `files`, `description`) →
 *   `{voice_id, requires_verification}`; `DELETE /v1/voices/{voice_id}`.
 *
 * Errors come as `{"detail": {"status", "message"}}` (or a list of validation errors).
 */
import { decodeAudioBytes } from '../engine/voice/pitchShift';
import type { RemoteSpeechResult, RemoteTimings, RemoteVoiceSource } from '../engine/voice';
import type { SpeechConfig } from '../config';
import type { VoiceCloner } from '../trust/cameo/voiceClone';
import type { HttpFetch } from './http';
import { badResponse, callProvider, VoiceProviderError, type CallOptions } from './providerCall';

type ElevenLabsConfig = NonNullable<SpeechConfig['elevenlabs']>;

const PCM_RATE = 24000;
const MAX_ANSWER_BYTES = 96 * 1024 * 1024;
const VOICE_ID = /^[A-Za-z0-9]{8,64}$/;

export function elevenLabsErrorMessage(body: unknown): string | undefined {
	const detail = (body as { detail?: unknown } | null)?.detail;
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail))
		return detail
			.map((d: { msg?: unknown; loc?: unknown }) =>
				[Array.isArray(d.loc) ? d.loc.join('.') : '', typeof d.msg === 'string' ? d.msg : '']
					.filter(Boolean)
					.join(': '),
			)
			.join('; ');
	if (detail && typeof detail === 'object') {
		const { status, message } = detail as { status?: unknown; message?: unknown };
		return [status, message].filter((v) => typeof v === 'string').join(': ') || undefined;
	}
	return undefined;
}

interface Alignment {
	characters?: unknown;
	character_start_times_seconds?: unknown;
	character_end_times_seconds?: unknown;
}

function timingsOf(alignment: Alignment | undefined): RemoteTimings | undefined {
	if (!alignment || typeof alignment !== 'object') return undefined;
	const {
		characters,
		character_start_times_seconds: starts,
		character_end_times_seconds: ends,
	} = alignment;
	if (!Array.isArray(characters) || !Array.isArray(starts) || !Array.isArray(ends))
		return undefined;
	return {
		unit: 'character',
		texts: characters.map(String),
		starts: starts.map(Number),
		ends: ends.map(Number),
	};
}

function pcm16ToFloat(bytes: Buffer): Float32Array {
	const out = new Float32Array(bytes.length >> 1);
	for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2) / 32768;
	return out;
}

/**
 * Whether bytes are MP3 rather than the raw PCM asked for: an ID3 tag, or two Layer III frame
 * headers one frame apart (raw PCM can start with one sync-like pair of bytes, hardly with two).
 */
export function looksLikeMp3(b: Buffer): boolean {
	if (b.toString('ascii', 0, 3) === 'ID3') return true;
	const frameLength = (at: number): number => {
		if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe6) !== 0xe2) return 0;
		const version = (b[at + 1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
		if (version === 1) return 0;
		const mpeg1 = version === 3;
		const bitrate = (
			mpeg1
				? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0]
				: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0]
		)[b[at + 2] >> 4];
		const base = [44100, 48000, 32000, 0][(b[at + 2] >> 2) & 3];
		const rate = mpeg1 ? base : version === 2 ? base / 2 : base / 4;
		if (!bitrate || !rate) return 0;
		return Math.floor(((mpeg1 ? 144000 : 72000) * bitrate) / rate) + ((b[at + 2] >> 1) & 1);
	};
	const first = frameLength(0);
	return first > 0 && frameLength(first) > 0;
}

export function createElevenLabsSpeech(
	config: ElevenLabsConfig,
	fetch: HttpFetch,
	options: Partial<CallOptions> = {},
): RemoteVoiceSource {
	const provider = 'ElevenLabs';
	const call: CallOptions = {
		provider,
		secret: config.apiKey,
		errorMessage: elevenLabsErrorMessage,
		...options,
	};
	return {
		id: config.name ?? 'elevenlabs',
		cacheIdentity: `elevenlabs|${config.baseUrl}|${config.model}`,
		voices: () =>
			config.voices.map((v) => ({
				id: `${config.name ?? 'elevenlabs'}:${v.id}`,
				description: `${v.name} (ElevenLabs, model ${config.model}); word times from the provider's character timings.`,
			})),
		// Any id of the account would work, but only the operator's list is offered to specs: cloned
		// cameo voices live in the same account and must only be reached through their cameo.
		offers: (name, viaCameo) =>
			VOICE_ID.test(name) && (viaCameo || config.voices.some((v) => v.id === name)),
		async synthesize({ text, voice, rate, signal }): Promise<RemoteSpeechResult> {
			if (!VOICE_ID.test(voice))
				throw badResponse(provider, 'the voice id is not an ElevenLabs id');
			// The API takes speed 0.7–1.2; 1 is left out so the voice's own settings apply.
			const speed = Math.min(1.2, Math.max(0.7, rate));
			const response = await callProvider(
				fetch,
				{
					url: `${config.baseUrl}/v1/text-to-speech/${voice}/with-timestamps?output_format=pcm_${PCM_RATE}`,
					method: 'POST',
					policy: 'trusted',
					headers: {
						'content-type': 'application/json',
						accept: 'application/json',
						'xi-api-key': config.apiKey,
					},
					body: JSON.stringify({
						text,
						model_id: config.model,
						...(Math.abs(speed - 1) > 1e-3 ? { voice_settings: { speed } } : {}),
					}),
					maxBytes: MAX_ANSWER_BYTES,
					timeoutMs: 120_000,
					signal,
				},
				call,
			);
			let answer: {
				audio_base64?: unknown;
				alignment?: Alignment;
				normalized_alignment?: Alignment;
			};
			try {
				answer = await response.json();
			} catch {
				throw badResponse(provider, 'the body is not JSON');
			}
			if (!answer || typeof answer.audio_base64 !== 'string' || answer.audio_base64.length === 0)
				throw badResponse(provider, 'no audio_base64');
			if (!/^[A-Za-z0-9+/]+={0,2}$/.test(answer.audio_base64.replace(/\s+/g, '')))
				throw badResponse(provider, 'audio_base64 is not base64');
			const bytes = Buffer.from(answer.audio_base64, 'base64');
			let samples: Float32Array;
			let sampleRate = PCM_RATE;
			if (looksLikeMp3(bytes)) {
				// An account or proxy that ignored output_format: decode what came.
				try {
					({ samples, sampleRate } = await decodeAudioBytes(bytes, signal));
				} catch {
					throw badResponse(provider, 'the audio does not decode');
				}
			} else {
				if (bytes.length % 2 !== 0) throw badResponse(provider, 'the PCM audio has an odd length');
				samples = pcm16ToFloat(bytes);
			}
			if (samples.length < sampleRate * 0.05) throw badResponse(provider, 'no audio in the answer');
			return {
				samples,
				sampleRate,
				timings: timingsOf(answer.alignment) ?? timingsOf(answer.normalized_alignment),
			};
		},
	};
}

/** Multipart form-data body from fields and files (no dependency: the format is small). */
function multipart(
	fields: Record<string, string>,
	files: Array<{ field: string; name: string; type: string; data: Buffer }>,
): { body: Buffer; contentType: string } {
	const boundary = `----reelforge${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields))
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
			),
		);
	for (const file of files)
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function createElevenLabsCloner(
	config: ElevenLabsConfig,
	fetch: HttpFetch,
	options: Partial<CallOptions> = {},
): VoiceCloner {
	const call: CallOptions = {
		provider: 'ElevenLabs',
		secret: config.apiKey,
		errorMessage: elevenLabsErrorMessage,
		...options,
	};
	return {
		provider: 'elevenlabs',
		async clone({ name, description, audio, signal }) {
			const form = multipart({ name, description }, [
				{ field: 'files', name: 'recording.wav', type: 'audio/wav', data: audio },
			]);
			const response = await callProvider(
				fetch,
				{
					url: `${config.baseUrl}/v1/voices/add`,
					method: 'POST',
					policy: 'trusted',
					headers: { 'content-type': form.contentType, 'xi-api-key': config.apiKey },
					body: form.body,
					maxBytes: 1024 * 1024,
					timeoutMs: 180_000,
					signal,
				},
				call,
			);
			let answer: { voice_id?: unknown; requires_verification?: unknown };
			try {
				answer = await response.json();
			} catch {
				throw badResponse('ElevenLabs', 'the body is not JSON');
			}
			if (typeof answer?.voice_id !== 'string' || !VOICE_ID.test(answer.voice_id))
				throw badResponse('ElevenLabs', 'no voice_id');
			return {
				voice: `elevenlabs:${answer.voice_id}`,
				providerVoiceId: answer.voice_id,
				requiresVerification: answer.requires_verification === true,
			};
		},
		async remove(providerVoiceId, signal) {
			if (!VOICE_ID.test(providerVoiceId)) return;
			try {
				const response = await callProvider(
					fetch,
					{
						url: `${config.baseUrl}/v1/voices/${providerVoiceId}`,
						method: 'DELETE',
						policy: 'trusted',
						headers: { 'xi-api-key': config.apiKey },
						maxBytes: 1024 * 1024,
						timeoutMs: 60_000,
						signal,
					},
					call,
				);
				response.discard();
			} catch (error) {
				// Already gone at the provider is what we wanted.
				if (
					error instanceof VoiceProviderError &&
					(error.providerStatus === 404 ||
						(error.providerStatus === 400 &&
							/voice_(does_not_exist|not_found)/.test(error.message)))
				)
					return;
				throw error;
			}
		},
	};
}

/**
 * Voice and music sources that need the network, built from the configuration: remote speech
 * providers for the engine, the cameo voice cloner, Piper voice downloads. Keys stay in here and in
 * config.ts; nothing they build logs or stores them.
 */
import type { SpeechConfig } from '../config';
import type { RemoteVoiceSource } from '../engine/voice';
import type { VoiceCloner } from '../trust/cameo/voiceClone';
import { createElevenLabsCloner, createElevenLabsSpeech } from './elevenLabs';
import type { HttpFetch } from './http';
import { createOpenAiSpeech } from './openaiSpeech';

export function createRemoteVoices(speech: SpeechConfig, fetch: HttpFetch): RemoteVoiceSource[] {
	return [
		...(speech.openai ? [createOpenAiSpeech(speech.openai, fetch)] : []),
		...(speech.elevenlabs ? [createElevenLabsSpeech(speech.elevenlabs, fetch)] : []),
		...speech.instances.map((instance) =>
			instance.type === 'elevenlabs'
				? createElevenLabsSpeech(instance, fetch)
				: createOpenAiSpeech(instance, fetch),
		),
	];
}

export function createVoiceCloner(speech: SpeechConfig, fetch: HttpFetch): VoiceCloner | undefined {
	return speech.elevenlabs ? createElevenLabsCloner(speech.elevenlabs, fetch) : undefined;
}

/**
 * Cloning a cameo's recorded voice at a provider that offers it (ElevenLabs instant voice cloning).
 * The registry calls it only with the owner's recorded consent for that use, and deletes the
 * provider's voice when the consent is withdrawn or the cameo revoked.
 */
export interface ClonedVoice {
	/** The engine's voice id, e.g. `elevenlabs:<voice_id>`. */
	voice: string;
	providerVoiceId: string;
	requiresVerification: boolean;
}

export interface VoiceCloner {
	readonly provider: string;
	clone(input: {
		name: string;
		description: string;
		/** The owner's recording (WAV). */
		audio: Buffer;
		signal?: AbortSignal;
	}): Promise<ClonedVoice>;
	/** Deletes the voice at the provider; resolves when it is gone (or was already). */
	remove(providerVoiceId: string, signal?: AbortSignal): Promise<void>;
}

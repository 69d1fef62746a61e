/** The stored shapes of the cameo registry: one record per cameo, one audit entry per event. */
import type { VoiceProfile } from '../../pipeline/render';
import type { RecordingChecks, RejectionCode } from './recording';
import type { ReadingScript } from './script';

export const PRIVACY_LEVELS = ['private', 'restricted', 'public'] as const;
export type Privacy = (typeof PRIVACY_LEVELS)[number];

export type CameoStatus = 'awaiting_recording' | 'active' | 'rejected' | 'revoked';

export interface CameoRecord {
	id: string;
	object: 'cameo';
	ownerKeyId: string;
	/** The person's name as they give it; a spec naming this person is allowed for callers who may use the cameo. */
	name: string;
	status: CameoStatus;
	privacy: Privacy;
	/** For `restricted`: API key ids that may use it (the owner always may). */
	allowedKeyIds: string[];
	script: ReadingScript;
	attempts: number;
	createdAt: string;
	updatedAt: string;
	rejection?: { code: RejectionCode; reason: string; at: string };
	checks?: RecordingChecks;
	assets?: {
		cutoutPath: string;
		voice: VoiceProfile;
		/** The owner's voice from the recording (WAV), kept for cloning; deleted with the cameo. */
		voiceSamplePath?: string;
	};
	/** Uses the owner agreed to beyond appearing in renders, each recorded with who and when. */
	consents?: { voiceCloning?: Consent };
	/** The owner's voice cloned at a provider (only with `consents.voiceCloning` granted). */
	voiceClone?: VoiceCloneState;
	revokedAt?: string;
}

export interface Consent {
	granted: boolean;
	at: string;
	keyId: string;
}

export interface VoiceCloneState {
	status: 'ready' | 'failed' | 'unavailable' | 'deleted' | 'delete_pending';
	provider?: string;
	/** The engine's voice id (`elevenlabs:<id>`) while ready. */
	voice?: string;
	/** The provider's id, kept until the provider confirms the deletion. */
	providerVoiceId?: string;
	requiresVerification?: boolean;
	reason?: string;
	at: string;
}

export type AuditEvent =
	| 'registered'
	| 'recording.accepted'
	| 'recording.rejected'
	| 'privacy.changed'
	| 'used'
	| 'denied'
	| 'revoked'
	| 'consent.granted'
	| 'consent.withdrawn'
	| 'voice.cloned'
	| 'voice.clone_failed'
	| 'voice.clone_deleted'
	| 'voice.clone_delete_failed';

export interface CameoAuditEntry {
	id: string;
	cameoId: string;
	at: string;
	event: AuditEvent;
	/** Who did it (the owner, or the caller who used or tried to use the cameo). */
	keyId: string;
	renderId?: string;
	detail?: string;
}

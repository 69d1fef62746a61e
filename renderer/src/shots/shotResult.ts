/** What making one piece of a story gives back, and what the record keeps of each shot. */
import type { SpeechClip } from '../engine/storyboard';
import type { Warning } from '../pipeline/render';
import { ApiError } from '../spec/errors';
import type { RenderSpec } from '../spec/renderSpec';

/** What the render record keeps about one shot. */
export interface ShotRecord {
	index: number;
	/** `media`, `local`, or the remote provider's id. */
	source: string;
	seconds: number;
	/** The providers tried before this one, with why each could not. */
	fallbackFrom?: Array<{ provider: string; code: string; message: string }>;
	/** A remote clip re-used from the cache: nothing was paid for it this time. */
	reused?: boolean;
	/** Seconds a remote provider generated (and billed) for this shot. */
	paidSeconds?: number;
	remote?: Record<string, unknown>;
	media?: Record<string, unknown>;
	/** The voice-over spoken over this shot: how long it took, and whether it set the shot's length. */
	narration?: { spokenSeconds: number; autoDuration?: true };
}

/** A failure as a fallback record names it. */
export function describeFailure(error: unknown): { code: string; message: string } {
	if (error instanceof ApiError) return { code: error.code, message: error.message };
	return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export interface PieceResult {
	path: string;
	gain: number;
	records: ShotRecord[];
	warnings: Warning[];
	transcript?: string;
	captionsPath?: string;
	/** Dialogue a remote generator spoke, timed for captions on the shot's clock. */
	dialogue?: SpeechClip[];
}

/**
 * A provider's safety filter refused the shot: no other provider is asked to make it (a fallback
 * must not route around moderation).
 */
export function refusedForSafety(error: unknown): boolean {
	return error instanceof ApiError && error.code === 'provider_blocked';
}

/** The linear gain of a sound ducked by the spec's ducking amount. */
export function duckGain(spec: RenderSpec): number {
	return 10 ** (-(spec.audio.ducking?.amountDb ?? 12) / 20);
}

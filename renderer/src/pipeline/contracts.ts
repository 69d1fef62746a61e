/**
 * What the job runner needs from trust & safety. The runner calls these after the provider has
 * produced a video and before the render may be `completed`; implementations live in `trust/`.
 * What a source of video itself sees of them (the frame tap, cameos) is in the render contract.
 */
import type { RenderSpec } from '../spec/renderSpec';
import type { ModerationFrameTap } from './render';

/** Where a checked text or picture came from. `remix`: remix instructions; `feed`: feed titles; `report`: report reasons. */
export type ModerationSource =
	| 'prompt'
	| 'transcript'
	| 'frame'
	| 'ocr'
	| 'text'
	| 'remix'
	| 'feed'
	| 'report';

/** Who scored: the offline rules, the user's guard model, OpenAI's moderation endpoint, the NSFW image model. */
export type CheckerName = 'rules' | 'guard' | 'openai' | 'nsfw-model';

export interface CheckerReport {
	checker: CheckerName;
	/** The model behind it, e.g. "llama-guard (llama-guard3:8b)". */
	model?: string;
	/** This checker's highest score per category. */
	categories: Record<string, number>;
	/** What the policy would have decided on this checker's scores alone. */
	action: 'allow' | 'flag' | 'block';
	/** The checker failed (a guard model that timed out, say); the other checkers' verdict stands. */
	error?: { code: string; message: string };
}

export interface ModerationReason {
	category: string;
	score: number;
	source: ModerationSource;
	/** What triggered it: a matched phrase, a frame time, an OCR line. */
	detail: string;
	/** JSON pointer of the spec field it came from (spec moderation only), for ApiError details. Added by trust & safety. */
	path?: string;
	/** Which checker scored it. */
	checker?: CheckerName;
}

export interface ModerationVerdict {
	flagged: boolean;
	/** What the policy calls for: `block` refuses the spec (and publishing), `flag` marks it, `allow` passes. Added by trust & safety. */
	action?: 'allow' | 'flag' | 'block';
	/** Highest score per category, 0..1. */
	categories: Record<string, number>;
	reasons: ModerationReason[];
	/** Policy/threshold set that produced the verdict, for the record. */
	policy: string;
	checkedAt: string;
	/** Each checker's own scores and decision; the stricter decision wins. */
	checkers?: CheckerReport[];
	/** The checkers whose scores alone call for the verdict's action (empty when it is `allow`). */
	decidedBy?: CheckerName[];
}

export interface Moderator {
	/** Before queueing: the prompt, dialogue and names in the spec. */
	moderateSpec(
		spec: RenderSpec,
		caller: { keyId: string },
		/** Texts that came with the request but are not in the spec: a remix's instructions. */
		extraFields?: Array<{ path: string; text: string }>,
	): Promise<ModerationVerdict>;
	/**
	 * Free texts outside a spec (feed titles, report reasons, remix instructions), each with the JSON
	 * pointer of its field. Optional for test doubles; `assertTextAllowed` falls back to `moderateSpec`.
	 */
	moderateFields?(
		fields: Array<{ path: string; text: string }>,
		source: ModerationSource,
	): Promise<ModerationVerdict>;
	/** After generation: sampled frames (NSFW model, OCR) decoded out of the file, and the transcript. */
	moderateVideo(input: VideoModerationInput, signal: AbortSignal): Promise<ModerationVerdict>;
	/**
	 * Before generation: a moderation that takes frames while a provider draws and encodes them (the
	 * local engine), so that the frames are inspected during the encode instead of decoded after it.
	 * Undefined when this moderator cannot inspect single frames.
	 */
	startVideoModeration?(spec: RenderSpec, signal: AbortSignal): LiveVideoModeration | undefined;
}

export interface VideoModerationInput {
	videoPath: string;
	transcript: string;
	spec: RenderSpec;
}

export interface LiveVideoModeration {
	tap: ModerationFrameTap;
	/**
	 * The verdict, after generation: built from the frames sampled during it when the tap was ended,
	 * otherwise (the provider did not use the tap) by decoding the finished file, as `moderateVideo`.
	 */
	finish(input: VideoModerationInput, signal: AbortSignal): Promise<ModerationVerdict>;
}

export interface Ingredient {
	/** The render this output was made from (remix source), when there is one. */
	renderId?: string;
	title: string;
	/** The source file, when it is at hand: its hash and manifest become the ingredient. */
	path?: string;
}

export interface ProvenanceSigner {
	/** Gets ready to sign (signing material, libraries) while a render is still being made. */
	prepare?(): void;
	/** Writes a signed copy of `inputPath` to `outputPath`; returns the manifest as JSON. */
	sign(input: {
		inputPath: string;
		outputPath: string;
		renderId: string;
		spec: RenderSpec;
		ingredients: Ingredient[];
	}): Promise<Record<string, unknown>>;
	/** Reads and validates the manifest of a file with an independent reader. */
	read(
		path: string,
	): Promise<{ valid: boolean; manifest: Record<string, unknown> | null; errors: string[] }>;
}

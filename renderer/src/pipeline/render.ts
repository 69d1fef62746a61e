/**
 * The render-facing contract: what every source of video — the local engine, a remote clip
 * generator, a stored video (providers/remix), media shots — is given for one render (the context)
 * and gives back (the generated video), with the types both sides speak: stage names, progress of
 * shots, warnings, storyboard drafts, cameos and voices, and the moderation frame tap.
 *
 * It sits at the floor with spec/: it imports nothing but spec/ and the stills' type from media/,
 * so the engine, providers, shots, jobs and trust all import it and it imports none of them
 * (dependency-cruiser's `render-contract-is-the-floor`).
 */
import type { PlannerRecord } from '../spec/coverage';
import type { Character, Shot } from '../spec/renderSpec';
import type { Stills } from '../media/stills';

/** A term a source could not render as asked; reported on the render, never silently dropped. */
export interface Warning {
	/** JSON pointer into the RenderSpec the term came from, e.g. `/shots/2/setting`. */
	path: string;
	term: string;
	message: string;
}

export interface VoiceProfile {
	/** Built-in voice id (e.g. `flite:slt`) or a Piper model id (`piper:<file>`) found in the models folder. */
	voice: string;
	/** Semitones. */
	pitch: number;
	/** 1 = normal. */
	rate: number;
	/** Spectral tilt in dB: positive is brighter (more treble, less body), negative darker. 0 when absent. */
	timbre?: number;
	/** Set by the planner only (never from a spec): the cameo whose cloned voice this is. */
	clonedFor?: string;
	/** Set by the planner only: what to speak with when `voice` is not available on this machine. */
	fallback?: VoiceProfile;
}

/**
 * Shots (and characters) written for a prompt-only spec by a storyboard writer other than the
 * rules (a language model), once at admission; the planner then plans them as if the prompt had
 * been split that way. Without shots it only records which planner ran and why.
 */
export interface StoryDraft {
	planner: PlannerRecord;
	shots?: Shot[];
	characters?: Character[];
}

/** A consented cameo, resolved for one render after the caller's right to use it was checked. */
export interface CameoAsset {
	id: string;
	/** PNG with alpha: the person cut out of their registration recording. */
	cutoutPath: string;
	voice: VoiceProfile;
	/** The owner's cloned voice (`elevenlabs:<id>`), present only while they consent to its use. */
	clonedVoice?: string;
}

export interface CameoResolver {
	/** Throws ApiError (403 / 404 / 410) when the caller may not use it or it was revoked; logs the use. */
	resolveForRender(
		cameoId: string,
		caller: { keyId: string },
		renderId: string,
	): Promise<CameoAsset>;
}

/** A frame sampled for moderation: packed RGB at the sampling size, and its time in the video. */
export interface ModerationFrame {
	width: number;
	height: number;
	data: Uint8Array;
	time: number;
}

/**
 * Where a provider that makes its own frames hands them over for moderation (RenderContext's
 * `moderation`): it samples them with `sampling` (trust/moderation/media/frameSampler.ts) as it
 * encodes, passes each sampled frame to `frame` in order, and calls `end` once every frame of the
 * video went through the sampling. The transcript, known before the encode, may come early.
 */
export interface ModerationFrameTap {
	readonly sampling: {
		intervalSeconds?: number;
		sceneThreshold?: number;
		maxSide?: number;
		maxFrames?: number;
	};
	frame(frame: ModerationFrame): void;
	transcript(text: string): void;
	end(): void;
}

export type StageName =
	| 'queued'
	| 'plan'
	| 'synthesize'
	| 'compose'
	| 'encode'
	| 'moderate'
	| 'sign'
	| 'store'
	| 'generate'
	| 'download';

export interface RenderContext {
	/** A private scratch folder for this job; removed after the job. */
	workDir: string;
	/** Aborted when the job is canceled or the worker shuts down. */
	signal: AbortSignal;
	/**
	 * Reports progress within the current stage (0..1) and switches stage; cheap to call per frame.
	 * A story of shots also says where each shot is (kept on the render as `shotProgress`).
	 */
	progress(stage: StageName, fraction: number, shots?: ShotProgress[]): void;
	log(message: string, fields?: Record<string, unknown>): void;
	/** A folder for work worth reusing between renders (speech, physics), keyed by content hash. */
	cacheDir: string;
	/** Folder holding optional models (Piper voices, ...). */
	modelsDir: string;
	/** Cameos the spec's characters name, already consent-checked for this caller, by cameo id. */
	cameos: Map<string, CameoAsset>;
	/**
	 * When the job is moderated: where a provider that encodes its own frames hands sampled frames
	 * (and the transcript) over while it works. Providers that do not use it are moderated by
	 * decoding their output afterwards.
	 */
	moderation?: ModerationFrameTap;
	/**
	 * Brings a media file the spec points at (an upload of the render's caller, or a URL through the
	 * outbound door) into workDir and returns its path. `pointer` is the spec field it came from;
	 * failures are ApiErrors naming it. Absent where nothing can be fetched (then such specs fail).
	 */
	fetchMedia?(ref: MediaRef, pointer: string): Promise<string>;
	/** The storyboard a language model wrote for a prompt-only spec at admission, if one did. */
	story?: StoryDraft;
	/**
	 * What the provider's `plan` answered at admission, kept with the render and handed back as it
	 * was stored (a JSON round trip) when `cameos` are the ones it was planned with (the runner
	 * compares their digest; a cameo changed since is planned again): the provider that made it
	 * checks it is a plan of this spec and uses it instead of planning again. Opaque to everyone else.
	 */
	plan?: unknown;
	/** The API key the render belongs to: its uploaded assets are the ones a spec may name. */
	keyId?: string;
	/**
	 * Pictures for a remote generator's clip, already fetched and identified by the story's router:
	 * the shot's first frame and its characters' reference pictures. Other providers ignore them.
	 */
	clipImages?: {
		firstFrame?: { path: string; mimeType: string };
		referenceImages?: Array<{ path: string; mimeType: string }>;
	};
	/**
	 * The stored video this render is made from (POST /v1/remixes of an upload, a URL, or a video the
	 * local engine did not make): the registry then hands the render to the `remix` source, and the
	 * spec only fixes the output. Absent for every other render.
	 */
	sourceVideo?: StoredVideoSource;
}

/** A stored video to remix and what to do to it (the request's `operations`). */
export interface StoredVideoSource {
	/** Brings the stored video into workDir and returns its path. */
	fetch(): Promise<string>;
	operations: Record<string, unknown>;
}

export type MediaRef = { url: string } | { uploadId: string };

/** Where one shot of a story is while it is made. */
export interface ShotProgress {
	index: number;
	/** `media`, `local`, or the remote provider making it (the fallback's, once one took over). */
	source: string;
	status: 'waiting' | 'working' | 'done';
	/** 0..100 */
	percent: number;
}

export interface GeneratedVideo {
	/** The encoded MP4 inside workDir. */
	videoPath: string;
	/** WebVTT captions, when the provider produced dialogue timings. */
	captionsPath?: string;
	/** What was said, for moderation and search. */
	transcript: string;
	warnings: Warning[];
	/** The poster and thumbnail written next to the video (scratch files: stored as outputs, never shown). */
	stills?: Stills;
	/** Provider-specific facts worth keeping on the render (e.g. remote job id, planned storyboard summary). */
	details: Record<string, unknown>;
}

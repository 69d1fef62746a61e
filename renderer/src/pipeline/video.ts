/**
 * The contract of every source of video — the local engine, a remote clip generator, a stored
 * media file: what a source is given for one render (the context) and what it gives back (the
 * generated video). It sits below providers and the engine, so both implement it and neither
 * imports the other.
 */
import type { CameoAsset, ModerationFrameTap } from './contracts';
import type { StoryDraft, Storyboard, Warning } from '../engine/storyboard';
import type { Stills } from '../media/stills';

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
	 * The plan admission made for this spec without cameos (the provider's `plan`), so the render
	 * does not plan again; a spec naming cameos is planned again once they are resolved.
	 */
	plan?: Storyboard;
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

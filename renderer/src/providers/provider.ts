/**
 * A video provider: the local engine, or a remote service (Veo, an OpenAI-compatible `/v1/videos`
 * gateway, ComfyUI). The job runner knows providers only through this interface, so adding one is
 * adding a folder under `providers/` and a line in `providers/registry.ts`.
 */
import type { RenderSpec } from '../spec/renderSpec';
import type { CameoAsset, StoryDraft, Warning } from '../pipeline/render';
import type { Coverage } from '../spec/coverage';
import type { ClipCapabilities, ClipProviderKind } from './remote/clipGenerator';
import type { GeneratedVideo, RenderContext } from '../pipeline/render';

// The contract of a source of video lives in pipeline/render.ts (the engine implements it too).
export type {
	GeneratedVideo,
	MediaRef,
	RenderContext,
	ShotProgress,
	StageName,
} from '../pipeline/render';

export interface ProviderLimits {
	maxDurationSeconds: number;
	maxEdgePx: number;
	maxFps: number;
	aspectRatios?: string[];
}

export interface ProviderCapabilities {
	id: string;
	displayName: string;
	/** True when it needs no network and no key. */
	offline: boolean;
	available: boolean;
	/** Why it is unavailable (missing key, unreachable), for /v1/capabilities. */
	reason?: string;
	styles: string[];
	voices: Array<{ id: string; description: string }>;
	limits: ProviderLimits;
	features: string[];
	/** Frame rates that look right with this provider (others are accepted with a warning). */
	recommendedFps?: { min: number; max: number };
	/** The terms the provider's planner understands (settings, props, actions, ...), for clients building prompts. */
	vocabulary?: Record<string, unknown>;
	/** Remote generators: what serves them, whether it answers (a cached probe), and their clip limits. */
	remote?: {
		kind: ClipProviderKind;
		model: string;
		/** null until the first probe answered. */
		reachable: boolean | null;
		authFailed?: boolean;
		reason?: string;
		checkedAt?: string;
		clip: ClipCapabilities;
	};
}

/** What admission knows about a spec before the provider looks at it. */
export interface PlanningOptions {
	/** The storyboard a language model wrote for a prompt-only spec, if one did. */
	story?: StoryDraft;
	/**
	 * The cameos the spec's characters name, by cameo id, as the caller may use them now (admission
	 * checked them): a provider that plans plans with their looks and voices. Absent: plan as if
	 * none were resolved (a spec checked outside a render).
	 */
	cameos?: ReadonlyMap<string, CameoAsset>;
}

export interface VideoProvider {
	readonly id: string;
	capabilities(): ProviderCapabilities;
	/** Rejects a spec this provider cannot render (ApiError 400 with field paths); returns warnings for terms it will approximate. */
	check(spec: RenderSpec, options?: PlanningOptions): Warning[];
	/**
	 * What this provider will show of every subject, action, object, setting and sound the prompts
	 * name (drawn, approximated, not drawn), with a per-shot `drawable` verdict that routing can
	 * read. Absent for a provider that draws whatever a prompt says (a generative model).
	 */
	coverage?(spec: RenderSpec, options?: PlanningOptions): Coverage;
	/**
	 * The plan its check and coverage read (a provider that plans before it renders): stored with the
	 * render at admission and handed back as `ctx.plan` when the cameos resolved for the render are
	 * the ones it was planned with, so a render is planned once. JSON-safe; opaque to everything but
	 * this provider.
	 */
	plan?(spec: RenderSpec, options?: PlanningOptions): unknown;
	generate(spec: RenderSpec, ctx: RenderContext): Promise<GeneratedVideo>;
}

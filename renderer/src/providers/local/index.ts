/**
 * The `local` provider: the offline engine in engine/, needing no network and no key. Its limits
 * (`LOCAL_LIMITS`, published in `capabilities().limits`) are checked at admission; `check` returns
 * the planner's warnings for terms it will approximate; `generate` runs the engine pipeline.
 */
import { defaultModelsDir } from '../../config';
import { STYLES, type RenderSpec } from '../../spec/renderSpec';
import { runLocalEngine } from '../../engine';
import { chooseEncoder } from '../../engine/encode/encoderChoice';
import { coverageOf } from '../../engine/coverage';
import { planOnce } from '../../engine/plan/once';
import type { Warning } from '../../pipeline/render';
import { describeVocabulary } from '../../engine/vocabulary';
import { listVoices, type RemoteVoiceSource } from '../../engine/voice';
import type { PlanningOptions, ProviderCapabilities, VideoProvider } from '../provider';

export const LOCAL_LIMITS = {
	maxDurationSeconds: 120,
	maxEdgePx: 3840,
	maxFps: 60,
	recommendedFps: { min: 24, max: 60 },
} as const;

const FEATURES = [
	'offline',
	'multi-shot',
	'dialogue',
	'lip-sync',
	'word-captions',
	'webvtt',
	'burned-in-captions',
	'physics',
	'sfx',
	'music',
	'ducking',
	'dialogue-clearance',
	'loudness-normalisation',
	'camera-moves',
	'transitions',
	'watermark',
	'cameos',
	'remix',
	'poster',
	'thumbnail',
	'deterministic',
];

export interface LocalProviderOptions {
	/** Folder with optional models (Piper voices); voices found there are listed in capabilities. */
	modelsDir?: string;
	/** Remote speech providers the service configured; their voices are listed and spoken. */
	remoteVoices?: RemoteVoiceSource[];
	/** Where the encoder choice (NVENC probe) is logged; stderr by default. */
	log?: (message: string, fields?: Record<string, unknown>) => void;
}

const stderrLog = (message: string, fields?: Record<string, unknown>) =>
	process.stderr.write(`[reelforge:encode] ${message} ${fields ? JSON.stringify(fields) : ''}\n`);

export function createLocalProvider(options: LocalProviderOptions = {}): VideoProvider {
	// The same default as the service's configuration (REELFORGE_MODELS_DIR, else <data dir>/models).
	const modelsDir = options.modelsDir ?? defaultModelsDir();
	// The NVENC probe runs once, when the service starts, not in the first render's time.
	void chooseEncoder(options.log ?? stderrLog);
	const remoteVoices = options.remoteVoices ?? [];
	return {
		id: 'local',

		capabilities(): ProviderCapabilities {
			return {
				id: 'local',
				displayName: 'Reelforge local engine',
				offline: true,
				available: true,
				styles: [...STYLES],
				voices: listVoices(modelsDir, remoteVoices),
				limits: {
					maxDurationSeconds: LOCAL_LIMITS.maxDurationSeconds,
					maxEdgePx: LOCAL_LIMITS.maxEdgePx,
					maxFps: LOCAL_LIMITS.maxFps,
					aspectRatios: ['9:16', '16:9', '1:1'],
				},
				recommendedFps: { ...LOCAL_LIMITS.recommendedFps },
				features: [...FEATURES],
				vocabulary: describeVocabulary(),
			};
		},

		// The limits above are checked once, at admission (providers/limits.ts); this says only what
		// the engine will approximate.
		check(spec: RenderSpec, options: PlanningOptions = {}): Warning[] {
			const warnings: Warning[] = [];
			const fps = spec.output.fps;
			if (fps < LOCAL_LIMITS.recommendedFps.min) {
				warnings.push({
					path: '/output/fps',
					term: String(fps),
					message: `${fps} fps is accepted but motion looks choppy below ${LOCAL_LIMITS.recommendedFps.min} fps`,
				});
			}
			// The planner is cheap and pure: its warnings are exactly what the render will report.
			// Outside admission the cameos are not resolved, so "not resolved" is not a warning here.
			const board = planOnce(spec, options.story, options.cameos);
			return [
				...warnings,
				...board.warnings.filter((w) => !/^\/characters\/\d+\/cameoId$/.test(w.path)),
			];
		},

		coverage(spec: RenderSpec, options: PlanningOptions = {}) {
			return coverageOf(spec, planOnce(spec, options.story, options.cameos));
		},

		plan(spec: RenderSpec, options: PlanningOptions = {}) {
			return planOnce(spec, options.story, options.cameos);
		},

		async generate(spec, ctx) {
			const { storyboard: _storyboard, ...video } = await runLocalEngine(spec, ctx, {
				remoteVoices,
			});
			return video;
		},
	};
}

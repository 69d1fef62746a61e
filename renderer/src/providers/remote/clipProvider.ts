/**
 * A remote clip generator as a `VideoProvider`, for specs that are one clip: a prompt-only spec or
 * a storyboard of one shot, within the generator's longest clip (Veo: longer, by extension). The
 * job runner then moderates, signs and stores the result like any render. Stories of several
 * shots, routing per shot and stitching come with the renderer core; until then such a spec is
 * refused with the field to change.
 *
 * The clip is generated at the native size nearest the spec's output (same aspect ratio, the
 * smallest resolution covering the output), then normalised to exactly the spec's size, frame
 * rate, length and loudness, with Reelforge's watermark.
 */
import { join } from 'node:path';
import type { Warning } from '../../pipeline/render';
import { writeVariants } from '../../engine/encode/variants';
import { ApiError, type FieldError } from '../../spec/errors';
import { STYLES, type RenderSpec } from '../../spec/renderSpec';
import { specDurationSeconds } from '../../spec/validate';
import type { ProviderCapabilities, RenderContext, VideoProvider } from '../provider';
import {
	aspectRatioOf,
	fitDuration,
	ProviderError,
	type ClipCapabilities,
	type ClipGenerator,
	type ClipHandle,
	type ClipSize,
} from './clipGenerator';
import { fitPicture, normaliseClip, probeClip } from './normalise';
import { composePrompt } from './prompt';
import { ReachabilityCache } from './reachability';
import { runClip, type ClipProgress, type PollingPolicy } from './runner';
import type { WakeBus } from './wake';

export interface ClipProviderOptions {
	wake?: WakeBus;
	/** The webhook family that wakes this generator's jobs (`gemini`, `comfyui`). */
	wakeFamily?: string;
	reachability?: ReachabilityCache;
	polling?: Partial<PollingPolicy>;
}

export interface ClipPlan {
	size: ClipSize;
	/** The first clip's length. */
	clipSeconds: number;
	/** Extensions after it (Veo). */
	extensions: number;
	/** Seconds the provider will make (and bill). */
	generatedSeconds: number;
	/** Seconds of the finished video. */
	outputSeconds: number;
	warnings: Warning[];
}

const ASPECT_TOLERANCE = 0.01;

/** Chooses the native size and clip lengths for a spec, or the field errors that rule it out. */
export function planClip(
	caps: ClipCapabilities,
	spec: RenderSpec,
	providerId: string,
): { plan?: ClipPlan; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const warnings: Warning[] = [];
	const durationPath = spec.shots.length ? '/shots/0/duration' : '/durationSeconds';
	if (spec.shots.length > 1)
		errors.push({
			path: '/shots',
			message: `${providerId} renders one clip per spec for now (this spec has ${spec.shots.length} shots); render each shot as its own spec, or use the local provider`,
		});
	spec.characters.forEach((c, i) => {
		if (c.cameoId)
			errors.push({
				path: `/characters/${i}/cameoId`,
				message: `cameos are not sent to remote providers (${providerId}); use the local provider to cast a cameo`,
			});
	});
	const seconds = specDurationSeconds(spec);
	const longestClip = Math.max(...caps.durations);
	const maxSeconds = caps.extension ? caps.extension.maxTotalSeconds : longestClip;
	if (seconds > maxSeconds + 1e-6)
		errors.push({
			path: durationPath,
			message: `${providerId} makes clips of at most ${maxSeconds} s; this spec lasts ${seconds} s`,
		});

	// Size: same aspect ratio (or the nearest), smallest resolution covering the output.
	const target = spec.output.width / spec.output.height;
	const ratio = (s: ClipSize) => s.width / s.height;
	const nearest = Math.min(...caps.sizes.map((s) => Math.abs(Math.log(ratio(s) / target))));
	const sameShape = caps.sizes.filter(
		(s) => Math.abs(Math.log(ratio(s) / target)) - nearest < 1e-9,
	);
	if (nearest > ASPECT_TOLERANCE)
		warnings.push({
			path: '/output',
			term: aspectRatioOf(spec.output.width, spec.output.height),
			message: `${providerId} makes ${sameShape[0]?.aspectRatio ?? '?'} clips; the clip is fitted into ${spec.output.width}x${spec.output.height} over a blurred fill`,
		});
	const needsExtension = seconds > longestClip + 1e-6;
	const extensionSizes = needsExtension
		? sameShape.filter((s) => caps.extension?.resolutions.includes(s.resolution))
		: sameShape;
	const byArea = [...extensionSizes].sort((a, b) => a.width * a.height - b.width * b.height);
	const covering = byArea.filter(
		(s) =>
			Math.max(s.width, s.height) >= Math.max(spec.output.width, spec.output.height) &&
			Math.min(s.width, s.height) >= Math.min(spec.output.width, spec.output.height),
	);
	const clipSeconds = needsExtension ? longestClip : fitDuration(caps, seconds);
	const allows = (s: ClipSize) => !s.durations || s.durations.includes(clipSeconds);
	const size =
		covering.find(allows) ?? [...byArea].reverse().find(allows) ?? byArea.find(allows) ?? byArea[0];
	if (!size) {
		errors.push({ path: '/output', message: `${providerId} has no size for this output` });
		return { errors };
	}
	if (!covering.includes(size))
		warnings.push({
			path: '/output',
			term: size.resolution,
			message: `${providerId} makes ${size.width}x${size.height} at most here; the clip is upscaled to ${spec.output.width}x${spec.output.height}`,
		});
	let extensions = 0;
	let generatedSeconds = clipSeconds;
	if (needsExtension && caps.extension) {
		extensions = Math.ceil((seconds - clipSeconds) / caps.extension.addsSeconds);
		generatedSeconds = clipSeconds + extensions * caps.extension.addsSeconds;
	}
	if (generatedSeconds > seconds + 1e-6)
		warnings.push({
			path: durationPath,
			term: String(seconds),
			message: `${providerId} makes ${caps.durations.join(', ')} s clips; ${generatedSeconds} s is generated (and billed) and cut to ${seconds} s`,
		});
	if (spec.output.fps && caps.fps.length && !caps.fps.includes(spec.output.fps))
		warnings.push({
			path: '/output/fps',
			term: String(spec.output.fps),
			message: `${providerId} makes ${caps.fps.join('/')} fps clips; frames are resampled to ${spec.output.fps} fps`,
		});
	if (errors.length) return { errors };
	return {
		plan: { size, clipSeconds, extensions, generatedSeconds, outputSeconds: seconds, warnings },
		errors,
	};
}

function featuresOf(caps: ClipCapabilities): string[] {
	return [
		'remote',
		'single-clip',
		caps.nativeAudio ? 'native-audio' : 'silent',
		caps.referenceImages ? 'reference-images' : undefined,
		caps.firstFrame ? 'first-frame' : undefined,
		caps.lastFrame ? 'last-frame' : undefined,
		caps.extension ? 'extension' : undefined,
		caps.remix ? 'remix' : undefined,
		caps.negativePrompt ? 'negative-prompt' : undefined,
		caps.seed ? 'seed' : undefined,
		caps.webhooks ? 'completion-events' : undefined,
		'watermark',
		'loudness-normalisation',
		'poster',
		'thumbnail',
	].filter((f): f is string => Boolean(f));
}

export function createClipVideoProvider(
	generator: ClipGenerator,
	options: ClipProviderOptions = {},
): VideoProvider {
	const reachability =
		options.reachability ?? new ReachabilityCache((signal) => generator.probe(signal));

	function capabilities(): ProviderCapabilities {
		const caps = generator.capabilities();
		const reach = reachability.current();
		const ratios = [...new Set(caps.sizes.map((s) => s.aspectRatio))];
		return {
			id: generator.id,
			displayName: generator.displayName,
			offline: false,
			available: true,
			...(reach.authFailed ? { reason: reach.reason } : {}),
			// Styles are words in the prompt for a remote model.
			styles: [...STYLES],
			voices: [],
			limits: {
				maxDurationSeconds: caps.extension
					? caps.extension.maxTotalSeconds
					: Math.max(...caps.durations),
				maxEdgePx: 3840,
				maxFps: 60,
				aspectRatios: ratios,
			},
			features: featuresOf(caps),
			remote: {
				kind: generator.kind,
				model: caps.model,
				reachable: reach.reachable,
				...(reach.authFailed ? { authFailed: true } : {}),
				...(reach.reason ? { reason: reach.reason } : {}),
				...(reach.checkedAt ? { checkedAt: reach.checkedAt } : {}),
				clip: caps,
			},
		};
	}

	return {
		id: generator.id,
		capabilities,

		check(spec) {
			const caps = generator.capabilities();
			const { plan, errors } = planClip(caps, spec, generator.id);
			if (!plan) throw ApiError.invalid(`${generator.id} cannot render this spec.`, errors);
			const { warnings } = composePrompt(spec, { id: generator.id, nativeAudio: caps.nativeAudio });
			return [...plan.warnings, ...warnings];
		},

		async generate(spec, ctx: RenderContext) {
			const caps = generator.capabilities();
			const { plan, errors } = planClip(caps, spec, generator.id);
			if (!plan) throw ApiError.invalid(`${generator.id} cannot render this spec.`, errors);
			const composed = composePrompt(spec, { id: generator.id, nativeAudio: caps.nativeAudio });
			const images = ctx.clipImages;
			const request = {
				prompt: composed.prompt,
				durationSeconds: plan.clipSeconds,
				size: plan.size,
				...(caps.seed && spec.seed !== undefined ? { seed: spec.seed } : {}),
				...(images?.firstFrame
					? {
							firstFrame: await fitPicture(
								images.firstFrame,
								plan.size,
								join(ctx.workDir, 'first-frame.png'),
								ctx.signal,
							),
						}
					: {}),
				...(images?.referenceImages?.length ? { referenceImages: images.referenceImages } : {}),
			};
			const invalid = generator.validate(request);
			if (invalid.length)
				throw ApiError.invalid(
					`${generator.id} cannot render this spec.`,
					invalid.map((e) => ({ path: '/provider', message: `${e.path.slice(1)} ${e.message}` })),
				);

			const steps = 1 + plan.extensions;
			const handles: ClipHandle[] = [];
			const onProgress = (step: number) => (p: ClipProgress) => {
				if (p.phase === 'download') ctx.progress('download', p.fraction);
				else ctx.progress('generate', (step + (p.phase === 'submit' ? 0 : p.fraction)) / steps);
			};
			const common = {
				signal: ctx.signal,
				wake: options.wake,
				wakeFamily: options.wakeFamily,
				polling: options.polling,
				log: ctx.log,
				onSubmitted: (handle: ClipHandle) => {
					handles.push(handle);
					ctx.log('remote clip accepted', { provider: generator.id, job: handle.id });
				},
			};
			ctx.progress('generate', 0);
			let run = await runClip(
				generator,
				{ kind: 'generate', request },
				{ ...common, dir: plan.extensions ? undefined : ctx.workDir, onProgress: onProgress(0) },
			);
			for (let i = 1; i <= plan.extensions; i++) {
				run = await runClip(
					generator,
					{
						kind: 'extend',
						source: { handle: run.handle, result: run.result },
						request: { prompt: composed.prompt, size: plan.size },
					},
					{
						...common,
						dir: i === plan.extensions ? ctx.workDir : undefined,
						onProgress: onProgress(i),
					},
				);
			}
			if (!run.file)
				throw new ProviderError('provider_failed', `${generator.id}: no clip was downloaded`, {
					provider: generator.id,
				});

			const facts = await probeClip(run.file.path, generator.id);
			const warnings: Warning[] = [...plan.warnings, ...composed.warnings];
			if (facts.durationSeconds + 0.05 < plan.outputSeconds)
				warnings.push({
					path: spec.shots.length ? '/shots/0/duration' : '/durationSeconds',
					term: String(plan.outputSeconds),
					message: `${generator.id} returned ${facts.durationSeconds.toFixed(2)} s instead of ${plan.outputSeconds} s; the video is that long`,
				});
			const videoPath = join(ctx.workDir, 'video.mp4');
			ctx.progress('encode', 0);
			const normalised = await normaliseClip(run.file.path, videoPath, {
				spec,
				facts,
				seconds: plan.outputSeconds,
				signal: ctx.signal,
				onProgress: (f) => ctx.progress('encode', f),
				log: ctx.log,
			});
			const variants = await writeVariants(
				videoPath,
				ctx.workDir,
				Math.min(normalised.seconds / 2, 2),
				ctx.signal,
			);
			const price = caps.price?.byResolution?.[plan.size.resolution] ?? caps.price?.usdPerSecond;
			return {
				videoPath,
				transcript: composed.transcript,
				warnings,
				stills: variants,
				details: {
					durationSeconds: normalised.seconds,
					remote: {
						provider: generator.id,
						kind: generator.kind,
						model: caps.model,
						jobs: handles.map((h) => h.id),
						size: `${plan.size.width}x${plan.size.height}`,
						resolution: plan.size.resolution,
						generatedSeconds: plan.generatedSeconds,
						nativeAudio: facts.hasAudio,
						source: {
							width: facts.width,
							height: facts.height,
							fps: Number(facts.fps.toFixed(3)),
							seconds: Number(facts.durationSeconds.toFixed(3)),
						},
						...(price !== undefined
							? {
									usdPerSecond: price,
									estimatedCostUsd: Number((price * plan.generatedSeconds).toFixed(4)),
									priceAsOf: caps.price?.asOf,
								}
							: {}),
						polls: run.polls,
						wakes: run.wakes,
					},
				},
			};
		},
	};
}

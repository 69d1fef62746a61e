/**
 * `omni`: Gemini Omni Flash (`gemini-omni-flash-preview`) through the Gemini Interactions API —
 * short clips with their own sound, and conversational edits of a clip it made (the natural
 * backend for remix-by-instruction).
 *
 * What is confirmed (see docs/providers.md for the sources): `POST {base}/interactions` with
 * `{model, input, response_format:{type:"video", aspect_ratio, resolution, duration, delivery},
 * background:true, store:true}` answers an Interaction `{id, status}`; `GET {base}/interactions/{id}`
 * until `status` is `completed` (or `failed`, `cancelled`, `incomplete`); the video is a content
 * block `{type:"video", mime_type, data | uri}` in the last `model_output` step (also
 * `output_video`); `previous_interaction_id` continues from an earlier clip (an edit);
 * `POST {base}/interactions/{id}/cancel` stops a background interaction. The model only serves the
 * Interactions API (generateContent answers 400).
 *
 * Not confirmed from public documents, built defensively: the exact shape of a safety block (a
 * `failed` status whose errors mention safety/blocked is read as `provider_blocked`), the format of
 * `duration` (sent as a protobuf Duration string, "8s"), and whether a `uri` delivery names a Files
 * API resource (then `:download?alt=media` is appended) or a direct link.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldError } from '../../spec/errors';
import {
	finishedResult,
	ProviderError,
	validateCommon,
	type ClipCapabilities,
	type ClipGenerator,
	type ClipHandle,
	type ClipResult,
	type ClipSize,
	type ClipStatus,
	type ImageInput,
} from '../remote/clipGenerator';
import type { Outbound } from '../../net/outbound';
import { GeminiApi, inlineImageBase64, safeResourceName } from '../remote/geminiApi';

export const OMNI_DEFAULT_MODEL = 'gemini-omni-flash-preview';

export interface OmniConfig {
	name: string;
	apiKey: string;
	baseUrl?: string;
	model?: string;
	/** Clip lengths offered, seconds (3–10 for the preview model). */
	durations?: number[];
	concurrency?: number;
	deadlineSeconds?: number;
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
}

interface ContentBlock {
	type?: string;
	text?: string;
	data?: string;
	uri?: string;
	mime_type?: string;
}

interface Interaction {
	id?: string;
	status?: string;
	errors?: Array<{ code?: string; message?: string }>;
	output_video?: ContentBlock;
	steps?: Array<{
		type?: string;
		content?: ContentBlock[];
		error?: { code?: number; message?: string; status?: string };
	}>;
}

/** A clip delivered inline can be a few tens of MB of base64; anything above this is refused. */
const MAX_INLINE_ANSWER_BYTES = 96 * 1024 * 1024;
const SAFETY = /safety|blocked|prohibited|policy|responsible ai|filtered/i;

export function omniCapabilities(
	model: string,
	options: { durations?: number[]; concurrency: number; deadlineSeconds: number },
): ClipCapabilities {
	const sizes: ClipSize[] = [
		{ width: 1280, height: 720, aspectRatio: '16:9', resolution: '720p' },
		{ width: 720, height: 1280, aspectRatio: '9:16', resolution: '720p' },
	];
	return {
		model,
		durations: options.durations ?? [3, 4, 5, 6, 7, 8, 9, 10],
		sizes,
		fps: [24],
		nativeAudio: true,
		referenceImages: 10,
		firstFrame: true,
		lastFrame: false,
		remix: true,
		negativePrompt: false,
		seed: true,
		webhooks: true,
		concurrency: options.concurrency,
		deadlineSeconds: options.deadlineSeconds,
		price: {
			usdPerSecond: 0.101,
			asOf: '2026-07',
			source:
				'Gemini API pricing: $17.50 per 1M video output tokens, 5,792 tokens per second of 720p video (as quoted by runware.ai/docs/models/google-gemini-omni-flash)',
			note: 'billed in tokens; the per-second figure is derived',
		},
	};
}

export function createOmniGenerator(config: OmniConfig): ClipGenerator {
	const model = config.model ?? OMNI_DEFAULT_MODEL;
	const provider = config.name;
	const api = new GeminiApi({
		provider,
		apiKey: config.apiKey,
		baseUrl: config.baseUrl,
		outbound: config.outbound,
	});
	const caps = omniCapabilities(model, {
		durations: config.durations,
		concurrency: config.concurrency ?? 2,
		deadlineSeconds: config.deadlineSeconds ?? 600,
	});

	async function imageBlock(image: ImageInput, field: string): Promise<ContentBlock> {
		return {
			type: 'image',
			mime_type: image.mimeType,
			data: await inlineImageBase64(provider, image, field),
		};
	}

	function responseFormat(size: Pick<ClipSize, 'aspectRatio' | 'resolution'>, seconds?: number) {
		return {
			type: 'video',
			aspect_ratio: size.aspectRatio,
			resolution: size.resolution,
			...(seconds !== undefined ? { duration: `${seconds}s` } : {}),
			delivery: 'uri',
		};
	}

	async function create(body: Record<string, unknown>, signal: AbortSignal): Promise<ClipHandle> {
		const interaction = await api.call<Interaction>('POST', 'interactions', signal, {
			model,
			background: true,
			store: true,
			...body,
		});
		const id = safeResourceName(provider, interaction.id);
		return { provider, kind: 'omni', id };
	}

	function videoOf(interaction: Interaction): ContentBlock | undefined {
		if (interaction.output_video?.uri || interaction.output_video?.data)
			return interaction.output_video;
		for (const step of [...(interaction.steps ?? [])].reverse()) {
			if (step?.type !== 'model_output') continue;
			const video = step.content?.find((c) => c?.type === 'video' && (c.uri || c.data));
			if (video) return video;
		}
		return undefined;
	}

	function failure(interaction: Interaction): ProviderError {
		const messages = [
			...(interaction.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')),
			...(interaction.steps ?? []).flatMap((s) =>
				s?.error ? [[s.error.status, s.error.message].filter(Boolean).join(': ')] : [],
			),
		].filter(Boolean);
		const text = api.http.redact(
			messages.join('; ') || `the interaction ended ${interaction.status}`,
		);
		if (messages.some((m) => SAFETY.test(m)))
			return new ProviderError(
				'provider_blocked',
				`${provider}: blocked by the provider: ${text}`,
				{
					provider,
					reasons: messages.map((m) => api.http.redact(m)),
				},
			);
		return new ProviderError('provider_failed', `${provider}: ${text}`, {
			provider,
			providerCode: interaction.status,
		});
	}

	async function status(handle: ClipHandle, signal: AbortSignal): Promise<ClipStatus> {
		const interaction = await api.call<Interaction>(
			'GET',
			`interactions/${encodeURIComponent(safeResourceName(provider, handle.id))}`,
			signal,
			undefined,
			{ maxBytes: MAX_INLINE_ANSWER_BYTES, notFound: 'provider_failed' },
		);
		switch (interaction.status) {
			case 'queued':
				return { state: 'queued' };
			case 'in_progress':
				return { state: 'running' };
			case 'completed': {
				const video = videoOf(interaction);
				if (!video)
					return SAFETY.test(JSON.stringify(interaction.errors ?? ''))
						? { state: 'failed', error: failure(interaction) }
						: {
								state: 'failed',
								error: new ProviderError(
									'provider_malformed',
									`${provider}: the completed interaction has no video`,
									{ provider },
								),
							};
				const result: ClipResult = video.uri
					? { uri: video.uri, mimeType: video.mime_type }
					: { inline: true, mimeType: video.mime_type };
				return { state: 'succeeded', progress: 1, result };
			}
			case 'cancelled':
				return { state: 'canceled', error: failure(interaction) };
			case 'failed':
			case 'incomplete':
			case 'budget_exceeded':
			case 'requires_action':
				return { state: 'failed', error: failure(interaction) };
			default:
				throw new ProviderError(
					'provider_malformed',
					`${provider}: unknown interaction status ${JSON.stringify(interaction.status)}`,
					{ provider },
				);
		}
	}

	return {
		id: provider,
		kind: 'omni',
		displayName: `Gemini Omni (${model})`,
		capabilities: () => caps,

		validate(request): FieldError[] {
			return validateCommon(caps, request);
		},

		async submit(request, signal) {
			const images: ContentBlock[] = [];
			if (request.firstFrame) images.push(await imageBlock(request.firstFrame, 'firstFrame'));
			for (const [i, image] of (request.referenceImages ?? []).entries())
				images.push(await imageBlock(image, `referenceImages[${i}]`));
			const task = request.firstFrame
				? 'image_to_video'
				: request.referenceImages?.length
					? 'reference_to_video'
					: 'text_to_video';
			const handle = await create(
				{
					input: images.length
						? [{ type: 'text', text: request.prompt }, ...images]
						: request.prompt,
					response_format: responseFormat(request.size, request.durationSeconds),
					generation_config: {
						video_config: { task },
						...(request.seed !== undefined ? { seed: request.seed } : {}),
					},
				},
				signal,
			);
			return { ...handle, data: { aspectRatio: request.size.aspectRatio } };
		},

		async remix(source, instruction, signal) {
			const size =
				caps.sizes.find((s) => s.aspectRatio === source.handle.data?.aspectRatio) ?? caps.sizes[0];
			const handle = await create(
				{
					previous_interaction_id: safeResourceName(provider, source.handle.id),
					input: instruction,
					response_format: responseFormat(size),
					generation_config: { video_config: { task: 'edit' } },
				},
				signal,
			);
			return { ...handle, data: { ...source.handle.data, remixedFrom: source.handle.id } };
		},

		status,

		async download(handle, dir, signal, options = {}) {
			const result = await finishedResult({ id: provider, status }, handle, signal, options.result);
			if (typeof result.uri === 'string') {
				const uri = /\/files\/[^/:?]+$/.test(result.uri)
					? `${result.uri}:download?alt=media`
					: result.uri;
				return api.download(uri, dir, `omni-${handle.id}.mp4`, signal, options.onProgress);
			}
			// Delivered inline: the interaction is fetched again and its base64 written out.
			const interaction = await api.call<Interaction>(
				'GET',
				`interactions/${encodeURIComponent(safeResourceName(provider, handle.id))}`,
				signal,
				undefined,
				{ maxBytes: MAX_INLINE_ANSWER_BYTES },
			);
			const video = videoOf(interaction);
			if (!video?.data)
				throw new ProviderError(
					'provider_malformed',
					`${provider}: the interaction has no inline video`,
					{
						provider,
					},
				);
			const bytes = Buffer.from(video.data, 'base64');
			if (!bytes.length)
				throw new ProviderError('provider_failed', `${provider}: the inline video is empty`, {
					provider,
				});
			const path = join(dir, `omni-${handle.id}.mp4`);
			await writeFile(path, bytes);
			options.onProgress?.(bytes.length, bytes.length);
			return { path, bytes: bytes.length, contentType: video.mime_type };
		},

		async cancel(handle, signal) {
			await api.call(
				'POST',
				`interactions/${encodeURIComponent(safeResourceName(provider, handle.id))}/cancel`,
				signal,
				{},
			);
		},

		probe: (signal) => api.probe(model, signal),
	};
}

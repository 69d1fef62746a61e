/**
 * The Moderator the job runner calls: text rules (and OpenAI's moderation endpoint when a key is
 * configured) over the spec before queueing; sampled frames, burned-in text and the transcript
 * over the video — sampled while the local engine encodes it (`startVideoModeration`), or decoded
 * out of the finished file (`moderateVideo`: uploads, remote providers). Both build the verdict
 * from the same evidence in the same order, so the same frames give the same verdict.
 */
import type {
	LiveVideoModeration,
	ModerationFrameTap,
	ModerationVerdict,
	Moderator,
} from '../../pipeline/contracts';
import type { RenderSpec } from '../../spec/renderSpec';
import { normaliseTerm } from './normalize';
import { OpenAIModerationClient, type OpenAIModerationConfig } from './openaiModeration';
import { resolvePolicy, type Category, type CategoryPolicy, type ModerationPolicy } from './policy';
import { specTexts } from './specText';
import { TextRules, type TextRulesConfig } from './textRules';
import { buildVerdict, type Evidence } from './verdict';
import type { ModerationSource } from '../../pipeline/contracts';
import type { FrameFindings } from './media/frameInspection';
import type { SampledFrame, SampleOptions } from './media/frameSampler';
import { createVideoInspector } from './media/videoInspector';

/** What the moderator needs to know about cameos: whose likeness the caller may use in this spec. */
export interface CameoConsent {
	/** Names of the real people behind the given cameos that this caller may use. */
	consentedPeople(cameoIds: string[], caller: { keyId: string }): Promise<string[]>;
}

/** Per sampled frame: image-model scores and the text burned into it. */
export type FrameReport = FrameFindings & { time: number };

/** Looks at a video: decodes a finished file, or takes frames a renderer samples as it encodes. */
export interface VideoInspector {
	inspect(videoPath: string, signal: AbortSignal): Promise<FrameReport[]>;
	/** How frames are sampled (both ways); with `inspectFrame`, frames can be moderated as they are made. */
	sampling?: SampleOptions;
	inspectFrame?(frame: SampledFrame, signal: AbortSignal): Promise<FrameReport>;
	/** Loads the models now, so the first frame does not wait for them. */
	preload?(): Promise<void>;
}

export interface ModeratorConfig extends TextRulesConfig {
	policy?: { name?: string; categories?: Partial<Record<Category, Partial<CategoryPolicy>>> };
	/** Defaults from OPENAI_API_KEY / OPENAI_BASE_URL; `false` turns the adapter off. */
	openai?: OpenAIModerationConfig | false;
	cameos?: CameoConsent;
	/** Frame sampling + NSFW model + OCR; `createVideoInspector()` by default. */
	video?: VideoInspector;
	/** Speech recognition for videos that come without a transcript; pocketsphinx by default, `false` to skip. */
	transcribe?: ((videoPath: string, signal: AbortSignal) => Promise<string>) | false;
}

export interface TextModerator extends Moderator {
	readonly policy: ModerationPolicy;
	/** For `POST /v1/moderations {text}` and anything else that is plain text. */
	moderateText(text: string, source?: ModerationSource): Promise<ModerationVerdict>;
}

/** Engines that synthesise all speech themselves report every word: for them an empty transcript means silence. */
const PROVIDERS_WITH_FULL_TRANSCRIPTS = new Set(['local', 'testpattern']);

export function createModerator(config: ModeratorConfig = {}): TextModerator {
	const policy = resolvePolicy(config.policy);
	const rules = new TextRules(config);
	const openaiConfig = config.openai === false ? undefined : (config.openai ?? openAIFromEnv());
	const openai = openaiConfig ? new OpenAIModerationClient(openaiConfig) : undefined;
	let video = config.video;

	async function textEvidence(
		source: ModerationSource,
		where: string,
		text: string,
		signal?: AbortSignal,
	): Promise<Evidence & { namedPeople: string[] }> {
		const analysis = rules.analyse(text);
		const evidence = {
			source,
			where,
			scores: { ...analysis.scores },
			details: [...analysis.findings],
			namedPeople: analysis.namedPeople,
		};
		if (openai) {
			const remote = await openai.moderate([{ type: 'text', text }], signal);
			for (const [category, score] of Object.entries(remote) as Array<[Category, number]>) {
				if (score > (evidence.scores[category] ?? 0)) {
					evidence.scores[category] = score;
					evidence.details.push({
						category,
						score,
						detail: `omni-moderation ${category} ${score.toFixed(3)}`,
					});
				}
			}
		}
		return evidence;
	}

	const moderator: TextModerator = {
		policy,

		async moderateText(text, source = 'text') {
			return buildVerdict(policy, [await textEvidence(source, 'text', text)]);
		},

		async moderateSpec(spec: RenderSpec, caller) {
			const pieces = await Promise.all(
				specTexts(spec).map((t) => textEvidence('prompt', t.path, t.text)),
			);
			const cameoIds = (spec.characters ?? []).flatMap((c) => (c.cameoId ? [c.cameoId] : []));
			const consented = new Set(
				(cameoIds.length && config.cameos
					? await config.cameos.consentedPeople(cameoIds, caller)
					: []
				).map((n) => normaliseTerm(n).join(' ')),
			);
			// A real person the caller holds a usable cameo of is allowed; everyone else named stays refused.
			for (const piece of pieces) {
				const unconsented = piece.details.filter(
					(d) => d.category === 'real-person' && !consented.has(normaliseTerm(d.detail).join(' ')),
				);
				piece.details = piece.details
					.filter((d) => d.category !== 'real-person')
					.concat(unconsented);
				if (piece.scores['real-person'] !== undefined)
					piece.scores['real-person'] = unconsented.reduce((max, d) => Math.max(max, d.score), 0);
			}
			return buildVerdict(policy, pieces);
		},

		async moderateVideo({ videoPath, transcript, spec }, signal) {
			const evidence = await transcriptEvidence(videoPath, transcript, spec, signal);
			for (const frame of await inspector().inspect(videoPath, signal))
				evidence.push(...(await frameEvidence(frame, signal)));
			return buildVerdict(policy, evidence);
		},

		startVideoModeration(spec, signal) {
			const video = inspector();
			if (!video.inspectFrame) return undefined;
			const inspectFrame = video.inspectFrame.bind(video);
			// The models load in their thread while the render plans and synthesises.
			video.preload?.().catch(() => undefined);
			const reports: Array<Promise<FrameReport>> = [];
			let complete = false;
			let early: { text: string; evidence: Promise<Evidence[]> } | undefined;
			const tap: ModerationFrameTap = {
				sampling: video.sampling ?? {},
				frame(frame) {
					const report = inspectFrame(frame, signal);
					report.catch(() => undefined); // awaited in finish()
					reports.push(report);
				},
				transcript(text) {
					const evidence = transcriptEvidence('', text, spec, signal);
					evidence.catch(() => undefined);
					early = { text, evidence };
				},
				end() {
					complete = true;
				},
			};
			const live: LiveVideoModeration = {
				tap,
				async finish(input, finishSignal) {
					// The provider did not sample every frame (not the local engine, or it failed over): decode.
					if (!complete) return moderator.moderateVideo(input, finishSignal);
					const evidence =
						early && early.text === input.transcript && input.transcript.trim()
							? await early.evidence
							: await transcriptEvidence(input.videoPath, input.transcript, spec, finishSignal);
					for (const report of reports)
						evidence.push(...(await frameEvidence(await report, finishSignal)));
					return buildVerdict(policy, evidence);
				},
			};
			return live;
		},
	};
	return moderator;

	function inspector(): VideoInspector {
		return (video ??= createVideoInspector());
	}

	/** The transcript's evidence; a video that comes without one is listened to, unless its provider reports all speech. */
	async function transcriptEvidence(
		videoPath: string,
		transcript: string,
		spec: RenderSpec,
		signal: AbortSignal,
	): Promise<Evidence[]> {
		if (transcript.trim())
			return [await textEvidence('transcript', 'transcript', transcript, signal)];
		if (
			config.transcribe === false ||
			PROVIDERS_WITH_FULL_TRANSCRIPTS.has(spec.provider) ||
			!videoPath
		)
			return [];
		// No transcript from the provider (an upload, a remote model): listen to the audio ourselves.
		const transcribe =
			config.transcribe ?? (await import('./media/speechTranscript')).transcribeSpeech;
		const heard = await transcribe(videoPath, signal);
		return heard
			? [await textEvidence('transcript', `speech recognised "${heard}"`, heard, signal)]
			: [];
	}

	/** A sampled frame's evidence: the image model's scores, and the text read off it when there is any. */
	async function frameEvidence(frame: FrameReport, signal: AbortSignal): Promise<Evidence[]> {
		const at = `frame at ${frame.time.toFixed(2)} s`;
		const pieces: Evidence[] = [
			{
				source: 'frame',
				where: at,
				scores: frame.scores,
				details: Object.entries(frame.scores).map(([category, score]) => ({
					category: category as Category,
					score: score ?? 0,
					detail: frame.labels,
				})),
			},
		];
		if (frame.text.trim())
			pieces.push(
				await textEvidence('ocr', `${at}, text "${frame.text.trim()}"`, frame.text, signal),
			);
		return pieces;
	}
}

function openAIFromEnv(): OpenAIModerationConfig | undefined {
	const apiKey = process.env.OPENAI_API_KEY;
	if (!apiKey) return undefined;
	return { apiKey, baseUrl: process.env.OPENAI_BASE_URL };
}

/**
 * The Moderator the job runner calls. Every text that reaches a render — prompts, shot prompts,
 * dialogue, voice-over, captions (made from those), remix instructions, feed titles, report
 * reasons, and what the recogniser hears and OCR reads in the output — goes through the same
 * checks: the offline rules, plus the user's guard model and OpenAI's moderation endpoint when they
 * are configured. The stricter verdict wins and every checker's scores are recorded. Frames go
 * through the NSFW image model.
 *
 * A video's frames are sampled while the local engine encodes it (`startVideoModeration`), or
 * decoded out of the finished file (`moderateVideo`: uploads, remote providers). Both build the
 * verdict from the same evidence in the same order, so the same frames give the same verdict.
 *
 * A guard model that fails is recorded and the rules' verdict stands; OpenAI's endpoint fails closed
 * (no verdict, no render), as it always has.
 */
import type { FrameReport, VideoInspector } from './media/inspector';
import type {
	LiveVideoModeration,
	ModerationSource,
	ModerationVerdict,
	Moderator,
} from '../../pipeline/contracts';
import type { ModerationFrameTap } from '../../pipeline/render';
import type { RenderSpec } from '../../spec/renderSpec';
import {
	GuardFailure,
	GuardModelClient,
	guardScores,
	type GuardModelConfig,
} from './guard/guardModel';
import { normaliseTerm } from './normalize';
import { OpenAIModerationClient, type OpenAIModerationConfig } from './openaiModeration';
import { resolvePolicy, type Category, type CategoryPolicy, type ModerationPolicy } from './policy';
import { specTexts } from './specText';
import { TextRules, type TextRulesConfig } from './textRules';
import { buildVerdict, type CheckResult, type Evidence } from './verdict';
import { createVideoInspector } from './media/videoInspector';

/** What the moderator needs to know about cameos: whose likeness the caller may use in this spec. */
export interface CameoConsent {
	/** Names of the real people behind the given cameos that this caller may use. */
	consentedPeople(cameoIds: string[], caller: { keyId: string }): Promise<string[]>;
}

export type { FrameReport, VideoInspector } from './media/inspector';

export interface ModeratorConfig extends TextRulesConfig {
	policy?: { name?: string; categories?: Partial<Record<Category, Partial<CategoryPolicy>>> };
	/** OpenAI's moderation endpoint; off unless given (`moderationSettings(config)` reads it from the environment). */
	openai?: OpenAIModerationConfig | false;
	/** The user's guard model (Llama Guard 3, ShieldGemma) behind an OpenAI-compatible chat endpoint. */
	guard?: GuardModelConfig | false;
	cameos?: CameoConsent;
	/** Frame sampling + NSFW model + OCR; `createVideoInspector()` by default. */
	video?: VideoInspector;
	/**
	 * A video render follows at once (`reelforge render`): its frame models start loading in their
	 * thread now, on the core that would otherwise wait while the rules compile and the spec is admitted.
	 */
	preloadVideoModels?: boolean;
	/** Speech recognition for videos that come without a transcript; pocketsphinx by default, `false` to skip. */
	transcribe?: ((videoPath: string, signal: AbortSignal) => Promise<string>) | false;
}

export interface TextModerator extends Moderator {
	readonly policy: ModerationPolicy;
	/** For `POST /v1/moderations {text}` and anything else that is plain text. */
	moderateText(text: string, source?: ModerationSource): Promise<ModerationVerdict>;
	moderateFields(
		fields: Array<{ path: string; text: string }>,
		source: ModerationSource,
	): Promise<ModerationVerdict>;
}

/** Engines that synthesise all speech themselves report every word: for them an empty transcript means silence. */
const PROVIDERS_WITH_FULL_TRANSCRIPTS = new Set(['local', 'testpattern']);

export function createModerator(config: ModeratorConfig = {}): TextModerator {
	let video = config.video;
	if (config.preloadVideoModels)
		inspector()
			.preload?.()
			.catch(() => undefined);
	const policy = resolvePolicy(config.policy);
	const rules = new TextRules(config);
	const openai = config.openai ? new OpenAIModerationClient(config.openai) : undefined;
	const guard = config.guard ? new GuardModelClient(config.guard) : undefined;

	async function guardCheck(guardClient: GuardModelClient, text: string, signal?: AbortSignal) {
		const check: CheckResult = {
			checker: 'guard',
			model: guardClient.name,
			scores: {},
			details: [],
		};
		try {
			const answer = await guardScores(guardClient, text, signal);
			check.scores = answer.scores;
			for (const [category, score] of Object.entries(answer.scores) as Array<[Category, number]>)
				check.details.push({
					category,
					score,
					detail: `${guardClient.format}: ${answer.labels.join(', ')}`,
				});
		} catch (error) {
			// The guard is a second opinion: when it fails, the rules' verdict stands and the failure is recorded.
			if (!(error instanceof GuardFailure)) throw error;
			check.error = { code: error.code, message: error.message };
		}
		return check;
	}

	async function textEvidence(
		source: ModerationSource,
		where: string,
		text: string,
		signal?: AbortSignal,
	): Promise<Evidence & { namedPeople: string[] }> {
		const analysis = rules.analyse(text);
		const checks: CheckResult[] = [
			{ checker: 'rules', scores: { ...analysis.scores }, details: [...analysis.findings] },
		];
		const remote = await Promise.all([
			guard ? guardCheck(guard, text, signal) : undefined,
			openai
				? openai.moderate([{ type: 'text', text }], signal).then(
						(scores): CheckResult => ({
							checker: 'openai',
							model: 'omni-moderation',
							scores,
							details: (Object.entries(scores) as Array<[Category, number]>).map(
								([category, score]) => ({
									category,
									score,
									detail: `omni-moderation ${category} ${score.toFixed(3)}`,
								}),
							),
						}),
					)
				: undefined,
		]);
		for (const check of remote) if (check) checks.push(check);
		return { source, where, checks, namedPeople: analysis.namedPeople };
	}

	async function fieldsEvidence(
		fields: Array<{ path: string; text: string }>,
		source: ModerationSource,
	): Promise<Array<Evidence & { namedPeople: string[] }>> {
		return Promise.all(
			fields.filter((f) => f.text.trim()).map((f) => textEvidence(source, f.path, f.text)),
		);
	}

	const moderator: TextModerator = {
		policy,

		async moderateText(text, source = 'text') {
			return buildVerdict(policy, [await textEvidence(source, 'text', text)]);
		},

		async moderateFields(fields, source) {
			return buildVerdict(policy, await fieldsEvidence(fields, source));
		},

		async moderateSpec(spec: RenderSpec, caller, extraFields = []) {
			const pieces = [
				...(await fieldsEvidence(specTexts(spec), 'prompt')),
				...(await fieldsEvidence(extraFields, 'remix')),
			];
			const cameoIds = (spec.characters ?? []).flatMap((c) => (c.cameoId ? [c.cameoId] : []));
			const consented = new Set(
				(cameoIds.length && config.cameos
					? await config.cameos.consentedPeople(cameoIds, caller)
					: []
				).map((n) => normaliseTerm(n).join(' ')),
			);
			// A real person the caller holds a usable cameo of is allowed; everyone else named stays refused.
			for (const piece of pieces) {
				const check = piece.checks.find((c) => c.checker === 'rules')!;
				const unconsented = check.details.filter(
					(d) => d.category === 'real-person' && !consented.has(normaliseTerm(d.detail).join(' ')),
				);
				check.details = check.details
					.filter((d) => d.category !== 'real-person')
					.concat(unconsented);
				if (check.scores['real-person'] !== undefined)
					check.scores['real-person'] = unconsented.reduce((max, d) => Math.max(max, d.score), 0);
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
					// The provider did not sample every frame (not the local engine): decode the file.
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
				checks: [
					{
						checker: 'nsfw-model',
						scores: frame.scores,
						details: Object.entries(frame.scores).map(([category, score]) => ({
							category: category as Category,
							score: score ?? 0,
							detail: frame.labels,
						})),
					},
				],
			},
		];
		// Burned-in text goes through the same checks as any other text.
		if (frame.text.trim())
			pieces.push(
				await textEvidence('ocr', `${at}, text "${frame.text.trim()}"`, frame.text, signal),
			);
		return pieces;
	}
}

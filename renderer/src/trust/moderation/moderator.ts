/**
 * The Moderator the job runner calls: text rules (and OpenAI's moderation endpoint when a key is
 * configured) over the spec before queueing; sampled frames, burned-in text and the transcript
 * over the finished video.
 */
import type { ModerationVerdict, Moderator } from '../../pipeline/contracts';
import type { RenderSpec } from '../../spec/renderSpec';
import { normaliseTerm } from './normalize';
import { OpenAIModerationClient, type OpenAIModerationConfig } from './openaiModeration';
import { resolvePolicy, type Category, type CategoryPolicy, type ModerationPolicy } from './policy';
import { specTexts } from './specText';
import { TextRules, type TextRulesConfig } from './textRules';
import { buildVerdict, type Evidence } from './verdict';
import type { ModerationSource } from '../../pipeline/contracts';

/** What the moderator needs to know about cameos: whose likeness the caller may use in this spec. */
export interface CameoConsent {
	/** Names of the real people behind the given cameos that this caller may use. */
	consentedPeople(cameoIds: string[], caller: { keyId: string }): Promise<string[]>;
}

/** Looks at a finished video: per sampled frame, image-model scores and the text burned into it. */
export interface VideoInspector {
	inspect(
		videoPath: string,
		signal: AbortSignal,
	): Promise<
		Array<{ time: number; scores: Partial<Record<Category, number>>; labels: string; text: string }>
	>;
}

export interface ModeratorConfig extends TextRulesConfig {
	policy?: { name?: string; categories?: Partial<Record<Category, Partial<CategoryPolicy>>> };
	/** The OpenAI adapter (services pass OPENAI_API_KEY / OPENAI_BASE_URL from config); absent or `false`: off. */
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
	const openaiConfig = config.openai || undefined;
	const openai = openaiConfig ? new OpenAIModerationClient(openaiConfig) : undefined;

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

	return {
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
			const evidence: Evidence[] = [];
			if (transcript.trim())
				evidence.push(await textEvidence('transcript', 'transcript', transcript, signal));
			else if (config.transcribe !== false && !PROVIDERS_WITH_FULL_TRANSCRIPTS.has(spec.provider)) {
				// No transcript from the provider (an upload, a remote model): listen to the audio ourselves.
				const transcribe =
					config.transcribe ?? (await import('./media/speechTranscript')).transcribeSpeech;
				const heard = await transcribe(videoPath, signal);
				if (heard)
					evidence.push(
						await textEvidence('transcript', `speech recognised "${heard}"`, heard, signal),
					);
			}
			const inspector =
				config.video ?? (await import('./media/videoInspector')).createVideoInspector();
			for (const frame of await inspector.inspect(videoPath, signal)) {
				const at = `frame at ${frame.time.toFixed(2)} s`;
				evidence.push({
					source: 'frame',
					where: at,
					scores: frame.scores,
					details: Object.entries(frame.scores).map(([category, score]) => ({
						category: category as Category,
						score: score ?? 0,
						detail: frame.labels,
					})),
				});
				if (frame.text.trim())
					evidence.push(
						await textEvidence('ocr', `${at}, text "${frame.text.trim()}"`, frame.text, signal),
					);
			}
			return buildVerdict(policy, evidence);
		},
	};
}

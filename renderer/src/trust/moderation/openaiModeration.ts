/**
 * Adapter for OpenAI's moderation endpoint (`POST /v1/moderations`, model `omni-moderation-latest`).
 * Used in addition to the local rules when `OPENAI_API_KEY` is set; its category scores are mapped
 * onto Reelforge's categories and the higher score of the two wins.
 */
import { ApiError } from '../../spec/errors';
import type { Outbound } from '../../net/outbound';
import { postJson } from './httpPost';
import type { Category } from './policy';

export type ModerationInput =
	| { type: 'text'; text: string }
	| { type: 'image_url'; image_url: { url: string } };

export interface OpenAIModerationConfig {
	apiKey: string;
	/** Defaults to https://api.openai.com; tests point it at the emulator. */
	baseUrl?: string;
	model?: string;
	/** Retries after 429 and 5xx, honouring Retry-After. */
	maxRetries?: number;
	timeoutMs?: number;
	/** The service's outbound door (postJson asks it with the trusted policy). */
	outbound?: Outbound;
}

/** OpenAI category → Reelforge category. */
const CATEGORY_MAP: Record<string, Category> = {
	sexual: 'sexual',
	'sexual/minors': 'minors',
	violence: 'violence',
	'violence/graphic': 'violence',
	'self-harm': 'self-harm',
	'self-harm/intent': 'self-harm',
	'self-harm/instructions': 'self-harm',
	hate: 'hate',
	'hate/threatening': 'hate',
	harassment: 'hate',
	'harassment/threatening': 'hate',
	illicit: 'illegal',
	'illicit/violent': 'illegal',
};

interface ModerationResponse {
	results: Array<{
		flagged: boolean;
		categories: Record<string, boolean>;
		category_scores: Record<string, number>;
	}>;
}

export class OpenAIModerationClient {
	private readonly baseUrl: string;
	private readonly model: string;

	constructor(private readonly config: OpenAIModerationConfig) {
		this.baseUrl = (config.baseUrl ?? 'https://api.openai.com').replace(/\/+$/, '');
		this.model = config.model ?? 'omni-moderation-latest';
	}

	/** Scores for the inputs as one request; the highest score per category over all results. */
	async moderate(
		input: ModerationInput[],
		signal?: AbortSignal,
	): Promise<Partial<Record<Category, number>>> {
		const body = await this.post(
			{
				model: this.model,
				input: input.length === 1 && input[0].type === 'text' ? input[0].text : input,
			},
			signal,
		);
		const scores: Partial<Record<Category, number>> = {};
		for (const result of body.results ?? []) {
			for (const [name, score] of Object.entries(result.category_scores ?? {})) {
				const category = CATEGORY_MAP[name];
				if (category && typeof score === 'number')
					scores[category] = Math.max(scores[category] ?? 0, score);
			}
		}
		return scores;
	}

	private async post(payload: unknown, signal?: AbortSignal): Promise<ModerationResponse> {
		const maxRetries = this.config.maxRetries ?? 2;
		for (let attempt = 0; ; attempt++) {
			const response = await postJson(`${this.baseUrl}/v1/moderations`, payload, {
				headers: { authorization: `Bearer ${this.config.apiKey}` },
				signal,
				timeoutMs: this.config.timeoutMs ?? 30_000,
				outbound: this.config.outbound,
			});
			if (response.status >= 200 && response.status < 300)
				return response.json as ModerationResponse;
			const message =
				(response.json as { error?: { message?: string } } | undefined)?.error?.message ??
				response.text;
			const retryable = response.status === 429 || response.status >= 500;
			if (retryable && attempt < maxRetries) {
				await sleep(retryDelayMs(response.headers.get('retry-after'), attempt), signal);
				continue;
			}
			if (response.status === 401)
				throw new ApiError(
					502,
					'moderation_provider_auth',
					`The moderation provider refused the API key: ${message}`,
				);
			if (response.status === 429)
				throw new ApiError(
					503,
					'moderation_provider_rate_limited',
					`The moderation provider is rate limiting: ${message}`,
				);
			throw new ApiError(
				502,
				'moderation_provider_error',
				`The moderation provider failed (HTTP ${response.status}): ${message}`,
			);
		}
	}
}

export function retryDelayMs(retryAfter: string | null, attempt: number): number {
	const seconds = retryAfter === null ? NaN : Number(retryAfter);
	if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 30_000);
	return Math.min(250 * 2 ** attempt, 5_000);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), {
			once: true,
		});
	});
}

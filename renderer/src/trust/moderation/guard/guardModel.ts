/**
 * The user's own guard model behind an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp's
 * server, a hosted gateway): Llama Guard 3 or ShieldGemma, told apart by the model name or by
 * `REELFORGE_GUARD_FORMAT`. Its answer is mapped onto Reelforge's categories; the moderator combines
 * it with the offline rules (the stricter wins, both are recorded).
 *
 * A guard that fails (refused key, rate limit, timeout, an answer not in the model's format) throws
 * a GuardFailure: the moderator records it and the rules' verdict stands.
 */
import type { Outbound } from '../../../net/outbound';
import { postJson } from '../httpPost';
import { retryDelayMs, sleep } from '../openaiModeration';
import { GuardAnswerError, type ChatCompletion, type GuardScores } from './chat';
import { llamaGuardRequest, readLlamaGuardAnswer } from './llamaGuard';
import { readShieldGemmaAnswer, SHIELDGEMMA_POLICIES, shieldGemmaRequest } from './shieldGemma';

export const GUARD_FORMATS = ['llama-guard', 'shieldgemma'] as const;
export type GuardFormat = (typeof GUARD_FORMATS)[number];

export interface GuardModelConfig {
	/** Base URL of the OpenAI-compatible API (`http://localhost:11434/v1`), or the full chat-completions URL. */
	url: string;
	model: string;
	apiKey?: string;
	/** `auto` (the default) reads it from the model name. */
	format?: GuardFormat | 'auto';
	timeoutMs?: number;
	/** Retries after 429 and 5xx, honouring Retry-After. */
	maxRetries?: number;
	/** Requests in flight at once (a spec has many texts; ShieldGemma asks once per policy). */
	concurrency?: number;
	/** The service's outbound door (postJson asks it with the trusted policy). */
	outbound?: Outbound;
}

export type GuardFailureCode =
	| 'guard_auth'
	| 'guard_rate_limited'
	| 'guard_timeout'
	| 'guard_unreachable'
	| 'guard_error'
	| 'guard_unreadable_answer';

export class GuardFailure extends Error {
	constructor(
		readonly code: GuardFailureCode,
		message: string,
	) {
		super(message);
		this.name = 'GuardFailure';
	}
}

/** The format a model's name tells: "llama-guard3:8b", "meta-llama/Llama-Guard-3-1B", "shieldgemma:9b". */
export function detectGuardFormat(model: string): GuardFormat | undefined {
	if (/llama[-_ ]?guard/i.test(model)) return 'llama-guard';
	if (/shield[-_ ]?gemma/i.test(model)) return 'shieldgemma';
	return undefined;
}

/** `http://host:11434/v1` → `…/v1/chat/completions`; a full `…/chat/completions` URL is kept. */
export function chatCompletionsUrl(url: string): string {
	const base = url.replace(/\/+$/, '');
	if (/\/chat\/completions$/.test(base)) return base;
	if (/\/v\d+$/.test(base)) return `${base}/chat/completions`;
	return `${base}/v1/chat/completions`;
}

export class GuardModelClient {
	readonly format: GuardFormat;
	/** How verdicts name this checker: "llama-guard (llama-guard3:8b)". */
	readonly name: string;
	private readonly endpoint: string;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly config: GuardModelConfig) {
		const format =
			config.format && config.format !== 'auto' ? config.format : detectGuardFormat(config.model);
		if (!format)
			throw new Error(
				`Cannot tell the guard model's format from its name "${config.model}"; set REELFORGE_GUARD_FORMAT to ${GUARD_FORMATS.join(' or ')}`,
			);
		this.format = format;
		this.name = `${format} (${config.model})`;
		this.endpoint = chatCompletionsUrl(config.url);
	}

	/** Scores per Reelforge category for one text. */
	async moderate(text: string, signal?: AbortSignal): Promise<GuardScores> {
		if (this.format === 'llama-guard')
			return readLlamaGuardAnswer(
				await this.complete(llamaGuardRequest(this.config.model, text), signal),
			);
		const answers = await Promise.all(
			SHIELDGEMMA_POLICIES.map(async (policy) => ({
				policy,
				yes: readShieldGemmaAnswer(
					await this.complete(shieldGemmaRequest(this.config.model, text, policy), signal),
				),
			})),
		);
		const result: GuardScores = { scores: {}, labels: [] };
		for (const { policy, yes } of answers) {
			result.scores[policy.category] = Math.max(result.scores[policy.category] ?? 0, yes);
			result.labels.push(`${policy.name}: ${yes.toFixed(3)}`);
		}
		return result;
	}

	private async complete(request: unknown, signal?: AbortSignal): Promise<ChatCompletion> {
		await this.acquire();
		try {
			return await this.post(request, signal);
		} finally {
			this.release();
		}
	}

	private async post(request: unknown, signal?: AbortSignal): Promise<ChatCompletion> {
		const maxRetries = this.config.maxRetries ?? 1;
		for (let attempt = 0; ; attempt++) {
			let response;
			try {
				response = await postJson(this.endpoint, request, {
					headers: this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {},
					signal,
					timeoutMs: this.config.timeoutMs ?? 20_000,
					outbound: this.config.outbound,
				});
			} catch (error) {
				if (signal?.aborted) throw error;
				if ((error as Error).name === 'TimeoutError')
					throw new GuardFailure(
						'guard_timeout',
						`The guard model did not answer within ${this.config.timeoutMs ?? 20_000} ms`,
					);
				throw new GuardFailure(
					'guard_unreachable',
					`The guard model could not be reached: ${(error as Error).message}`,
				);
			}
			if (response.status >= 200 && response.status < 300) {
				if (!response.json || typeof response.json !== 'object')
					throw new GuardFailure(
						'guard_unreadable_answer',
						'The guard model answered with no JSON',
					);
				return response.json as ChatCompletion;
			}
			const message = errorMessage(response.json) ?? response.text.slice(0, 200);
			if ((response.status === 429 || response.status >= 500) && attempt < maxRetries) {
				await sleep(retryDelayMs(response.headers.get('retry-after'), attempt), signal);
				continue;
			}
			if (response.status === 401 || response.status === 403)
				throw new GuardFailure('guard_auth', `The guard model refused the API key: ${message}`);
			if (response.status === 429)
				throw new GuardFailure(
					'guard_rate_limited',
					`The guard model is rate limiting: ${message}`,
				);
			throw new GuardFailure(
				'guard_error',
				`The guard model failed (HTTP ${response.status}): ${message}`,
			);
		}
	}

	private async acquire(): Promise<void> {
		if (this.inFlight < (this.config.concurrency ?? 4)) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	private release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.inFlight--;
	}
}

/** OpenAI's `{error:{message}}`, vLLM's `{message}`, Ollama's `{error:"…"}`. */
function errorMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const b = body as { error?: unknown; message?: unknown };
	if (typeof b.error === 'string') return b.error;
	if (b.error && typeof (b.error as { message?: unknown }).message === 'string')
		return (b.error as { message: string }).message;
	if (typeof b.message === 'string') return b.message;
	return undefined;
}

/** Wraps an answer that is not in the model's format as a GuardFailure. */
export async function guardScores(
	client: GuardModelClient,
	text: string,
	signal?: AbortSignal,
): Promise<GuardScores> {
	try {
		return await client.moderate(text, signal);
	} catch (error) {
		if (error instanceof GuardAnswerError)
			throw new GuardFailure(
				'guard_unreadable_answer',
				`The guard model's answer: ${error.message}`,
			);
		throw error;
	}
}

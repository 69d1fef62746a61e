/** The OpenAI chat-completions envelope as guard models answer it, and what is read from it. */
import type { Category } from '../policy';

export interface TokenLogprob {
	token: string;
	logprob: number;
	top_logprobs?: Array<{ token: string; logprob: number }>;
}

export interface ChatCompletion {
	choices?: Array<{
		message?: { role?: string; content?: string | null };
		logprobs?: { content?: TokenLogprob[] | null } | null;
		finish_reason?: string;
	}>;
}

export interface GuardScores {
	scores: Partial<Record<Category, number>>;
	/** What the model said, for the record ("S1 Violent Crimes", "No Hate Speech: Yes 0.93"). */
	labels: string[];
}

/** The model answered, but not in its format. */
export class GuardAnswerError extends Error {}

/**
 * P(positive) against P(negative) from a first token's alternatives (softmax over the two); tokens
 * compare trimmed and case-blind ("▁Yes", " yes"). Undefined when neither is among them.
 */
export function probabilityOf(
	token: TokenLogprob,
	positive: string,
	negative: string,
): number | undefined {
	const options = [{ token: token.token, logprob: token.logprob }, ...(token.top_logprobs ?? [])];
	const find = (word: string) =>
		options.find((o) => o.token.replace(/^[\s▁Ġ]+/, '').toLowerCase() === word)?.logprob;
	const p = find(positive);
	const n = find(negative);
	if (p === undefined && n === undefined) return undefined;
	if (n === undefined) return Math.exp(p!);
	if (p === undefined) return 1 - Math.exp(n);
	return Math.exp(p) / (Math.exp(p) + Math.exp(n));
}

/**
 * A deterministic one-message chat request that asks for the first token's log-probabilities (the
 * guard models' scores are read from them); `maxTokens` is as long as the answer format needs.
 */
export function guardChatRequest(model: string, content: string, maxTokens: number) {
	return {
		model,
		messages: [{ role: 'user', content }],
		temperature: 0,
		max_tokens: maxTokens,
		logprobs: true,
		top_logprobs: 5,
	};
}

/** The first choice's message text and its first token, or a GuardAnswerError without text. */
export function answerOf(completion: ChatCompletion): {
	content: string;
	firstToken?: TokenLogprob;
} {
	const choice = completion.choices?.[0];
	const content = choice?.message?.content;
	if (typeof content !== 'string') throw new GuardAnswerError('the answer has no message content');
	return { content, firstToken: choice?.logprobs?.content?.[0] };
}

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

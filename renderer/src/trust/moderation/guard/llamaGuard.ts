/**
 * Llama Guard 3 behind an OpenAI-compatible chat endpoint (Ollama `llama-guard3`, vLLM
 * `meta-llama/Llama-Guard-3-8B`). The server's chat template wraps the conversation in the model
 * card's prompt (task, the S1–S14 categories, "Provide your safety assessment for ONLY THE LAST User
 * message"), so the request is the text as one user message. The answer is `safe`, or `unsafe` and a
 * second line of violated categories (`unsafe\nS1,S10`). With log-probabilities the score is the
 * probability of the first token being "unsafe", as the model card describes; without them an
 * `unsafe` answer scores 1.
 */
import type { Category } from '../policy';
import {
	answerOf,
	guardChatRequest,
	GuardAnswerError,
	probabilityOf,
	type ChatCompletion,
	type GuardScores,
} from './chat';

/** The MLCommons hazard taxonomy of Llama Guard 3 → Reelforge's categories. */
export const LLAMA_GUARD_CATEGORIES: Record<string, { name: string; category?: Category }> = {
	S1: { name: 'Violent Crimes', category: 'violence' },
	S2: { name: 'Non-Violent Crimes', category: 'illegal' },
	S3: { name: 'Sex-Related Crimes', category: 'sexual' },
	S4: { name: 'Child Sexual Exploitation', category: 'minors' },
	S5: { name: 'Defamation', category: 'real-person' },
	S6: { name: 'Specialized Advice' },
	S7: { name: 'Privacy', category: 'real-person' },
	S8: { name: 'Intellectual Property', category: 'protected-character' },
	S9: { name: 'Indiscriminate Weapons', category: 'weapons' },
	S10: { name: 'Hate', category: 'hate' },
	S11: { name: 'Suicide & Self-Harm', category: 'self-harm' },
	S12: { name: 'Sexual Content', category: 'sexual' },
	S13: { name: 'Elections' },
	S14: { name: 'Code Interpreter Abuse' },
};

/** The text as one user message: the server's chat template adds the card's prompt. */
export function llamaGuardRequest(model: string, text: string) {
	return guardChatRequest(model, text, 24);
}

export function readLlamaGuardAnswer(completion: ChatCompletion): GuardScores {
	const { content, firstToken } = answerOf(completion);
	const [first, second = ''] = content.trim().split(/\r?\n/);
	const verdict = first.trim().toLowerCase();
	if (verdict === 'safe') return { scores: {}, labels: ['safe'] };
	if (verdict !== 'unsafe')
		throw new GuardAnswerError(
			`the answer does not start with safe or unsafe: "${content.slice(0, 80)}"`,
		);
	const codes = second
		.split(/[,\s]+/)
		.map((c) => c.trim().toUpperCase())
		.filter((c) => /^S\d{1,2}$/.test(c));
	if (codes.length === 0)
		throw new GuardAnswerError(`an unsafe answer names no category: "${content.slice(0, 80)}"`);
	const score = firstToken ? (probabilityOf(firstToken, 'unsafe', 'safe') ?? 1) : 1;
	const scores: GuardScores['scores'] = {};
	const labels: string[] = [];
	for (const code of codes) {
		const known = LLAMA_GUARD_CATEGORIES[code];
		labels.push(known ? `${code} ${known.name}` : code);
		if (known?.category) scores[known.category] = Math.max(scores[known.category] ?? 0, score);
	}
	return { scores, labels };
}

/**
 * ShieldGemma behind an OpenAI-compatible chat endpoint (vLLM `google/shieldgemma-2b`, Ollama
 * `shieldgemma`). ShieldGemma judges one policy per prompt: the model card's prompt ("You are a
 * policy expert…", the text as "Human Question", one "* \"<policy>\": …" principle, "Does the human
 * question violate the above principle? Your answer must start with 'Yes' or 'No'.") is sent as the
 * user message, once per policy below. The score is the probability of "Yes" against "No" from the
 * first token's log-probabilities (softmax of the two, as the card computes it); a server that
 * returns no log-probabilities gives 1 for Yes and 0 for No.
 *
 * The four principles the model was trained on are used with Reelforge's categories, plus three
 * written for the categories a video service needs apart (the model reads any principle; the card
 * notes it is sensitive to their wording).
 */
import type { Category } from '../policy';
import {
	answerOf,
	guardChatRequest,
	GuardAnswerError,
	probabilityOf,
	type ChatCompletion,
} from './chat';

export interface ShieldGemmaPolicy {
	name: string;
	category: Category;
	description: string;
}

export const SHIELDGEMMA_POLICIES: ShieldGemmaPolicy[] = [
	{
		name: 'No Sexually Explicit Information',
		category: 'sexual',
		description:
			'The prompt shall not contain or ask for content describing sexual acts or nudity meant to arouse. Medical, scientific and educational terms are allowed.',
	},
	{
		name: 'No Hate Speech',
		category: 'hate',
		description:
			'The prompt shall not contain or ask for content that attacks, dehumanises or calls for violence against people because of race, ethnicity, religion, nationality, disability, sexual orientation, gender or gender identity.',
	},
	{
		name: 'No Harassment',
		category: 'hate',
		description:
			'The prompt shall not contain or ask for content that threatens, bullies or abuses an individual.',
	},
	{
		name: 'No Dangerous Content',
		category: 'weapons',
		description:
			'The prompt shall not contain or ask for instructions to build, obtain or illegally modify firearms, explosives or chemical and biological weapons, or to carry out terrorism.',
	},
	{
		name: 'No Graphic Violence',
		category: 'violence',
		description:
			'The prompt shall not ask for depictions of mass violence, gore, mutilation, killing of civilians or cruelty to animals.',
	},
	{
		name: 'No Self-Harm',
		category: 'self-harm',
		description:
			'The prompt shall not depict, encourage or give instructions for suicide, self-injury or eating disorders.',
	},
	{
		name: 'No Child Sexual Content',
		category: 'minors',
		description:
			'The prompt shall not sexualise anyone under 18, including suggestive poses, undress or sexual situations involving children.',
	},
];

export function shieldGemmaPrompt(text: string, policy: ShieldGemmaPolicy): string {
	return [
		'You are a policy expert trying to help determine whether a user prompt is in violation of the defined safety policies.',
		'',
		'<start_of_turn>',
		`Human Question: ${text.trim()}`,
		'<end_of_turn>',
		'',
		'Our safety principle is defined in the below:',
		'',
		`* "${policy.name}": ${policy.description}`,
		'',
		'===',
		'',
		"Does the human question violate the above principle? Your answer must start with 'Yes' or 'No'. And then walk through step by step to be sure we answer correctly.",
	].join('\n');
}

/** The card's prompt as one user message; the answer's first token is all that is read. */
export function shieldGemmaRequest(model: string, text: string, policy: ShieldGemmaPolicy) {
	return guardChatRequest(model, shieldGemmaPrompt(text, policy), 1);
}

/** The probability that the text violates the policy. */
export function readShieldGemmaAnswer(completion: ChatCompletion): number {
	const { content, firstToken } = answerOf(completion);
	if (firstToken) {
		const p = probabilityOf(firstToken, 'yes', 'no');
		if (p !== undefined) return p;
	}
	const word = content.trim().toLowerCase();
	if (word.startsWith('yes')) return 1;
	if (word.startsWith('no')) return 0;
	throw new GuardAnswerError(`the answer does not start with Yes or No: "${content.slice(0, 80)}"`);
}

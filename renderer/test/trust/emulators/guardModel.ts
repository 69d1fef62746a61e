/**
 * A local emulator of a guard model served behind an OpenAI-compatible chat endpoint (what Ollama
 * and vLLM expose), written from the public documentation:
 *
 * - `POST /v1/chat/completions` with `{model, messages, temperature, max_tokens, logprobs,
 *   top_logprobs}`; answers the chat-completion envelope `{id, object: "chat.completion", created,
 *   model, choices: [{index, message: {role: "assistant", content}, logprobs: {content: [{token,
 *   logprob, bytes, top_logprobs}]}, finish_reason}], usage}`; errors as `{error: {message, type,
 *   param, code}}` (401 bad key, 404 unknown model, 400 bad request, 429 with Retry-After, 500).
 * - Llama Guard 3 models: the server applies the model card's template — the task line, the
 *   S1–S14 category block, the conversation as "User:"/"Agent:" turns, "Provide your safety
 *   assessment for ONLY THE LAST User message…" — and the model answers `safe` or
 *   `unsafe\n<codes>`. As with the template, roles must alternate starting with the user.
 * - ShieldGemma models: the user message must be the card's prompt ("Human Question:", one
 *   `* "<policy>": …` principle, "Your answer must start with 'Yes' or 'No'"); the model answers Yes
 *   or No, with the first token's log-probabilities when asked.
 *
 * Its "model" is a small keyword table of its own (not Reelforge's rules), so tests can steer it.
 * `renderedPrompts` keeps what the template produced, `requests` the raw request bodies.
 */
import type { IncomingMessage } from 'node:http';
import {
	listenAnswering,
	openAiErrorAnswer,
	UNPARSABLE_JSON,
	type JsonAnswer,
	type LoopbackServer,
} from '../../support/emulatorKit';

const LLAMA_GUARD_CATEGORIES = [
	'S1: Violent Crimes.',
	'S2: Non-Violent Crimes.',
	'S3: Sex Crimes.',
	'S4: Child Exploitation.',
	'S5: Defamation.',
	'S6: Specialized Advice.',
	'S7: Privacy.',
	'S8: Intellectual Property.',
	'S9: Indiscriminate Weapons.',
	'S10: Hate.',
	'S11: Self-Harm.',
	'S12: Sexual Content.',
	'S13: Elections.',
	'S14: Code Interpreter Abuse.',
];

/** The emulator's own "knowledge": words → Llama Guard codes. */
const LLAMA_KEYWORDS: Array<[RegExp, string]> = [
	[/\bzorblax\b/i, 'S1'],
	[/steal a llama/i, 'S2'],
	[/\bflibbertigibbet\b/i, 'S10'],
	[/\bquimble\b/i, 'S11'],
	[/\bsnorkack\b/i, 'S4'],
	[/\bvote twice\b/i, 'S13'],
];
/** ShieldGemma policy name → words that violate it, with the probability the emulator gives "Yes". */
const SHIELD_KEYWORDS: Record<string, Array<[RegExp, number]>> = {
	'No Hate Speech': [[/\bflibbertigibbet\b/i, 0.91]],
	'No Graphic Violence': [[/\bzorblax\b/i, 0.88]],
	'No Dangerous Content': [[/\bdisabling a security system\b/i, 0.8]],
	'No Self-Harm': [[/\bquimble\b/i, 0.97]],
};

export type GuardFailure =
	| { status: 401 | 404 | 429 | 500; retryAfter?: string }
	| { delayMs: number }
	| { garbage: string };

export class GuardModelEmulator {
	readonly apiKey = 'sk-guard-emulator';
	readonly models = [
		'llama-guard3:8b',
		'meta-llama/Llama-Guard-3-1B',
		'shieldgemma:2b',
		'google/shieldgemma-9b',
	];
	readonly requests: Array<Record<string, unknown>> = [];
	readonly renderedPrompts: string[] = [];
	/** Failures to answer the next requests with, in order. */
	readonly failures: GuardFailure[] = [];
	/** Answer without log-probabilities even when asked (servers that do not support them). */
	noLogprobs = false;
	private loopback?: LoopbackServer;

	async start(): Promise<string> {
		this.loopback = await listenAnswering((req, body) => this.handle(req, body));
		return `${this.loopback.url}/v1`;
	}

	async stop(): Promise<void> {
		await this.loopback?.stop();
	}

	private async handle(req: IncomingMessage, raw: Buffer): Promise<JsonAnswer> {
		if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
			return error(404, `Unknown path ${req.url}`, 'not_found_error', null);
		if (req.headers.authorization !== `Bearer ${this.apiKey}`)
			return error(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
		} catch {
			return error(400, UNPARSABLE_JSON, 'invalid_request_error', null);
		}
		this.requests.push(body);

		const failure = this.failures.shift();
		if (failure && 'delayMs' in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
		else if (failure && 'status' in failure)
			return {
				...error(failure.status, `Emulated failure ${failure.status}`, 'server_error', null),
				headers: failure.retryAfter ? { 'retry-after': failure.retryAfter } : undefined,
			};

		const model = String(body.model ?? '');
		if (!this.models.includes(model))
			return error(
				404,
				`The model \`${model}\` does not exist.`,
				'invalid_request_error',
				'model_not_found',
			);
		const messages = body.messages as Array<{ role: string; content: string }> | undefined;
		if (!Array.isArray(messages) || messages.length === 0)
			return error(
				400,
				"'messages' must be a non-empty array",
				'invalid_request_error',
				'messages',
			);

		let content: string;
		let first: { token: string; logprob: number; alternatives: Array<[string, number]> };
		if (/llama-guard/i.test(model)) {
			for (let i = 0; i < messages.length; i++)
				if (messages[i].role !== (i % 2 === 0 ? 'user' : 'assistant'))
					return error(
						400,
						'Conversation roles must alternate user/assistant/user/assistant/...',
						'invalid_request_error',
						null,
					);
			const prompt = renderLlamaGuardPrompt(messages);
			this.renderedPrompts.push(prompt);
			const last = lastUserTurn(prompt);
			const codes = LLAMA_KEYWORDS.filter(([re]) => re.test(last)).map(([, code]) => code);
			content = codes.length ? `unsafe\n${codes.join(',')}` : 'safe';
			const pUnsafe = codes.length ? 0.93 : 0.02;
			first = {
				token: codes.length ? 'unsafe' : 'safe',
				logprob: Math.log(codes.length ? pUnsafe : 1 - pUnsafe),
				alternatives: [
					['unsafe', Math.log(pUnsafe)],
					['safe', Math.log(1 - pUnsafe)],
				],
			};
		} else {
			const prompt = messages.at(-1)!.content;
			this.renderedPrompts.push(prompt);
			const question = /Human Question: ([\s\S]*?)\n<end_of_turn>/.exec(prompt)?.[1];
			const policy = /\* "([^"]+)":/.exec(prompt)?.[1];
			const asksYesNo = prompt.includes("Your answer must start with 'Yes' or 'No'");
			if (!question || !policy || !asksYesNo) {
				// Not the card's prompt: the model rambles instead of answering.
				content = 'I am not sure what you would like me to evaluate.';
				first = { token: 'I', logprob: -0.1, alternatives: [['I', -0.1]] };
			} else {
				const pYes = (SHIELD_KEYWORDS[policy] ?? []).find(([re]) => re.test(question))?.[1] ?? 0.03;
				content = pYes >= 0.5 ? 'Yes' : 'No';
				first = {
					token: content,
					logprob: Math.log(pYes >= 0.5 ? pYes : 1 - pYes),
					alternatives: [
						['Yes', Math.log(pYes)],
						['No', Math.log(1 - pYes)],
					],
				};
			}
		}
		if (failure && 'garbage' in failure) content = failure.garbage;

		const wantLogprobs = body.logprobs === true && !this.noLogprobs;
		const top = Math.min(Number(body.top_logprobs ?? 0), 20);
		return {
			status: 200,
			body: {
				id: `chatcmpl-${this.requests.length}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model,
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content },
						logprobs: wantLogprobs
							? {
									content: [
										{
											token: first.token,
											logprob: first.logprob,
											bytes: [...Buffer.from(first.token)],
											top_logprobs: first.alternatives.slice(0, top).map(([token, logprob]) => ({
												token,
												logprob,
												bytes: [...Buffer.from(token)],
											})),
										},
									],
								}
							: null,
						finish_reason: 'stop',
					},
				],
				usage: { prompt_tokens: 100, completion_tokens: 2, total_tokens: 102 },
			},
		};
	}
}

/** This emulator's errors name no `param`. */
function error(status: number, message: string, type: string, code: string | null): JsonAnswer {
	return openAiErrorAnswer(status, message, type, null, code);
}

/** The Llama Guard 3 prompt as its chat template renders it (model card, "prompt format"). */
function renderLlamaGuardPrompt(messages: Array<{ role: string; content: string }>): string {
	const turns = messages
		.map((m) => `${m.role === 'user' ? 'User' : 'Agent'}: ${m.content.trim()}`)
		.join('\n\n');
	const role = messages.at(-1)!.role === 'user' ? 'User' : 'Agent';
	return [
		'<|begin_of_text|><|start_header_id|>user<|end_header_id|>',
		'',
		`Task: Check if there is unsafe content in '${role}' messages in conversations according our safety policy with the below categories.`,
		'',
		'<BEGIN UNSAFE CONTENT CATEGORIES>',
		...LLAMA_GUARD_CATEGORIES,
		'<END UNSAFE CONTENT CATEGORIES>',
		'',
		'<BEGIN CONVERSATION>',
		'',
		turns,
		'',
		'<END CONVERSATION>',
		'',
		`Provide your safety assessment for ONLY THE LAST ${role} message in the above conversation:`,
		" - First line must read 'safe' or 'unsafe'.",
		' - If unsafe, a second line must include a comma-separated list of violated categories.<|eot_id|><|start_header_id|>assistant<|end_header_id|>',
	].join('\n');
}

function lastUserTurn(prompt: string): string {
	const conversation = prompt.slice(
		prompt.indexOf('<BEGIN CONVERSATION>'),
		prompt.indexOf('<END CONVERSATION>'),
	);
	const turns = conversation.split(/\n\n(?=User: |Agent: )/);
	return (
		turns
			.filter((t) => t.startsWith('User: '))
			.at(-1)
			?.slice('User: '.length) ?? ''
	);
}

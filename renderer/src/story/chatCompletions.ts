/**
 * One call to an OpenAI-compatible chat-completions API (`POST {base}/chat/completions`), the only
 * outbound HTTP of the storyboard writer, kept in this one function so it moves to the service's
 * outbound-fetch door in one edit. Errors keep what the caller needs to decide: the status, the
 * API's error envelope (`{error:{message,type,param,code}}`) and `Retry-After`.
 */

export interface ChatEndpoint {
	/** Base URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
	url: string;
	apiKey?: string;
	timeoutMs: number;
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	response_format: {
		type: 'json_schema';
		json_schema: { name: string; strict: true; schema: Record<string, unknown> };
	};
	temperature?: number;
}

/** The first choice's message: the JSON text, or the model's refusal. */
export interface ChatAnswer {
	content: string | null;
	refusal: string | null;
	finishReason: string | null;
	model?: string;
}

export class ChatCompletionError extends Error {
	constructor(
		message: string,
		readonly status?: number,
		readonly code?: string,
		/** From Retry-After (seconds or an HTTP date), when the API sent one. */
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = 'ChatCompletionError';
	}
}

function retryAfterMs(header: string | null): number | undefined {
	if (!header) return undefined;
	const seconds = Number(header);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const at = Date.parse(header);
	return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export async function postChatCompletion(
	endpoint: ChatEndpoint,
	request: ChatRequest,
	signal?: AbortSignal,
): Promise<ChatAnswer> {
	const timeout = AbortSignal.timeout(endpoint.timeoutMs);
	let response: Response;
	try {
		response = await fetch(`${endpoint.url.replace(/\/+$/, '')}/chat/completions`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
			},
			body: JSON.stringify(request),
			signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
			redirect: 'error',
		});
	} catch (error) {
		const reason = timeout.aborted
			? `no answer within ${endpoint.timeoutMs} ms`
			: `unreachable (${(error as Error).message})`;
		throw new ChatCompletionError(`the storyboard model is ${reason}`);
	}
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	if (!response.ok) {
		const error = (body as { error?: { message?: string; code?: string | null; type?: string } })
			?.error;
		throw new ChatCompletionError(
			`the storyboard model answered ${response.status}${error?.message ? `: ${error.message}` : ''}`,
			response.status,
			error?.code ?? error?.type ?? undefined,
			retryAfterMs(response.headers.get('retry-after')),
		);
	}
	const choice = (
		body as {
			model?: string;
			choices?: Array<{
				message?: { content?: string | null; refusal?: string | null };
				finish_reason?: string | null;
			}>;
		}
	)?.choices?.[0];
	if (!choice?.message)
		throw new ChatCompletionError(
			'the storyboard model answered without a message',
			response.status,
		);
	return {
		content: choice.message.content ?? null,
		refusal: choice.message.refusal ?? null,
		finishReason: choice.finish_reason ?? null,
		model: (body as { model?: string }).model,
	};
}

/**
 * One call to an OpenAI-compatible chat-completions API (`POST {base}/chat/completions`), the only
 * outbound HTTP of the storyboard writer, made through the service's outbound door (the endpoint
 * is the operator's, so it is asked with the trusted policy: pinned to the address it resolved
 * to, capped in size and time, no redirects followed). Errors keep what the caller needs to
 * decide: the status, the API's error envelope (`{error:{message,type,param,code}}`) and
 * `Retry-After`.
 */
import { OutboundError } from '../net/errors';
import { Outbound, type OutboundResponse } from '../net/outbound';

export interface ChatEndpoint {
	/** Base URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
	url: string;
	apiKey?: string;
	timeoutMs: number;
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
}

/** A chat answer is a few kilobytes; anything near this is not one. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
let ownDoor: Outbound | undefined;

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

function retryAfterMs(header: string | string[] | undefined): number | undefined {
	if (!header || Array.isArray(header)) return undefined;
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
	const door = endpoint.outbound ?? (ownDoor ??= new Outbound());
	let response: OutboundResponse;
	let text: string;
	try {
		response = await door.request({
			url: `${endpoint.url.replace(/\/+$/, '')}/chat/completions`,
			policy: 'trusted',
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
			},
			body: JSON.stringify(request),
			maxRedirects: 0,
			maxBytes: MAX_ANSWER_BYTES,
			timeoutMs: endpoint.timeoutMs,
			signal,
		});
		text = await response.text();
	} catch (error) {
		if (signal?.aborted) throw error;
		const reason =
			error instanceof OutboundError && error.reason === 'timed out'
				? `no answer within ${endpoint.timeoutMs} ms`
				: `unreachable (${error instanceof OutboundError ? error.reason : (error as Error).message})`;
		throw new ChatCompletionError(`the storyboard model is ${reason}`);
	}
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	if (response.status < 200 || response.status > 299) {
		const error = (body as { error?: { message?: string; code?: string | null; type?: string } })
			?.error;
		throw new ChatCompletionError(
			`the storyboard model answered ${response.status}${error?.message ? `: ${error.message}` : ''}`,
			response.status,
			error?.code ?? error?.type ?? undefined,
			retryAfterMs(response.headers['retry-after']),
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

/**
 * A local emulator of OpenAI's moderation endpoint, written from the public API reference:
 * `POST /v1/moderations` with `{model, input}` (input: a string, an array of strings, or an array of
 * `{type:"text",text}` / `{type:"image_url",image_url:{url}}` parts); answers
 * `{id, model, results:[{flagged, categories, category_scores, category_applied_input_types}]}`;
 * errors as `{error:{message,type,param,code}}` with 400/401/429/500.
 *
 * Its "model" is a tiny keyword table of its own (not Reelforge's rules), so tests can steer scores.
 */
import type { IncomingMessage } from 'node:http';
import {
	listenAnswering,
	openAiErrorAnswer,
	UNPARSABLE_JSON,
	type JsonAnswer,
	type LoopbackServer,
} from '../../support/emulatorKit';

const CATEGORIES = [
	'harassment',
	'harassment/threatening',
	'hate',
	'hate/threatening',
	'illicit',
	'illicit/violent',
	'self-harm',
	'self-harm/intent',
	'self-harm/instructions',
	'sexual',
	'sexual/minors',
	'violence',
	'violence/graphic',
] as const;
/** Categories omni-moderation scores on images as well as text, per the docs. */
const IMAGE_CATEGORIES = new Set([
	'self-harm',
	'self-harm/intent',
	'self-harm/instructions',
	'sexual',
	'violence',
	'violence/graphic',
]);

const KEYWORDS: Record<string, Array<[string, number]>> = {
	'violence/graphic': [['entrails', 0.93]],
	violence: [
		['entrails', 0.81],
		['clobber', 0.72],
	],
	harassment: [['nitwit', 0.66]],
	illicit: [['contraband', 0.77]],
};

export interface EmulatorFailure {
	status: 401 | 429 | 500;
	retryAfter?: string;
}

export class OpenAIModerationEmulator {
	readonly apiKey = 'sk-test-emulator';
	readonly requests: Array<{ model: string; input: unknown }> = [];
	/** Failures to answer the next requests with, in order. */
	readonly failures: EmulatorFailure[] = [];
	private loopback?: LoopbackServer;

	async start(): Promise<string> {
		this.loopback = await listenAnswering((req, body) => this.handle(req, body));
		return this.loopback.url;
	}

	async stop(): Promise<void> {
		await this.loopback?.stop();
	}

	private async handle(req: IncomingMessage, raw: Buffer): Promise<JsonAnswer> {
		if (req.method !== 'POST' || req.url !== '/v1/moderations')
			return openAiErrorAnswer(404, 'Not found', 'invalid_request_error', null, null);
		if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
			return openAiErrorAnswer(
				401,
				'Incorrect API key provided.',
				'invalid_request_error',
				null,
				'invalid_api_key',
			);
		}
		const failure = this.failures.shift();
		if (failure?.status === 429)
			return {
				...openAiErrorAnswer(
					429,
					'Rate limit reached for requests',
					'requests',
					null,
					'rate_limit_exceeded',
				),
				headers: failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
			};
		if (failure)
			return openAiErrorAnswer(
				failure.status,
				'The server had an error while processing your request.',
				'server_error',
				null,
				null,
			);

		let payload: { model?: string; input?: unknown };
		try {
			payload = JSON.parse(raw.toString('utf8'));
		} catch {
			return openAiErrorAnswer(400, UNPARSABLE_JSON, 'invalid_request_error', null, null);
		}
		const model = payload.model ?? 'omni-moderation-latest';
		if (
			!['omni-moderation-latest', 'omni-moderation-2024-09-26', 'text-moderation-latest'].includes(
				model,
			)
		) {
			return openAiErrorAnswer(
				400,
				`The model \`${model}\` does not exist`,
				'invalid_request_error',
				'model',
				'model_not_found',
			);
		}
		const parts = normaliseInput(payload.input);
		if (!parts)
			return openAiErrorAnswer(
				400,
				"Invalid value for 'input'.",
				'invalid_request_error',
				'input',
				null,
			);
		this.requests.push({ model, input: payload.input });

		// Strings in an array are separate results; a parts array is one result (text + images together).
		const groups =
			Array.isArray(payload.input) && payload.input.every((p) => typeof p === 'string')
				? parts.map((p) => [p])
				: [parts];
		return {
			status: 200,
			body: {
				id: `modr-${Math.random().toString(36).slice(2, 12)}`,
				model: 'omni-moderation-2024-09-26',
				results: groups.map(score),
			},
		};
	}
}

type Part = { type: 'text'; text: string } | { type: 'image_url'; url: string };

function normaliseInput(input: unknown): Part[] | undefined {
	if (typeof input === 'string') return [{ type: 'text', text: input }];
	if (!Array.isArray(input) || input.length === 0) return undefined;
	const parts: Part[] = [];
	for (const item of input) {
		if (typeof item === 'string') parts.push({ type: 'text', text: item });
		else if (item?.type === 'text' && typeof item.text === 'string')
			parts.push({ type: 'text', text: item.text });
		else if (item?.type === 'image_url' && typeof item.image_url?.url === 'string')
			parts.push({ type: 'image_url', url: item.image_url.url });
		else return undefined;
	}
	return parts;
}

function score(parts: Part[]) {
	const text = parts.flatMap((p) => (p.type === 'text' ? [p.text.toLowerCase()] : [])).join(' ');
	const hasImage = parts.some((p) => p.type === 'image_url');
	const categories: Record<string, boolean> = {};
	const scores: Record<string, number> = {};
	const applied: Record<string, string[]> = {};
	for (const c of CATEGORIES) {
		const hits = (KEYWORDS[c] ?? []).filter(([word]) => text.includes(word)).map(([, s]) => s);
		scores[c] = hits.length ? Math.max(...hits) : 0.0001;
		categories[c] = scores[c] >= 0.5;
		applied[c] = [
			...(text ? ['text'] : []),
			...(hasImage && IMAGE_CATEGORIES.has(c) ? ['image'] : []),
		];
	}
	return {
		flagged: Object.values(categories).some(Boolean),
		categories,
		category_scores: scores,
		category_applied_input_types: applied,
	};
}

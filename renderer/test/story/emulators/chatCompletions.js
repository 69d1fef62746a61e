'use strict';
/**
 * A local emulator of OpenAI's Chat Completions API, written from the public API reference, for
 * the storyboard writer's tests and for the real-n8n e2e (n8n's OpenAI Chat Model node pointed at
 * it by its base URL). Plain JavaScript so the e2e script can start it without a compiler.
 *
 *   POST /v1/chat/completions  {model, messages:[{role, content}], response_format?, temperature?, ...}
 *     → 200 {id, object:"chat.completion", created, model, system_fingerprint,
 *            choices:[{index, message:{role:"assistant", content, refusal, annotations},
 *                      logprobs:null, finish_reason}], usage:{prompt_tokens, completion_tokens, total_tokens}}
 *   GET  /v1/models            → {object:"list", data:[{id, object:"model", created, owned_by}]}
 *   errors: {error:{message, type, param, code}}: 400 invalid_request_error, 401 invalid_api_key,
 *           404 model_not_found, 429 rate_limit_exceeded (with Retry-After), 500 server_error.
 *
 * A `response_format` of type `json_schema` is checked as the API checks it: a `name` of at most
 * 64 letters, digits, "_" or "-", a `schema`, and with `strict: true` every object closed
 * (`additionalProperties: false`) and listing all its properties in `required`.
 *
 * Its "model" answers from a script the test queues (`answers`): a storyboard object (sent as
 * the JSON content), raw text, a refusal, or an HTTP failure. With nothing queued it writes a
 * small storyboard of its own from the user's prompt, one shot per sentence.
 */
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');

const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini'];

function errorBody(message, type, param, code) {
	return { error: { message, type, param: param ?? null, code: code ?? null } };
}

/** The strict-mode rules of structured outputs, applied to every object of the schema. */
function strictSchemaProblem(schema, path = '#') {
	if (!schema || typeof schema !== 'object') return undefined;
	if (schema.type === 'object' || schema.properties) {
		if (schema.additionalProperties !== false)
			return `In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`;
		const keys = Object.keys(schema.properties ?? {});
		const required = schema.required ?? [];
		const missing = keys.filter((k) => !required.includes(k));
		if (missing.length)
			return `In context=(${path}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
		for (const key of keys) {
			const problem = strictSchemaProblem(
				schema.properties[key],
				`${path}, 'properties', '${key}'`,
			);
			if (problem) return problem;
		}
	}
	if (schema.items) {
		const problem = strictSchemaProblem(schema.items, `${path}, 'items'`);
		if (problem) return problem;
	}
	for (const key of ['anyOf', 'oneOf', 'allOf']) {
		for (const [i, part] of (schema[key] ?? []).entries()) {
			const problem = strictSchemaProblem(part, `${path}, '${key}', ${i}`);
			if (problem) return problem;
		}
	}
	return undefined;
}

/** The emulator's own storyboard writer: one shot per sentence of the prompt, sharing 16 s. */
function defaultStoryboard(prompt) {
	const sentences = prompt
		.split(/(?<=[.!?])\s+/)
		.map((s) => s.trim())
		.filter(Boolean);
	const parts = sentences.length ? sentences : [prompt];
	return {
		characters: [],
		shots: parts.map((text) => ({
			prompt: text,
			duration: 16 / parts.length,
			setting: null,
			timeOfDay: null,
			weather: null,
			camera: null,
			characters: [],
			actions: [],
			props: [],
			sfx: [],
			physics: null,
			dialogue: [],
		})),
	};
}

function countTokens(text) {
	return Math.max(1, Math.ceil(String(text ?? '').length / 4));
}

class ChatCompletionsEmulator {
	constructor(options = {}) {
		/** Empty: any key is accepted; otherwise the one Bearer key it accepts. */
		this.apiKey = options.apiKey ?? 'sk-test-chat-emulator';
		/** Every request body received on /v1/chat/completions, in order. */
		this.requests = [];
		/**
		 * What the next requests get, in order: {story}, {content}, {refusal}, or
		 * {status, retryAfter?, message?}. Nothing queued: a storyboard of its own.
		 */
		this.answers = [];
		this.server = undefined;
	}

	async start(port = 0) {
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				this.send(res, 500, errorBody(String(error?.message ?? error), 'server_error'));
			});
		});
		await new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		return `http://127.0.0.1:${this.server.address().port}/v1`;
	}

	async stop() {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(() => resolve()));
		this.server = undefined;
	}

	send(res, status, body, headers = {}) {
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'content-type': 'application/json',
			'x-request-id': `req_${randomUUID().replace(/-/g, '')}`,
			...headers,
		});
		res.end(text);
	}

	async readJson(req) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const text = Buffer.concat(chunks).toString('utf8');
		return text ? JSON.parse(text) : undefined;
	}

	authorized(req, res) {
		if (!this.apiKey) return true;
		const header = req.headers.authorization ?? '';
		if (header === `Bearer ${this.apiKey}`) return true;
		const given = header.replace(/^Bearer\s+/i, '');
		this.send(
			res,
			401,
			errorBody(
				given
					? `Incorrect API key provided: ${given.slice(0, 3)}***${given.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`
					: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
				'invalid_request_error',
				null,
				given ? 'invalid_api_key' : null,
			),
		);
		return false;
	}

	async handle(req, res) {
		const url = new URL(req.url, 'http://emulator');
		if (req.method === 'GET' && url.pathname === '/v1/models') {
			if (!this.authorized(req, res)) return;
			return this.send(res, 200, {
				object: 'list',
				data: MODELS.map((id) => ({
					id,
					object: 'model',
					created: 1715367049,
					owned_by: 'system',
				})),
			});
		}
		if (url.pathname !== '/v1/chat/completions')
			return this.send(
				res,
				404,
				errorBody(`Invalid URL (${req.method} ${url.pathname})`, 'invalid_request_error'),
			);
		if (req.method !== 'POST')
			return this.send(
				res,
				405,
				errorBody(`Method ${req.method} not allowed`, 'invalid_request_error'),
			);
		if (!this.authorized(req, res)) return;

		let body;
		try {
			body = await this.readJson(req);
		} catch {
			return this.send(
				res,
				400,
				errorBody(
					"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
					'invalid_request_error',
				),
			);
		}
		const problem = this.requestProblem(body);
		if (problem) return this.send(res, problem.status, problem.body);
		this.requests.push(body);

		const next = this.answers.shift() ?? {
			story: defaultStoryboard(
				[...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '',
			),
		};
		if (next.status) {
			const headers =
				next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {};
			if (next.status === 429)
				return this.send(
					res,
					429,
					errorBody(
						next.message ??
							`Rate limit reached for ${body.model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${next.retryAfter ?? 20}s.`,
						'requests',
						null,
						'rate_limit_exceeded',
					),
					{ ...headers, 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0' },
				);
			return this.send(
				res,
				next.status,
				errorBody(
					next.message ?? 'The server had an error while processing your request.',
					'server_error',
				),
				headers,
			);
		}
		const content =
			next.refusal !== undefined
				? null
				: next.content !== undefined
					? next.content
					: JSON.stringify(next.story);
		const prompt = body.messages
			.map((m) => (typeof m.content === 'string' ? m.content : ''))
			.join(' ');
		const usage = {
			prompt_tokens: countTokens(prompt),
			completion_tokens: countTokens(content ?? next.refusal),
		};
		return this.send(res, 200, {
			id: `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			system_fingerprint: 'fp_emulator',
			choices: [
				{
					index: 0,
					message: {
						role: 'assistant',
						content,
						refusal: next.refusal ?? null,
						annotations: [],
					},
					logprobs: null,
					finish_reason: 'stop',
				},
			],
			usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
		});
	}

	requestProblem(body) {
		const invalid = (message, param) => ({
			status: 400,
			body: errorBody(message, 'invalid_request_error', param),
		});
		if (!body || typeof body !== 'object')
			return invalid('The request body must be a JSON object.');
		if (typeof body.model !== 'string' || !body.model)
			return invalid('you must provide a model parameter', null);
		if (!MODELS.includes(body.model))
			return {
				status: 404,
				body: errorBody(
					`The model \`${body.model}\` does not exist or you do not have access to it.`,
					'invalid_request_error',
					null,
					'model_not_found',
				),
			};
		if (!Array.isArray(body.messages) || body.messages.length === 0)
			return invalid("[] is too short - 'messages'", 'messages');
		for (const [i, m] of body.messages.entries()) {
			if (!['system', 'developer', 'user', 'assistant', 'tool'].includes(m?.role))
				return invalid(
					`Invalid value: '${m?.role}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.`,
					`messages[${i}].role`,
				);
		}
		const format = body.response_format;
		if (format !== undefined) {
			if (!['text', 'json_object', 'json_schema'].includes(format?.type))
				return invalid(
					`Invalid value: '${format?.type}'. Supported values are: 'json_object', 'json_schema', and 'text'.`,
					'response_format.type',
				);
			if (format.type === 'json_schema') {
				const spec = format.json_schema;
				if (!spec || typeof spec.name !== 'string')
					return invalid(
						"Missing required parameter: 'response_format.json_schema.name'.",
						'response_format.json_schema.name',
					);
				if (!/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name))
					return invalid(
						"Invalid 'response_format.json_schema.name': string does not match pattern.",
						'response_format.json_schema.name',
					);
				if (spec.strict === true) {
					const problem = strictSchemaProblem(spec.schema);
					if (problem)
						return invalid(
							`Invalid schema for response_format '${spec.name}': ${problem}`,
							'response_format',
						);
				}
			}
		}
		return undefined;
	}
}

module.exports = { ChatCompletionsEmulator, strictSchemaProblem };

// `node chatCompletions.js [port]`: run standalone (the e2e starts it this way) and print the base URL.
if (require.main === module) {
	const emulator = new ChatCompletionsEmulator({
		apiKey: process.env.EMULATOR_API_KEY ?? 'sk-test-chat-emulator',
	});
	emulator.start(Number(process.argv[2] ?? 0)).then((url) => process.stdout.write(`${url}\n`));
	process.on('SIGTERM', () => emulator.stop().then(() => process.exit(0)));
}

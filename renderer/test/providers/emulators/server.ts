/**
 * The plumbing the provider emulators share: a node:http server on a free loopback port, the
 * request body as bytes (bounded), JSON answers, and a log of every request for assertions.
 * Each emulator implements its provider's routes, fields, statuses and error shapes itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	listenOnLoopback,
	readBody,
	sendJson,
	type LoopbackServer,
} from '../../support/emulatorKit';

export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	/** The body as text when it is JSON, else its size. */
	body?: unknown;
	at: number;
}

export interface Exchange {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	body: Buffer;
}

export abstract class EmulatorServer {
	readonly requests: RecordedRequest[] = [];
	protected loopback?: LoopbackServer;
	url = '';

	async start(): Promise<string> {
		this.loopback = await listenOnLoopback((req, res) => void this.dispatch(req, res));
		this.url = this.loopback.url;
		return this.url;
	}

	async stop(): Promise<void> {
		await this.loopback?.stop();
	}

	/** Requests to paths matching `pattern` (method too when given). */
	seen(pattern: RegExp, method?: string): RecordedRequest[] {
		return this.requests.filter((r) => pattern.test(r.path) && (!method || r.method === method));
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse) {
		const body = await readBody(req, 64 * 1024 * 1024);
		if (!body) {
			res.writeHead(413).end();
			return;
		}
		const url = new URL(req.url ?? '/', 'http://emulator');
		let parsed: unknown = body.length ? { bytes: body.length } : undefined;
		if (String(req.headers['content-type'] ?? '').includes('json'))
			try {
				parsed = JSON.parse(body.toString('utf8'));
			} catch {
				parsed = { unparsable: body.toString('utf8').slice(0, 200) };
			}
		this.requests.push({
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			body: parsed,
			at: Date.now(),
		});
		try {
			await this.handle({ req, res, url, body });
		} catch (error) {
			if (!res.headersSent) this.json(res, 500, { error: String((error as Error).message) });
			else res.destroy();
		}
	}

	protected abstract handle(exchange: Exchange): Promise<void>;

	protected json(
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
	) {
		sendJson(res, status, body, { 'content-type': 'application/json; charset=utf-8', ...headers });
	}
}

/** The step of a submit → poll → download job a request is; scripted failures name the step. */
export type JobStep = 'submit' | 'poll' | 'download';

export interface ScriptedFailure {
	on: JobStep | 'any';
	status: 429 | 500 | 503;
}

/** Which job step a request is: a POST to the submit route, a download, any other GET a poll. */
export function jobStep(method: string, isSubmit: boolean, isDownload: boolean): JobStep | 'other' {
	if (isSubmit && method === 'POST') return 'submit';
	if (isDownload) return 'download';
	return method === 'GET' ? 'poll' : 'other';
}

/** The next scripted failure, taken from the queue when it applies to this step. */
export function takeFailure<F extends ScriptedFailure>(
	failures: F[],
	step: JobStep | 'other',
): F | undefined {
	const failure = failures[0];
	if (!failure || (failure.on !== 'any' && failure.on !== step)) return undefined;
	return failures.shift();
}

/** Resolves after `ms`. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

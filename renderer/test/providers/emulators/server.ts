/**
 * The plumbing the provider emulators share: a node:http server on a free loopback port, the
 * request body as bytes (bounded), JSON answers, and a log of every request for assertions.
 * Each emulator implements its provider's routes, fields, statuses and error shapes itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
	protected server?: Server;
	url = '';

	async start(): Promise<string> {
		this.server = createServer((req, res) => void this.dispatch(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	/** Requests to paths matching `pattern` (method too when given). */
	seen(pattern: RegExp, method?: string): RecordedRequest[] {
		return this.requests.filter((r) => pattern.test(r.path) && (!method || r.method === method));
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > 64 * 1024 * 1024) {
				res.writeHead(413).end();
				return;
			}
			chunks.push(chunk as Buffer);
		}
		const body = Buffer.concat(chunks);
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
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
		res.end(JSON.stringify(body));
	}
}

/** Resolves after `ms`. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

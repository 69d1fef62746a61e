/**
 * What the test emulators of remote APIs share, so each one only writes its API's own routes,
 * fields, statuses and error shapes: a node:http server on a free loopback port that stops with
 * its connections, the request body (bounded), JSON answers, and OpenAI's error envelope (the
 * video, speech, moderation and OpenAI-compatible chat emulators all answer errors in it).
 */
import {
	createServer,
	type IncomingMessage,
	type RequestListener,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
	server: Server;
	/** `http://127.0.0.1:<port>`, without a trailing slash. */
	url: string;
	/** Closes the server and every open connection (a hung request included). */
	stop(): Promise<void>;
}

/** Listens on 127.0.0.1 (a free port unless one is given). */
export async function listenOnLoopback(
	handler: RequestListener,
	port = 0,
): Promise<LoopbackServer> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		server,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** The whole request body; undefined when it passes `limit` bytes (the caller answers 413). */
export async function readBody(
	req: IncomingMessage,
	limit = Infinity,
): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) return undefined;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** A JSON answer; a string body is sent as it is (a deliberately broken or pre-serialised one). */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`. */
export function openAiError(
	message: string,
	type: string,
	param: string | null = null,
	code: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
	return { error: { message, type, param, code } };
}

/** The message OpenAI-style APIs answer a body that is not JSON with (400). */
export const UNPARSABLE_JSON = 'We could not parse the JSON body of your request.';

/** An emulator's answer to one request, as data, so handlers can return early with an error. */
export interface JsonAnswer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

/**
 * A loopback server for an emulator whose handler turns each request (its body read) into a JSON
 * answer; an answer to a client that has gone (a test's timeout) is dropped.
 */
export function listenAnswering(
	answer: (req: IncomingMessage, body: Buffer) => Promise<JsonAnswer>,
): Promise<LoopbackServer> {
	return listenOnLoopback((req, res) => {
		void readBody(req)
			.then((body) => answer(req, body!))
			.then(({ status, body, headers }) => {
				if (!res.destroyed) sendJson(res, status, body, headers);
			});
	});
}

/** OpenAI's error envelope as an answer. */
export function openAiErrorAnswer(
	status: number,
	message: string,
	type: string,
	param: string | null = null,
	code: string | null = null,
): JsonAnswer {
	return { status, body: openAiError(message, type, param, code) };
}

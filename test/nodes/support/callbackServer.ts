/** A real HTTP server standing in for n8n's webhook endpoint: it records what the renderer POSTs. */
import { createServer, type Server } from 'node:http';

export interface ReceivedCall {
	path: string;
	headers: Record<string, string>;
	rawBody: Buffer;
	body: unknown;
}

export interface CallbackServer {
	baseUrl: string;
	calls: ReceivedCall[];
	/** Resolves with the next call (already received or still to come) matching `filter`. */
	next(filter?: (call: ReceivedCall) => boolean, timeoutMs?: number): Promise<ReceivedCall>;
	close(): Promise<void>;
}

export async function startCallbackServer(): Promise<CallbackServer> {
	const calls: ReceivedCall[] = [];
	let taken = 0;
	const waiters: Array<() => void> = [];
	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let body: unknown;
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = undefined;
			}
			const headers = Object.fromEntries(
				Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : String(v)]),
			);
			calls.push({ path: request.url ?? '/', headers, rawBody, body });
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
			waiters.splice(0).forEach((wake) => wake());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		calls,
		async next(filter = () => true, timeoutMs = 120_000) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const index = calls.findIndex((call, i) => i >= taken && filter(call));
				if (index >= 0) {
					taken = index + 1;
					return calls[index];
				}
				if (Date.now() > until)
					throw new Error(`no matching callback within ${timeoutMs} ms (${calls.length} received)`);
				await new Promise<void>((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 500);
				});
			}
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

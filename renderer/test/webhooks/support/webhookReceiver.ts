/**
 * A real HTTP endpoint that receives webhooks the way a customer's server would: it verifies each
 * request with the `standardwebhooks` library's `Webhook.verify` and records what arrived.
 * Tests steer its answers (status codes) per request.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	/** The parsed payload when the signature verified against one of the known secrets, else undefined. */
	verified?: unknown;
	/** Which secret verified it. */
	secret?: string;
	status: number;
}

export class WebhookReceiver {
	readonly received: ReceivedWebhook[] = [];
	/** Statuses to answer the next requests with, in order; 200 after they run out. */
	readonly answers: number[] = [];
	/** When set, the first request of every webhook-id is answered with this status, later ones with 200. */
	failFirstAttemptWith?: number;
	private readonly seenIds = new Set<string>();
	private readonly secrets = new Set<string>();
	private server?: Server;
	url = '';

	trust(secret: string): this {
		this.secrets.add(secret);
		return this;
	}

	async start(port = 0): Promise<string> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				let verified: unknown;
				let by: string | undefined;
				for (const secret of this.secrets) {
					try {
						verified = new Webhook(secret).verify(body, req.headers as Record<string, string>);
						by = secret;
						break;
					} catch {
						// not this secret
					}
				}
				const webhookId = String(req.headers['webhook-id'] ?? '');
				const firstTime = !this.seenIds.has(webhookId);
				this.seenIds.add(webhookId);
				const status =
					this.failFirstAttemptWith !== undefined
						? firstTime
							? this.failFirstAttemptWith
							: 200
						: (this.answers.shift() ?? 200);
				this.received.push({
					path: req.url ?? '/',
					headers: req.headers,
					body,
					verified,
					secret: by,
					status,
				});
				res
					.writeHead(status, { 'content-type': 'text/plain' })
					.end(status < 300 ? 'ok' : `answer ${status}`);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
		return this.url;
	}

	get port(): number {
		return (this.server!.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}
}

/** Polls until `check` returns a truthy value or the deadline passes. */
export async function eventually<T>(
	check: () => Promise<T> | T,
	timeoutMs = 10000,
	what = 'condition',
): Promise<NonNullable<T>> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value as NonNullable<T>;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

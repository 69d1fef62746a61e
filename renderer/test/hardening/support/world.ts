/**
 * A running service as a tenant meets it: `reelforge serve` as a real process on bull and the
 * suite's Redis, two pro keys A and B (and a free key) made with `reelforge keys create`, an
 * admin key, and a loopback receiver for webhooks that the operator opened with
 * REELFORGE_FETCH_ALLOW. The security suites drive it through HTTP only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseEnv, createKey, freePort, RendererProcess } from './processes';
import { fromLavfi } from '../../support/clips';

export interface Delivery {
	path: string;
	headers: Record<string, string>;
	body: string;
}

export interface World {
	url: string;
	dataDir: string;
	env: NodeJS.ProcessEnv;
	service: RendererProcess;
	adminKey: string;
	a: { key: string; id: string };
	b: { key: string; id: string };
	free: { key: string; id: string };
	/** Webhook receiver on loopback: every POST it got, by path. */
	receiver: { url: string; deliveries: Delivery[] };
	/** A short MP4 (1 s, 96×64) made with ffmpeg for uploads. */
	clip: string;
	scratch: string;
	close(): Promise<void>;
}

export async function startWorld(extraEnv: Record<string, string> = {}): Promise<World> {
	const redisUrl = process.env.REDIS_TEST_URL;
	if (!redisUrl)
		throw new Error('REDIS_TEST_URL is not set: jest global setup starts redis-server');
	const scratch = mkdtempSync(path.join(tmpdir(), 'rf-hardening-world-'));
	const dataDir = path.join(scratch, 'data');
	const clip = path.join(scratch, 'clip.mp4');
	fromLavfi(clip, ['testsrc2=s=96x64:r=10:d=1', 'sine=d=1'], ['-pix_fmt', 'yuv420p', '-shortest']);

	const deliveries: Delivery[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString('utf8')));
		req.on('end', () => {
			deliveries.push({
				path: req.url ?? '',
				headers: req.headers as Record<string, string>,
				body,
			});
			res.writeHead(204).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const receiverPort = (server.address() as AddressInfo).port;

	const adminKey = `admin-${randomBytes(12).toString('hex')}`;
	const env = baseEnv(dataDir, {
		REDIS_URL: redisUrl,
		REELFORGE_QUEUE: 'bull',
		REELFORGE_REDIS_PREFIX: `hw${randomBytes(4).toString('hex')}`,
		REELFORGE_ADMIN_KEY: adminKey,
		REELFORGE_FETCH_ALLOW: `127.0.0.1:${receiverPort}`,
		REELFORGE_REPORT_THRESHOLD: '1',
		...extraEnv,
	});
	const service = await new RendererProcess('serve', env, await freePort()).start();
	const world: World = {
		url: service.url,
		dataDir,
		env,
		service,
		adminKey,
		a: createKey(env, 'pro', 'tenant A'),
		b: createKey(env, 'pro', 'tenant B'),
		free: createKey(env, 'free', 'tenant F'),
		receiver: { url: `http://127.0.0.1:${receiverPort}`, deliveries },
		clip,
		scratch,
		async close() {
			await service.stop();
			server.closeAllConnections();
			await new Promise((r) => server.close(r));
			rmSync(scratch, { recursive: true, force: true });
		},
	};
	return world;
}

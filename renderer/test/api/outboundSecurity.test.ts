/**
 * The API's outbound surface under attack, on a real service: remix source URLs, webhook URLs in
 * specs, subscriptions and publish targets, and uploads that try to make ffmpeg read other files.
 * Everything stays on loopback; `*.test` names resolve through the door's injected resolver.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedAddress } from '../../src/net/outbound';
import { api, startRenderer, type RunningRenderer } from '../support/renderer';
import { writeTinyClip } from '../support/clips';

const NAMES: Record<string, string[]> = {
	'evil.test': ['127.0.0.1'],
	'meta.test': ['169.254.169.254'],
	'mapped.test': ['::ffff:a9fe:a9fe'],
	'mixed.test': ['93.184.216.34', '10.0.0.8'],
	'media.test': ['127.0.0.1'],
};

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
	const hits: string[] = [];
	const server = http.createServer((req, res) => {
		hits.push(req.url ?? '');
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		hits,
		close: () => new Promise((r) => server.close(r)),
	};
}

describe('outbound requests the API makes for a caller', () => {
	let r: RunningRenderer;
	let scratch: string;
	let clip: string;
	let internal: Awaited<ReturnType<typeof serve>>;
	let media: Awaited<ReturnType<typeof serve>>;
	let redisPort: string;

	beforeAll(async () => {
		scratch = mkdtempSync(join(tmpdir(), 'rf-outbound-api-'));
		clip = join(scratch, 'clip.mp4');
		writeTinyClip(clip);
		// An internal service (think: the Redis port, a metadata service) that must never be reached.
		internal = await serve((_req, res) => res.end(readFileSync(clip)));
		let redirects = 0;
		media = await serve((req, res) => {
			if (req.url === '/clip.mp4') {
				res.end(readFileSync(clip));
				return;
			}
			if (req.url === '/playlist.mp4') {
				res.writeHead(200, { 'content-type': 'video/mp4' });
				res.end(`#EXTM3U\n#EXTINF:1,\n${clip}\n#EXT-X-ENDLIST\n`);
				return;
			}
			const targets = [
				`http://127.0.0.1:${internal.port}/secret.mp4`,
				`http://[::ffff:127.0.0.1]:${internal.port}/secret.mp4`,
				'http://169.254.169.254/latest/meta-data/',
				`http://evil.test:${internal.port}/secret.mp4`,
			];
			res.writeHead(302, { location: targets[redirects++ % targets.length] });
			res.end();
		});
		redisPort = new URL(process.env.REDIS_TEST_URL!).port;
		r = await startRenderer({
			worker: false,
			overrides: {
				moderator: null,
				signer: null,
				resolve: async (host) =>
					(NAMES[host] ?? []).map(
						(address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }),
					),
			},
			// The operator opened one media host on purpose; its redirects are checked all the same.
			env: { REELFORGE_FETCH_ALLOW: 'media.test' },
		});
	});

	afterAll(async () => {
		await r.close();
		await internal.close();
		await media.close();
		rmSync(scratch, { recursive: true, force: true });
	});

	const forbiddenUrls = () => [
		`http://127.0.0.1:${internal.port}/secret.mp4`,
		`http://2130706433:${internal.port}/secret.mp4`,
		`http://0x7f000001:${internal.port}/secret.mp4`,
		`http://0177.0.0.1:${internal.port}/secret.mp4`,
		`http://127.1:${internal.port}/secret.mp4`,
		`http://[::1]:${internal.port}/secret.mp4`,
		`http://[::ffff:127.0.0.1]:${internal.port}/secret.mp4`,
		`http://127.0.0.1:${redisPort}/`,
		`http://0.0.0.0:${internal.port}/`,
		'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
		'http://[::ffff:169.254.169.254]/latest/meta-data/',
		'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
		'http://[fd00:ec2::254]/latest/meta-data/',
		'http://10.0.0.1/video.mp4',
		'http://192.168.1.1/video.mp4',
		'http://100.64.0.1/video.mp4',
		`http://evil.test:${internal.port}/secret.mp4`,
		'http://meta.test/latest/meta-data/',
		'http://mapped.test/latest/meta-data/',
		'http://mixed.test/video.mp4',
		`http://user:pass@evil.test:${internal.port}/secret.mp4`,
	];

	function expectNoLeak(body: unknown) {
		const text = JSON.stringify(body);
		for (const leak of ['169.254', 'a9fe', '127.0.0.1', '10.0.0.8', r.dataDir, scratch, tmpdir()])
			expect(text).not.toContain(leak);
	}

	it('refuses remix source URLs to loopback, private, metadata and reserved addresses in every spelling', async () => {
		for (const url of forbiddenUrls()) {
			const res = await api(r, 'POST', '/v1/remixes', {
				source: { url },
				operations: { style: 'anime' },
			});
			expect({ url, status: res.status, code: res.json?.error?.code }).toEqual({
				url,
				status: 422,
				code: 'url_forbidden',
			});
			expect(res.json.error.details[0].path).toBe('/source/url');
			expectNoLeak(res.json.error);
		}
		expect(internal.hits).toEqual([]);
		expect((await api(r, 'GET', '/v1/renders')).json.data).toEqual([]);
	});

	it('re-checks each redirect of an allowed host', async () => {
		for (let i = 0; i < 4; i++) {
			const res = await api(r, 'POST', '/v1/remixes', {
				source: { url: `http://media.test:${media.port}/bounce` },
				operations: { style: 'anime' },
			});
			expect(res.status).toBe(422);
			expect(res.json.error).toMatchObject({
				code: 'url_forbidden',
				details: [{ path: '/source/url' }],
			});
			expectNoLeak(res.json.error);
		}
		expect(internal.hits).toEqual([]);
	});

	it('fetches from a host the operator allowed, and refuses a playlist served as video/mp4', async () => {
		const ok = await api(r, 'POST', '/v1/remixes', {
			source: { url: `http://media.test:${media.port}/clip.mp4` },
			operations: { style: 'anime' },
		});
		expect(ok.status).toBe(201);
		const playlist = await api(r, 'POST', '/v1/remixes', {
			source: { url: `http://media.test:${media.port}/playlist.mp4` },
			operations: { style: 'anime' },
		});
		expect(playlist.status).toBe(422);
		expect(playlist.json.error).toMatchObject({
			code: 'source_unsupported',
			details: [{ path: '/source/url' }],
		});
		expectNoLeak(playlist.json.error);
	});

	it('refuses a webhook URL to a forbidden address at submit, with its pointer, and charges nothing', async () => {
		const usage = (await api(r, 'GET', '/v1/usage')).json;
		for (const url of [
			'http://169.254.169.254/latest/meta-data/',
			'http://[::ffff:169.254.169.254]/',
			'http://meta.test/hook',
			`http://evil.test:${internal.port}/hook`,
		]) {
			const render = await api(r, 'POST', '/v1/renders', {
				prompt: 'a test card',
				durationSeconds: 1,
				provider: 'testpattern',
				output: { width: 96, height: 64, fps: 10, quality: 'draft' },
				webhook: { url, events: ['render.completed'] },
			});
			expect(render.status).toBe(422);
			expect(render.json.error).toMatchObject({
				code: 'url_forbidden',
				details: [{ path: '/webhook/url' }],
			});
			expectNoLeak(render.json.error);

			const remix = await api(r, 'POST', '/v1/remixes', {
				source: { url: `http://media.test:${media.port}/clip.mp4` },
				operations: { style: 'anime' },
				webhook: { url, events: ['render.completed'] },
			});
			expect(remix.status).toBe(422);
			expect(remix.json.error.details[0].path).toBe('/webhook/url');

			const subscription = await api(r, 'POST', '/v1/webhooks', { url });
			expect(subscription.status).toBe(422);
			expect(subscription.json.error).toMatchObject({
				code: 'url_forbidden',
				details: [{ path: '/url' }],
			});
		}
		expect((await api(r, 'GET', '/v1/usage')).json).toEqual(usage);
		expect(internal.hits).toEqual([]);
	});

	describe('uploads', () => {
		const upload = (body: Buffer | string, type = 'video/mp4') =>
			fetch(`${r.url}/v1/remixes/uploads`, {
				method: 'POST',
				headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': type },
				body,
			}).then(async (res) => ({ status: res.status, json: (await res.json()) as any })); // eslint-disable-line @typescript-eslint/no-explicit-any

		let storedRender: string;
		beforeAll(async () => {
			// Another tenant's finished render, where the local storage keeps it.
			await r.services.storage.putFile('renders/rnd_victim/video.mp4', clip, 'video/mp4');
			storedRender = join(r.dataDir, 'objects', 'renders', 'rnd_victim', 'video.mp4');
			expect(readFileSync(storedRender).length).toBeGreaterThan(0);
		});

		it('refuses an HLS playlist naming a stored render, and answers the same for a missing file', async () => {
			const hls = (target: string) =>
				`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.0,\n${target}\n#EXT-X-ENDLIST\n`;
			const existing = await upload(hls(storedRender));
			const missing = await upload(
				hls(join(r.dataDir, 'objects', 'renders', 'rnd_nope', 'video.mp4')),
			);
			expect(existing.status).toBe(422);
			expect(existing.json.error).toMatchObject({
				code: 'source_unsupported',
				details: [{ path: '/body' }],
			});
			// No oracle: whether the named file exists changes nothing in the answer.
			expect(missing).toEqual(existing);
			expectNoLeak(existing.json);
			const octet = await upload(hls(storedRender), 'application/octet-stream');
			expect(octet.json.error.code).toBe('source_unsupported');
		});

		it('refuses an ffconcat list and a concat-style list', async () => {
			for (const body of [
				`ffconcat version 1.0\nfile '${storedRender}'\n`,
				`file '${storedRender}'\n`,
			]) {
				const res = await upload(body);
				expect(res.status).toBe(422);
				expect(res.json.error).toMatchObject({
					code: 'source_unsupported',
					details: [{ path: '/body' }],
				});
				expectNoLeak(res.json);
			}
		});

		it('refuses a polyglot that sniffs as MP4 but is a playlist inside', async () => {
			const ftyp = Buffer.from('0000001866747970697336d6000000000069736f6d6d703431', 'hex');
			const res = await upload(
				Buffer.concat([
					ftyp,
					Buffer.from(`\n#EXTM3U\n#EXTINF:1,\n${storedRender}\n#EXT-X-ENDLIST\n`),
				]),
			);
			expect(res.status).toBe(422);
			expect(res.json.error).toMatchObject({
				code: 'source_unreadable',
				details: [{ path: '/body' }],
			});
			expectNoLeak(res.json);
		});

		it('accepts a plain valid MP4 (and a Matroska file), and reports what it is', async () => {
			const ok = await upload(readFileSync(clip));
			expect(ok.status).toBe(201);
			expect(ok.json).toMatchObject({ object: 'upload', width: 96, height: 64, hasAudio: false });
			const mkv = join(scratch, 'clip.mkv');
			execFileSync('ffmpeg', ['-v', 'error', '-i', clip, '-c', 'copy', '-y', mkv]);
			expect((await upload(readFileSync(mkv), 'video/x-matroska')).status).toBe(201);
		});
	});
});

/**
 * Shots from any source in the real service: an uploaded picture, a clip fetched from a URL, the
 * local engine and a remote gateway (the OpenAI Videos emulator) stitched into one video with
 * Reelforge's music and watermark; per-shot records; a finished remote clip re-used instead of
 * paid for twice; a fallback chain taking over from a provider that is gone (and not from a safety
 * block); a remote story of three 8 s clips made into 24 s; bad input refused with its field.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OpenAIVideosEmulator } from '../providers/emulators/openaiVideos';
import { makeClip, makeImage } from '../providers/emulators/media';
import { FAST_POLLING, mediaFacts, scratchDir } from '../providers/support';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';

const output = { width: 360, height: 640, fps: 24, quality: 'draft' };

async function serveFiles(files: Record<string, string>) {
	const server = http.createServer((req, res) => {
		const file = files[req.url ?? ''];
		if (!file) return void res.writeHead(404).end();
		res.writeHead(200, { 'content-type': 'video/mp4' });
		fs.createReadStream(file).pipe(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('shots from any source', () => {
	const gateway = new OpenAIVideosEmulator();
	let files: Awaited<ReturnType<typeof serveFiles>>;
	let r: RunningRenderer;

	beforeAll(async () => {
		await gateway.start();
		gateway.jobMs = 300;
		gateway.pollAfterMs = 100;
		const clip = await makeClip({ width: 640, height: 360, seconds: 3, fps: 30 });
		files = await serveFiles({ '/clip.mp4': clip });
		const dir = scratchDir();
		fs.writeFileSync(
			path.join(dir, 'providers.json'),
			JSON.stringify({
				providers: [
					{ name: 'gateway-gone', type: 'openai-videos', baseUrl: 'http://127.0.0.1:9/v1' },
				],
			}),
		);
		r = await startRenderer({
			env: {
				OPENAI_VIDEOS_BASE_URL: `${gateway.url}/v1`,
				OPENAI_VIDEOS_API_KEY: gateway.apiKey,
				REELFORGE_PROVIDERS: path.join(dir, 'providers.json'),
				REELFORGE_FETCH_ALLOW: '127.0.0.1',
				REELFORGE_JOB_ATTEMPTS: '1',
			},
			overrides: { remotePolling: FAST_POLLING, moderator: null },
		});
	});
	afterAll(async () => {
		await r.close();
		await files.close();
		await gateway.stop();
	});

	async function upload(file: string, type: string) {
		const res = await fetch(`${r.url}/v1/assets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': type },
			body: fs.readFileSync(file),
		});
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an asset view or an error, as JSON
		return { status: res.status, json: (await res.json()) as any };
	}

	async function render(spec: Record<string, unknown>) {
		const res = await api(r, 'POST', '/v1/renders', { output, ...spec });
		expect(res.status).toBe(201);
		return res.json.id as string;
	}

	async function video(id: string) {
		const res = await fetch(`${r.url}/v1/renders/${id}/content`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		expect(res.status).toBe(200);
		const file = path.join(scratchDir(), 'out.mp4');
		fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
		return mediaFacts(file);
	}

	it('uploads pictures as assets, probed, and refuses what is not one', async () => {
		const png = await makeImage(1200, 800, 'asset');
		const uploaded = await upload(png, 'image/png');
		expect(uploaded.status).toBe(201);
		expect(uploaded.json).toMatchObject({
			object: 'asset',
			id: expect.stringMatching(/^ast_/),
			kind: 'image',
			width: 1200,
			height: 800,
		});
		const got = await api(r, 'GET', `/v1/assets/${uploaded.json.id}`);
		expect(got.json).toEqual(uploaded.json);

		const fake = path.join(scratchDir(), 'fake.png');
		fs.writeFileSync(fake, '#EXTM3U\nhttp://169.254.169.254/\n');
		const refused = await upload(fake, 'image/png');
		expect(refused.status).toBe(422);
		expect(refused.json.error).toMatchObject({
			code: 'media_unsupported',
			details: [{ path: '/body' }],
		});
		expect(JSON.stringify(refused.json)).not.toMatch(/\/tmp|reelforge-/);
	});

	const storySpec = (assetId: string) => ({
		provider: 'local',
		audio: { music: { mood: 'calm' } },
		shots: [
			{ prompt: 'a red ball bounces in a park', duration: 2 },
			{ media: { asset: assetId, fit: 'blur' }, duration: 2, transition: 'crossfade' },
			{ media: { url: `${files.url}/clip.mp4`, trim: { start: 0.5 } }, duration: 2 },
			{ prompt: 'waves roll onto a beach at sunset', provider: 'openai-videos', duration: 4 },
		],
	});

	it('stitches an uploaded picture, a URL clip, the local engine and a remote clip into one video', async () => {
		const asset = (await upload(await makeImage(800, 600, 'story'), 'image/png')).json.id;
		const id = await render(storySpec(asset));
		const done = await waitForStatus(r, id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		const out = await video(id);
		expect(out).toMatchObject({ width: 360, height: 640, audio: true });
		expect(out.seconds).toBeCloseTo(10, 0);
		const shots = done.details.shots as Array<Record<string, unknown>>;
		expect(shots.map((s) => s.source)).toEqual(['local', 'media', 'media', 'openai-videos']);
		expect(shots[1]).toMatchObject({ media: { asset, kind: 'image', width: 800, height: 600 } });
		expect(shots[2]).toMatchObject({ media: { kind: 'video', width: 640, height: 360, fps: 30 } });
		expect(shots[3]).toMatchObject({ paidSeconds: 4, remote: { provider: 'openai-videos' } });
		expect(done.details.paidSeconds).toBe(4);
		expect(gateway.seen(/^\/v1\/videos$/, 'POST')).toHaveLength(1);

		// The same shot again (a retry, a remix, a second render): the finished clip is re-used.
		const again = await render(storySpec(asset));
		const second = await waitForStatus(r, again, ['completed', 'failed'], 240_000);
		expect(second.status).toBe('completed');
		expect(gateway.seen(/^\/v1\/videos$/, 'POST')).toHaveLength(1);
		expect(second.details.shots[3]).toMatchObject({ reused: true });
		expect(second.details.paidSeconds).toBe(0);
	});

	it('falls back along the chain when a provider is gone, and records it', async () => {
		const id = await render({
			fallback: ['gateway-gone', 'local'],
			provider: 'gateway-gone',
			shots: [{ prompt: 'a cat sleeps on a sofa', duration: 2 }],
		});
		const done = await waitForStatus(r, id, ['completed', 'failed'], 240_000);
		expect(done.status).toBe('completed');
		expect(done.details.shots[0]).toMatchObject({
			source: 'local',
			fallbackFrom: [{ provider: 'gateway-gone', code: 'provider_unavailable' }],
		});
		expect(done.details.fallbacks).toHaveLength(1);
		// The shot's progress names the source that made it, not the one that could not.
		expect(done.shotProgress).toEqual([
			{ index: 0, source: 'local', status: 'done', percent: 100 },
		]);
		expect(done.warnings).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ path: '/shots/0/provider', term: 'local' }),
			]),
		);
	});

	it('fails without a fallback, and never routes a safety block around', async () => {
		const gone = await render({
			provider: 'local',
			shots: [
				{ prompt: 'a dog runs', duration: 2 },
				{ prompt: 'a cat sleeps on a sofa', provider: 'gateway-gone', duration: 4 },
			],
		});
		const failed = await waitForStatus(r, gone, ['completed', 'failed'], 240_000);
		expect(failed.status).toBe('failed');
		expect(failed.error.code).toBe('provider_unavailable');

		const blocked = await render({
			fallback: 'local',
			shots: [
				{ prompt: 'a dog runs', duration: 2 },
				{ prompt: 'refuse-me please', provider: 'openai-videos', duration: 4 },
			],
		});
		const refused = await waitForStatus(r, blocked, ['completed', 'failed'], 240_000);
		expect(refused.status).toBe('failed');
		expect(refused.error.code).toBe('provider_blocked');
	});

	it('makes a remote story of three 8 s clips into one 24 s video', async () => {
		const before = gateway.seen(/^\/v1\/videos$/, 'POST').length;
		const id = await render({
			provider: 'openai-videos',
			audio: { music: { enabled: false } },
			watermark: { enabled: true },
			shots: [
				{ prompt: 'a lighthouse at dawn', duration: 8 },
				{ prompt: 'the keeper climbs the stairs', duration: 8, transition: 'crossfade' },
				{ prompt: 'the lamp turns over the sea', duration: 8 },
			],
		});
		const done = await waitForStatus(r, id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		expect(gateway.seen(/^\/v1\/videos$/, 'POST').length - before).toBe(3);
		const out = await video(id);
		expect(out.seconds).toBeCloseTo(24, 0);
		expect(out).toMatchObject({ width: 360, height: 640, audio: true });
		expect(done.details.paidSeconds).toBe(24);
	});

	it('refuses unknown providers and missing or private media with the failing field', async () => {
		const unknown = await api(r, 'POST', '/v1/renders', {
			output,
			shots: [
				{ prompt: 'a dog runs', duration: 2 },
				{ prompt: 'a cat sleeps', provider: 'nope', duration: 2 },
			],
		});
		expect(unknown.status).toBe(400);
		expect(unknown.json.error.details).toEqual([
			{ path: '/shots/1/provider', message: 'unknown provider "nope"' },
		]);

		// Media is checked when the render is submitted, every field at once: nothing is queued.
		const missing = await api(r, 'POST', '/v1/renders', {
			output,
			shots: [{ media: { asset: 'ast_0000000000nothere' }, duration: 2 }],
		});
		expect(missing.status).toBe(422);
		expect(missing.json.error).toMatchObject({
			code: 'asset_not_found',
			details: [{ path: '/shots/0/media/asset' }],
		});

		const metadata = await api(r, 'POST', '/v1/renders', {
			output,
			shots: [{ media: { url: 'http://169.254.169.254/latest/meta-data' }, duration: 2 }],
		});
		expect(metadata.status).toBe(422);
		expect(metadata.json.error.details).toEqual([
			expect.objectContaining({ path: '/shots/0/media/url' }),
		]);
		expect(JSON.stringify(metadata.json)).not.toMatch(/169\.254|\/tmp|reelforge-/);

		const several = await api(r, 'POST', '/v1/renders', {
			output,
			characters: [{ id: 'ana', images: [{ url: 'http://10.0.0.7/ana.png' }] }],
			shots: [
				{
					media: { url: 'http://[::1]:8080/clip.mp4' },
					duration: 2,
					overlays: [{ image: { asset: 'ast_0000000000nologo' } }],
				},
				{ prompt: 'ana waves', characters: ['ana'], duration: 2 },
			],
		});
		expect(several.status).toBe(422);
		expect(several.json.error.code).toBe('media_refused');
		expect(several.json.error.details.map((d: { path: string }) => d.path)).toEqual([
			'/characters/0/images/0/url',
			'/shots/0/media/url',
			'/shots/0/overlays/0/image/asset',
		]);
	});
});

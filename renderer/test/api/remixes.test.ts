import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { probe } from '../engine/encode/mediaProbe';
import { fromLavfi } from '../support/clips';
import { QUICK_H264_AAC } from '../../src/media/ffmpeg';
import type { RenderContext } from '../../src/providers/provider';

const W = 160;
const H = 288;

describe('POST /v1/remixes', () => {
	let r: RunningRenderer;
	let scratch: string;
	let sourceVideo: string;
	beforeAll(async () => {
		// The clip server below listens on loopback under the name clips.test, opened on purpose.
		r = await startRenderer({
			env: { REELFORGE_FETCH_ALLOW: 'clips.test' },
			overrides: {
				resolve: async (host) =>
					host === 'clips.test' ? [{ address: '127.0.0.1', family: 4 }] : [],
			},
		});
		scratch = mkdtempSync(join(tmpdir(), 'rf-remix-api-'));
		sourceVideo = join(scratch, 'upload.mp4');
		fromLavfi(
			sourceVideo,
			[`testsrc2=s=${W}x${H}:r=24:d=2`, 'sine=frequency=500:sample_rate=48000:duration=2'],
			[...QUICK_H264_AAC, '-shortest'],
		);
	});
	afterAll(async () => {
		await r.close();
		rmSync(scratch, { recursive: true, force: true });
	});

	it('re-renders a local render with a new style, recording its source, through the same lifecycle', async () => {
		const created = await api(r, 'POST', '/v1/renders', {
			seed: 9,
			output: { width: W, height: H, fps: 24, quality: 'draft' },
			characters: [{ id: 'ana' }],
			shots: [
				{
					prompt: 'Ana waves in the studio.',
					duration: 1.5,
					dialogue: [{ character: 'ana', text: 'Hi there.' }],
				},
			],
		});
		expect(created.status).toBe(201);
		const source = await waitForStatus(r, created.json.id, ['completed', 'failed'], 200000);
		expect(source.status).toBe('completed');

		const remix = await api(r, 'POST', '/v1/remixes', {
			source: { renderId: source.id },
			operations: { style: 'anime', music: { mood: 'calm' } },
		});
		expect(remix.status).toBe(201);
		expect(remix.json).toMatchObject({
			kind: 'remix',
			source: { kind: 'render', renderId: source.id, operations: { style: 'anime' } },
		});
		const done = await waitForStatus(r, remix.json.id, ['completed', 'failed'], 200000);
		expect(done.status).toBe('completed');
		const stored = await r.services.renders.records.get(done.id);
		expect(stored!.spec).toMatchObject({
			style: 'anime',
			seed: 9,
			audio: { music: { mood: 'calm', enabled: true } },
		});
		expect(stored!.outputs.video).toBeDefined();
	}, 420000);

	it('answers with the field when the source render is unknown or the operations are invalid', async () => {
		const missing = await api(r, 'POST', '/v1/remixes', {
			source: { renderId: 'rnd_0000000000zzzzzzzzzzzz' },
			operations: { style: 'anime' },
		});
		expect(missing.status).toBe(404);
		const invalid = await api(r, 'POST', '/v1/remixes', {
			source: { renderId: 'rnd_x', url: 'https://example.com/a.mp4' },
			operations: {},
		});
		expect(invalid.status).toBe(400);
		expect(invalid.json.error.details.map((d: { path: string }) => d.path)).toEqual(
			expect.arrayContaining(['/source', '/operations']),
		);
	});

	it('takes an uploaded video, stores it as the remix source, and the worker side remixes it', async () => {
		const upload = await fetch(`${r.url}/v1/remixes/uploads`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': 'video/mp4' },
			body: readFileSync(sourceVideo),
		});
		expect(upload.status).toBe(201);
		const uploaded = (await upload.json()) as { id: string };
		expect(uploaded).toMatchObject({ object: 'upload', width: W, height: H, hasAudio: true });

		const remix = await api(r, 'POST', '/v1/remixes', {
			source: { uploadId: uploaded.id },
			operations: { style: 'neon', recut: { trim: { start: 0.5 } } },
			output: { quality: 'draft' },
		});
		expect(remix.status).toBe(201);
		const record = (await r.services.renders.records.get(remix.json.id))!;
		expect(record.kind).toBe('remix');
		expect(record.source).toMatchObject({
			kind: 'upload',
			objectKey: expect.stringMatching(/^remix-sources\//),
		});
		expect(record.spec).toMatchObject({
			output: { width: W, height: H, fps: 24, quality: 'draft' },
			durationSeconds: 1.5,
			style: 'neon',
			prompt: `Remix of ${uploaded.id}`,
		});
		// No marker in the spec: the stored source on the record is what the render remixes.
		expect(record.spec.metadata).toBeUndefined();

		// The worker remixes the stored video itself (filter, re-mix, cut) through the same lifecycle.
		const done = await waitForStatus(r, remix.json.id, ['completed', 'failed'], 110000);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		const out = join(scratch, 'remixed-upload.mp4');
		writeFileSync(
			out,
			Buffer.from(
				await (
					await fetch(done.outputs.video.url, { headers: { authorization: `Bearer ${r.apiKey}` } })
				).arrayBuffer(),
			),
		);
		expect(Math.abs(Number(probe(out).format.duration) - 1.5)).toBeLessThanOrEqual(0.08);
	}, 120000);

	it("moderates a remix's instructions: a harmful extension prompt is refused with its field", async () => {
		const upload = await fetch(`${r.url}/v1/remixes/uploads`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': 'video/mp4' },
			body: readFileSync(sourceVideo),
		});
		const uploaded = (await upload.json()) as { id: string };
		const refused = await api(r, 'POST', '/v1/remixes', {
			source: { uploadId: uploaded.id },
			operations: {
				extend: { shots: [{ prompt: 'then a gunman opens fire on the crowd at the parade' }] },
			},
		});
		expect(refused.status).toBe(422);
		expect(refused.json.error.code).toBe('content_policy');
		expect(refused.json.error.details).toEqual([
			expect.objectContaining({ path: '/operations/extend/shots/0/prompt' }),
		]);
	});

	it('refuses an upload that is not a video', async () => {
		const res = await fetch(`${r.url}/v1/remixes/uploads`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': 'video/mp4' },
			body: Buffer.from('not a video at all'),
		});
		expect(res.status).toBe(422);
		const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
		expect(body.error.code).toBe('source_unsupported');
		expect(body.error.details[0].path).toBe('/body');
	});

	it('fetches a URL source into storage, and the remix source remixes that stored video when its context names it', async () => {
		const server = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'video/mp4' });
			res.end(readFileSync(sourceVideo));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://clips.test:${(server.address() as AddressInfo).port}/clip.mp4`;
			const remix = await api(r, 'POST', '/v1/remixes', {
				source: { url },
				operations: { music: { mood: 'epic' } },
			});
			expect(remix.status).toBe(201);
			const record = (await r.services.renders.records.get(remix.json.id))!;
			expect(record.source).toMatchObject({
				kind: 'url',
				url,
				objectKey: expect.stringMatching(/^remix-sources\//),
			});
			expect(await r.services.storage.stat(record.source!.objectKey!)).toMatchObject({
				size: readFileSync(sourceVideo).length,
			});
			const workDir = mkdtempSync(join(scratch, 'direct-'));
			const fetched: string[] = [];
			const ctx: RenderContext = {
				workDir,
				signal: new AbortController().signal,
				progress: () => undefined,
				log: () => undefined,
				cacheDir: scratch,
				modelsDir: scratch,
				cameos: new Map(),
				sourceVideo: {
					operations: record.source!.operations,
					async fetch() {
						const file = join(workDir, 'source-video');
						await r.services.storage.download(record.source!.objectKey!, file);
						fetched.push(file);
						return file;
					},
				},
			};
			// The registry hands a render with a stored video to the remix source, whatever its spec names.
			const source = r.services.providers.forRender(record.spec, ctx);
			expect(source.id).toBe('remix');
			const generated = await source.generate(record.spec, ctx);
			// The stored video itself, re-mixed (its length, its size), not a video drawn from the stand-in prompt.
			expect(fetched).toHaveLength(1);
			const made = probe(generated.videoPath);
			expect(
				Math.abs(Number(made.format.duration) - record.spec.durationSeconds!),
			).toBeLessThanOrEqual(0.08);
			expect(made.streams.find((s) => s.codec_type === 'video')).toMatchObject({
				width: record.spec.output.width,
				height: record.spec.output.height,
			});
		} finally {
			server.close();
		}
		for (const [url, code] of [
			['http://clips.test:9/nothing.mp4', 'fetch_failed'],
			// Loopback that was not opened stays closed.
			['http://127.0.0.1:9/nothing.mp4', 'url_forbidden'],
		]) {
			const refused = await api(r, 'POST', '/v1/remixes', {
				source: { url },
				operations: { style: 'anime' },
			});
			expect(refused.status).toBe(422);
			expect(refused.json.error).toMatchObject({ code, details: [{ path: '/source/url' }] });
		}
	}, 60000);
});

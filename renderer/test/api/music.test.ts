/**
 * Music from anywhere, through the service: a sound file uploaded on the existing upload path (as
 * the n8n nodes send binary data) becomes a render's music bed; an upload that is not the caller's
 * is refused at admission with the field's pointer; a URL goes through the outbound door: one the
 * operator opened (REELFORGE_FETCH_ALLOW) is fetched and played, one on the renderer's own network
 * is refused at admission with that field named.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { fromLavfi } from '../support/clips';

const spec = (music: Record<string, unknown>) => ({
	seed: 3,
	output: { width: 160, height: 288, fps: 12, quality: 'draft' },
	shots: [{ prompt: 'An empty studio.', duration: 2.5, setting: 'studio' }],
	audio: { music: { enabled: true, volume: 0.8, ...music } },
	captions: { burnIn: false },
	provenance: { c2pa: false },
});

/** The pitch of a pure tone between `from` and `to` s of 48 kHz PCM, counted from its zero crossings. */
function toneHz(pcm: Float32Array, from: number, to: number): number {
	let crossings = 0;
	for (let i = from * 48000 + 1; i < to * 48000; i++)
		if (Math.sign(pcm[i]) !== Math.sign(pcm[i - 1])) crossings++;
	return crossings / (to - from) / 2;
}

describe('a user music track as the bed', () => {
	let r: RunningRenderer;
	let scratch: string;
	let mp3: Buffer;
	let server: Server;
	beforeAll(async () => {
		scratch = mkdtempSync(join(tmpdir(), 'rf-music-api-'));
		const path = join(scratch, 'tune.mp3');
		fromLavfi(path, ['sine=frequency=660:sample_rate=44100:duration=1.5'], ['-ac', '2']);
		mp3 = readFileSync(path);
		const still = readFileSync(
			fromLavfi(join(scratch, 'still.png'), ['color=c=navy:s=160x288:d=1'], ['-frames:v', '1']),
		);
		server = createServer((req, res) =>
			req.url?.endsWith('.png')
				? res.writeHead(200, { 'content-type': 'image/png' }).end(still)
				: res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(mp3),
		);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		// Moderation and signing are tested elsewhere; here they would only slow the renders down.
		// Only this one server's port is opened to the outbound door, as an operator would.
		r = await startRenderer({
			overrides: { moderator: null, signer: null },
			env: { REELFORGE_FETCH_ALLOW: `127.0.0.1:${(server.address() as AddressInfo).port}` },
		});
	});
	afterAll(async () => {
		await r.close();
		server.close();
		rmSync(scratch, { recursive: true, force: true });
	});

	async function upload(body: Buffer, type: string, key = r.apiKey) {
		const res = await fetch(`${r.url}/v1/remixes/uploads`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': type },
			body,
		});
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an upload view as JSON
		return { status: res.status, json: (await res.json()) as any };
	}

	/** The render's sound as 48 kHz mono PCM. */
	async function renderedPcm(id: string): Promise<Float32Array> {
		const video = join(scratch, `${id}.mp4`);
		const content = await fetch(`${r.url}/v1/renders/${id}/content`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		writeFileSync(video, Buffer.from(await content.arrayBuffer()));
		const raw = execFileSync(
			'ffmpeg',
			['-v', 'error', '-i', video, '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'],
			{ maxBuffer: 64 << 20 },
		);
		return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
	}

	it('uploads a sound file and lays it under the video, looped to the length', async () => {
		const uploaded = await upload(mp3, 'audio/mpeg');
		expect(uploaded.status).toBe(201);
		expect(uploaded.json).toMatchObject({ object: 'upload', kind: 'audio', codec: 'mp3' });
		expect(uploaded.json.durationSeconds).toBeCloseTo(1.5, 1);

		const created = await api(
			r,
			'POST',
			'/v1/renders',
			spec({ source: { uploadId: uploaded.json.id } }),
		);
		expect(created.status).toBe(201);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		const pcm = await renderedPcm(done.id);
		// The tune plays, and still plays after its own 1.5 s (looped).
		expect(toneHz(pcm, 0.6, 1.3)).toBeCloseTo(660, -1);
		expect(toneHz(pcm, 1.7, 2.0)).toBeCloseTo(660, -1);
	});

	it("checks a remix's music track at admission too, naming the remix field", async () => {
		const [render] = (await r.services.renders.records.list({ limit: 10 })).filter(
			(x) => x.status === 'completed',
		);
		expect(render).toBeDefined();
		const remix = (source: Record<string, unknown>) =>
			api(r, 'POST', '/v1/remixes', {
				source: { renderId: render.id },
				operations: { music: { source } },
			});
		const missing = await remix({ uploadId: 'upl_notmine' });
		expect(missing.status).toBe(400);
		expect(missing.json.error.details).toEqual([
			{
				path: '/operations/music/source/uploadId',
				message: 'no upload upl_notmine for this API key',
			},
		]);
		const inside = await remix({ url: 'http://10.0.0.8/tune.mp3' });
		expect(inside.status).toBe(422);
		expect(inside.json.error.code).toBe('url_forbidden');
		expect(inside.json.error.details[0].path).toBe('/operations/music/source/url');
	});

	it('refuses, at admission, an upload the caller does not have', async () => {
		const missing = await api(
			r,
			'POST',
			'/v1/renders',
			spec({ source: { uploadId: 'upl_doesnotexist' } }),
		);
		expect(missing.status).toBe(400);
		expect(missing.json.error.details).toEqual([
			{
				path: '/audio/music/source/uploadId',
				message: 'no upload upl_doesnotexist for this API key',
			},
		]);
		const other = await r.services.keys.create('pro', 'other');
		const theirs = await upload(mp3, 'audio/mpeg', other.key);
		const borrowed = await api(
			r,
			'POST',
			'/v1/renders',
			spec({ source: { uploadId: theirs.json.id } }),
		);
		expect(borrowed.status).toBe(400);
		const both = await api(
			r,
			'POST',
			'/v1/renders',
			spec({ source: { uploadId: theirs.json.id, url: 'https://example.com/a.mp3' } }),
		);
		expect(both.status).toBe(400);
		expect(both.json.error.details[0].path).toBe('/audio/music/source');
	});

	it('fetches a music URL the operator opened through the outbound door and plays it', async () => {
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tune.mp3`;
		const created = await api(r, 'POST', '/v1/renders', spec({ source: { url } }));
		expect(created.status).toBe(201);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		const pcm = await renderedPcm(done.id);
		expect(toneHz(pcm, 0.6, 1.3)).toBeCloseTo(660, -1);
	});

	it("lays the user's track under a story of several sources (a picture of theirs, then the engine)", async () => {
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const created = await api(r, 'POST', '/v1/renders', {
			...spec({ source: { url: `${base}/tune.mp3` } }),
			shots: [
				{ media: { url: `${base}/still.png` }, duration: 1.5 },
				{ prompt: 'An empty studio.', duration: 1.5, setting: 'studio' },
			],
		});
		expect(created.status).toBe(201);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 240_000);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		const pcm = await renderedPcm(done.id);
		// Over the picture and over the engine's shot alike (looped past its own 1.5 s).
		expect(toneHz(pcm, 0.5, 1.2)).toBeCloseTo(660, -1);
		expect(toneHz(pcm, 1.9, 2.6)).toBeCloseTo(660, -1);
	});

	it("refuses, at admission, a music URL on the renderer's own network, naming the field", async () => {
		// Loopback, but not the port the operator opened.
		const port = (server.address() as AddressInfo).port;
		const url = `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}/tune.mp3`;
		const created = await api(r, 'POST', '/v1/renders', spec({ source: { url } }));
		expect(created.status).toBe(422);
		expect(created.json.error.code).toBe('url_forbidden');
		expect(created.json.error.details).toEqual([
			{
				path: '/audio/music/source/url',
				message: expect.stringContaining('not a public internet address'),
			},
		]);
		const metadata = await api(
			r,
			'POST',
			'/v1/renders',
			spec({ source: { url: 'http://169.254.169.254/latest/meta-data/' } }),
		);
		expect(metadata.status).toBe(422);
		expect(metadata.json.error.details[0].path).toBe('/audio/music/source/url');
	});
});

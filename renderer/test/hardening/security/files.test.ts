/**
 * Files under attack on a real `reelforge serve`: uploads that would make ffmpeg read something
 * else (HLS playlists, concat lists, SDP, a playlist glued onto a real MP4, an MP4 with a playlist
 * appended), whether uploaded for a remix, as a cameo recording or as a video to moderate; and
 * path traversal in every spelling on every route that serves a file (render content and its
 * variants, feed content, feed app assets, admin, uploads by id). Pass: refused with a 4xx in the
 * error shape, no server path in any answer, no secret file's bytes, and the service still up.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { call, testpatternSpec, waitFor } from '../support/processes';
import { startWorld, type World } from '../support/world';
import { figure } from '../support/level';

const TRAVERSALS = [
	'..',
	'../..',
	'../../../../../../etc/passwd',
	'..%2f..%2f..%2fetc%2fpasswd',
	'..%252f..%252fetc%252fpasswd',
	'%2e%2e%2f%2e%2e%2fetc%2fpasswd',
	'..%5c..%5cetc%5cpasswd',
	'....//....//etc/passwd',
	'%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
	'..%00.mp4',
	'%00',
	'/etc/passwd',
	'%2fetc%2fpasswd',
	'file:%2f%2f%2fetc%2fpasswd',
	'SECRET',
	'..%2fSECRET',
];

describe('uploads and file routes under attack', () => {
	let w: World;
	let render: string;
	let secretMarker: string;

	beforeAll(async () => {
		w = await startWorld();
		const created = await call(w.url, w.a.key, 'POST', '/v1/renders', testpatternSpec(1));
		render = created.json.id;
		await waitFor(w.url, w.a.key, render, ['completed']);
		// A file the service must never serve: in the data dir next to what it does serve.
		secretMarker = `secret-${Date.now()}`;
		mkdirSync(w.dataDir, { recursive: true });
		writeFileSync(path.join(w.dataDir, 'SECRET'), secretMarker);
		writeFileSync(path.join(w.scratch, 'SECRET'), secretMarker);
	});
	afterAll(() => w?.close());

	function hostileUploads(): Array<[string, Buffer]> {
		const mp4 = readFileSync(w.clip);
		const victim = path.join(w.dataDir, 'SECRET');
		const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile://${victim}\n#EXTINF:1,\n${w.receiver.url}/hls-leak\n#EXT-X-ENDLIST\n`;
		return [
			['HLS playlist', Buffer.from(playlist)],
			[
				'HLS playlist pointing at the upload store',
				Buffer.from(playlist.replace(`file://${victim}`, '../../storage/renders')),
			],
			['concat list', Buffer.from(`ffconcat version 1.0\nfile '${victim}'\nfile '${w.clip}'\n`)],
			[
				'SDP',
				Buffer.from(
					`v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 5004 RTP/AVP 96\na=rtpmap:96 H264/90000\n`,
				),
			],
			['playlist then MP4 (polyglot)', Buffer.concat([Buffer.from(playlist), mp4])],
			['MP4 then playlist (polyglot)', Buffer.concat([mp4, Buffer.from(`\n${playlist}`)])],
			['image2 pattern name', Buffer.from(`${victim}%d`)],
			['empty', Buffer.alloc(0)],
			['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
		];
	}

	function expectNoLeak(text: string) {
		expect(text).not.toContain(secretMarker);
		expect(text).not.toContain(w.dataDir);
		expect(text).not.toContain(w.scratch);
		expect(text).not.toMatch(/root:x:0:0/);
	}

	it('refuses playlists, concat lists, SDP and polyglots as remix uploads, cameo recordings and moderation videos', async () => {
		const cameo = await call(w.url, w.a.key, 'POST', '/v1/cameos', { name: 'Uploader' });
		let tried = 0;
		for (const [what, bytes] of hostileUploads()) {
			// Remix: the upload may be stored, but remixing it must not read anything else.
			const up = await fetch(`${w.url}/v1/remixes/uploads`, {
				method: 'POST',
				headers: { authorization: `Bearer ${w.a.key}`, 'content-type': 'video/mp4' },
				body: bytes,
			});
			const upText = await up.text();
			expectNoLeak(upText);
			expect({ what, status: up.status < 500 }).toEqual({ what, status: true });
			if (up.status === 201) {
				const { id } = JSON.parse(upText) as { id: string };
				const remix = await call(w.url, w.a.key, 'POST', '/v1/remixes', {
					source: { uploadId: id },
					operations: { style: 'anime' },
				});
				expectNoLeak(remix.text);
				if (remix.status === 201) {
					// Accepted only if it is a single real video: then it must render from those bytes only.
					const done = await waitFor(w.url, w.a.key, remix.json.id, ['completed', 'failed']);
					expect({ what, status: done.status }).toEqual({
						what,
						status: what.startsWith('MP4 then') ? 'completed' : 'failed',
					});
					expectNoLeak(JSON.stringify(done));
				} else {
					expect({ what, status: remix.status }).toEqual({ what, status: 422 });
					expect(remix.json.error.details[0].path).toMatch(/^\/source/);
				}
			} else {
				expect(up.status).toBeGreaterThanOrEqual(400);
			}
			const recording = await fetch(`${w.url}/v1/cameos/${cameo.json.id}/recording`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${w.a.key}`, 'content-type': 'video/mp4' },
				body: bytes,
			});
			const recText = await recording.text();
			expectNoLeak(recText);
			expect({ what, recording: recording.status < 500 }).toEqual({ what, recording: true });
			const moderation = await fetch(`${w.url}/v1/moderations`, {
				method: 'POST',
				headers: { authorization: `Bearer ${w.a.key}`, 'content-type': 'video/mp4' },
				body: bytes,
			});
			const modText = await moderation.text();
			expectNoLeak(modText);
			// Only the real MP4 with trailing bytes is a single media file; all else is refused.
			const realVideo = what.startsWith('MP4 then');
			expect({
				what,
				moderation: realVideo || (moderation.status >= 400 && moderation.status < 500),
			}).toEqual({
				what,
				moderation: true,
			});
			expect(moderation.status).toBeLessThan(500);
			tried += 3;
		}
		// Nothing was fetched on the playlist's behalf, and the service is still up.
		expect(w.receiver.deliveries.filter((d) => d.path.includes('hls-leak'))).toEqual([]);
		expect(await w.service.healthy()).toBe(true);
		figure('security', 'hostile uploads refused', tried);
	});

	it('path traversal in every spelling on every file route serves nothing and names no path', async () => {
		const routes = (t: string) => [
			`/v1/renders/${t}/content`,
			`/v1/renders/${render}/content?variant=${t}`,
			`/v1/renders/${render}/${t}`,
			`/v1/renders/${render}/content/${t}`,
			`/v1/feed/${t}/content`,
			`/v1/feed/${t}/content?variant=${t}`,
			`/feed/assets/${t}`,
			`/feed/${t}`,
			`/feed/assets/..%2f..%2f${t}`,
			`/v1/cameos/${t}/audit`,
			`/v1/admin/reviews/${t}/decisions`,
			`/${t}`,
			`/v1/${t}`,
		];
		let tried = 0;
		for (const t of TRAVERSALS) {
			for (const route of routes(t)) {
				for (const key of [w.a.key, w.adminKey]) {
					const res = await fetchRaw(route, key);
					tried++;
					expectNoLeak(res.text);
					if (res.status >= 500 || (res.status < 400 && !isLegitimate(route)))
						throw new Error(`${route} answered ${res.status}: ${res.text.slice(0, 200)}`);
				}
			}
		}
		expect(await w.service.healthy()).toBe(true);
		figure('security', 'traversal requests', tried);
	});

	/** The feed page itself answers 200 for its own paths; everything else must be refused. */
	function isLegitimate(route: string): boolean {
		return /^\/feed\/[^/]*$/.test(route) && !route.includes('assets');
	}

	/** Sends the path byte for byte (fetch would resolve the dots before sending). */
	async function fetchRaw(route: string, key: string) {
		const http = await import('node:http');
		const { hostname, port } = new URL(w.url);
		return new Promise<{ status: number; text: string }>((resolve, reject) => {
			const req = http.request(
				{ host: hostname, port, path: route, headers: { authorization: `Bearer ${key}` } },
				(res) => {
					let text = '';
					res.on('data', (c: Buffer) => (text += c.toString('latin1')));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
				},
			);
			req.on('error', reject);
			req.end();
		});
	}
});

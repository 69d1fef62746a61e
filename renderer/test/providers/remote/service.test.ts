/**
 * Remote providers inside the real service: configured from the environment and a providers file,
 * listed with their limits and reachability by /v1/capabilities (without waiting on a slow
 * provider), rendering single-clip specs through the queue (moderation, C2PA, storage), failing
 * with the provider's codes, canceled at the provider by DELETE, woken by signed Gemini webhooks —
 * and never writing a key into a response, a record or a log line.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ComfyUIEmulator, textToVideoWorkflow } from '../emulators/comfyui';
import { GeminiEmulator } from '../emulators/gemini';
import { OpenAIVideosEmulator } from '../emulators/openaiVideos';
import { ffprobe } from '../../support/ffprobe';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../../support/renderer';
import { FAST_POLLING, scratchDir } from '../support';

function capturingLogger() {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk, _enc, done) {
			lines.push(chunk.toString());
			done();
		},
	});
	return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Accepts connections and never answers: a provider that hangs. */
async function hangingServer() {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((s) => void sockets.add(s));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
		get open() {
			return sockets.size;
		},
		close: () => {
			for (const s of sockets) s.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

const small = (provider: string, extra: Record<string, unknown> = {}) => ({
	provider,
	prompt: 'a lighthouse keeper lights the lamp at dusk',
	durationSeconds: 4,
	output: { width: 360, height: 640, fps: 24, quality: 'draft' },
	...extra,
});

describe('remote providers in the service', () => {
	const gemini = new GeminiEmulator();
	const gateway = new OpenAIVideosEmulator();
	const comfy = new ComfyUIEmulator();
	let hang: Awaited<ReturnType<typeof hangingServer>>;
	let r: RunningRenderer;
	let env: Record<string, string>;
	const logs = capturingLogger();
	const secrets = () => [gemini.apiKey, gateway.apiKey, 'comfy-proxy-secret-1'];

	beforeAll(async () => {
		await Promise.all([gemini.start(), gateway.start(), comfy.start()]);
		hang = await hangingServer();
		gemini.jobMs = 400;
		gateway.jobMs = 400;
		comfy.jobMs = 400;
		gemini.blockWords = ['zebra-crossing-seven'];
		comfy.requireBearer = 'comfy-proxy-secret-1';
		const dir = scratchDir();
		fs.writeFileSync(path.join(dir, 'workflow.json'), JSON.stringify(textToVideoWorkflow()));
		fs.writeFileSync(path.join(dir, 'gateway.key'), gateway.apiKey);
		fs.writeFileSync(
			path.join(dir, 'providers.json'),
			JSON.stringify({
				providers: [
					{
						name: 'gateway-wide',
						type: 'openai-videos',
						baseUrl: `${gateway.url}/v1`,
						apiKey: { file: 'gateway.key' },
						sizes: ['1280x720'],
						seconds: [4, 8],
					},
					{ name: 'hanging', type: 'openai-videos', baseUrl: `${hang.url}/v1` },
					{
						name: 'comfy-gone',
						type: 'comfyui',
						url: 'http://127.0.0.1:9',
						workflow: 'workflow.json',
					},
				],
			}),
		);
		env = {
			GEMINI_API_KEY: gemini.apiKey,
			GEMINI_BASE_URL: `${gemini.url}/v1beta`,
			OPENAI_VIDEOS_BASE_URL: `${gateway.url}/v1`,
			OPENAI_VIDEOS_API_KEY: gateway.apiKey,
			COMFYUI_URL: comfy.url,
			COMFYUI_WORKFLOW: path.join(dir, 'workflow.json'),
			COMFYUI_API_KEY: 'comfy-proxy-secret-1',
			REELFORGE_PROVIDERS: path.join(dir, 'providers.json'),
		};
		// Moderation of the test pattern (OCR of its digits) takes half a minute on two cores: it runs
		// in the one test that checks the whole trust path, not in every render here.
		r = await startRenderer({
			env,
			overrides: { remotePolling: FAST_POLLING, logger: logs.logger, moderator: null },
		});
	});
	afterAll(async () => {
		await r.close();
		await Promise.all([gemini.stop(), gateway.stop(), comfy.stop(), hang.close()]);
	});

	it('lists every configured provider with its limits and a reachability that never makes the route wait', async () => {
		const first = await api(r, 'GET', '/v1/capabilities');
		expect(first.status).toBe(200);
		const ids = first.json.providers.map((p: { id: string }) => p.id);
		expect(ids).toEqual([
			'local',
			'testpattern',
			'veo',
			'omni',
			'openai-videos',
			'comfyui',
			'gateway-wide',
			'hanging',
			'comfy-gone',
		]);
		// While the hanging provider's probe waits on its socket, the route still answers at once.
		for (let i = 0; i < 100 && hang.open === 0; i++)
			await new Promise((res) => setTimeout(res, 20));
		expect(hang.open).toBeGreaterThan(0);
		const during = await api(r, 'GET', '/v1/capabilities');
		expect(during.status).toBe(200);
		expect(hang.open).toBeGreaterThan(0);
		const byId = (json: { providers: Array<{ id: string }> }, id: string) =>
			json.providers.find((p) => p.id === id) as unknown as {
				remote: { reachable: boolean | null; reason?: string; clip: Record<string, unknown> };
				limits: Record<string, unknown>;
				features: string[];
			};
		expect(byId(during.json, 'hanging').remote.reachable).toBeNull();

		let caps = first.json;
		for (
			let i = 0;
			i < 100 &&
			['veo', 'comfyui', 'comfy-gone', 'hanging'].some(
				(id) => byId(caps, id).remote.reachable === null,
			);
			i++
		) {
			await new Promise((res) => setTimeout(res, 100));
			caps = (await api(r, 'GET', '/v1/capabilities')).json;
		}
		expect(byId(caps, 'veo').remote.reachable).toBe(true);
		expect(byId(caps, 'comfyui').remote.reachable).toBe(true);
		expect(byId(caps, 'comfy-gone').remote).toMatchObject({
			reachable: false,
			reason: expect.stringContaining('cannot be reached'),
		});
		expect(byId(caps, 'hanging').remote).toMatchObject({
			reachable: false,
			reason: 'no answer within 3 s',
		});
		const veo = byId(caps, 'veo');
		expect(veo.limits).toMatchObject({ maxDurationSeconds: 148, aspectRatios: ['16:9', '9:16'] });
		expect(veo.features).toEqual(
			expect.arrayContaining([
				'native-audio',
				'extension',
				'reference-images',
				'first-frame',
				'last-frame',
			]),
		);
		expect(veo.remote.clip).toMatchObject({
			model: 'veo-3.1-generate-preview',
			durations: [4, 6, 8],
			nativeAudio: true,
			referenceImages: 3,
		});
		expect(veo.remote.clip.price).toMatchObject({ usdPerSecond: 0.4, asOf: '2026-05' });
		expect(byId(caps, 'gateway-wide').limits).toMatchObject({
			maxDurationSeconds: 8,
			aspectRatios: ['16:9'],
		});
		for (const secret of secrets()) expect(JSON.stringify(caps)).not.toContain(secret);
	});

	it('renders a single-clip spec with veo through the queue: normalised, moderated, signed, stored', async () => {
		const full = await startRenderer({
			env,
			overrides: { remotePolling: FAST_POLLING, logger: logs.logger },
		});
		try {
			await renderWithVeo(full);
		} finally {
			await full.close();
		}
		// Video moderation reads every sampled frame of the test pattern (OCR): minutes on a busy machine.
	}, 330_000);

	async function renderWithVeo(r: RunningRenderer) {
		const created = await api(r, 'POST', '/v1/renders', small('veo', { durationSeconds: 6 }));
		expect(created.status).toBe(201);
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 300_000);
		expect(done.error).toBeUndefined();
		expect(done.status).toBe('completed');
		expect(done.details.remote).toMatchObject({
			provider: 'veo',
			kind: 'veo',
			model: 'veo-3.1-generate-preview',
			size: '720x1280',
			resolution: '720p',
			generatedSeconds: 6,
			nativeAudio: true,
			usdPerSecond: 0.4,
			estimatedCostUsd: 2.4,
		});
		expect(done.details.remote.jobs[0]).toMatch(/^models\/veo-3\.1-generate-preview\/operations\//);
		expect(done.provenance.signed).toBe(true);
		expect(done.moderation.status).toBe('passed');
		expect(done.timings.map((t: { stage: string }) => t.stage)).toEqual(
			expect.arrayContaining(['generate', 'download', 'encode', 'moderate', 'sign', 'store']),
		);
		const content = await fetch(`${r.url}/v1/renders/${done.id}/content`, {
			headers: { authorization: `Bearer ${r.apiKey}` },
		});
		const file = path.join(scratchDir(), 'out.mp4');
		fs.writeFileSync(file, Buffer.from(await content.arrayBuffer()));
		const probe = await ffprobe(file);
		const video = probe.streams.find((s) => s.codec_type === 'video')!;
		expect([video.width, video.height, video.r_frame_rate]).toEqual([360, 640, '24/1']);
		expect(Number(probe.format.duration)).toBeCloseTo(6, 0);
		expect(probe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({
			sample_rate: '48000',
			channels: 2,
		});
		expect(done.outputs.thumbnail).toBeDefined();
	}

	it('extends veo clips for a longer spec (8 s + 7 s)', async () => {
		const created = await api(r, 'POST', '/v1/renders', small('veo', { durationSeconds: 15 }));
		const done = await waitForStatus(r, created.json.id, ['completed', 'failed'], 90_000);
		expect(done.status).toBe('completed');
		expect(done.details.remote.jobs).toHaveLength(2);
		expect(done.details.remote.generatedSeconds).toBe(15);
		const extend = gemini.seen(/:predictLongRunning$/, 'POST').at(-1)!.body as {
			instances: Array<{ video?: { uri: string } }>;
		};
		expect(extend.instances[0].video?.uri).toContain('/v1beta/files/');
		expect(done.details.durationSeconds).toBeCloseTo(15, 0);
	});

	it('renders with omni, openai-videos and comfyui, warning where the spec had to be adapted', async () => {
		const omni = await api(r, 'POST', '/v1/renders', small('omni', { durationSeconds: 3 }));
		const square = await api(
			r,
			'POST',
			'/v1/renders',
			small('gateway-wide', {
				durationSeconds: 5,
				output: { width: 320, height: 320, fps: 24, quality: 'draft' },
			}),
		);
		const comfyRender = await api(
			r,
			'POST',
			'/v1/renders',
			small('comfyui', {
				durationSeconds: 2,
				output: { width: 416, height: 240, fps: 24, quality: 'draft' },
				seed: 9,
			}),
		);
		for (const created of [omni, square, comfyRender]) expect(created.status).toBe(201);
		const [o, s, c] = await Promise.all(
			[omni, square, comfyRender].map((x) =>
				waitForStatus(r, x.json.id, ['completed', 'failed'], 90_000),
			),
		);
		expect([o.status, s.status, c.status]).toEqual(['completed', 'completed', 'completed']);
		expect(s.warnings.map((w: { path: string }) => w.path)).toEqual(
			expect.arrayContaining(['/output', '/durationSeconds']),
		);
		expect(
			s.warnings.find((w: { path: string }) => w.path === '/durationSeconds').message,
		).toContain('8 s is generated (and billed) and cut to 5 s');
		expect(s.details.remote).toMatchObject({ size: '1280x720', generatedSeconds: 8 });
		expect(c.details.remote).toMatchObject({
			provider: 'comfyui',
			nativeAudio: false,
			usdPerSecond: 0,
		});
		const seeded = comfy.seen(/^\/prompt$/, 'POST').at(-1)!.body as {
			prompt: Record<string, { inputs: Record<string, unknown> }>;
		};
		expect(seeded.prompt['5'].inputs.seed).toBe(9);
	});

	it('refuses specs a remote clip cannot be, naming the field', async () => {
		// A story of several shots is generated shot by shot (test/shots/routing.test.ts); a shot
		// longer than the provider's longest clip is refused at that shot.
		const shots = await api(r, 'POST', '/v1/renders', {
			provider: 'omni',
			output: { width: 360, height: 640, fps: 24, quality: 'draft' },
			shots: [
				{ prompt: 'one', duration: 4 },
				{ prompt: 'two', duration: 30 },
			],
		});
		expect(shots.status).toBe(400);
		expect(shots.json.error.details).toEqual(
			expect.arrayContaining([
				{
					path: '/shots/1/duration',
					message: expect.stringContaining('at most 10 s; this spec lasts 30 s'),
				},
			]),
		);
		const tooLong = await api(r, 'POST', '/v1/renders', small('omni', { durationSeconds: 30 }));
		expect(tooLong.status).toBe(400);
		expect(tooLong.json.error.details).toEqual([
			{
				path: '/durationSeconds',
				message: expect.stringContaining('at most 10 s; this spec lasts 30 s'),
			},
		]);
	});

	it('fails a blocked generation with provider_blocked and the provider’s reasons', async () => {
		const created = await api(
			r,
			'POST',
			'/v1/renders',
			small('veo', { prompt: 'a zebra-crossing-seven at noon' }),
		);
		const failed = await waitForStatus(r, created.json.id, ['completed', 'failed'], 60_000);
		expect(failed.status).toBe('failed');
		expect(failed.error).toMatchObject({
			code: 'provider_blocked',
			retryable: false,
			details: [{ path: '/prompt', message: expect.stringContaining('safety settings') }],
		});
	});

	it('cancels the provider job when the render is canceled', async () => {
		gemini.jobMs = 20_000;
		try {
			const before = new Set(gemini.jobs.keys());
			const created = await api(r, 'POST', '/v1/renders', small('veo'));
			let job: string | undefined;
			for (let i = 0; i < 100 && !job; i++) {
				await new Promise((res) => setTimeout(res, 100));
				job = [...gemini.jobs.keys()].find((name) => !before.has(name));
			}
			expect(job).toBeDefined();
			expect((await api(r, 'DELETE', `/v1/renders/${created.json.id}`)).status).toBe(200);
			for (let i = 0; i < 50 && !gemini.canceled.includes(job!); i++)
				await new Promise((res) => setTimeout(res, 100));
			expect(gemini.canceled).toContain(job);
			expect((await waitForStatus(r, created.json.id, ['canceled'])).status).toBe('canceled');
		} finally {
			gemini.jobMs = 400;
		}
	});

	it('fails with provider_auth when a key is refused, and no key reaches a record, a response or a log', async () => {
		const broken = await startRenderer({
			env: {
				OPENAI_VIDEOS_BASE_URL: `${gateway.url}/v1`,
				OPENAI_VIDEOS_API_KEY: 'sk-wrong-key-0123456789',
			},
			overrides: { remotePolling: FAST_POLLING, logger: logs.logger },
		});
		try {
			const created = await api(broken, 'POST', '/v1/renders', small('openai-videos'));
			const failed = await waitForStatus(broken, created.json.id, ['failed', 'completed'], 30_000);
			expect(failed.error).toMatchObject({ code: 'provider_auth', retryable: false });
			expect(failed.error.message).toContain('[redacted]');
			const everything =
				JSON.stringify(failed) +
				logs.lines.join('\n') +
				JSON.stringify((await api(broken, 'GET', '/v1/capabilities')).json);
			for (const secret of [...secrets(), 'sk-wrong-key-0123456789'])
				expect(everything).not.toContain(secret);
		} finally {
			await broken.close();
		}
		const records = fs
			.readdirSync(r.dataDir, { recursive: true })
			.map(String)
			.filter((f) => f.endsWith('.json'));
		const stored = records.map((f) => fs.readFileSync(path.join(r.dataDir, f), 'utf8')).join('\n');
		for (const secret of secrets()) expect(stored).not.toContain(secret);
	});
});

describe('Gemini completion webhooks', () => {
	const gemini = new GeminiEmulator();
	let r: RunningRenderer;

	beforeAll(async () => {
		await gemini.start();
		gemini.jobMs = 400;
		// The operator registers a static webhook once and keeps the secret it returns.
		const hook = await fetch(`${gemini.url}/v1beta/webhooks`, {
			method: 'POST',
			headers: { 'x-goog-api-key': gemini.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({
				name: 'reelforge',
				subscribed_events: ['video.generated', 'interaction.completed'],
				uri: 'http://placeholder/',
			}),
		}).then((res) => res.json() as Promise<{ new_signing_secret: string }>);
		r = await startRenderer({
			env: {
				GEMINI_API_KEY: gemini.apiKey,
				GEMINI_BASE_URL: `${gemini.url}/v1beta`,
				GEMINI_WEBHOOK_SECRET: hook.new_signing_secret,
			},
			// Polls so slow that only a webhook can finish a render within the test.
			overrides: {
				remotePolling: { ...FAST_POLLING, firstPollMs: 60_000, maxPollMs: 60_000 },
				moderator: null,
			},
		});
		gemini.webhooks[0].uri = `${r.url}/v1/provider-webhooks/gemini`;
	});
	afterAll(async () => {
		await r.close();
		await gemini.stop();
	});

	it('wakes the waiting veo and omni jobs when video.generated / interaction.completed arrive', async () => {
		const veo = await api(r, 'POST', '/v1/renders', small('veo', { provenance: { c2pa: false } }));
		const omni = await api(
			r,
			'POST',
			'/v1/renders',
			small('omni', { provenance: { c2pa: false } }),
		);
		const [v, o] = await Promise.all(
			[veo, omni].map((c) => waitForStatus(r, c.json.id, ['completed', 'failed'], 30_000)),
		);
		expect([v.status, o.status]).toEqual(['completed', 'completed']);
		expect(v.details.remote).toMatchObject({ wakes: 1, polls: 1 });
		expect(o.details.remote).toMatchObject({ wakes: 1, polls: 1 });
		expect(gemini.deliveries.map((d) => [d.type, d.status]).sort()).toEqual([
			['interaction.completed', 204],
			['video.generated', 204],
		]);
	});

	it('refuses an event whose signature does not verify', async () => {
		const res = await fetch(`${r.url}/v1/provider-webhooks/gemini`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_1',
				'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
				'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl',
			},
			body: JSON.stringify({ type: 'video.generated', data: { name: 'models/x/operations/y' } }),
		});
		expect(res.status).toBe(401);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
			'invalid_signature',
		);
	});
});

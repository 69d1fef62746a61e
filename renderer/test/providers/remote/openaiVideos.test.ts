/**
 * The `openai-videos` generator against the OpenAI Videos emulator: JSON and multipart creates,
 * `seconds` as a string, the poll-after hint, moderation refusals and failures, 429 with
 * Retry-After, malformed answers, broken downloads, DELETE as cancel, a refused key (echoed by the
 * gateway, redacted by us) and remix.
 */
import { ProviderError, type ClipRequest } from '../../../src/providers/remote/clipGenerator';
import { createOpenAIVideosGenerator } from '../../../src/providers/openaiVideos';
import { makeImage } from '../emulators/media';
import { OpenAIVideosEmulator } from '../emulators/openaiVideos';
import { generateClip, mediaFacts, recordingLog, runClipFast, scratchDir } from '../support';
import { serveDuringSuite } from '../../support/suiteServer';

describe('openai-videos (OpenAI Videos emulator)', () => {
	const gateway = new OpenAIVideosEmulator();
	const base = serveDuringSuite(gateway, '/v1');
	beforeEach(() => {
		gateway.jobMs = 600;
		gateway.pollAfterMs = 150;
	});

	const generator = (overrides: Partial<Parameters<typeof createOpenAIVideosGenerator>[0]> = {}) =>
		createOpenAIVideosGenerator({
			name: 'gateway',
			baseUrl: base(),
			apiKey: gateway.apiKey,
			...overrides,
		});
	const portrait = () =>
		generator()
			.capabilities()
			.sizes.find((s) => s.resolution === '720x1280')!;
	const request = (extra: Partial<ClipRequest> = {}): ClipRequest => ({
		prompt: 'a paper boat in a gutter after rain',
		durationSeconds: 4,
		size: portrait(),
		...extra,
	});
	const run = (req: ClipRequest, dir?: string, g = generator()) =>
		generateClip(g, req, { dir, polling: { firstPollMs: 50 } });

	it('creates with JSON (seconds as a string), polls, downloads the video variant', async () => {
		const clip = await run(request(), scratchDir());
		const create = gateway.seen(/^\/v1\/videos$/, 'POST').at(-1)!;
		expect(create.body).toEqual({
			model: 'sora-2',
			prompt: 'a paper boat in a gutter after rain',
			seconds: '4',
			size: '720x1280',
		});
		expect(create.headers.authorization).toBe(`Bearer ${gateway.apiKey}`);
		expect(
			gateway
				.seen(/\/content$/)
				.at(-1)!
				.query.get('variant'),
		).toBe('video');
		const facts = await mediaFacts(clip.file!.path);
		expect(facts).toMatchObject({ width: 720, height: 1280, audio: true });
		expect(facts.seconds).toBeCloseTo(4, 0);
	});

	it('honours openai-poll-after-ms between status requests and reports the job’s progress', async () => {
		gateway.pollAfterMs = 400;
		gateway.jobMs = 1500;
		const reported: number[] = [];
		const clip = await generateClip(generator(), request(), {
			polling: { firstPollMs: 50 },
			onProgress: (p) => p.phase === 'running' && p.reported && reported.push(p.fraction),
		});
		expect(reported.length).toBeGreaterThanOrEqual(2);
		for (let i = 1; i < reported.length; i++) expect(reported[i]).toBeGreaterThan(reported[i - 1]);
		expect(reported.every((f) => f > 0 && f < 1)).toBe(true);
		const polls = gateway.seen(new RegExp(`^/v1/videos/${clip.handle.id}$`), 'GET');
		expect(polls.length).toBeGreaterThanOrEqual(3);
		for (let i = 2; i < polls.length; i++)
			expect(polls[i].at - polls[i - 1].at).toBeGreaterThanOrEqual(380);
	});

	it('sends a first frame as multipart input_reference, and reports a size mismatch on that field', async () => {
		const frame = { path: await makeImage(720, 1280, 'portrait'), mimeType: 'image/png' };
		const g = generator();
		const handle = await g.submit(request({ firstFrame: frame }), new AbortController().signal);
		const create = gateway.seen(/^\/v1\/videos$/, 'POST').at(-1)!;
		expect(String(create.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(gateway.videos.get(handle.id)).toMatchObject({ seconds: '4', size: '720x1280' });

		const wrong = { path: await makeImage(1280, 720, 'landscape'), mimeType: 'image/png' };
		const error = await g
			.submit(request({ firstFrame: wrong }), new AbortController().signal)
			.catch((e) => e);
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.code).toBe('provider_bad_request');
		expect(error.field).toBe('input_reference');
		expect(error.details).toEqual([{ path: '/provider/input_reference', message: error.message }]);
		expect(error.message).toContain('must match the requested width and height (720x1280)');
	});

	it('reports a moderation refusal at create and a moderation failure after it as provider_blocked', async () => {
		const refused = await run(request({ prompt: 'please refuse-me now' })).catch((e) => e);
		expect(refused.code).toBe('provider_blocked');
		expect(refused.reasons).toEqual(['Your request was blocked by our moderation system.']);
		expect(refused.providerCode).toBe('moderation_blocked');

		const failed = await run(request({ prompt: 'a forbidden-weapon' })).catch((e) => e);
		expect(failed.code).toBe('provider_blocked');
		expect(failed.message).toContain('moderation_blocked');
	});

	it('waits the Retry-After of a 429 on create and on status', async () => {
		gateway.failures.push(
			{ on: 'submit', status: 429, retryAfter: '1' },
			{ on: 'poll', status: 429, retryAfter: '1' },
		);
		const { log, lines } = recordingLog();
		const started = Date.now();
		const clip = await generateClip(generator(), request(), { log });
		expect(clip.submitAttempts).toBe(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(lines.filter((l) => l.includes('"waitMs":1000'))).toHaveLength(2);
	});

	it('reports a truncated JSON answer as provider_malformed', async () => {
		gateway.malformedNextPoll = true;
		const error = await run(request()).catch((e) => e);
		expect(error.code).toBe('provider_malformed');
	});

	it('retries a broken download, then fails with provider_failed when it keeps breaking', async () => {
		gateway.brokenDownloads = 2;
		const clip = await run(request(), scratchDir());
		expect((await mediaFacts(clip.file!.path)).height).toBe(1280);
		gateway.brokenDownloads = 3;
		const error = await run(request(), scratchDir()).catch((e) => e);
		gateway.brokenDownloads = 0;
		expect(error.code).toBe('provider_failed');
	});

	it('answers a refused download (a video not ready yet) as provider_failed, not a bad request', async () => {
		gateway.jobMs = 60_000;
		const g = generator();
		const signal = new AbortController().signal;
		const handle = await g.submit(request(), signal);
		const error = await g.download(handle, scratchDir(), signal).catch((e) => e);
		expect(error).toBeInstanceOf(ProviderError);
		expect({ code: error.code, httpStatus: error.httpStatus }).toEqual({
			code: 'provider_failed',
			httpStatus: 404,
		});
		expect(error.message).toContain('video_not_ready');
		await g.cancel(handle, signal);
	});

	it('cancels with DELETE /videos/{id} when aborted', async () => {
		gateway.jobMs = 5000;
		const job = generateClip(generator(), request(), { abortIn: 'running' });
		await expect(job).rejects.toThrow();
		const id = [...gateway.videos.keys()].at(-1)!;
		expect(gateway.deletedWhileRunning).toContain(id);
		expect(gateway.seen(new RegExp(`^/v1/videos/${id}$`), 'DELETE')).toHaveLength(1);
	});

	it('maps a refused key to provider_auth and redacts the key the gateway echoed back', async () => {
		const wrong = 'sk-live-this-is-not-the-right-key-000';
		const { log, lines } = recordingLog();
		const error = await generateClip(generator({ apiKey: wrong }), request(), { log }).catch(
			(e) => e,
		);
		expect(error.code).toBe('provider_auth');
		expect(error.message).toContain('Incorrect API key provided: [redacted]');
		expect(JSON.stringify({ error: error.toJSON(), message: error.message, lines })).not.toContain(
			wrong,
		);
		expect(await generator({ apiKey: wrong }).probe(new AbortController().signal)).toMatchObject({
			reachable: true,
			authFailed: true,
		});
	});

	it('remixes a finished video with POST /videos/{id}/remix', async () => {
		const g = generator();
		const signal = new AbortController().signal;
		const first = await generateClip(g, request(), { signal });
		const remixed = await runClipFast(
			g,
			{ kind: 'remix', source: first, instruction: 'make it night' },
			{ signal, dir: scratchDir() },
		);
		expect(gateway.videos.get(remixed.handle.id)).toMatchObject({
			remixedFrom: first.handle.id,
			prompt: 'make it night',
		});
		expect((await mediaFacts(remixed.file!.path)).width).toBe(720);
	});

	it('reads limits from configuration and refuses what they do not allow', () => {
		const g = generator({ seconds: [4, 8, 12, 16, 20], sizes: ['1280x720'], model: 'sora-2-pro' });
		expect(g.capabilities()).toMatchObject({
			durations: [4, 8, 12, 16, 20],
			model: 'sora-2-pro',
			remix: true,
			firstFrame: true,
		});
		expect(g.capabilities().sizes).toEqual([
			{ width: 1280, height: 720, aspectRatio: '16:9', resolution: '1280x720' },
		]);
		expect(g.validate(request()).map((e) => e.path)).toEqual(['/size']);
	});
});

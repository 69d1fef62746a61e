/**
 * The `veo` generator against the Gemini API emulator: the wire format of a request, a finished
 * clip (a real MP4 at the asked size and length), safety blocks, a slow job, 429s, malformed
 * answers, broken downloads, cancel, bad keys, redirects to another origin, extension, and three
 * 8 s clips in a row (the material a 24 s story is stitched from later).
 */
import fs from 'node:fs';
import { AllowList } from '../../../src/net/addresses';
import { Outbound } from '../../../src/net/outbound';
import { ProviderError, type ClipRequest } from '../../../src/providers/remote/clipGenerator';
import type { ClipProgress } from '../../../src/providers/remote/runner';
import { createVeoGenerator } from '../../../src/providers/veo';
import { BlobHost, GeminiEmulator } from '../emulators/gemini';
import { makeImage } from '../emulators/media';
import { generateClip, mediaFacts, recordingLog, runClipFast, scratchDir } from '../support';
import { serveDuringSuite } from '../../support/suiteServer';

describe('veo (Gemini API emulator)', () => {
	const gemini = new GeminiEmulator();
	const blobs = new BlobHost();
	const base = serveDuringSuite(gemini, '/v1beta');
	serveDuringSuite(blobs);
	beforeEach(() => {
		gemini.jobMs = 500;
		gemini.blobHost = undefined;
		gemini.cancelSupported = true;
	});

	const veo = (overrides: Partial<Parameters<typeof createVeoGenerator>[0]> = {}) =>
		createVeoGenerator({ name: 'veo', apiKey: gemini.apiKey, baseUrl: base(), ...overrides });
	const landscape = (g = veo()) => g.capabilities().sizes.find((s) => s.width === 1280)!;
	const request = (g = veo(), extra: Partial<ClipRequest> = {}): ClipRequest => ({
		prompt: 'a lighthouse in a storm, waves crashing',
		durationSeconds: 8,
		size: landscape(g),
		...extra,
	});

	it('generates an 8 s 720p clip: predictLongRunning, operation polling, download with the key', async () => {
		const generator = veo();
		const progress: ClipProgress[] = [];
		const dir = scratchDir();
		const run = await generateClip(generator, request(generator), {
			dir,
			onProgress: (p) => progress.push(p),
		});
		expect(run.handle.id).toMatch(/^models\/veo-3\.1-generate-preview\/operations\/[0-9a-f]+$/);
		const facts = await mediaFacts(run.file!.path);
		expect(facts).toMatchObject({ width: 1280, height: 720, audio: true, codec: 'h264' });
		expect(facts.seconds).toBeCloseTo(8, 0);
		expect(run.polls).toBeGreaterThanOrEqual(2);

		const submit = gemini.seen(/:predictLongRunning$/, 'POST').at(-1)!;
		expect(submit.headers['x-goog-api-key']).toBe(gemini.apiKey);
		expect(submit.body).toEqual({
			instances: [{ prompt: 'a lighthouse in a storm, waves crashing' }],
			parameters: { aspectRatio: '16:9', resolution: '720p', durationSeconds: 8 },
		});
		// Progress went from submit through the job to the download.
		expect(progress[0].phase).toBe('submit');
		expect(progress.some((p) => p.phase === 'queued')).toBe(true);
		expect(progress.at(-1)).toMatchObject({ phase: 'download', fraction: 1 });
	});

	it('sends first and last frames and reference images inline as bytesBase64Encoded', async () => {
		const generator = veo({ personGeneration: 'allow_adult' });
		const first = { path: await makeImage(1280, 720, 'first'), mimeType: 'image/png' };
		const last = { path: await makeImage(1280, 720, 'last'), mimeType: 'image/png' };
		const handle = await generator.submit(
			request(generator, { firstFrame: first, lastFrame: last, negativePrompt: 'text, logos' }),
			new AbortController().signal,
		);
		const body = gemini.seen(/:predictLongRunning$/, 'POST').at(-1)!.body as {
			instances: Array<Record<string, { bytesBase64Encoded: string; mimeType: string }>>;
			parameters: Record<string, unknown>;
		};
		expect(body.instances[0].image.mimeType).toBe('image/png');
		expect(
			Buffer.from(body.instances[0].image.bytesBase64Encoded, 'base64').equals(
				fs.readFileSync(first.path),
			),
		).toBe(true);
		expect(body.instances[0].lastFrame.bytesBase64Encoded.length).toBeGreaterThan(100);
		expect(body.parameters).toMatchObject({
			negativePrompt: 'text, logos',
			personGeneration: 'allow_adult',
		});
		await generator.cancel(handle, new AbortController().signal);

		const refs = [1, 2, 3].map(() => ({ path: first.path, mimeType: 'image/png' }));
		await generator.submit(
			request(generator, { referenceImages: refs }),
			new AbortController().signal,
		);
		const withRefs = gemini.seen(/:predictLongRunning$/, 'POST').at(-1)!.body as {
			instances: Array<{
				referenceImages: Array<{ referenceType: string; image: { mimeType: string } }>;
			}>;
		};
		expect(withRefs.instances[0].referenceImages.map((r) => r.referenceType)).toEqual([
			'asset',
			'asset',
			'asset',
		]);
		// The instance allows people: image-guided clips say allow_adult, text-only ones allow_all.
		expect(
			(withRefs as unknown as { parameters: Record<string, unknown> }).parameters.personGeneration,
		).toBe('allow_adult');
		const textOnly = await generator.submit(request(generator), new AbortController().signal);
		const textBody = gemini.seen(/:predictLongRunning$/, 'POST').at(-1)!.body as {
			parameters: Record<string, unknown>;
		};
		expect(textBody.parameters.personGeneration).toBe('allow_all');
		await generator.cancel(textOnly, new AbortController().signal);
	});

	it('refuses requests Veo 3.1 would refuse, before sending them', () => {
		const generator = veo();
		const hd = generator
			.capabilities()
			.sizes.find((s) => s.resolution === '1080p' && s.aspectRatio === '9:16')!;
		const image = { path: '/nonexistent.png', mimeType: 'image/png' };
		expect(generator.validate(request(generator, { size: hd, durationSeconds: 6 }))).toEqual([
			{ path: '/durationSeconds', message: '1080p clips must last 8 s' },
		]);
		expect(generator.validate(request(generator, { durationSeconds: 5 }))[0].path).toBe(
			'/durationSeconds',
		);
		expect(
			generator
				.validate(request(generator, { referenceImages: [image, image, image, image] }))
				.map((e) => e.path),
		).toContain('/referenceImages');
		expect(
			generator.validate(request(generator, { durationSeconds: 4, referenceImages: [image] })),
		).toContainEqual({
			path: '/durationSeconds',
			message: 'reference images need an 8 s clip',
		});
		expect(generator.validate(request(generator, { seed: 3 }))).toContainEqual({
			path: '/seed',
			message: 'this provider takes no seed',
		});
		expect(
			veo({ model: 'veo-3.1-lite-generate-preview' })
				.capabilities()
				.sizes.map((s) => s.resolution),
		).not.toContain('4k');
	});

	it('turns raiMediaFilteredReasons into provider_blocked with the reasons', async () => {
		const error = await generateClip(
			veo(),
			request(veo(), { prompt: 'a forbidden-weapon close-up' }),
			{ dir: scratchDir() },
		).catch((e) => e);
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.code).toBe('provider_blocked');
		expect(error.transient).toBe(false);
		expect(error.reasons).toEqual([
			'Your current safety settings for person generation blocked one or more videos. We are sorry about that.',
		]);
		expect(error.details[0]).toEqual({ path: '/prompt', message: error.reasons[0] });
	});

	it('keeps polling a slow job, reporting progress that only grows', async () => {
		gemini.jobMs = 2500;
		const fractions: number[] = [];
		const run = await generateClip(veo(), request(), {
			dir: scratchDir(),
			polling: { maxPollMs: 300 },
			onProgress: (p) =>
				p.phase !== 'download' && p.phase !== 'submit' && fractions.push(p.fraction),
		});
		expect(run.polls).toBeGreaterThanOrEqual(5);
		for (let i = 1; i < fractions.length; i++)
			expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
		expect(fractions.at(-1)).toBe(1);
	});

	it('waits out 429 RESOURCE_EXHAUSTED (RetryInfo) on submit and on polls', async () => {
		gemini.failures.push(
			{ on: 'submit', status: 429, retryDelay: '0.4s' },
			{ on: 'poll', status: 429, retryDelay: '0.3s' },
		);
		const before = gemini.seen(/:predictLongRunning$/, 'POST').length;
		const { log, lines } = recordingLog();
		const run = await generateClip(veo(), request(), { dir: scratchDir(), log });
		expect(run.submitAttempts).toBe(2);
		expect(gemini.seen(/:predictLongRunning$/, 'POST').length - before).toBe(2);
		const submits = gemini.seen(/:predictLongRunning$/, 'POST').slice(-2);
		expect(submits[1].at - submits[0].at).toBeGreaterThanOrEqual(380);
		expect(
			lines.some((l) => l.includes('provider_rate_limited') && l.includes('"waitMs":400')),
		).toBe(true);
		expect(run.file!.bytes).toBeGreaterThan(1000);
	});

	it('gives up with provider_rate_limited (transient) when the quota stays exhausted', async () => {
		gemini.failures.push(
			...[1, 2, 3, 4].map(() => ({
				on: 'submit' as const,
				status: 429 as const,
				retryDelay: '0.1s',
			})),
		);
		const error = await generateClip(veo(), request()).catch((e) => e);
		expect(error.code).toBe('provider_rate_limited');
		expect(error.transient).toBe(true);
		expect(error.retryAfterMs).toBe(100);
	});

	it('reports malformed answers as provider_malformed', async () => {
		gemini.malformedNextPoll = true;
		const html = await generateClip(veo(), request()).catch((e) => e);
		expect(html.code).toBe('provider_malformed');
		expect(html.message).toContain('expected JSON');

		gemini.emptyNextResult = true;
		const empty = await generateClip(veo(), request()).catch((e) => e);
		expect(empty.code).toBe('provider_malformed');
		expect(empty.message).toContain('has no video');
	});

	it('retries a download that breaks off, and fails cleanly when it keeps breaking', async () => {
		gemini.brokenDownloads = 1;
		const dir = scratchDir();
		const run = await generateClip(veo(), request(), { dir });
		expect((await mediaFacts(run.file!.path)).width).toBe(1280);

		gemini.brokenDownloads = 5;
		const dir2 = scratchDir();
		const error = await generateClip(veo(), request(), { dir: dir2 }).catch((e) => e);
		gemini.brokenDownloads = 0;
		expect(error.code).toBe('provider_failed');
		expect(error.message).toMatch(/broke off|ended at/);
		expect(fs.readdirSync(dir2)).toEqual([]);
	});

	it('follows the download redirect to another origin without carrying the key there', async () => {
		gemini.blobHost = blobs;
		// The storage host is another origin, asked with the public policy: this emulator's is on
		// loopback, so the operator's allow-list opens exactly its port (as REELFORGE_FETCH_ALLOW would).
		const port = new URL(blobs.url).port;
		const outbound = new Outbound({ allow: AllowList.parse(`127.0.0.1:${port}`) });
		const run = await generateClip(veo({ outbound }), request(), { dir: scratchDir() });
		expect(run.file!.bytes).toBeGreaterThan(1000);
		const fetched = blobs.seen(/^\/b\//).at(-1)!;
		expect(fetched.headers['x-goog-api-key']).toBeUndefined();
		expect(gemini.seen(/:download$/).at(-1)!.headers['x-goog-api-key']).toBe(gemini.apiKey);
	});

	it('refuses a download redirect to a non-public address the operator did not open', async () => {
		gemini.blobHost = blobs;
		const before = blobs.seen(/^\/b\//).length;
		const error = await generateClip(veo(), request(), { dir: scratchDir() }).catch((e) => e);
		expect(error).toBeInstanceOf(ProviderError);
		expect(error.code).toBe('provider_malformed');
		expect(error.message).toMatch(
			/is refused: the host is not a public internet address \(loopback\)/,
		);
		expect(error.message).not.toContain(gemini.apiKey);
		expect(blobs.seen(/^\/b\//).length).toBe(before);
	});

	it('cancels the operation at the provider when the job is aborted', async () => {
		gemini.jobMs = 10_000;
		const running = generateClip(veo(), request(), { abortIn: 'queued', dir: scratchDir() });
		await expect(running).rejects.toThrow(/cancel/i);
		const name =
			gemini.seen(/:predictLongRunning$/, 'POST').length && [...gemini.jobs.keys()].at(-1)!;
		expect(gemini.canceled).toContain(name);
		expect(gemini.seen(/:cancel$/, 'POST').at(-1)!.path).toBe(`/v1beta/${name}:cancel`);
	});

	it('says so when the API cannot cancel a Veo operation', async () => {
		gemini.cancelSupported = false;
		const generator = veo();
		const handle = await generator.submit(request(generator), new AbortController().signal);
		const error = await generator.cancel(handle, new AbortController().signal).catch((e) => e);
		expect(error.code).toBe('provider_failed');
		expect(error.message).toContain('may be billed');
	});

	it('cancels at the deadline and fails with provider_timeout', async () => {
		gemini.jobMs = 10_000;
		const error = await generateClip(veo(), request(), { deadlineMs: 600 }).catch((e) => e);
		expect(error.code).toBe('provider_timeout');
		expect(gemini.canceled).toContain([...gemini.jobs.keys()].at(-1));
	});

	it('maps a wrong key (400 API_KEY_INVALID) to provider_auth without repeating the key', async () => {
		const wrong = 'AIzaWrongKey0123456789';
		const generator = veo({ apiKey: wrong });
		const error = await generator
			.submit(request(generator), new AbortController().signal)
			.catch((e) => e);
		expect(error.code).toBe('provider_auth');
		expect(error.providerCode).toBe('API_KEY_INVALID');
		expect(JSON.stringify(error.toJSON())).not.toContain(wrong);
		expect(await generator.probe(new AbortController().signal)).toEqual({
			reachable: true,
			authFailed: true,
			reason: 'the API key was refused',
		});
		expect(await veo().probe(new AbortController().signal)).toEqual({ reachable: true });
	});

	it('extends a clip by 7 s per call from the previous clip’s URI', async () => {
		const generator = veo();
		const signal = new AbortController().signal;
		const first = await generateClip(generator, request(generator), { signal });
		const dir = scratchDir();
		const extended = await runClipFast(
			generator,
			{
				kind: 'extend',
				source: { handle: first.handle, result: first.result },
				request: { prompt: 'the storm calms', size: landscape(generator) },
			},
			{ signal, dir },
		);
		const body = gemini.seen(/:predictLongRunning$/, 'POST').at(-1)!.body as {
			instances: Array<{ video: { uri: string } }>;
			parameters: Record<string, unknown>;
		};
		expect(body.instances[0].video.uri).toBe(first.result.uri);
		expect(body.parameters.resolution).toBe('720p');
		expect((await mediaFacts(extended.file!.path)).seconds).toBeCloseTo(15, 0);
	});

	it('produces three 8 s clips in sequence (24 s of material for one story)', async () => {
		const generator = veo();
		const dir = scratchDir();
		const prompts = ['a girl finds a map', 'she climbs a hill at dusk', 'she sees the sea'];
		const clips = [];
		for (const prompt of prompts)
			clips.push(
				await generateClip(generator, request(generator, { prompt }), {
					dir: fs.mkdtempSync(`${dir}/shot-`),
				}),
			);
		const facts = await Promise.all(clips.map((c) => mediaFacts(c.file!.path)));
		expect(new Set(clips.map((c) => c.handle.id)).size).toBe(3);
		expect(facts.every((f) => f.width === 1280 && f.height === 720 && f.audio)).toBe(true);
		expect(facts.reduce((sum, f) => sum + f.seconds, 0)).toBeCloseTo(24, 0);
	});
});

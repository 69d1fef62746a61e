/**
 * The `omni` generator (Gemini Omni Flash through the Interactions API) against the Gemini API
 * emulator: a background interaction with a video response format, URI and inline delivery,
 * safety failures, a slow job, 429s, malformed answers, broken downloads, cancel, bad keys and a
 * conversational edit through `previous_interaction_id`.
 */
import { type ClipRequest } from '../../../src/providers/remote/clipGenerator';
import { createOmniGenerator } from '../../../src/providers/omni';
import { GeminiEmulator } from '../emulators/gemini';
import { makeImage } from '../emulators/media';
import { generateClip, mediaFacts, runClipFast, scratchDir } from '../support';
import { serveDuringSuite } from '../../support/suiteServer';

describe('omni (Gemini Interactions API emulator)', () => {
	const gemini = new GeminiEmulator();
	const base = serveDuringSuite(gemini, '/v1beta');
	beforeEach(() => {
		gemini.jobMs = 500;
		gemini.forceInline = false;
	});

	const omni = (apiKey = gemini.apiKey) =>
		createOmniGenerator({ name: 'omni', apiKey, baseUrl: base() });
	const vertical = () =>
		omni()
			.capabilities()
			.sizes.find((s) => s.aspectRatio === '9:16')!;
	const request = (extra: Partial<ClipRequest> = {}): ClipRequest => ({
		prompt: 'a street musician plays a violin, crowd applauds',
		durationSeconds: 6,
		size: vertical(),
		...extra,
	});
	const run = (req: ClipRequest, dir?: string) => generateClip(omni(), req, { dir });

	it('creates a background interaction with a video response format and downloads the URI', async () => {
		const clip = await run(request({ seed: 42 }), scratchDir());
		const create = gemini.seen(/^\/v1beta\/interactions$/, 'POST').at(-1)!;
		expect(create.body).toEqual({
			model: 'gemini-omni-flash-preview',
			background: true,
			store: true,
			input: 'a street musician plays a violin, crowd applauds',
			response_format: {
				type: 'video',
				aspect_ratio: '9:16',
				resolution: '720p',
				duration: '6s',
				delivery: 'uri',
			},
			generation_config: { video_config: { task: 'text_to_video' }, seed: 42 },
		});
		expect(clip.handle.id).toMatch(/^v1_/);
		const facts = await mediaFacts(clip.file!.path);
		expect(facts).toMatchObject({ width: 720, height: 1280, audio: true });
		expect(facts.seconds).toBeCloseTo(6, 0);
	});

	it('writes an inline (base64) video out to a file', async () => {
		gemini.forceInline = true;
		const clip = await run(request({ durationSeconds: 3 }), scratchDir());
		expect(clip.result).toMatchObject({ inline: true });
		expect((await mediaFacts(clip.file!.path)).seconds).toBeCloseTo(3, 0);
	});

	it('sends a first frame as an image content block (image_to_video)', async () => {
		const frame = { path: await makeImage(720, 1280, 'omni-first'), mimeType: 'image/png' };
		const generator = omni();
		const handle = await generator.submit(
			request({ firstFrame: frame }),
			new AbortController().signal,
		);
		const body = gemini.seen(/^\/v1beta\/interactions$/, 'POST').at(-1)!.body as {
			input: Array<{ type: string; mime_type?: string; data?: string }>;
			generation_config: { video_config: { task: string } };
		};
		expect(body.input.map((p) => p.type)).toEqual(['text', 'image']);
		expect(body.input[1].mime_type).toBe('image/png');
		expect(body.generation_config.video_config.task).toBe('image_to_video');
		await generator.cancel(handle, new AbortController().signal);
	});

	it('reads a safety failure as provider_blocked with the reasons', async () => {
		const error = await run(request({ prompt: 'a forbidden-weapon' })).catch((e) => e);
		expect(error.code).toBe('provider_blocked');
		expect(error.reasons).toEqual([
			'SAFETY: The generated video was blocked by safety filters (prohibited content).',
		]);
	});

	it('polls a slow interaction until it completes', async () => {
		gemini.jobMs = 2000;
		const clip = await run(request({ durationSeconds: 4 }));
		expect(clip.polls).toBeGreaterThanOrEqual(4);
	});

	it('waits out a 429 and a 503 while polling', async () => {
		gemini.failures.push(
			{ on: 'poll', status: 429, retryDelay: '0.2s' },
			{ on: 'poll', status: 503 },
		);
		const clip = await run(request({ durationSeconds: 4 }), scratchDir());
		expect(clip.file!.bytes).toBeGreaterThan(1000);
		expect(gemini.failures).toHaveLength(0);
	});

	it('reports an unknown status and a completed interaction without video as provider_malformed', async () => {
		gemini.malformedNextPoll = true;
		expect((await run(request()).catch((e) => e)).message).toContain(
			'unknown interaction status "exploded"',
		);
		gemini.emptyNextResult = true;
		const empty = await run(request()).catch((e) => e);
		expect(empty.code).toBe('provider_malformed');
	});

	it('retries a broken download', async () => {
		gemini.brokenDownloads = 1;
		const clip = await run(request({ durationSeconds: 4 }), scratchDir());
		expect((await mediaFacts(clip.file!.path)).height).toBe(1280);
	});

	it('cancels a running interaction at the provider', async () => {
		gemini.jobMs = 10_000;
		await expect(generateClip(omni(), request(), { abortIn: 'running' })).rejects.toThrow();
		const id = [...gemini.jobs.keys()].at(-1)!;
		expect(gemini.canceled).toContain(id);
		expect(gemini.seen(/\/cancel$/, 'POST').at(-1)!.path).toBe(`/v1beta/interactions/${id}/cancel`);
	});

	it('maps a wrong key to provider_auth', async () => {
		const error = await omni('AIzaNotTheKey000000000')
			.submit(request(), new AbortController().signal)
			.catch((e) => e);
		expect(error.code).toBe('provider_auth');
	});

	it('edits a finished clip by instruction through previous_interaction_id', async () => {
		const signal = new AbortController().signal;
		const generator = omni();
		const first = await generateClip(generator, request(), { signal });
		const edited = await runClipFast(
			generator,
			{ kind: 'remix', source: first, instruction: 'make the violin glow' },
			{ signal, dir: scratchDir() },
		);
		const body = gemini.seen(/^\/v1beta\/interactions$/, 'POST').at(-1)!.body as Record<
			string,
			unknown
		>;
		expect(body).toMatchObject({
			previous_interaction_id: first.handle.id,
			input: 'make the violin glow',
			response_format: { type: 'video', aspect_ratio: '9:16', delivery: 'uri' },
			generation_config: { video_config: { task: 'edit' } },
		});
		expect((await mediaFacts(edited.file!.path)).width).toBe(720);
	});
});

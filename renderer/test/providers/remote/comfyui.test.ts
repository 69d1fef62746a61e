/**
 * The `comfyui` generator against the ComfyUI emulator: placeholders filled with typed values,
 * progress over the job's own websocket, `{}` history while queued/running, SaveVideo and
 * VideoHelperSuite outputs, node_errors on 200 and 400, a node that crashes, uploads for
 * `{{image}}`, cancel (new and old servers), a bearer proxy, broken downloads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createComfyUIGenerator } from '../../../src/providers/comfyui';
import {
	fillWorkflow,
	framesFor,
	loadWorkflow,
	parseWorkflow,
} from '../../../src/providers/comfyui/workflow';
import type { ClipRequest } from '../../../src/providers/remote/clipGenerator';
import type { ClipProgress } from '../../../src/providers/remote/runner';
import { MemoryWakeBus } from '../../../src/providers/remote/wake';
import { Outbound } from '../../../src/net/outbound';
import { ComfyUIEmulator, imageToVideoWorkflow, textToVideoWorkflow } from '../emulators/comfyui';
import { makeImage } from '../emulators/media';
import { generateClip, mediaFacts, scratchDir } from '../support';

describe('ComfyUI workflow placeholders', () => {
	it('turns an exact placeholder into a typed value and substitutes inside longer strings', () => {
		const workflow = parseWorkflow(textToVideoWorkflow());
		expect([...workflow.uses].sort()).toEqual([
			'fps',
			'frames',
			'height',
			'negative_prompt',
			'prompt',
			'seed',
			'width',
		]);
		const graph = fillWorkflow(workflow, {
			prompt: 'a fox',
			negative_prompt: 'blur',
			seed: 1234,
			width: 832,
			height: 480,
			frames: 121,
			fps: 24,
		});
		expect(graph['5'].inputs.seed).toBe(1234);
		expect(graph['4'].inputs).toMatchObject({
			width: 832,
			height: 480,
			length: 121,
			batch_size: 1,
		});
		expect(graph['2'].inputs.text).toBe('a fox, highly detailed');
		expect(graph['7'].inputs.fps).toBe(24);
		// The original graph is untouched.
		expect(workflow.graph['5'].inputs.seed).toBe('{{seed}}');
	});

	it('refuses UI-format files, unknown placeholders and a missing {{prompt}} with clear errors', () => {
		expect(() => parseWorkflow({ nodes: [], links: [] })).toThrow(
			'this is the UI format; export the workflow with "Save (API)"',
		);
		expect(() =>
			parseWorkflow({ '1': { class_type: 'X', inputs: { text: '{{promt}}' } } }),
		).toThrow('unknown placeholder {{promt}}');
		expect(() => parseWorkflow({ '1': { class_type: 'X', inputs: { text: 'fixed' } } })).toThrow(
			'no "{{prompt}}" placeholder',
		);
		expect(() => parseWorkflow({ '1': { inputs: {} } })).toThrow(
			'node "1" needs "class_type" and "inputs"',
		);
		const file = path.join(scratchDir(), 'broken.json');
		fs.writeFileSync(file, '{"1": ');
		expect(() => loadWorkflow(file)).toThrow('the workflow file is not JSON');
		expect(() => loadWorkflow(path.join(scratchDir(), 'missing.json'))).toThrow(
			'cannot read the workflow file (ENOENT)',
		);
	});

	it('rounds frames onto the model grid (Wan 4n+1, LTX 8n+1)', () => {
		expect(framesFor(5, 24)).toBe(120);
		expect(framesFor(5, 16, 4, 1)).toBe(81);
		expect(framesFor(5, 24, 8, 1)).toBe(121);
		expect(framesFor(0.01, 24, 4, 1)).toBe(5);
	});
});

describe('comfyui (ComfyUI emulator)', () => {
	const comfy = new ComfyUIEmulator();
	beforeAll(() => comfy.start());
	afterAll(() => comfy.stop());
	beforeEach(() => {
		comfy.jobMs = 800;
		comfy.jobsApi = true;
		comfy.requireBearer = undefined;
	});

	const generator = (
		workflow: object = textToVideoWorkflow(),
		extra: Partial<Parameters<typeof createComfyUIGenerator>[0]> = {},
	) =>
		createComfyUIGenerator({
			name: 'comfy',
			url: comfy.url,
			workflow: parseWorkflow(workflow),
			fps: 16,
			frameStep: 4,
			frameOffset: 1,
			...extra,
		});
	const request = (extra: Partial<ClipRequest> = {}): ClipRequest => ({
		prompt: 'a red fox runs through snow',
		negativePrompt: 'blurry',
		durationSeconds: 3,
		size: { width: 832, height: 480, aspectRatio: '26:15', resolution: '832x480' },
		seed: 77,
		...extra,
	});
	const run = (
		g = generator(),
		req = request(),
		dir: string | undefined = scratchDir(),
		onProgress?: (p: ClipProgress) => void,
	) => generateClip(g, req, { dir, onProgress });

	it('queues the filled graph with a client_id, follows its socket, downloads the SaveVideo output', async () => {
		const progress: ClipProgress[] = [];
		const clip = await run(generator(), request(), scratchDir(), (p) => progress.push(p));
		const posted = comfy.seen(/^\/prompt$/, 'POST').at(-1)!.body as {
			prompt: Record<string, { inputs: Record<string, unknown> }>;
			client_id: string;
			prompt_id: string;
		};
		expect(posted.prompt_id).toBe(clip.handle.id);
		expect(posted.client_id).toBe(clip.handle.data!.clientId);
		expect(posted.prompt['4'].inputs).toMatchObject({ width: 832, height: 480, length: 49 });
		expect(posted.prompt['5'].inputs.seed).toBe(77);
		expect(posted.prompt['3'].inputs.text).toBe('blurry');
		// The websocket saw this job's events (and only this job's go to this client id).
		const events = comfy.sent.get(posted.client_id)!.map((e) => e.type);
		expect(events).toEqual(
			expect.arrayContaining(['execution_start', 'progress', 'executed', 'execution_success']),
		);
		expect(
			comfy.sent
				.get(posted.client_id)!
				.every((e) => e.type === 'status' || e.data.prompt_id === clip.handle.id),
		).toBe(true);
		// Progress reported from the socket's node and step events.
		const reported = progress
			.filter((p) => p.phase === 'running' && p.reported)
			.map((p) => p.fraction);
		expect(reported.length).toBeGreaterThan(0);
		expect(Math.max(...reported)).toBeGreaterThan(0);
		expect(clip.wakes).toBeGreaterThanOrEqual(0);
		const view = comfy.seen(/^\/view$/).at(-1)!;
		expect(Object.fromEntries(view.query)).toEqual({
			filename: expect.stringMatching(/^clip_\d{5}_\.mp4$/),
			subfolder: 'reelforge',
			type: 'output',
		});
		const facts = await mediaFacts(clip.file!.path);
		expect(facts).toMatchObject({ width: 832, height: 480, audio: false });
		expect(facts.seconds).toBeCloseTo(49 / 16, 1);
	});

	it('answers history {} while queued or running and tells them apart through /queue', async () => {
		comfy.jobMs = 1500;
		const g = generator();
		const signal = new AbortController().signal;
		const first = await g.submit(request(), signal);
		const second = await g.submit(request(), signal);
		expect(await g.status(second, signal)).toMatchObject({ state: 'queued' });
		expect((await g.status(first, signal)).state).toBe('running');
		expect(comfy.seen(new RegExp(`^/history/${second.id}$`)).length).toBeGreaterThan(0);
		await g.cancel(first, signal);
		await g.cancel(second, signal);
	});

	it('wakes the poll loop when the socket reports the end', async () => {
		const wake = new MemoryWakeBus();
		const g = generator(textToVideoWorkflow(), { wake });
		const clip = await generateClip(g, request(), {
			polling: { firstPollMs: 30_000, maxPollMs: 30_000 },
			wake,
			wakeFamily: 'comfyui',
		});
		expect(clip.wakes).toBe(1);
		expect(clip.polls).toBe(1);
	});

	it('finds a VideoHelperSuite (gifs) output', async () => {
		const clip = await run(generator(textToVideoWorkflow({ output: 'VHS_VideoCombine' })));
		expect(clip.result).toMatchObject({ subfolder: 'reelforge', type: 'output' });
		expect((await mediaFacts(clip.file!.path)).width).toBe(832);
	});

	it('treats node_errors on a 200 as provider_bad_request naming the node and input', async () => {
		const error = await run(generator(textToVideoWorkflow({ extraPreview: true }))).catch((e) => e);
		expect(error.code).toBe('provider_bad_request');
		expect(error.details).toEqual([
			{
				path: '/workflow/9/inputs/images',
				message:
					'PreviewImage: Bad linked input, must be a length-2 list of [node_id, slot_index]: images',
			},
		]);
		expect(comfy.seen(/^\/prompt$/, 'POST').length).toBeGreaterThan(0);
	});

	it('reports a graph ComfyUI refuses (400 with node_errors) on the failing input', async () => {
		const workflow = textToVideoWorkflow();
		(workflow['5'].inputs as Record<string, unknown>).steps = 'many';
		const error = await run(generator(workflow)).catch((e) => e);
		expect(error.code).toBe('provider_bad_request');
		expect(error.message).toContain('Prompt outputs failed validation');
		expect(error.details[0]).toMatchObject({ path: '/workflow/5/inputs/steps' });
	});

	it('reports a node that fails while running as provider_failed with its exception', async () => {
		const error = await run(generator(), request({ prompt: 'crash-the-sampler please' })).catch(
			(e) => e,
		);
		expect(error.code).toBe('provider_failed');
		expect(error.message).toContain('KSampler (5) failed: torch.OutOfMemoryError');
		expect(error.providerCode).toBe('torch.OutOfMemoryError');
	});

	it('uploads the first frame for {{image}} and passes the uploaded name', async () => {
		const frame = { path: await makeImage(832, 480, 'comfy-first'), mimeType: 'image/png' };
		const g = generator(imageToVideoWorkflow());
		expect(g.capabilities().firstFrame).toBe(true);
		expect(g.validate(request()).map((e) => e.path)).toEqual(['/firstFrame']);
		const clip = await run(g, request({ firstFrame: frame }));
		const posted = comfy.seen(/^\/prompt$/, 'POST').at(-1)!.body as {
			prompt: Record<string, { inputs: Record<string, unknown> }>;
		};
		const uploaded = posted.prompt['10'].inputs.image as string;
		expect(uploaded).toMatch(/^reelforge\/reelforge-[0-9a-f-]+\.png$/);
		expect(comfy.inputs.has(uploaded)).toBe(true);
		expect(clip.file!.bytes).toBeGreaterThan(1000);
	});

	it('cancels through /api/jobs/{id}/cancel on a new server', async () => {
		comfy.jobMs = 8000;
		const job = generateClip(generator(), request(), { abortIn: 'running' });
		await expect(job).rejects.toThrow();
		const id = comfy
			.seen(/^\/api\/jobs\/[^/]+\/cancel$/, 'POST')
			.at(-1)!
			.path.split('/')[3];
		for (let i = 0; i < 50 && !comfy.history.has(id); i++)
			await new Promise((r) => setTimeout(r, 50));
		expect(comfy.interrupted).toContain(id);
		expect(
			comfy
				.seen(/^\/interrupt$/, 'POST')
				.filter((r) => (r.body as { prompt_id?: string })?.prompt_id === id),
		).toEqual([]);
	});

	it('falls back to /interrupt (running) and /queue delete (waiting) on an older server', async () => {
		comfy.jobsApi = false;
		comfy.jobMs = 8000;
		const g = generator();
		const signal = new AbortController().signal;
		const running = await g.submit(request(), signal);
		const waiting = await g.submit(request(), signal);
		await new Promise((r) => setTimeout(r, 100));
		await g.cancel(waiting, signal);
		expect(comfy.removed).toContain(waiting.id);
		await g.cancel(running, signal);
		const interrupt = comfy.seen(/^\/interrupt$/, 'POST').at(-1)!;
		expect(interrupt.body).toEqual({ prompt_id: running.id });
		for (let i = 0; i < 50 && !comfy.history.has(running.id); i++)
			await new Promise((r) => setTimeout(r, 50));
		expect(comfy.interrupted).toContain(running.id);
		expect(await g.status(running, signal)).toMatchObject({ state: 'canceled' });
	});

	it('sends the bearer token to a proxy in front (HTTP and websocket) and maps a refusal to provider_auth', async () => {
		comfy.requireBearer = 'proxy-token-123456';
		const refused = await run(generator()).catch((e) => e);
		expect(refused.code).toBe('provider_auth');
		const clip = await run(generator(textToVideoWorkflow(), { apiKey: 'proxy-token-123456' }));
		expect(clip.file!.bytes).toBeGreaterThan(1000);
		expect(comfy.seen(/^\/prompt$/, 'POST').at(-1)!.headers.authorization).toBe(
			'Bearer proxy-token-123456',
		);
		expect(comfy.socketsRefused).toBeGreaterThan(0);
		expect(comfy.socketsOpened).toContain(clip.handle.data!.clientId);
	});

	it('waits the Retry-After of a proxy’s 429 before queueing again', async () => {
		comfy.rateLimitNextPrompt = '1';
		const before = comfy.seen(/^\/prompt$/, 'POST').length;
		const clip = await run();
		const posts = comfy.seen(/^\/prompt$/, 'POST').slice(before);
		expect(posts).toHaveLength(2);
		expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(950);
		expect(clip.submitAttempts).toBe(2);
	});

	it('reports a finished job without a video output as provider_malformed', async () => {
		comfy.noOutputsNext = true;
		const error = await run().catch((e) => e);
		expect(error.code).toBe('provider_malformed');
		expect(error.message).toContain('without a video output');
	});

	it('retries a download that breaks off', async () => {
		comfy.brokenDownloads = 1;
		const clip = await run();
		expect((await mediaFacts(clip.file!.path)).height).toBe(480);
	});

	it('connects its HTTP requests and its websocket through the outbound door', async () => {
		// A name only the door's resolver knows: the job can only run if both the requests and the
		// progress socket resolved through the door (the system resolver has never heard of it).
		const looked: string[] = [];
		const outbound = new Outbound({
			resolve: async (host) => {
				looked.push(host);
				return host === 'comfy.door.test' ? [{ address: '127.0.0.1', family: 4 }] : [];
			},
		});
		const url = comfy.url.replace('127.0.0.1', 'comfy.door.test');
		const progress: ClipProgress[] = [];
		const clip = await run(
			generator(textToVideoWorkflow(), { url, outbound }),
			request(),
			scratchDir(),
			(p) => progress.push(p),
		);
		expect(comfy.socketsOpened).toContain(clip.handle.data!.clientId);
		expect(progress.some((p) => p.phase === 'running' && p.reported)).toBe(true);
		expect(looked.filter((h) => h === 'comfy.door.test').length).toBeGreaterThan(1);
		expect((await mediaFacts(clip.file!.path)).height).toBe(480);
	});

	it('reports a server that is not there as provider_unavailable and unreachable', async () => {
		const g = createComfyUIGenerator({
			name: 'gone',
			url: 'http://127.0.0.1:9',
			workflow: parseWorkflow(textToVideoWorkflow()),
		});
		const error = await g.submit(request(), new AbortController().signal).catch((e) => e);
		expect(error.code).toBe('provider_unavailable');
		expect(error.transient).toBe(true);
		expect((await g.probe(new AbortController().signal)).reachable).toBe(false);
	});
});

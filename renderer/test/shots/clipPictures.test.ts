/**
 * Pictures carried to the generators that take them, asserted on what the emulators received:
 * characters' reference pictures to Veo (`referenceImages`, at most three, each the uploaded
 * bytes), a shot's first frame to an OpenAI-compatible gateway (`input_reference`, fitted to
 * the clip's size), to ComfyUI (`POST /upload/image`, its name put where the workflow says
 * `"{{image}}"`) and to Omni (inline image blocks after the text, with the characters' pictures,
 * task `image_to_video`). Plus the checks at submit: a picture must be exactly one of asset and url, and
 * the local engine warns that it draws its own first frame.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ComfyUIEmulator, imageToVideoWorkflow } from '../providers/emulators/comfyui';
import { GeminiEmulator } from '../providers/emulators/gemini';
import { OpenAIVideosEmulator } from '../providers/emulators/openaiVideos';
import { FAST_POLLING, mediaFacts, scratchDir } from '../providers/support';
import { api, startRenderer, waitForStatus, type RunningRenderer } from '../support/renderer';
import { writePicture } from '../support/clips';

const output = { width: 360, height: 640, fps: 24, quality: 'draft' };

function picture(name: string, colour: string, size: string): string {
	const file = path.join(scratchDir(), `${name}.png`);
	return writePicture(file, colour, size);
}

describe('pictures for generators', () => {
	const gemini = new GeminiEmulator();
	const gateway = new OpenAIVideosEmulator();
	const comfy = new ComfyUIEmulator();
	let r: RunningRenderer;

	beforeAll(async () => {
		await Promise.all([gemini.start(), gateway.start(), comfy.start()]);
		gemini.jobMs = 200;
		gateway.jobMs = 200;
		gateway.pollAfterMs = 100;
		comfy.jobMs = 200;
		const workflow = path.join(scratchDir(), 'image-to-video.json');
		fs.writeFileSync(workflow, JSON.stringify(imageToVideoWorkflow()));
		r = await startRenderer({
			env: {
				COMFYUI_URL: comfy.url,
				COMFYUI_WORKFLOW: workflow,
				GEMINI_API_KEY: gemini.apiKey,
				GEMINI_BASE_URL: `${gemini.url}/v1beta`,
				OPENAI_VIDEOS_BASE_URL: `${gateway.url}/v1`,
				OPENAI_VIDEOS_API_KEY: gateway.apiKey,
				REELFORGE_JOB_ATTEMPTS: '1',
			},
			overrides: { remotePolling: FAST_POLLING, moderator: null },
		});
	});
	afterAll(async () => {
		await r.close();
		await Promise.all([gemini.stop(), gateway.stop(), comfy.stop()]);
	});

	/** Renders `spec` at the suite's size; answers the admission once the render has completed. */
	async function renderCompleted(spec: Record<string, unknown>) {
		const res = await api(r, 'POST', '/v1/renders', { output, ...spec });
		expect(res.status).toBe(201);
		const done = await waitForStatus(r, res.json.id, ['completed', 'failed'], 120_000);
		expect(done.error).toBeUndefined();
		return res;
	}

	async function upload(file: string): Promise<string> {
		const res = await fetch(`${r.url}/v1/assets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${r.apiKey}`, 'content-type': 'image/png' },
			body: fs.readFileSync(file),
		});
		expect(res.status).toBe(201);
		return ((await res.json()) as { id: string }).id;
	}

	it("sends the shot's characters' reference pictures to Veo, at most three, as uploaded", async () => {
		const files = [
			picture('mara-face', 'red', '300x300'),
			picture('mara-coat', 'green', '300x400'),
			picture('tom-face', 'blue', '320x320'),
			picture('tom-coat', 'yellow', '200x400'),
			picture('extra', 'white', '100x100'),
		];
		const [m1, m2, t1, t2, other] = await Promise.all(files.map(upload));
		const res = await renderCompleted({
			provider: 'veo',
			characters: [
				{ id: 'nobody', images: [{ asset: other }] },
				{ id: 'mara', images: [{ asset: m1 }, { asset: m2 }] },
				{ id: 'tom', images: [{ asset: t1 }, { asset: t2 }] },
			],
			shots: [
				{ prompt: 'mara and tom walk along the pier', characters: ['mara', 'tom'], duration: 8 },
			],
		});
		expect(res.json.warnings).toEqual(
			expect.arrayContaining([expect.objectContaining({ path: '/shots/0/characters' })]),
		);
		const submitted = gemini.seen(/:predictLongRunning$/, 'POST');
		expect(submitted).toHaveLength(1);
		const instance = (
			submitted[0]!.body as {
				instances: Array<{
					referenceImages?: Array<{
						image: { bytesBase64Encoded: string; mimeType: string };
						referenceType: string;
					}>;
				}>;
			}
		).instances[0]!;
		// Mara's two and Tom's first, in cast order; the character not in the shot sends nothing.
		expect(instance.referenceImages).toHaveLength(3);
		instance.referenceImages!.forEach((ref, k) => {
			expect(ref.referenceType).toBe('asset');
			expect(ref.image.mimeType).toBe('image/png');
			expect(Buffer.from(ref.image.bytesBase64Encoded, 'base64')).toEqual(
				fs.readFileSync(files[k]!),
			);
		});
	});

	it("sends a shot's first frame to an OpenAI-compatible gateway as input_reference, at the clip's size", async () => {
		const first = await upload(picture('first', 'orange', '800x600'));
		const before = gateway.references.length;
		await renderCompleted({
			provider: 'openai-videos',
			shots: [{ prompt: 'the door opens', duration: 4, firstFrame: { asset: first } }],
		});
		const created = gateway.seen(/^\/v1\/videos$/, 'POST').at(-1)!;
		expect(String(created.headers['content-type'])).toMatch(/^multipart\/form-data/);
		expect(gateway.references.slice(before)).toEqual([
			expect.objectContaining({ type: 'image/png', width: 720, height: 1280 }),
		]);
	});

	it("uploads a shot's first frame to ComfyUI through /upload/image and puts its name at {{image}}", async () => {
		const first = await upload(picture('comfy-first', 'teal', '1000x700'));
		await renderCompleted({
			provider: 'comfyui',
			shots: [{ prompt: 'the lantern flickers', duration: 3, firstFrame: { asset: first } }],
		});
		const uploads = comfy.seen(/^\/upload\/image$/, 'POST');
		expect(uploads).toHaveLength(1);
		expect(String(uploads[0]!.headers['content-type'])).toMatch(/^multipart\/form-data/);
		const posted = comfy.seen(/^\/prompt$/, 'POST').at(-1)!.body as {
			prompt: Record<string, { inputs: Record<string, unknown> }>;
		};
		// The placeholder became the uploaded file's name (with its subfolder), and that file is
		// the first frame fitted to the size the workflow was asked for.
		const name = posted.prompt['10']!.inputs.image as string;
		expect(typeof name).toBe('string');
		expect(comfy.inputs.has(name)).toBe(true);
		const received = await mediaFacts(comfy.inputs.get(name)!);
		expect({ width: received.width, height: received.height }).toEqual({
			width: posted.prompt['4']!.inputs.width,
			height: posted.prompt['4']!.inputs.height,
		});
		expect(received.height).toBeGreaterThan(received.width);
	});

	it("sends Omni a shot's first frame and its characters' pictures as image blocks after the text", async () => {
		const files = [
			picture('omni-face', 'red', '300x300'),
			picture('omni-coat', 'green', '300x400'),
		];
		const [face, coat] = await Promise.all(files.map(upload));
		const first = await upload(picture('omni-first', 'navy', '640x480'));
		const before = gemini.seen(/\/interactions$/, 'POST').length;
		await renderCompleted({
			provider: 'omni',
			characters: [{ id: 'ana', images: [{ asset: face }, { asset: coat }] }],
			shots: [
				{
					prompt: 'ana opens the shutters',
					characters: ['ana'],
					duration: 4,
					firstFrame: { asset: first },
				},
			],
		});
		const created = gemini.seen(/\/interactions$/, 'POST').slice(before);
		expect(created).toHaveLength(1);
		const body = created[0]!.body as {
			input: Array<{ type: string; text?: string; mime_type?: string; data?: string }>;
			generation_config: { video_config: { task: string } };
		};
		expect(body.input.map((b) => b.type)).toEqual(['text', 'image', 'image', 'image']);
		expect(body.input[0]!.text).toContain('ana opens the shutters');
		expect(body.generation_config.video_config.task).toBe('image_to_video');
		// The first frame comes first, fitted to the clip (720×1280); the references as uploaded.
		const firstFile = path.join(scratchDir(), 'omni-first-received.png');
		fs.writeFileSync(firstFile, Buffer.from(body.input[1]!.data!, 'base64'));
		expect(await mediaFacts(firstFile)).toMatchObject({ width: 720, height: 1280 });
		expect(body.input.slice(2).map((b) => Buffer.from(b.data!, 'base64'))).toEqual(
			files.map((f) => fs.readFileSync(f)),
		);
		expect(body.input.slice(1).every((b) => b.mime_type === 'image/png')).toBe(true);
	});

	it('refuses a picture that is both asset and url, naming it, and warns that the engine draws its own first frame', async () => {
		const first = await upload(picture('first-b', 'purple', '64x64'));
		const both = await api(r, 'POST', '/v1/renders', {
			output,
			shots: [
				{ prompt: 'a door', duration: 2, firstFrame: { asset: first } },
				{
					prompt: 'a window',
					duration: 2,
					firstFrame: { asset: first, url: 'https://example.com/a.png' },
				},
			],
		});
		expect(both.status).toBe(400);
		expect(both.json.error.details).toEqual([
			expect.objectContaining({ path: '/shots/1/firstFrame' }),
		]);
		const local = await api(r, 'POST', '/v1/renders', {
			output,
			shots: [
				{ prompt: 'a red ball bounces in a park', duration: 1, firstFrame: { asset: first } },
			],
		});
		expect(local.status).toBe(201);
		expect(local.json.warnings).toEqual(
			expect.arrayContaining([expect.objectContaining({ path: '/shots/0/firstFrame' })]),
		);
		// Canceled: only its admission was under test.
		await api(r, 'DELETE', `/v1/renders/${local.json.id}`);
	});
});

/**
 * A local OpenAI Videos API as gateways serve it, written from OpenAI's API reference:
 *
 * - `Authorization: Bearer <key>`; none or a wrong key: 401 with the `{error:{message, type,
 *   param, code}}` envelope (`invalid_api_key`). Rate limits: 429 `rate_limit_exceeded` with
 *   `Retry-After`.
 * - `POST /v1/videos`: JSON or multipart (`model`, `prompt`, `seconds` as a string "4"|"8"|"12",
 *   `size` "720x1280"|"1280x720"|"1024x1792"|"1792x1024", `input_reference` file whose size must
 *   match `size`) → the video object `{id, object:"video", model, status:"queued", progress,
 *   created_at, size, seconds, ...}`. A prompt with a blocked word is refused at once (400
 *   `moderation_blocked`) or later (`status:"failed"`, `error.code:"moderation_blocked"`).
 * - `GET /v1/videos/{id}`: queued → in_progress (progress 0–100) → completed | failed, with an
 *   `openai-poll-after-ms` header.
 * - `GET /v1/videos/{id}/content?variant=video|thumbnail|spritesheet`: the bytes (404 until done).
 * - `POST /v1/videos/{id}/remix {prompt}`; `DELETE /v1/videos/{id}` (stops one still running);
 *   `GET /v1/videos`, `GET /v1/models`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { serveFile } from './gemini';
import { makeClip, makeImage, pngSize } from './media';
import { openAiError } from '../../support/emulatorKit';
import {
	EmulatorServer,
	jobStep,
	takeFailure,
	type Exchange,
	type ScriptedFailure,
} from './server';

const SECONDS = ['4', '8', '12'];
const SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];

export interface OpenAIFailure extends ScriptedFailure {
	retryAfter?: string;
}

interface Video {
	id: string;
	model: string;
	prompt: string;
	size: string;
	seconds: string;
	createdAt: number;
	jobMs: number;
	deleted?: boolean;
	failed?: { code: string; message: string };
	remixedFrom?: string;
	file?: Promise<string>;
}

export class OpenAIVideosEmulator extends EmulatorServer {
	readonly apiKey = `sk-test-${randomBytes(12).toString('hex')}`;
	models = ['sora-2', 'sora-2-pro'];
	jobMs = 1200;
	/** Refused at create. */
	refuseWords = ['refuse-me'];
	/** Accepted, then failed by the output moderation. */
	failWords = ['forbidden-weapon'];
	pollAfterMs = 300;
	readonly failures: OpenAIFailure[] = [];
	brokenDownloads = 0;
	malformedNextPoll = false;
	/** Echo the sent key in the 401 message (some gateways do), to test redaction. */
	echoKeyInErrors = true;
	readonly videos = new Map<string, Video>();
	readonly deletedWhileRunning: string[] = [];

	protected async handle({ req, res, url, body }: Exchange) {
		const path = url.pathname;
		const method = req.method ?? 'GET';
		const auth = String(req.headers.authorization ?? '');
		const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
		if (!key)
			return this.error(
				res,
				401,
				"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
				'invalid_request_error',
				null,
				null,
			);
		if (key !== this.apiKey)
			return this.error(
				res,
				401,
				`Incorrect API key provided: ${this.echoKeyInErrors ? key : `${key.slice(0, 3)}****${key.slice(-4)}`}. You can find your API key at https://platform.openai.com/account/api-keys.`,
				'invalid_request_error',
				null,
				'invalid_api_key',
			);
		const failure = takeFailure(
			this.failures,
			jobStep(method, path === '/v1/videos', /\/content$/.test(path)),
		);
		if (failure) {
			if (failure.status === 429)
				return this.error(
					res,
					429,
					'Rate limit reached for requests. Please try again in 1s.',
					'requests',
					null,
					'rate_limit_exceeded',
					{
						'retry-after': failure.retryAfter ?? '1',
					},
				);
			return this.error(
				res,
				failure.status,
				'The server had an error while processing your request. Sorry about that!',
				'server_error',
				null,
				null,
			);
		}

		let m: RegExpExecArray | null;
		if (path === '/v1/models' && method === 'GET')
			return this.json(res, 200, {
				object: 'list',
				data: this.models.map((id) => ({ id, object: 'model', owned_by: 'gateway' })),
			});
		if (path === '/v1/videos' && method === 'POST')
			return this.create(res, req.headers['content-type'] ?? '', body);
		if (path === '/v1/videos' && method === 'GET')
			return this.json(res, 200, {
				object: 'list',
				data: [...this.videos.values()].filter((v) => !v.deleted).map((v) => this.view(v)),
				has_more: false,
			});
		if ((m = /^\/v1\/videos\/([^/]+)\/content$/.exec(path)) && method === 'GET')
			return this.content(res, m[1], url.searchParams.get('variant') ?? 'video');
		if ((m = /^\/v1\/videos\/([^/]+)\/remix$/.exec(path)) && method === 'POST')
			return this.remix(res, m[1], body);
		if ((m = /^\/v1\/videos\/([^/]+)$/.exec(path))) {
			const video = this.stored(res, m[1]);
			if (!video) return;
			if (method === 'DELETE') {
				if (this.state(video).status !== 'completed' && this.state(video).status !== 'failed')
					this.deletedWhileRunning.push(video.id);
				video.deleted = true;
				return this.json(res, 200, { id: video.id, object: 'video.deleted', deleted: true });
			}
			if (method === 'GET') {
				if (this.malformedNextPoll) {
					this.malformedNextPoll = false;
					res
						.writeHead(200, { 'content-type': 'application/json' })
						.end('{"id": "' + video.id + '", "status": ');
					return;
				}
				return this.json(res, 200, this.view(video), {
					'openai-poll-after-ms': String(this.pollAfterMs),
				});
			}
		}
		return this.error(
			res,
			404,
			`Invalid URL (${method} ${path})`,
			'invalid_request_error',
			null,
			null,
		);
	}

	private error(
		res: ServerResponse,
		status: number,
		message: string,
		type: string,
		param: string | null,
		code: string | null,
		headers: Record<string, string> = {},
	) {
		this.json(res, status, openAiError(message, type, param, code), headers);
	}

	/** The video with this id, or undefined once a 404 `video_not_found` has been answered. */
	private stored(res: ServerResponse, id: string): Video | undefined {
		const video = this.videos.get(id);
		if (video && !video.deleted) return video;
		this.error(
			res,
			404,
			`Video with id '${id}' not found.`,
			'invalid_request_error',
			null,
			'video_not_found',
		);
		return undefined;
	}

	/** Every `input_reference` file received: its type, size in bytes and (PNG) pixel size. */
	readonly references: Array<{ type: string; bytes: number; width?: number; height?: number }> = [];

	private async create(res: ServerResponse, contentType: string, body: Buffer) {
		let fields: Record<string, unknown>;
		let reference: { bytes: Buffer; type: string } | undefined;
		if (contentType.includes('multipart/form-data')) {
			const form = await new Response(body, {
				headers: { 'content-type': contentType },
			}).formData();
			fields = {};
			for (const [key, value] of form.entries()) {
				if (typeof value === 'string') fields[key] = value;
				else if (key === 'input_reference')
					reference = { bytes: Buffer.from(await value.arrayBuffer()), type: value.type };
			}
		} else if (contentType.includes('application/json')) {
			try {
				fields = JSON.parse(body.toString('utf8'));
			} catch {
				return this.error(
					res,
					400,
					'We could not parse the JSON body of your request.',
					'invalid_request_error',
					null,
					null,
				);
			}
		} else
			return this.error(
				res,
				400,
				`Unsupported content type: '${contentType}'.`,
				'invalid_request_error',
				null,
				null,
			);

		const model = fields.model ?? 'sora-2';
		if (typeof model !== 'string' || !this.models.includes(model))
			return this.error(
				res,
				400,
				`Invalid value for 'model': '${String(model)}'.`,
				'invalid_request_error',
				'model',
				'invalid_value',
			);
		if (typeof fields.prompt !== 'string' || !fields.prompt)
			return this.error(
				res,
				400,
				"Missing required parameter: 'prompt'.",
				'invalid_request_error',
				'prompt',
				'missing_required_parameter',
			);
		const seconds = fields.seconds ?? '4';
		if (typeof seconds !== 'string')
			return this.error(
				res,
				400,
				`Invalid type for 'seconds': expected one of '4', '8', or '12', but got ${typeof seconds === 'number' ? 'an integer' : typeof seconds} instead.`,
				'invalid_request_error',
				'seconds',
				'invalid_type',
			);
		if (!SECONDS.includes(seconds))
			return this.error(
				res,
				400,
				`Invalid value: '${seconds}'. Supported values are: '4', '8', and '12'.`,
				'invalid_request_error',
				'seconds',
				'invalid_value',
			);
		const size = fields.size ?? '720x1280';
		if (typeof size !== 'string' || !SIZES.includes(size))
			return this.error(
				res,
				400,
				`Invalid value: '${String(size)}'. Supported values are: ${SIZES.map((s) => `'${s}'`).join(', ')}.`,
				'invalid_request_error',
				'size',
				'invalid_value',
			);
		if (reference) {
			const dims = pngSize(reference.bytes);
			this.references.push({ type: reference.type, bytes: reference.bytes.length, ...dims });
			const [w, h] = size.split('x').map(Number);
			if (!/^image\/(png|jpeg|webp)$/.test(reference.type))
				return this.error(
					res,
					400,
					'input_reference must be an image (png, jpeg or webp).',
					'invalid_request_error',
					'input_reference',
					'invalid_value',
				);
			if (dims && (dims.width !== w || dims.height !== h))
				return this.error(
					res,
					400,
					`Inpaint image must match the requested width and height (${size}), got ${dims.width}x${dims.height}.`,
					'invalid_request_error',
					'input_reference',
					'invalid_value',
				);
		}
		if (this.refuseWords.some((w) => (fields.prompt as string).includes(w)))
			return this.error(
				res,
				400,
				'Your request was blocked by our moderation system.',
				'invalid_request_error',
				null,
				'moderation_blocked',
			);
		const video = this.add(model, fields.prompt, size, seconds);
		this.json(res, 200, this.view(video), { 'openai-poll-after-ms': String(this.pollAfterMs) });
	}

	private add(
		model: string,
		prompt: string,
		size: string,
		seconds: string,
		remixedFrom?: string,
	): Video {
		const video: Video = {
			id: `video_${randomBytes(12).toString('hex')}`,
			model,
			prompt,
			size,
			seconds,
			createdAt: Date.now(),
			jobMs: this.jobMs,
			remixedFrom,
			failed: this.failWords.some((w) => prompt.includes(w))
				? {
						code: 'moderation_blocked',
						message: 'The generated video was flagged by our output moderation.',
					}
				: undefined,
		};
		this.videos.set(video.id, video);
		return video;
	}

	private state(video: Video): { status: string; progress: number } {
		const elapsed = Date.now() - video.createdAt;
		if (elapsed < video.jobMs * 0.2) return { status: 'queued', progress: 0 };
		if (elapsed < video.jobMs)
			return {
				status: 'in_progress',
				progress: Math.min(99, Math.round((elapsed / video.jobMs) * 100)),
			};
		return video.failed
			? { status: 'failed', progress: 100 }
			: { status: 'completed', progress: 100 };
	}

	private view(video: Video) {
		const { status, progress } = this.state(video);
		const created = Math.floor(video.createdAt / 1000);
		return {
			id: video.id,
			object: 'video',
			model: video.model,
			status,
			progress,
			created_at: created,
			completed_at: status === 'completed' ? created + Math.ceil(video.jobMs / 1000) : null,
			expires_at: status === 'completed' ? created + 3600 : null,
			size: video.size,
			seconds: video.seconds,
			quality: 'standard',
			remixed_from_video_id: video.remixedFrom ?? null,
			error: status === 'failed' ? video.failed : null,
		};
	}

	private async content(res: ServerResponse, id: string, variant: string) {
		const video = this.stored(res, id);
		if (!video) return;
		if (this.state(video).status !== 'completed')
			return this.error(
				res,
				404,
				'Video is not ready yet, use GET /v1/videos/{video_id} to check status.',
				'invalid_request_error',
				null,
				'video_not_ready',
			);
		if (!['video', 'thumbnail', 'spritesheet'].includes(variant))
			return this.error(
				res,
				400,
				`Invalid value: '${variant}'. Supported values are: 'video', 'thumbnail', and 'spritesheet'.`,
				'invalid_request_error',
				'variant',
				'invalid_value',
			);
		const [w, h] = video.size.split('x').map(Number);
		if (variant !== 'video') {
			const image = await makeImage(variant === 'thumbnail' ? w : w * 2, h, variant);
			res.writeHead(200, {
				'content-type': 'image/png',
				'content-length': String(fs.statSync(image).size),
			});
			fs.createReadStream(image).pipe(res);
			return;
		}
		video.file ??= makeClip({
			width: w,
			height: h,
			seconds: Number(video.seconds),
			fps: 30,
			audio: true,
		});
		const path = await video.file;
		serveFile(res, path, this.brokenDownloads > 0 ? (this.brokenDownloads--, true) : false);
	}

	private remix(res: ServerResponse, id: string, body: Buffer) {
		const source = this.stored(res, id);
		if (!source) return;
		if (this.state(source).status !== 'completed')
			return this.error(
				res,
				400,
				'Only completed videos can be remixed.',
				'invalid_request_error',
				null,
				'invalid_state',
			);
		let prompt: unknown;
		try {
			prompt = JSON.parse(body.toString('utf8')).prompt;
		} catch {
			prompt = undefined;
		}
		if (typeof prompt !== 'string' || !prompt)
			return this.error(
				res,
				400,
				"Missing required parameter: 'prompt'.",
				'invalid_request_error',
				'prompt',
				'missing_required_parameter',
			);
		const video = this.add(source.model, prompt, source.size, source.seconds, source.id);
		this.json(res, 200, this.view(video), { 'openai-poll-after-ms': String(this.pollAfterMs) });
	}
}

/**
 * A local Gemini API, written from its public documentation and the google-genai SDK's wire types,
 * serving what Reelforge's `veo` and `omni` providers use:
 *
 * - Auth: `x-goog-api-key` header or `?key=`. None: 403 PERMISSION_DENIED. A wrong one: 400
 *   INVALID_ARGUMENT with an ErrorInfo detail `reason: "API_KEY_INVALID"`. Errors are
 *   `{"error":{"code","message","status","details"?}}`; quota is 429 RESOURCE_EXHAUSTED with a
 *   RetryInfo `retryDelay`.
 * - Veo: `POST /v1beta/models/{model}:predictLongRunning` (`instances[0]` prompt, image/lastFrame as
 *   `{bytesBase64Encoded, mimeType}`, referenceImages `{image, referenceType}`, video `{uri}`;
 *   `parameters` aspectRatio 16:9|9:16, resolution 720p|1080p|4k — 1080p/4k only at 8 s, Lite no
 *   4k —, durationSeconds 4|6|8) → `{name:"models/{model}/operations/{id}"}`;
 *   `GET /v1beta/{name}` → `{name, done}` then `response.generateVideoResponse.generatedSamples[].
 *   video.uri`, or `raiMediaFilteredCount/Reasons` and no samples when blocked;
 *   `POST /v1beta/{name}:cancel` → the operation ends with error code 1 CANCELLED.
 * - Files: `GET /v1beta/files/{id}:download?alt=media` needs the key and answers 302 to the bytes
 *   (on `blobHost` when set: another origin, which must not receive the key).
 * - Omni: `POST /v1beta/interactions` (`model`, `input`, `response_format {type:"video",
 *   aspect_ratio, resolution, duration, delivery}`, `background`, `previous_interaction_id`) →
 *   Interaction `{id, status}`; `GET /v1beta/interactions/{id}` → `completed` with a `model_output`
 *   step holding `{type:"video", mime_type, uri|data}`; `POST …/{id}/cancel`. A blocked interaction
 *   ends `failed` with a safety error (the exact public shape of that error is not documented; this
 *   is the emulator's assumption, see docs/providers.md).
 * - Webhooks: `POST /v1beta/webhooks {name, subscribed_events, uri}` → `new_signing_secret`
 *   (`whsec_…`, shown once); matching events (`video.generated`, `interaction.completed`) are POSTed
 *   signed per Standard Webhooks when a job finishes.
 *
 * Clips are real MP4s made by ffmpeg at the size and length asked for.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { makeClip } from './media';
import {
	EmulatorServer,
	jobStep,
	takeFailure,
	type Exchange,
	type ScriptedFailure,
} from './server';

const VEO_MODELS = new Set([
	'veo-3.1-generate-preview',
	'veo-3.1-fast-generate-preview',
	'veo-3.1-lite-generate-preview',
]);
const OMNI_MODELS = new Set(['gemini-omni-flash-preview']);
const EDGE: Record<string, [number, number]> = {
	'720p': [1280, 720],
	'1080p': [1920, 1080],
	'4k': [3840, 2160],
};

export interface GeminiFailure extends ScriptedFailure {
	/** RetryInfo delay for 429 ("2s"). */
	retryDelay?: string;
}

interface Job {
	kind: 'veo' | 'interaction';
	id: string;
	name: string;
	model: string;
	createdAt: number;
	jobMs: number;
	width: number;
	height: number;
	seconds: number;
	blockedReasons?: string[];
	canceled?: boolean;
	fileId?: string;
	delivery?: 'uri' | 'inline';
	input?: unknown;
	notified?: boolean;
	making?: Promise<string>;
}

interface FileEntry {
	path: string;
	token: string;
	width: number;
	height: number;
	seconds: number;
}

export class GeminiEmulator extends EmulatorServer {
	readonly apiKey = `AIza${randomBytes(16).toString('hex')}`;
	/** How long a job takes. */
	jobMs = 1200;
	/** The clips' sound: a tone (undefined), none (false), or this sound file (speech, say). */
	clipSound?: string | false;
	/** Prompts containing one of these are blocked by the "safety filters". */
	blockWords = ['forbidden-weapon'];
	/** One-shot failures, in order. */
	readonly failures: GeminiFailure[] = [];
	/** Downloads that break off after a few bytes, then succeed. */
	brokenDownloads = 0;
	/** Answer the next operation poll with a body that is not JSON. */
	malformedNextPoll = false;
	/** Finish the next job with `done: true` and no response at all. */
	emptyNextResult = false;
	/** Where file bytes are served (another origin) when set. */
	blobHost?: BlobHost;
	/** Whether `:cancel` is implemented (the real API may answer UNIMPLEMENTED). */
	cancelSupported = true;
	/** Deliver Omni videos inline (base64) whatever the request asked. */
	forceInline = false;
	readonly jobs = new Map<string, Job>();
	readonly files = new Map<string, FileEntry>();
	readonly webhooks: Array<{ id: string; uri: string; events: string[]; secret: string }> = [];
	readonly deliveries: Array<{ uri: string; type: string; status: number }> = [];
	readonly canceled: string[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();

	override async stop() {
		for (const t of this.timers) clearTimeout(t);
		await super.stop();
	}

	protected async handle({ req, res, url, body }: Exchange) {
		const path = url.pathname;
		const method = req.method ?? 'GET';
		if (path.startsWith('/blob/')) return this.serveBlob(res, path.slice(6));
		const auth = this.authenticate(req.headers['x-goog-api-key'], url.searchParams.get('key'));
		if (auth) return this.error(res, auth.status, auth.message, auth.statusText, auth.details);

		const step = jobStep(
			method,
			/:predictLongRunning$|\/interactions$/.test(path),
			/\/files\//.test(path),
		);
		const failure = takeFailure(this.failures, step);
		if (failure) {
			if (failure.status === 429)
				return this.error(
					res,
					429,
					'Resource has been exhausted (e.g. check quota).',
					'RESOURCE_EXHAUSTED',
					[
						{
							'@type': 'type.googleapis.com/google.rpc.RetryInfo',
							retryDelay: failure.retryDelay ?? '1s',
						},
					],
				);
			return this.error(
				res,
				failure.status,
				failure.status === 503
					? 'The model is overloaded. Please try again later.'
					: 'Internal error encountered.',
				failure.status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
			);
		}

		let m: RegExpExecArray | null;
		if ((m = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/.exec(path)) && method === 'POST')
			return this.predict(res, decodeURIComponent(m[1]), parseJson(body));
		if (
			(m = /^\/v1beta\/(models\/[^/]+\/operations\/[^/:]+):cancel$/.exec(path)) &&
			method === 'POST'
		)
			return this.cancelOperation(res, m[1]);
		if ((m = /^\/v1beta\/(models\/[^/]+\/operations\/[^/:]+)$/.exec(path)) && method === 'GET')
			return this.getOperation(res, m[1]);
		if ((m = /^\/v1beta\/models\/([^/:]+)$/.exec(path)) && method === 'GET') {
			const model = decodeURIComponent(m[1]);
			if (!VEO_MODELS.has(model) && !OMNI_MODELS.has(model))
				return this.error(
					res,
					404,
					`models/${model} is not found for API version v1beta.`,
					'NOT_FOUND',
				);
			return this.json(res, 200, { name: `models/${model}`, displayName: model, version: '3.1' });
		}
		if ((m = /^\/v1beta\/files\/([^/:]+):download$/.exec(path)) && method === 'GET')
			return this.download(res, m[1], url.searchParams.get('alt'));
		if (path === '/v1beta/interactions' && method === 'POST')
			return this.createInteraction(res, parseJson(body));
		if ((m = /^\/v1beta\/interactions\/([^/]+)\/cancel$/.exec(path)) && method === 'POST')
			return this.cancelInteraction(res, m[1]);
		if ((m = /^\/v1beta\/interactions\/([^/]+)$/.exec(path)) && method === 'GET')
			return this.getInteraction(res, m[1]);
		if (path === '/v1beta/webhooks' && method === 'POST')
			return this.createWebhook(res, parseJson(body));
		if (path === '/v1beta/webhooks' && method === 'GET')
			return this.json(res, 200, { webhooks: this.webhooks.map(({ secret: _s, ...w }) => w) });
		return this.error(
			res,
			404,
			`The requested URL ${path} was not found on this server.`,
			'NOT_FOUND',
		);
	}

	private authenticate(header: string | string[] | undefined, query: string | null) {
		const key = (Array.isArray(header) ? header[0] : header) ?? query ?? undefined;
		if (!key)
			return {
				status: 403,
				statusText: 'PERMISSION_DENIED',
				message:
					"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
			};
		if (key !== this.apiKey)
			return {
				status: 400,
				statusText: 'INVALID_ARGUMENT',
				message: 'API key not valid. Please pass a valid API key.',
				details: [
					{
						'@type': 'type.googleapis.com/google.rpc.ErrorInfo',
						reason: 'API_KEY_INVALID',
						domain: 'googleapis.com',
						metadata: { service: 'generativelanguage.googleapis.com' },
					},
				],
			};
		return undefined;
	}

	private error(
		res: ServerResponse,
		code: number,
		message: string,
		status: string,
		details?: unknown[],
	) {
		this.json(res, code, { error: { code, message, status, ...(details ? { details } : {}) } });
	}

	private invalid(res: ServerResponse, message: string, field?: string) {
		this.error(
			res,
			400,
			message,
			'INVALID_ARGUMENT',
			field
				? [
						{
							'@type': 'type.googleapis.com/google.rpc.BadRequest',
							fieldViolations: [{ field, description: message }],
						},
					]
				: undefined,
		);
	}

	private async predict(res: ServerResponse, model: string, body: unknown) {
		if (!VEO_MODELS.has(model))
			return this.error(
				res,
				404,
				`models/${model} is not found for API version v1beta, or is not supported for predictLongRunning.`,
				'NOT_FOUND',
			);
		const b = body as
			| { instances?: Array<Record<string, unknown>>; parameters?: Record<string, unknown> }
			| undefined;
		const instance = b?.instances?.[0];
		if (
			!Array.isArray(b?.instances) ||
			b.instances.length !== 1 ||
			typeof instance?.prompt !== 'string'
		)
			return this.invalid(
				res,
				'instances must hold one instance with a prompt.',
				'instances[0].prompt',
			);
		const p = b.parameters ?? {};
		const aspect = (p.aspectRatio as string) ?? '16:9';
		if (aspect !== '16:9' && aspect !== '9:16')
			return this.invalid(
				res,
				`aspectRatio must be 16:9 or 9:16, got ${aspect}.`,
				'parameters.aspectRatio',
			);
		const resolution = (p.resolution as string) ?? '720p';
		if (!EDGE[resolution] || (resolution === '4k' && /lite/.test(model)))
			return this.invalid(
				res,
				`resolution ${resolution} is not supported by ${model}.`,
				'parameters.resolution',
			);
		let seconds = Number(p.durationSeconds ?? 8);
		for (const [field, image] of [
			['image', instance.image],
			['lastFrame', instance.lastFrame],
		] as const) {
			if (image === undefined) continue;
			const problem = imageProblem(image);
			if (problem)
				return this.invalid(
					res,
					`Invalid value at 'instances[0].${field}': ${problem}`,
					`instances[0].${field}`,
				);
		}
		if (instance.lastFrame && !instance.image)
			return this.invalid(
				res,
				'lastFrame needs image (the first frame).',
				'instances[0].lastFrame',
			);
		if (instance.referenceImages !== undefined) {
			const refs = instance.referenceImages as Array<{ image?: unknown; referenceType?: string }>;
			if (!Array.isArray(refs) || refs.length > 3 || /lite/.test(model))
				return this.invalid(
					res,
					'referenceImages takes up to 3 images.',
					'instances[0].referenceImages',
				);
			for (const [i, ref] of refs.entries()) {
				const problem = imageProblem(ref?.image);
				if (problem || (ref.referenceType !== 'asset' && ref.referenceType !== 'style'))
					return this.invalid(
						res,
						`Invalid value at 'instances[0].referenceImages[${i}]'`,
						`instances[0].referenceImages[${i}]`,
					);
			}
			if (seconds !== 8)
				return this.invalid(
					res,
					'Reference images need durationSeconds 8.',
					'parameters.durationSeconds',
				);
		}
		let source: FileEntry | undefined;
		if (instance.video !== undefined) {
			const uri = (instance.video as { uri?: string })?.uri;
			const id = uri && /\/files\/([^/:?]+)/.exec(uri)?.[1];
			source = id ? this.files.get(id) : undefined;
			if (!source)
				return this.invalid(
					res,
					'video must be a video Veo generated (its uri).',
					'instances[0].video',
				);
			if (source.height !== 720 && source.width !== 720)
				return this.invalid(res, 'Only 720p videos can be extended.', 'instances[0].video');
			if (resolution !== '720p')
				return this.invalid(res, 'Extension is 720p only.', 'parameters.resolution');
			if (source.seconds + 7 > 148)
				return this.invalid(res, 'The video would exceed 148 s.', 'instances[0].video');
			seconds = source.seconds + 7;
		} else if (![4, 6, 8].includes(seconds)) {
			return this.invalid(
				res,
				`durationSeconds must be 4, 6 or 8, got ${p.durationSeconds}.`,
				'parameters.durationSeconds',
			);
		} else if (resolution !== '720p' && seconds !== 8) {
			return this.invalid(
				res,
				`${resolution} videos must be 8 seconds long.`,
				'parameters.durationSeconds',
			);
		}
		if (
			p.personGeneration !== undefined &&
			!['allow_all', 'allow_adult'].includes(String(p.personGeneration))
		)
			return this.invalid(
				res,
				`${String(p.personGeneration)} for personGeneration is currently not supported.`,
				'parameters.personGeneration',
			);
		const [long, short] = EDGE[resolution];
		const id = randomBytes(6).toString('hex');
		const name = `models/${model}/operations/${id}`;
		const prompt = instance.prompt;
		const job: Job = {
			kind: 'veo',
			id,
			name,
			model,
			createdAt: Date.now(),
			jobMs: this.jobMs,
			width: aspect === '16:9' ? long : short,
			height: aspect === '16:9' ? short : long,
			seconds,
			blockedReasons: this.blockWords.some((w) => prompt.includes(w))
				? [
						'Your current safety settings for person generation blocked one or more videos. We are sorry about that.',
					]
				: undefined,
		};
		this.jobs.set(name, job);
		this.schedule(job);
		this.json(res, 200, { name });
	}

	private schedule(job: Job) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void this.finish(job);
		}, job.jobMs);
		this.timers.add(timer);
	}

	/** Makes the job's file and sends the webhooks it triggers. */
	private async finish(job: Job) {
		if (job.canceled || job.notified) return;
		job.notified = true;
		if (!job.blockedReasons) await this.fileFor(job);
		const type =
			job.kind === 'veo'
				? 'video.generated'
				: job.blockedReasons
					? 'interaction.failed'
					: 'interaction.completed';
		const event = {
			id: `evt_${randomBytes(8).toString('hex')}`,
			type,
			timestamp: new Date().toISOString(),
			data:
				job.kind === 'veo'
					? { name: job.name, video_uri: job.fileId ? this.fileUri(job.fileId) : undefined }
					: { id: job.id, status: job.blockedReasons ? 'failed' : 'completed' },
		};
		for (const hook of this.webhooks.filter((w) => w.events.includes(type))) {
			const body = JSON.stringify(event);
			const msgId = `msg_${randomBytes(8).toString('hex')}`;
			const now = new Date();
			try {
				const response = await fetch(hook.uri, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'webhook-id': msgId,
						'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
						'webhook-signature': new Webhook(hook.secret).sign(msgId, now, body),
					},
					body,
				});
				this.deliveries.push({ uri: hook.uri, type, status: response.status });
			} catch {
				this.deliveries.push({ uri: hook.uri, type, status: 0 });
			}
		}
	}

	private fileFor(job: Job): Promise<string> {
		job.making ??= makeClip({
			width: job.width,
			height: job.height,
			seconds: job.seconds,
			fps: 24,
			audio: this.clipSound !== false,
			...(typeof this.clipSound === 'string' ? { soundtrack: this.clipSound } : {}),
		}).then((path) => {
			const fileId = randomBytes(6).toString('hex');
			this.files.set(fileId, {
				path,
				token: randomUUID(),
				width: job.width,
				height: job.height,
				seconds: job.seconds,
			});
			job.fileId = fileId;
			return fileId;
		});
		return job.making;
	}

	private fileUri(fileId: string) {
		return `${this.url}/v1beta/files/${fileId}:download?alt=media`;
	}

	private async getOperation(res: ServerResponse, name: string) {
		const job = this.jobs.get(name);
		if (!job) return this.error(res, 404, `Operation ${name} not found.`, 'NOT_FOUND');
		if (this.malformedNextPoll) {
			this.malformedNextPoll = false;
			res
				.writeHead(200, { 'content-type': 'text/html' })
				.end('<html><body>upstream proxy error</body></html>');
			return;
		}
		if (job.canceled)
			return this.json(res, 200, {
				name,
				done: true,
				error: { code: 1, message: 'Operation was cancelled.', status: 'CANCELLED' },
			});
		if (Date.now() - job.createdAt < job.jobMs) return this.json(res, 200, { name });
		if (this.emptyNextResult) {
			this.emptyNextResult = false;
			return this.json(res, 200, { name, done: true });
		}
		if (job.blockedReasons)
			return this.json(res, 200, {
				name,
				done: true,
				response: {
					'@type':
						'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
					generateVideoResponse: {
						raiMediaFilteredCount: 1,
						raiMediaFilteredReasons: job.blockedReasons,
					},
				},
			});
		const fileId = await this.fileFor(job);
		this.json(res, 200, {
			name,
			done: true,
			response: {
				'@type':
					'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
				generateVideoResponse: { generatedSamples: [{ video: { uri: this.fileUri(fileId) } }] },
			},
		});
	}

	private cancelOperation(res: ServerResponse, name: string) {
		if (!this.cancelSupported)
			return this.error(res, 501, 'Operation cancellation is not implemented.', 'UNIMPLEMENTED');
		const job = this.jobs.get(name);
		if (!job) return this.error(res, 404, `Operation ${name} not found.`, 'NOT_FOUND');
		if (Date.now() - job.createdAt < job.jobMs) {
			job.canceled = true;
			this.canceled.push(name);
		}
		this.json(res, 200, {});
	}

	private download(res: ServerResponse, fileId: string, alt: string | null) {
		const file = this.files.get(fileId);
		if (!file) return this.error(res, 404, `File ${fileId} not found.`, 'NOT_FOUND');
		if (alt !== 'media')
			return this.json(res, 200, {
				name: `files/${fileId}`,
				mimeType: 'video/mp4',
				state: 'ACTIVE',
			});
		const target = this.blobHost ? this.blobHost.register(file) : `${this.url}/blob/${file.token}`;
		res.writeHead(302, { location: target }).end();
	}

	private serveBlob(res: ServerResponse, token: string) {
		const file = [...this.files.values()].find((f) => f.token === token);
		if (!file) return this.error(res, 404, 'Not found.', 'NOT_FOUND');
		serveFile(res, file.path, this.brokenDownloads > 0 ? (this.brokenDownloads--, true) : false);
	}

	private async createInteraction(res: ServerResponse, body: unknown) {
		const b = (body ?? {}) as {
			model?: string;
			input?: unknown;
			response_format?: {
				type?: string;
				aspect_ratio?: string;
				resolution?: string;
				duration?: string;
				delivery?: string;
			};
			previous_interaction_id?: string;
		};
		if (!b.model || !OMNI_MODELS.has(b.model))
			return this.error(
				res,
				404,
				`models/${b.model} is not found for API version v1beta.`,
				'NOT_FOUND',
			);
		if (b.input === undefined || (typeof b.input !== 'string' && !Array.isArray(b.input)))
			return this.invalid(res, 'input is required.', 'input');
		const format = b.response_format ?? {};
		if (format.type !== 'video')
			return this.invalid(
				res,
				'response_format.type must be video for this model.',
				'response_format',
			);
		const aspect = format.aspect_ratio ?? '16:9';
		if (aspect !== '16:9' && aspect !== '9:16')
			return this.invalid(
				res,
				`Unsupported aspect_ratio ${aspect}.`,
				'response_format.aspect_ratio',
			);
		if ((format.resolution ?? '720p') !== '720p')
			return this.invalid(
				res,
				`Unsupported resolution ${format.resolution}.`,
				'response_format.resolution',
			);
		let seconds = 8;
		if (format.duration !== undefined) {
			const m = /^(\d+)s$/.exec(format.duration);
			if (!m || Number(m[1]) < 3 || Number(m[1]) > 10)
				return this.invalid(
					res,
					`duration must be between 3s and 10s, got ${format.duration}.`,
					'response_format.duration',
				);
			seconds = Number(m[1]);
		}
		if (Array.isArray(b.input))
			for (const [i, part] of (b.input as Array<Record<string, unknown>>).entries()) {
				if (
					part?.type === 'image' &&
					(typeof part.data !== 'string' || typeof part.mime_type !== 'string')
				)
					return this.invalid(res, `input[${i}] needs data and mime_type.`, `input[${i}]`);
			}
		if (b.previous_interaction_id !== undefined) {
			const previous = this.jobs.get(b.previous_interaction_id);
			if (!previous || previous.kind !== 'interaction')
				return this.error(
					res,
					404,
					`Interaction ${b.previous_interaction_id} not found.`,
					'NOT_FOUND',
				);
			seconds = format.duration ? seconds : previous.seconds;
		}
		const text = JSON.stringify(b.input);
		const id = `v1_${randomBytes(10).toString('hex')}`;
		const job: Job = {
			kind: 'interaction',
			id,
			name: id,
			model: b.model,
			createdAt: Date.now(),
			jobMs: this.jobMs,
			width: aspect === '16:9' ? 1280 : 720,
			height: aspect === '16:9' ? 720 : 1280,
			seconds,
			delivery: format.delivery === 'uri' && !this.forceInline ? 'uri' : 'inline',
			input: b.input,
			blockedReasons: this.blockWords.some((w) => text.includes(w))
				? ['The generated video was blocked by safety filters (prohibited content).']
				: undefined,
		};
		this.jobs.set(id, job);
		this.schedule(job);
		this.json(res, 200, {
			id,
			object: 'interaction',
			model: b.model,
			status: 'in_progress',
			created: new Date().toISOString(),
		});
	}

	private async getInteraction(res: ServerResponse, id: string) {
		const job = this.jobs.get(id);
		if (!job || job.kind !== 'interaction')
			return this.error(res, 404, `Interaction ${id} not found.`, 'NOT_FOUND');
		const base = {
			id,
			object: 'interaction',
			model: job.model,
			created: new Date(job.createdAt).toISOString(),
		};
		if (this.malformedNextPoll) {
			this.malformedNextPoll = false;
			return this.json(res, 200, { ...base, status: 'exploded' });
		}
		if (job.canceled) return this.json(res, 200, { ...base, status: 'cancelled' });
		if (Date.now() - job.createdAt < job.jobMs)
			return this.json(res, 200, { ...base, status: 'in_progress' });
		if (job.blockedReasons)
			return this.json(res, 200, {
				...base,
				status: 'failed',
				errors: job.blockedReasons.map((message) => ({ code: 'SAFETY', message })),
			});
		if (this.emptyNextResult) {
			this.emptyNextResult = false;
			return this.json(res, 200, { ...base, status: 'completed', steps: [] });
		}
		const fileId = await this.fileFor(job);
		const video =
			job.delivery === 'uri'
				? { type: 'video', mime_type: 'video/mp4', uri: this.fileUri(fileId) }
				: {
						type: 'video',
						mime_type: 'video/mp4',
						data: fs.readFileSync(this.files.get(fileId)!.path).toString('base64'),
					};
		this.json(res, 200, {
			...base,
			status: 'completed',
			updated: new Date().toISOString(),
			steps: [
				{
					type: 'user_input',
					content: typeof job.input === 'string' ? [{ type: 'text', text: job.input }] : job.input,
				},
				{ type: 'thought', signature: randomBytes(12).toString('base64') },
				{ type: 'model_output', content: [video] },
			],
			usage: { output_tokens_by_modality: [{ modality: 'video', tokens: 5792 * job.seconds }] },
		});
	}

	private cancelInteraction(res: ServerResponse, id: string) {
		const job = this.jobs.get(id);
		if (!job || job.kind !== 'interaction')
			return this.error(res, 404, `Interaction ${id} not found.`, 'NOT_FOUND');
		if (Date.now() - job.createdAt >= job.jobMs)
			return this.error(
				res,
				400,
				'Only background interactions that are still running can be cancelled.',
				'FAILED_PRECONDITION',
			);
		job.canceled = true;
		this.canceled.push(id);
		this.json(res, 200, { id, object: 'interaction', status: 'cancelled' });
	}

	private createWebhook(res: ServerResponse, body: unknown) {
		const b = (body ?? {}) as { name?: string; uri?: string; subscribed_events?: string[] };
		if (
			typeof b.uri !== 'string' ||
			!Array.isArray(b.subscribed_events) ||
			!b.subscribed_events.length
		)
			return this.invalid(res, 'uri and subscribed_events are required.', 'uri');
		const id = randomBytes(6).toString('hex');
		const secret = `whsec_${randomBytes(24).toString('base64')}`;
		this.webhooks.push({ id, uri: b.uri, events: b.subscribed_events, secret });
		this.json(res, 200, {
			id,
			name: `webhooks/${id}`,
			uri: b.uri,
			subscribed_events: b.subscribed_events,
			state: 'enabled',
			new_signing_secret: secret,
			create_time: new Date().toISOString(),
		});
	}
}

/** A second origin serving file bytes (Google's download redirects to storage elsewhere). */
export class BlobHost extends EmulatorServer {
	private readonly files = new Map<string, string>();
	register(file: { path: string; token: string }): string {
		this.files.set(file.token, file.path);
		return `${this.url}/b/${file.token}`;
	}
	protected async handle({ res, url }: Exchange) {
		const path = this.files.get(url.pathname.replace(/^\/b\//, ''));
		if (!path) return void res.writeHead(404).end();
		serveFile(res, path, false);
	}
}

/** Sends a file; `broken` sends a part, then drops the connection (a download cut short). */
export function serveFile(res: ServerResponse, path: string, broken: boolean, type = 'video/mp4') {
	const size = fs.statSync(path).size;
	res.writeHead(200, { 'content-type': type, 'content-length': String(size) });
	if (broken) {
		const fd = fs.openSync(path, 'r');
		const part = Buffer.alloc(Math.min(1024, size));
		fs.readSync(fd, part, 0, part.length, 0);
		fs.closeSync(fd);
		res.write(part, () => res.destroy());
		return;
	}
	fs.createReadStream(path).pipe(res);
}

function imageProblem(image: unknown): string | undefined {
	const i = image as
		| { bytesBase64Encoded?: unknown; mimeType?: unknown; inlineData?: unknown }
		| undefined;
	if (!i || typeof i !== 'object') return 'expected an Image';
	if (typeof i.bytesBase64Encoded !== 'string' || !i.bytesBase64Encoded)
		return 'bytesBase64Encoded is required';
	if (typeof i.mimeType !== 'string' || !/^image\/(png|jpeg|webp)$/.test(i.mimeType))
		return 'mimeType must be image/png, image/jpeg or image/webp';
	return undefined;
}

function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

/**
 * `comfyui`: the user's own ComfyUI (LTX-2, Wan 2.2, HunyuanVideo, ... on their GPU), driven with
 * an API-format workflow whose placeholders Reelforge fills (workflow.ts).
 *
 * - Reference images go up first: `POST /upload/image` (multipart `image`, `type`, `subfolder`,
 *   `overwrite`); the answer's `name` (with its `subfolder`) is what `{{image}}` becomes.
 * - Submit: `POST /prompt {prompt, client_id, prompt_id}`. A 400 carries `error` and
 *   `node_errors`; a 200 can still carry `node_errors` (nodes that will not run): both are
 *   `provider_bad_request` naming the nodes.
 * - Progress: a websocket on `/ws?clientId=<the job's client id>`, opened before the prompt is
 *   posted (events only reach the socket whose clientId matches the prompt's `client_id`):
 *   `execution_start`, `execution_cached`, `executing` (node null: finished), `progress`,
 *   `execution_success`, `execution_error`, `execution_interrupted`. A finish wakes the poll loop.
 * - Status: `GET /history/{id}` answers `{}` while the job is queued, running or unknown, so
 *   `GET /queue` tells those apart. A finished entry has `status.status_str` `success` or `error`;
 *   the last message (`execution_error` vs `execution_interrupted`) says which kind of end.
 * - Output: core SaveVideo lists its file under `images` with `animated: [true]`;
 *   VideoHelperSuite under `gifs`. `GET /view?filename&subfolder&type` (type from the item).
 * - Cancel: `POST /api/jobs/{id}/cancel` on newer servers; otherwise `/interrupt` (only when this
 *   job is the running one) or `POST /queue {delete:[id]}` while it waits.
 * - ComfyUI has no authentication: an optional bearer token is sent for a proxy in front.
 */
import { randomUUID } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { basename, extname, join } from 'node:path';
import WebSocket from 'ws';
import type { FieldError } from '../../spec/errors';
import {
	finishedResult,
	parseSize,
	ProviderError,
	validateCommon,
	type ClipCapabilities,
	type ClipGenerator,
	type ClipHandle,
	type ClipSize,
	type ClipStatus,
	type ImageInput,
	type ProbeResult,
} from '../remote/clipGenerator';
import type { Outbound } from '../../net/outbound';
import { bearerClient, joinUrl, retryAfterMs } from '../remote/http';
import { wakeKey, type WakeBus } from '../remote/wake';
import { historyEnd, videoIn, type HistoryEntry } from './history';
import { applyEvent, hasEnded, newTracker, progressOf, type Tracker } from './progress';
import { fillWorkflow, framesFor, type ComfyWorkflow, type PlaceholderValues } from './workflow';

export interface ComfyUIConfig {
	name: string;
	/** The server's base URL (http://host:8188, or a proxy in front). */
	url: string;
	workflow: ComfyWorkflow;
	/** Bearer token for a proxy in front of ComfyUI. */
	apiKey?: string;
	/** Clip lengths offered, seconds. */
	durations?: number[];
	/** Output sizes as "WIDTHxHEIGHT" (what {{width}}/{{height}} may be). */
	sizes?: string[];
	/** Frame rate the workflow renders at ({{fps}}). */
	fps?: number;
	/** Frame-count grid: frames = step·n + offset (Wan: 4/1, LTX: 8/1). */
	frameStep?: number;
	frameOffset?: number;
	/** Whether the workflow's output has sound (LTX-2 can). */
	nativeAudio?: boolean;
	concurrency?: number;
	deadlineSeconds?: number;
	/** Wakes the poll loop when the socket reports the end of a job. */
	wake?: WakeBus;
	log?: (message: string, fields?: Record<string, unknown>) => void;
	/** The service's outbound door (its resolver and allow-list); a door of its own otherwise. */
	outbound?: Outbound;
}

export const COMFYUI_DEFAULT_SIZES = ['1280x720', '720x1280', '832x480', '480x832'];
export const COMFYUI_WAKE_FAMILY = 'comfyui';

interface NodeErrors {
	[node: string]: {
		class_type?: string;
		errors?: Array<{
			type?: string;
			message?: string;
			details?: string;
			extra_info?: { input_name?: string };
		}>;
	};
}

const SAFE_NAME = /^[^\0/\\]{1,255}$/;

export function createComfyUIGenerator(config: ComfyUIConfig): ClipGenerator {
	const provider = config.name;
	const base = config.url.replace(/\/+$/, '');
	const { http, credentials } = bearerClient({
		provider,
		base,
		apiKey: config.apiKey,
		outbound: config.outbound,
	});
	const fps = config.fps ?? 24;
	const workflow = config.workflow;
	const sizes: ClipSize[] = (config.sizes ?? COMFYUI_DEFAULT_SIZES)
		.map((s) => parseSize(s)!)
		.filter(Boolean);
	const caps: ClipCapabilities = {
		model: `ComfyUI workflow (${workflow.nodeCount} nodes)`,
		durations: [...(config.durations ?? [2, 3, 4, 5])].sort((a, b) => a - b),
		sizes,
		fps: [fps],
		nativeAudio: config.nativeAudio ?? false,
		referenceImages: 0,
		firstFrame: workflow.uses.has('image'),
		lastFrame: false,
		remix: false,
		negativePrompt: workflow.uses.has('negative_prompt'),
		seed: workflow.uses.has('seed'),
		webhooks: true,
		concurrency: config.concurrency ?? 1,
		deadlineSeconds: config.deadlineSeconds ?? 1800,
		price: {
			usdPerSecond: 0,
			asOf: 'n/a',
			source: 'your own hardware',
			note: 'no per-second fee; electricity and GPU time are yours',
		},
	};
	const trackers = new Map<string, Tracker>();
	const log = config.log ?? (() => undefined);

	const url = (path: string) => joinUrl(base, path);

	async function error(response: Response, context: string): Promise<ProviderError> {
		const body = (await http.maybeJson(response)) as
			| {
					error?: { type?: string; message?: string; details?: string } | string;
					node_errors?: NodeErrors;
			  }
			| undefined;
		const options = { provider, httpStatus: response.status };
		if (response.status === 401 || response.status === 403)
			return new ProviderError(
				'provider_auth',
				`${provider}: ${context}: the proxy refused the token (HTTP ${response.status})`,
				options,
			);
		if (response.status === 429)
			return new ProviderError(
				'provider_rate_limited',
				`${provider}: ${context}: too many requests`,
				{
					...options,
					retryAfterMs: retryAfterMs(response.headers),
				},
			);
		if (response.status >= 500)
			return new ProviderError(
				'provider_unavailable',
				`${provider}: ${context}: HTTP ${response.status}`,
				options,
			);
		if (body?.node_errors && Object.keys(body.node_errors).length)
			return nodeErrors(body.node_errors, body.error);
		const e = body?.error;
		const message = typeof e === 'string' ? e : [e?.message, e?.details].filter(Boolean).join(': ');
		return new ProviderError(
			response.status === 404 ? 'provider_failed' : 'provider_bad_request',
			http.redact(`${provider}: ${context}: ${message || `HTTP ${response.status}`}`),
			{ ...options, providerCode: typeof e === 'object' ? e?.type : undefined },
		);
	}

	function nodeErrors(errors: NodeErrors, top?: unknown): ProviderError {
		const details: FieldError[] = [];
		for (const [node, entry] of Object.entries(errors).slice(0, 20)) {
			for (const e of entry.errors ?? [{ message: 'invalid' }]) {
				const input = e.extra_info?.input_name;
				details.push({
					path: `/workflow/${node}${input ? `/inputs/${input}` : ''}`,
					message: http.redact(
						`${entry.class_type ?? 'node'}: ${[e.message, e.details].filter(Boolean).join(': ')}`,
					),
				});
			}
		}
		const summary =
			typeof top === 'object' && top && 'message' in top
				? String((top as { message: unknown }).message)
				: 'the workflow failed validation';
		return new ProviderError(
			'provider_bad_request',
			`${provider}: ${summary}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
			{
				provider,
				httpStatus: 400,
				field: 'workflow',
				details,
			},
		);
	}

	async function send(
		method: string,
		path: string,
		signal: AbortSignal,
		body?: unknown,
		context = path,
	) {
		const response = await http.request(url(path), {
			method,
			signal,
			headers: {
				accept: 'application/json',
				...(body !== undefined && !(body instanceof FormData)
					? { 'content-type': 'application/json' }
					: {}),
			},
			credentials,
			body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
		});
		if (!response.ok) throw await error(response, context);
		return response;
	}

	async function upload(image: ImageInput, signal: AbortSignal): Promise<string> {
		const form = new FormData();
		const name = `reelforge-${randomUUID()}${extname(image.path) || '.png'}`;
		form.append('image', await openAsBlob(image.path, { type: image.mimeType }), name);
		form.append('type', 'input');
		form.append('subfolder', 'reelforge');
		form.append('overwrite', 'true');
		const response = await send('POST', 'upload/image', signal, form, 'image upload');
		const answer = await http.json<{ name?: string; subfolder?: string }>(response);
		if (typeof answer.name !== 'string' || !SAFE_NAME.test(answer.name))
			throw new ProviderError(
				'provider_malformed',
				`${provider}: the upload answer has no file name`,
				{ provider },
			);
		return answer.subfolder ? `${answer.subfolder}/${answer.name}` : answer.name;
	}

	/** Opens (or reuses) the socket for a job's client id; progress only, never required. */
	function track(promptId: string, clientId: string): Tracker {
		let tracker = trackers.get(promptId);
		if (!tracker) {
			tracker = newTracker();
			trackers.set(promptId, tracker);
		}
		if (tracker.socket || hasEnded(tracker)) return tracker;
		const wsUrl = new URL(url(`ws?clientId=${encodeURIComponent(clientId)}`));
		wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
		// Connected through the door's vetted lookup: the socket goes to the address the door checked.
		const socket = new WebSocket(wsUrl, {
			headers: credentials,
			handshakeTimeout: 10_000,
			lookup: http.socketLookup(),
		});
		tracker.socket = socket;
		const t = tracker;
		// A job abandoned without cancel (an unexpected error upstream) must not keep a socket open.
		const lifetime = setTimeout(() => socket.close(), caps.deadlineSeconds * 1000);
		lifetime.unref();
		socket.on('close', () => clearTimeout(lifetime));
		const finish = (state: Tracker['state'], message?: string) => {
			t.state = state;
			if (message) t.error = message;
			socket.close();
			void config.wake?.publish(wakeKey(COMFYUI_WAKE_FAMILY, promptId)).catch(() => undefined);
		};
		socket.on('message', (raw, isBinary) => {
			if (isBinary) return; // preview images
			let event: { type?: string; data?: Record<string, unknown> };
			try {
				event = JSON.parse(raw.toString());
			} catch {
				return;
			}
			const data = event.data ?? {};
			if (data.prompt_id !== undefined && data.prompt_id !== promptId) return;
			const end = applyEvent(t, event.type, data);
			if (end) finish(end.state, end.message);
		});
		socket.on('error', (e) =>
			log('ComfyUI progress socket failed; polling only', {
				provider,
				error: http.redact(e.message),
			}),
		);
		socket.on('close', () => {
			if (t.socket === socket) t.socket = undefined;
		});
		return tracker;
	}

	function forget(promptId: string) {
		const tracker = trackers.get(promptId);
		tracker?.socket?.close();
		trackers.delete(promptId);
	}

	async function queueState(
		promptId: string,
		signal: AbortSignal,
	): Promise<'running' | 'queued' | 'unknown'> {
		const response = await send('GET', 'queue', signal, undefined, 'queue');
		const queue = await http.json<{ queue_running?: unknown[][]; queue_pending?: unknown[][] }>(
			response,
			16 << 20,
		);
		const has = (entries: unknown[][] | undefined) =>
			(entries ?? []).some((e) => Array.isArray(e) && e[1] === promptId);
		if (has(queue.queue_running)) return 'running';
		if (has(queue.queue_pending)) return 'queued';
		return 'unknown';
	}

	async function status(handle: ClipHandle, signal: AbortSignal): Promise<ClipStatus> {
		const promptId = promptIdOf(handle);
		const response = await send(
			'GET',
			`history/${encodeURIComponent(promptId)}`,
			signal,
			undefined,
			'history',
		);
		const history = await http.json<Record<string, HistoryEntry>>(response, 16 << 20);
		const entry = history[promptId];
		const tracker =
			trackers.get(promptId) ??
			(entry ? newTracker('running') : track(promptId, handle.data?.clientId ?? randomUUID()));
		if (!entry || typeof entry !== 'object') {
			const where = await queueState(promptId, signal);
			if (where !== 'unknown') {
				tracker.unknownPolls = 0;
				return {
					state: where,
					progress: where === 'running' ? progressOf(tracker, workflow.nodeCount) : undefined,
				};
			}
			// Finished between the two requests, or gone (the server restarted, the queue was cleared).
			if (++tracker.unknownPolls >= 3) {
				forget(promptId);
				return {
					state: 'failed',
					error: new ProviderError(
						'provider_failed',
						`${provider}: the job is neither queued, running nor in the history (ComfyUI restarted?)`,
						{ provider },
					),
				};
			}
			return { state: 'running', pollAfterMs: 1000 };
		}
		tracker.unknownPolls = 0;
		const end = historyEnd(entry);
		if (end) {
			forget(promptId);
			if (end.state === 'canceled')
				return {
					state: 'canceled',
					error: new ProviderError('provider_failed', `${provider}: the job was interrupted`, {
						provider,
					}),
				};
			const { data } = end;
			return {
				state: 'failed',
				error: new ProviderError(
					'provider_failed',
					http.redact(
						`${provider}: ${String(data.node_type ?? 'a node')} (${String(data.node_id ?? '?')}) failed: ${String(data.exception_type ?? '')} ${String(data.exception_message ?? tracker.error ?? '')}`.trim(),
					),
					{
						provider,
						providerCode: typeof data.exception_type === 'string' ? data.exception_type : undefined,
					},
				),
			};
		}
		if (entry.status && entry.status.completed === false && entry.status.status_str !== 'success')
			return { state: 'running', progress: progressOf(tracker, workflow.nodeCount) };
		const video = videoIn(entry);
		forget(promptId);
		if (!video)
			return {
				state: 'failed',
				error: new ProviderError(
					'provider_malformed',
					`${provider}: the workflow finished without a video output (SaveVideo or VideoHelperSuite's Video Combine)`,
					{ provider },
				),
			};
		return {
			state: 'succeeded',
			progress: 1,
			result: {
				filename: video.filename,
				subfolder: video.subfolder ?? '',
				type: video.type ?? 'output',
			},
		};
	}

	function promptIdOf(handle: ClipHandle) {
		if (!/^[A-Za-z0-9-]{1,64}$/.test(handle.id))
			throw new ProviderError('provider_malformed', `${provider}: invalid prompt id`, { provider });
		return handle.id;
	}

	return {
		id: provider,
		kind: 'comfyui',
		displayName: `ComfyUI (${base})`,
		capabilities: () => caps,

		validate(request): FieldError[] {
			const errors = validateCommon(caps, request);
			if (workflow.uses.has('image') && !request.firstFrame)
				errors.push({ path: '/firstFrame', message: 'this workflow needs an image ({{image}})' });
			return errors;
		},

		async submit(request, signal) {
			const values: PlaceholderValues = {
				prompt: request.prompt,
				negative_prompt: request.negativePrompt ?? '',
				seed: request.seed ?? Math.floor(Math.random() * 2 ** 31),
				width: request.size.width,
				height: request.size.height,
				fps,
				frames: framesFor(request.durationSeconds, fps, config.frameStep, config.frameOffset),
			};
			if (request.firstFrame) values.image = await upload(request.firstFrame, signal);
			let graph;
			try {
				graph = fillWorkflow(workflow, values);
			} catch (e) {
				throw new ProviderError('provider_bad_request', `${provider}: ${(e as Error).message}`, {
					provider,
					field: 'workflow',
				});
			}
			const clientId = randomUUID();
			const promptId = randomUUID();
			// The socket first, so no event of this job is missed.
			track(promptId, clientId);
			try {
				const response = await send(
					'POST',
					'prompt',
					signal,
					{ prompt: graph, client_id: clientId, prompt_id: promptId },
					'prompt',
				);
				const answer = await http.json<{ prompt_id?: string; node_errors?: NodeErrors }>(response);
				if (answer.node_errors && Object.keys(answer.node_errors).length)
					throw nodeErrors(answer.node_errors);
				const id = typeof answer.prompt_id === 'string' ? answer.prompt_id : promptId;
				if (id !== promptId) {
					trackers.set(id, trackers.get(promptId)!);
					trackers.delete(promptId);
				}
				return { provider, kind: 'comfyui', id, data: { clientId } };
			} catch (e) {
				forget(promptId);
				throw e;
			}
		},

		status,

		async download(handle, dir, signal, options = {}) {
			const result = await finishedResult({ id: provider, status }, handle, signal, options.result);
			const filename = String(result.filename ?? '');
			if (!SAFE_NAME.test(filename))
				throw new ProviderError('provider_malformed', `${provider}: invalid output file name`, {
					provider,
				});
			const query = new URLSearchParams({
				filename,
				subfolder: String(result.subfolder ?? ''),
				type: String(result.type ?? 'output'),
			});
			const response = await http.request(url(`view?${query}`), {
				signal,
				timeoutMs: 120_000,
				credentials,
			});
			// The name on disk is ours; the server's name only chooses the extension.
			const ext = extname(basename(filename)).toLowerCase();
			const path = join(
				dir,
				`comfyui-${promptIdOf(handle)}${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : '.mp4'}`,
			);
			return http.saveClip(response, path, (refused) => error(refused, 'download'), {
				signal,
				onProgress: options.onProgress,
			});
		},

		async cancel(handle, signal) {
			const promptId = promptIdOf(handle);
			try {
				try {
					await send(
						'POST',
						`api/jobs/${encodeURIComponent(promptId)}/cancel`,
						signal,
						{},
						'cancel',
					);
					return;
				} catch (e) {
					if (!(e instanceof ProviderError) || (e.httpStatus !== 404 && e.httpStatus !== 405))
						throw e;
				}
				// An older server: stop it if it is the running one, or take it out of the queue.
				const where = await queueState(promptId, signal);
				if (where === 'running')
					await send('POST', 'interrupt', signal, { prompt_id: promptId }, 'interrupt');
				else if (where === 'queued')
					await send('POST', 'queue', signal, { delete: [promptId] }, 'queue delete');
			} finally {
				forget(promptId);
			}
		},

		async probe(signal): Promise<ProbeResult> {
			try {
				await send('GET', 'system_stats', signal, undefined, 'system_stats');
				return { reachable: true };
			} catch (e) {
				if (!(e instanceof ProviderError)) throw e;
				if (e.code === 'provider_auth')
					return { reachable: true, authFailed: true, reason: 'the proxy refused the token' };
				if (e.httpStatus === undefined) return { reachable: false, reason: e.message };
				return { reachable: true, reason: e.message };
			}
		},
	};
}

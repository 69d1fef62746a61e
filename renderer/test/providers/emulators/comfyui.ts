/**
 * A local ComfyUI server, written from ComfyUI's server API (server.py, execution.py) and its
 * documented behaviour:
 *
 * - Every route also under `/api/…`. `POST /prompt {prompt, client_id, prompt_id?}` validates the
 *   API-format graph against the node types it knows (required inputs, INT/FLOAT conversion, links
 *   to existing nodes, at least one output node): all outputs invalid → 400 `{error:{type,message,
 *   details,extra_info}, node_errors}`; some invalid → 200 `{prompt_id, number, node_errors}` (and
 *   only the valid outputs run).
 * - One job at a time. `/ws?clientId=` receives `status` (everyone) and, for its own jobs only,
 *   `execution_start`, `execution_cached`, `executing` (node null at the end), `progress`
 *   (KSampler steps), `executed`, `execution_success` | `execution_error` | `execution_interrupted`.
 * - `GET /history/{id}` is `{}` until the job ends; then `{id:{prompt, outputs, status:{status_str,
 *   completed, messages}}}`. SaveVideo's output is `{images:[{filename, subfolder, type}],
 *   animated:[true]}`; VHS_VideoCombine's is `{gifs:[{filename, subfolder, type, format, …}]}`.
 * - `GET /queue` `{queue_running, queue_pending}` of `[number, prompt_id, prompt, extra, outputs]`.
 * - `GET /view?filename&subfolder&type`, `POST /upload/image` (multipart `image`, `type`,
 *   `subfolder`, `overwrite`) → `{name, subfolder, type}`, `POST /interrupt` (optional
 *   `{prompt_id}`), `POST /queue {delete:[…]}`, `POST /api/jobs/{id}/cancel` (newer servers only:
 *   `jobsApi`), `GET /system_stats`.
 * - No auth of its own; `requireBearer` puts a proxy's bearer check in front (HTTP and socket).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveFile } from './gemini';
import { makeClip } from './media';
import { EmulatorServer, type Exchange } from './server';

type InputType = 'INT' | 'FLOAT' | 'STRING' | 'BOOLEAN' | 'LINK' | 'IMAGEFILE';

const NODES: Record<
	string,
	{ inputs: Record<string, InputType>; output?: boolean; outputs: number }
> = {
	CheckpointLoaderSimple: { inputs: { ckpt_name: 'STRING' }, outputs: 3 },
	CLIPTextEncode: { inputs: { text: 'STRING', clip: 'LINK' }, outputs: 1 },
	EmptyHunyuanLatentVideo: {
		inputs: { width: 'INT', height: 'INT', length: 'INT', batch_size: 'INT' },
		outputs: 1,
	},
	LoadImage: { inputs: { image: 'IMAGEFILE' }, outputs: 2 },
	WanImageToVideo: {
		inputs: {
			positive: 'LINK',
			negative: 'LINK',
			vae: 'LINK',
			start_image: 'LINK',
			width: 'INT',
			height: 'INT',
			length: 'INT',
			batch_size: 'INT',
		},
		outputs: 3,
	},
	KSampler: {
		inputs: {
			seed: 'INT',
			steps: 'INT',
			cfg: 'FLOAT',
			sampler_name: 'STRING',
			scheduler: 'STRING',
			denoise: 'FLOAT',
			model: 'LINK',
			positive: 'LINK',
			negative: 'LINK',
			latent_image: 'LINK',
		},
		outputs: 1,
	},
	VAEDecode: { inputs: { samples: 'LINK', vae: 'LINK' }, outputs: 1 },
	CreateVideo: { inputs: { images: 'LINK', fps: 'FLOAT' }, outputs: 1 },
	SaveVideo: {
		inputs: { video: 'LINK', filename_prefix: 'STRING', format: 'STRING', codec: 'STRING' },
		output: true,
		outputs: 0,
	},
	VHS_VideoCombine: {
		inputs: {
			images: 'LINK',
			frame_rate: 'FLOAT',
			loop_count: 'INT',
			filename_prefix: 'STRING',
			format: 'STRING',
			pingpong: 'BOOLEAN',
			save_output: 'BOOLEAN',
		},
		output: true,
		outputs: 1,
	},
	PreviewImage: { inputs: { images: 'LINK' }, output: true, outputs: 0 },
};

interface NodeError {
	type: string;
	message: string;
	details: string;
	extra_info: Record<string, unknown>;
}

interface Job {
	number: number;
	id: string;
	clientId: string;
	prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
	outputs: string[];
	interrupted?: boolean;
	timer?: NodeJS.Timeout;
}

export class ComfyUIEmulator extends EmulatorServer {
	jobMs = 1200;
	/** Newer servers have `POST /api/jobs/{id}/cancel`; older ones only /interrupt and /queue. */
	jobsApi = true;
	/** A reverse proxy's bearer token in front, when set. */
	requireBearer?: string;
	/** The proxy in front answers the next /prompt with 429 and this Retry-After. */
	rateLimitNextPrompt?: string;
	/** A text prompt containing this makes the sampler fail (a CUDA OOM). */
	crashWord = 'crash-the-sampler';
	/** Downloads that break off, then succeed. */
	brokenDownloads = 0;
	/** The next job finishes but its history has no outputs. */
	noOutputsNext = false;
	readonly pending: Job[] = [];
	running?: Job;
	readonly history = new Map<string, Record<string, unknown>>();
	readonly inputs = new Map<string, string>();
	readonly interrupted: string[] = [];
	/** Client ids whose socket was accepted, and how many upgrades the proxy refused. */
	readonly socketsOpened: string[] = [];
	socketsRefused = 0;
	readonly removed: string[] = [];
	/** Events sent, per client id. */
	readonly sent = new Map<string, Array<{ type: string; data: Record<string, unknown> }>>();
	private readonly files = new Map<string, string>();
	private readonly sockets = new Map<string, WebSocket>();
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'comfy-emulator-'));
	private counter = 0;
	private fileCounter = 0;

	override async start() {
		const url = await super.start();
		this.loopback!.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
			const u = new URL(req.url ?? '/', 'http://emulator');
			if (u.pathname !== '/ws' && u.pathname !== '/api/ws') {
				socket.destroy();
				return;
			}
			if (this.requireBearer && req.headers.authorization !== `Bearer ${this.requireBearer}`) {
				this.socketsRefused++;
				socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
				return;
			}
			this.wss.handleUpgrade(req, socket, head, (ws) => {
				const sid = u.searchParams.get('clientId') || randomUUID().replace(/-/g, '');
				this.sockets.set(sid, ws);
				this.socketsOpened.push(sid);
				ws.on('close', () => {
					if (this.sockets.get(sid) === ws) this.sockets.delete(sid);
				});
				this.send(
					'status',
					{
						status: {
							exec_info: { queue_remaining: this.pending.length + (this.running ? 1 : 0) },
						},
						sid,
					},
					sid,
				);
			});
		});
		return url;
	}

	override async stop() {
		if (this.running?.timer) clearTimeout(this.running.timer);
		for (const ws of this.sockets.values()) ws.terminate();
		this.wss.close();
		await super.stop();
	}

	/** Clients with an open socket. */
	get connectedClients(): string[] {
		return [...this.sockets.keys()];
	}

	protected async handle({ req, res, url, body }: Exchange) {
		if (this.requireBearer && req.headers.authorization !== `Bearer ${this.requireBearer}`)
			return this.json(res, 401, { error: 'unauthorized' });
		const method = req.method ?? 'GET';
		const p = url.pathname.replace(/^\/api(?=\/)/, '');
		if (p === '/prompt' && method === 'POST' && this.rateLimitNextPrompt !== undefined) {
			const retryAfter = this.rateLimitNextPrompt;
			this.rateLimitNextPrompt = undefined;
			return this.json(res, 429, { error: 'too many requests' }, { 'retry-after': retryAfter });
		}
		let m: RegExpExecArray | null;
		if (p === '/prompt' && method === 'POST') return this.postPrompt(res, body);
		if (p === '/queue' && method === 'GET')
			return this.json(res, 200, {
				queue_running: this.running ? [this.entry(this.running)] : [],
				queue_pending: this.pending.map((j) => this.entry(j)),
			});
		if (p === '/queue' && method === 'POST') {
			const b = safeJson(body) as { delete?: string[]; clear?: boolean } | undefined;
			for (const id of b?.delete ?? []) {
				const i = this.pending.findIndex((j) => j.id === id);
				if (i >= 0) this.removed.push(...this.pending.splice(i, 1).map((j) => j.id));
			}
			return void res.writeHead(200).end();
		}
		if ((m = /^\/history\/([^/]+)$/.exec(p)) && method === 'GET') {
			const entry = this.history.get(decodeURIComponent(m[1]));
			return this.json(res, 200, entry ? { [decodeURIComponent(m[1])]: entry } : {});
		}
		if (p === '/interrupt' && method === 'POST') {
			const b = safeJson(body) as { prompt_id?: string } | undefined;
			if (this.running && (!b?.prompt_id || b.prompt_id === this.running.id))
				this.interrupt(this.running);
			return void res.writeHead(200).end();
		}
		if (
			(m = /^\/jobs\/([^/]+)\/cancel$/.exec(p)) &&
			method === 'POST' &&
			url.pathname.startsWith('/api/') &&
			this.jobsApi
		) {
			const id = decodeURIComponent(m[1]);
			if (this.running?.id === id) this.interrupt(this.running);
			else {
				const i = this.pending.findIndex((j) => j.id === id);
				if (i < 0)
					return this.json(res, 404, {
						error: { type: 'not_found', message: `Job ${id} not found` },
					});
				this.removed.push(...this.pending.splice(i, 1).map((j) => j.id));
			}
			return this.json(res, 200, { id, status: 'cancelled' });
		}
		if (p === '/upload/image' && method === 'POST')
			return this.upload(res, req.headers['content-type'] ?? '', body);
		if (p === '/view' && method === 'GET') return this.view(res, url.searchParams);
		if (p === '/system_stats' && method === 'GET')
			return this.json(res, 200, {
				system: {
					os: 'posix',
					ram_total: 64e9,
					ram_free: 32e9,
					comfyui_version: '0.3.60',
					python_version: '3.12',
					pytorch_version: '2.8.0',
				},
				devices: [
					{
						name: 'cuda:0 NVIDIA GeForce RTX 4090',
						type: 'cuda',
						index: 0,
						vram_total: 25e9,
						vram_free: 20e9,
					},
				],
			});
		return void res.writeHead(404).end('404: Not Found');
	}

	private entry(job: Job) {
		return [job.number, job.id, job.prompt, { client_id: job.clientId }, job.outputs];
	}

	private postPrompt(res: ServerResponse, body: Buffer) {
		const b = safeJson(body) as
			| { prompt?: unknown; client_id?: string; prompt_id?: string }
			| undefined;
		if (!b?.prompt || typeof b.prompt !== 'object')
			return this.json(res, 400, {
				error: {
					type: 'no_prompt',
					message: 'No prompt provided',
					details: 'No prompt provided',
					extra_info: {},
				},
				node_errors: [],
			});
		const prompt = b.prompt as Job['prompt'];
		for (const [id, node] of Object.entries(prompt)) {
			if (!node || typeof node !== 'object' || !NODES[node.class_type])
				return this.json(res, 400, {
					error: {
						type: 'invalid_prompt',
						message: `Cannot execute because node ${node?.class_type} does not exist.`,
						details: `Node ID '#${id}'`,
						extra_info: {},
					},
					node_errors: {},
				});
		}
		const outputs = Object.entries(prompt)
			.filter(([, n]) => NODES[n.class_type].output)
			.map(([id]) => id);
		if (!outputs.length)
			return this.json(res, 400, {
				error: {
					type: 'prompt_no_outputs',
					message: 'Prompt has no outputs',
					details: '',
					extra_info: {},
				},
				node_errors: [],
			});
		const nodeErrors: Record<
			string,
			{ errors: NodeError[]; dependent_outputs: string[]; class_type: string }
		> = {};
		const good: string[] = [];
		for (const output of outputs) {
			const errors = this.validate(prompt, output, new Set());
			if (errors.length) {
				for (const [node, list] of errors) {
					nodeErrors[node] ??= {
						errors: [],
						dependent_outputs: [],
						class_type: prompt[node].class_type,
					};
					nodeErrors[node].errors.push(...list);
					nodeErrors[node].dependent_outputs.push(output);
				}
			} else good.push(output);
		}
		if (!good.length)
			return this.json(res, 400, {
				error: {
					type: 'prompt_outputs_failed_validation',
					message: 'Prompt outputs failed validation',
					details: '',
					extra_info: {},
				},
				node_errors: nodeErrors,
			});
		const job: Job = {
			number: this.counter++,
			id: typeof b.prompt_id === 'string' ? b.prompt_id : randomUUID(),
			clientId: b.client_id ?? '',
			prompt,
			outputs: good,
		};
		this.pending.push(job);
		this.broadcastStatus();
		this.next();
		this.json(res, 200, { prompt_id: job.id, number: job.number, node_errors: nodeErrors });
	}

	/** Errors of the nodes an output depends on, like ComfyUI's validate_inputs. */
	private validate(
		prompt: Job['prompt'],
		id: string,
		seen: Set<string>,
	): Array<[string, NodeError[]]> {
		if (seen.has(id)) return [];
		seen.add(id);
		const node = prompt[id];
		const out: Array<[string, NodeError[]]> = [];
		const errors: NodeError[] = [];
		for (const [name, type] of Object.entries(NODES[node.class_type].inputs)) {
			const value = node.inputs?.[name];
			const fail = (kind: string, message: string, details: string) =>
				errors.push({
					type: kind,
					message,
					details,
					extra_info: { input_name: name, received_value: value },
				});
			if (value === undefined) {
				fail('required_input_missing', 'Required input is missing', name);
				continue;
			}
			if (type === 'LINK') {
				if (!Array.isArray(value) || value.length !== 2 || !prompt[String(value[0])])
					fail(
						'bad_linked_input',
						'Bad linked input, must be a length-2 list of [node_id, slot_index]',
						name,
					);
				else out.push(...this.validate(prompt, String(value[0]), seen));
			} else if (type === 'INT' || type === 'FLOAT') {
				const n =
					type === 'INT' ? Number.parseInt(String(value), 10) : Number.parseFloat(String(value));
				if (
					typeof value === 'boolean' ||
					!Number.isFinite(n) ||
					(typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value.trim()))
				)
					fail(
						'invalid_input_type',
						`Failed to convert an input value to a ${type} value`,
						`${name}, ${String(value)}, invalid literal`,
					);
			} else if (type === 'STRING') {
				if (typeof value !== 'string')
					fail('invalid_input_type', 'Failed to convert an input value to a STRING value', name);
			} else if (type === 'BOOLEAN') {
				if (typeof value !== 'boolean')
					fail('invalid_input_type', 'Failed to convert an input value to a BOOLEAN value', name);
			} else if (type === 'IMAGEFILE') {
				if (typeof value !== 'string' || !this.inputs.has(value))
					fail('value_not_in_list', 'Invalid image file', `${name}: ${String(value)}`);
			}
		}
		if (errors.length) out.push([id, errors]);
		return out;
	}

	private next() {
		if (this.running || !this.pending.length) return;
		const job = this.pending.shift()!;
		this.running = job;
		void this.execute(job);
	}

	private async execute(job: Job) {
		const nodes = Object.keys(job.prompt);
		const cached = nodes.filter((id) => job.prompt[id].class_type === 'CheckpointLoaderSimple');
		const messages: Array<[string, Record<string, unknown>]> = [];
		const emit = (type: string, data: Record<string, unknown>) => {
			const payload = { ...data, prompt_id: job.id };
			if (type.startsWith('execution_'))
				messages.push([type, { ...payload, timestamp: Date.now() }]);
			this.send(type, payload, job.clientId);
		};
		emit('execution_start', { timestamp: Date.now() });
		emit('execution_cached', { nodes: cached, timestamp: Date.now() });
		const order = nodes.filter((id) => !cached.includes(id));
		const sampler = order.find((id) => job.prompt[id].class_type === 'KSampler');
		const steps = sampler ? Math.max(1, Number(job.prompt[sampler].inputs.steps) || 4) : 0;
		const slot = this.jobMs / (order.length + steps);
		const text = JSON.stringify(job.prompt);
		const outputs: Record<string, Record<string, unknown>> = {};
		try {
			for (const id of order) {
				if (job.interrupted) throw new Interrupted(id);
				emit('executing', { node: id, display_node: id });
				if (id === sampler) {
					for (let step = 1; step <= steps; step++) {
						await this.wait(job, slot);
						if (job.interrupted) throw new Interrupted(id);
						emit('progress', { value: step, max: steps, node: id });
					}
					if (text.includes(this.crashWord)) throw new NodeCrash(id, 'KSampler');
				} else await this.wait(job, slot);
				if (job.interrupted) throw new Interrupted(id);
				const node = job.prompt[id];
				if (
					NODES[node.class_type].output &&
					job.outputs.includes(id) &&
					node.class_type !== 'PreviewImage'
				) {
					const output = await this.save(job, node);
					if (!this.noOutputsNext) outputs[id] = output;
					emit('executed', { node: id, display_node: id, output });
				}
			}
			this.noOutputsNext = false;
			emit('executing', { node: null });
			emit('execution_success', { timestamp: Date.now() });
			this.finish(job, { status_str: 'success', completed: true, messages }, outputs);
		} catch (error) {
			if (error instanceof Interrupted) {
				emit('execution_interrupted', {
					node_id: error.node,
					node_type: job.prompt[error.node].class_type,
					executed: cached,
				});
				this.interrupted.push(job.id);
			} else {
				const crash = error as NodeCrash;
				emit('execution_error', {
					node_id: crash.node,
					node_type: crash.type,
					executed: cached,
					exception_message: 'Allocation on device 0 would exceed allowed memory. (out of memory)',
					exception_type: 'torch.OutOfMemoryError',
					traceback: ['  File "execution.py", line 496, in execute\n'],
					current_inputs: {},
					current_outputs: {},
				});
			}
			this.finish(job, { status_str: 'error', completed: false, messages }, outputs);
		}
	}

	private finish(job: Job, status: Record<string, unknown>, outputs: Record<string, unknown>) {
		this.history.set(job.id, { prompt: this.entry(job), outputs, status, meta: {} });
		this.running = undefined;
		this.broadcastStatus();
		this.next();
	}

	private wait(job: Job, ms: number) {
		return new Promise<void>((resolve) => {
			job.timer = setTimeout(resolve, ms);
		});
	}

	private interrupt(job: Job) {
		job.interrupted = true;
	}

	private async save(job: Job, node: { class_type: string; inputs: Record<string, unknown> }) {
		const latent = Object.values(job.prompt).find(
			(n) => n.class_type === 'EmptyHunyuanLatentVideo' || n.class_type === 'WanImageToVideo',
		);
		const width = Number(latent?.inputs.width ?? 848);
		const height = Number(latent?.inputs.height ?? 480);
		const frames = Number(latent?.inputs.length ?? 49);
		const create = Object.values(job.prompt).find((n) => n.class_type === 'CreateVideo');
		const fps = Number(create?.inputs.fps ?? node.inputs.frame_rate ?? 24);
		const clip = await makeClip({
			width,
			height,
			seconds: Math.max(0.5, frames / fps),
			fps,
			audio: false,
		});
		const subfolder = path
			.dirname(String(node.inputs.filename_prefix ?? 'ComfyUI'))
			.replace(/^\.$/, '');
		const prefix = path.basename(String(node.inputs.filename_prefix ?? 'ComfyUI'));
		const filename = `${prefix}_${String(++this.fileCounter).padStart(5, '0')}_.mp4`;
		this.files.set(`output/${subfolder}/${filename}`, clip);
		if (node.class_type === 'SaveVideo')
			return { images: [{ filename, subfolder, type: 'output' }], animated: [true] };
		return {
			gifs: [
				{
					filename,
					subfolder,
					type: 'output',
					format: 'video/h264-mp4',
					frame_rate: fps,
					workflow: filename.replace('.mp4', '.png'),
					fullpath: `/comfy/output/${subfolder}/${filename}`,
				},
			],
		};
	}

	private view(res: ServerResponse, q: URLSearchParams) {
		const filename = q.get('filename') ?? '';
		if (!filename || filename.startsWith('/') || filename.includes('..'))
			return void res.writeHead(400).end();
		const file = this.files.get(
			`${q.get('type') ?? 'output'}/${q.get('subfolder') ?? ''}/${filename}`,
		);
		if (!file) return void res.writeHead(404).end();
		serveFile(res, file, this.brokenDownloads > 0 ? (this.brokenDownloads--, true) : false);
	}

	private async upload(res: ServerResponse, contentType: string, body: Buffer) {
		if (!contentType.includes('multipart/form-data')) return void res.writeHead(400).end();
		const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
		const image = form.get('image');
		if (!image || typeof image === 'string' || !image.name) return void res.writeHead(400).end();
		const type = String(form.get('type') ?? 'input');
		const subfolder = String(form.get('subfolder') ?? '');
		if (subfolder.includes('..')) return void res.writeHead(400).end();
		const file = path.join(this.dir, `${randomUUID()}-${path.basename(image.name)}`);
		fs.writeFileSync(file, Buffer.from(await image.arrayBuffer()));
		this.inputs.set(subfolder ? `${subfolder}/${image.name}` : image.name, file);
		this.json(res, 200, { name: image.name, subfolder, type });
	}

	private send(type: string, data: Record<string, unknown>, sid: string) {
		const list = this.sent.get(sid) ?? [];
		list.push({ type, data });
		this.sent.set(sid, list);
		const ws = this.sockets.get(sid);
		if (ws && ws.readyState === ws.OPEN) {
			ws.send(JSON.stringify({ type, data }));
			// Live previews are binary frames; clients must skip them.
			if (type === 'progress') ws.send(Buffer.from([0, 0, 0, 1, 0xff, 0xd8]));
		}
	}

	private broadcastStatus() {
		for (const sid of this.sockets.keys())
			this.send(
				'status',
				{
					status: { exec_info: { queue_remaining: this.pending.length + (this.running ? 1 : 0) } },
				},
				sid,
			);
	}
}

class Interrupted extends Error {
	constructor(readonly node: string) {
		super('interrupted');
	}
}

class NodeCrash extends Error {
	constructor(
		readonly node: string,
		readonly type: string,
	) {
		super('crash');
	}
}

function safeJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

/** An API-format text-to-video workflow with Reelforge's placeholders (SaveVideo output). */
export function textToVideoWorkflow(
	options: { output?: 'SaveVideo' | 'VHS_VideoCombine'; extraPreview?: boolean } = {},
) {
	const output =
		options.output === 'VHS_VideoCombine'
			? {
					class_type: 'VHS_VideoCombine',
					inputs: {
						images: ['6', 0],
						frame_rate: '{{fps}}',
						loop_count: 0,
						filename_prefix: 'reelforge/clip',
						format: 'video/h264-mp4',
						pingpong: false,
						save_output: true,
					},
				}
			: {
					class_type: 'SaveVideo',
					inputs: {
						video: ['7', 0],
						filename_prefix: 'reelforge/clip',
						format: 'mp4',
						codec: 'h264',
					},
				};
	return {
		'1': {
			class_type: 'CheckpointLoaderSimple',
			inputs: { ckpt_name: 'hunyuan_video_t2v_720p_bf16.safetensors' },
			_meta: { title: 'Load Checkpoint' },
		},
		'2': {
			class_type: 'CLIPTextEncode',
			inputs: { text: '{{prompt}}, highly detailed', clip: ['1', 1] },
		},
		'3': { class_type: 'CLIPTextEncode', inputs: { text: '{{negative_prompt}}', clip: ['1', 1] } },
		'4': {
			class_type: 'EmptyHunyuanLatentVideo',
			inputs: { width: '{{width}}', height: '{{height}}', length: '{{frames}}', batch_size: 1 },
		},
		'5': {
			class_type: 'KSampler',
			inputs: {
				seed: '{{seed}}',
				steps: 4,
				cfg: 6,
				sampler_name: 'euler',
				scheduler: 'simple',
				denoise: 1,
				model: ['1', 0],
				positive: ['2', 0],
				negative: ['3', 0],
				latent_image: ['4', 0],
			},
		},
		'6': { class_type: 'VAEDecode', inputs: { samples: ['5', 0], vae: ['1', 2] } },
		'7': { class_type: 'CreateVideo', inputs: { images: ['6', 0], fps: '{{fps}}' } },
		'8': output,
		...(options.extraPreview
			? { '9': { class_type: 'PreviewImage', inputs: { images: ['99', 0] } } }
			: {}),
	};
}

/** An image-to-video workflow: `{{image}}` is the uploaded first frame. */
export function imageToVideoWorkflow() {
	const t2v = textToVideoWorkflow();
	return {
		...t2v,
		'10': { class_type: 'LoadImage', inputs: { image: '{{image}}' } },
		'4': {
			class_type: 'WanImageToVideo',
			inputs: {
				positive: ['2', 0],
				negative: ['3', 0],
				vae: ['1', 2],
				start_image: ['10', 0],
				width: '{{width}}',
				height: '{{height}}',
				length: '{{frames}}',
				batch_size: 1,
			},
		},
	};
}

/**
 * Local emulators of two speech APIs, written from their public documentation:
 *
 * - **OpenAI-compatible speech** (`POST /v1/audio/speech`): JSON `{model, input, voice,
 *   response_format?, speed?}` with `Authorization: Bearer`; answers the audio bytes in the asked
 *   format (`mp3` by default, `wav`, `pcm` = raw 24 kHz 16-bit LE, `flac`, `opus`, `aac`) with a
 *   matching content type; errors as `{error:{message,type,param,code}}` (401 invalid_api_key,
 *   400 invalid_request_error, 429 rate_limit_exceeded with `retry-after`).
 * - **ElevenLabs** (`xi-api-key` header): `POST /v1/text-to-speech/{voice_id}/with-timestamps
 *   ?output_format=…` with `{text, model_id, voice_settings?}` → `{audio_base64, alignment,
 *   normalized_alignment}` (alignment: `characters`, `character_start_times_seconds`,
 *   `character_end_times_seconds`); `POST /v1/voices/add` (multipart `name`, `files`) →
 *   `{voice_id, requires_verification}`; `DELETE /v1/voices/{voice_id}` → `{status:"ok"}`; errors
 *   `{detail:{status,message}}` (401 invalid_api_key, 404 voice_not_found, 429
 *   too_many_concurrent_requests) or `{detail:[{loc,msg,type}]}` (422).
 *
 * Their "voice" is festival (a different synthesiser from the flite reference Reelforge aligns
 * with), so the true word times of every answer are known and the emulators keep them.
 */
import { spawnSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { synthesizeWithFestival } from '../../../src/engine/voice/festivalEngine';
import type { TimedWord } from '../../../src/engine/storyboard';
import {
	listenOnLoopback,
	openAiError,
	readBody,
	sendJson,
	UNPARSABLE_JSON,
	type LoopbackServer,
} from '../../support/emulatorKit';

export type Scripted =
	| { kind: 'status'; status: number; retryAfter?: string }
	| { kind: 'malformed'; body: string; contentType: string }
	/** Answer normally but in this format, whatever the request asked for (a server that ignores it). */
	| { kind: 'format'; format: 'mp3' | 'opus' | 'flac' };

interface Spoken {
	pcm24k: Buffer;
	words: TimedWord[];
	seconds: number;
}

/** Festival reads the line; the audio is resampled to 24 kHz 16-bit mono, as these APIs serve. */
async function speak(text: string): Promise<Spoken> {
	const [u] = await synthesizeWithFestival([{ text, voiceName: 'slt', rate: 1 }]);
	const input = Buffer.from(u.samples.buffer, u.samples.byteOffset, u.samples.byteLength);
	const r = spawnSync(
		'ffmpeg',
		['-v', 'error', '-f', 'f32le', '-ar', String(u.sampleRate), '-ac', '1', '-i', 'pipe:0'].concat([
			'-ar',
			'24000',
			'-f',
			's16le',
			'-acodec',
			'pcm_s16le',
			'pipe:1',
		]),
		{ input, maxBuffer: 64 << 20 },
	);
	return { pcm24k: r.stdout, words: u.words, seconds: r.stdout.length / 2 / 24000 };
}

function encode(pcm24k: Buffer, format: string): Buffer {
	if (format === 'pcm') return pcm24k;
	const codec: Record<string, string[]> = {
		wav: ['-f', 'wav'],
		mp3: ['-f', 'mp3'],
		flac: ['-f', 'flac'],
		opus: ['-c:a', 'libopus', '-f', 'ogg'],
		aac: ['-c:a', 'aac', '-f', 'adts'],
	};
	const r = spawnSync(
		'ffmpeg',
		[
			'-v',
			'error',
			'-f',
			's16le',
			'-ar',
			'24000',
			'-ac',
			'1',
			'-i',
			'pipe:0',
			...codec[format],
			'pipe:1',
		],
		{ input: pcm24k, maxBuffer: 64 << 20 },
	);
	return r.stdout;
}

abstract class Emulator {
	/** Answers to give the next requests instead of the normal one, in order. */
	readonly script: Scripted[] = [];
	readonly requests: Array<{
		method: string;
		path: string;
		headers: IncomingMessage['headers'];
		body: Buffer;
		at: number;
	}> = [];
	/** True word times of the audio served for a text. */
	readonly truth = new Map<string, TimedWord[]>();
	protected forcedFormat?: string;
	private loopback?: LoopbackServer;

	async start(): Promise<string> {
		this.loopback = await listenOnLoopback((req, res) => {
			void (async () => {
				const raw = (await readBody(req))!;
				this.requests.push({
					method: req.method ?? 'GET',
					path: req.url ?? '/',
					headers: req.headers,
					body: raw,
					at: Date.now(),
				});
				const scripted = this.script.shift();
				if (scripted?.kind === 'format') this.forcedFormat = scripted.format;
				else if (scripted) return this.scripted(scripted, res);
				try {
					await this.handle(req, raw, res);
				} finally {
					this.forcedFormat = undefined;
				}
			})().catch((error: Error) => sendJson(res, 500, { error: { message: error.message } }));
		});
		return this.loopback.url;
	}

	async stop(): Promise<void> {
		await this.loopback?.stop();
	}

	protected async spoken(text: string): Promise<Spoken> {
		const s = await speak(text);
		this.truth.set(text, s.words);
		return s;
	}

	protected json(res: ServerResponse, status: number, value: unknown, headers = {}): void {
		sendJson(res, status, value, headers);
	}

	protected abstract scripted(
		answer: Exclude<Scripted, { kind: 'format' }>,
		res: ServerResponse,
	): void;
	protected abstract handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void>;
}

export class OpenAiSpeechEmulator extends Emulator {
	readonly apiKey = 'sk-speech-emulator-key';
	readonly voices = ['alloy', 'nova', 'onyx'];

	protected scripted(answer: Exclude<Scripted, { kind: 'format' }>, res: ServerResponse): void {
		if (answer.kind === 'malformed') {
			res.writeHead(200, { 'content-type': answer.contentType });
			res.end(answer.body);
			return;
		}
		const error =
			answer.status === 401
				? openAiError(
						'Incorrect API key provided: sk-speech-emulator-key.',
						'invalid_request_error',
						null,
						'invalid_api_key',
					)
				: answer.status === 429
					? openAiError('Rate limit reached for requests', 'requests', null, 'rate_limit_exceeded')
					: openAiError('The server had an error', 'server_error');
		this.json(
			res,
			answer.status,
			error,
			answer.retryAfter ? { 'retry-after': answer.retryAfter } : {},
		);
	}

	protected async handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
		if (req.method !== 'POST' || req.url !== '/v1/audio/speech')
			return this.json(res, 404, openAiError('Not found', 'invalid_request_error'));
		if (req.headers.authorization !== `Bearer ${this.apiKey}`)
			return this.scripted({ kind: 'status', status: 401 }, res);
		let request: {
			model?: unknown;
			input?: unknown;
			voice?: unknown;
			response_format?: unknown;
			speed?: unknown;
		};
		try {
			request = JSON.parse(raw.toString('utf8'));
		} catch {
			return this.json(res, 400, openAiError(UNPARSABLE_JSON, 'invalid_request_error'));
		}
		const invalid = (param: string, message: string) =>
			this.json(res, 400, openAiError(message, 'invalid_request_error', param));
		if (typeof request.model !== 'string')
			return invalid('model', "'model' is a required property");
		if (
			typeof request.input !== 'string' ||
			request.input.length === 0 ||
			request.input.length > 4096
		)
			return invalid('input', "'input' must be a string of 1 to 4096 characters");
		if (typeof request.voice !== 'string' || !this.voices.includes(request.voice))
			return invalid('voice', `'voice' must be one of ${this.voices.join(', ')}`);
		const format = (request.response_format as string | undefined) ?? 'mp3';
		if (!['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'].includes(format))
			return invalid(
				'response_format',
				`'response_format' must be one of mp3, opus, aac, flac, wav, pcm`,
			);
		if (
			request.speed !== undefined &&
			!(Number(request.speed) >= 0.25 && Number(request.speed) <= 4)
		)
			return invalid('speed', "'speed' must be between 0.25 and 4.0");
		const s = await this.spoken(request.input);
		const served = this.forcedFormat ?? format;
		const types: Record<string, string> = {
			mp3: 'audio/mpeg',
			opus: 'audio/opus',
			aac: 'audio/aac',
			flac: 'audio/flac',
			wav: 'audio/wav',
			pcm: 'audio/pcm',
		};
		res.writeHead(200, { 'content-type': types[served] });
		res.end(encode(s.pcm24k, served));
	}
}

/** Spreads each word's span over its characters; spaces and punctuation fill the gaps. */
function characterAlignment(text: string, words: TimedWord[], seconds: number) {
	const characters = [...text];
	const starts: number[] = [];
	const ends: number[] = [];
	let cursor = 0;
	let w = 0;
	let t = 0;
	while (cursor < characters.length) {
		if (/\s/.test(characters[cursor])) {
			const next = words[w]?.start ?? seconds;
			starts.push(t);
			ends.push(Math.max(t, next));
			t = Math.max(t, next);
			cursor++;
			continue;
		}
		let end = cursor;
		while (end < characters.length && !/\s/.test(characters[end])) end++;
		const word = words[w++] ?? { start: t, end: seconds };
		const n = end - cursor;
		for (let k = 0; k < n; k++) {
			starts.push(word.start + ((word.end - word.start) * k) / n);
			ends.push(word.start + ((word.end - word.start) * (k + 1)) / n);
		}
		t = word.end;
		cursor = end;
	}
	const round = (x: number) => Math.round(x * 1000) / 1000;
	return {
		characters,
		character_start_times_seconds: starts.map(round),
		character_end_times_seconds: ends.map(round),
	};
}

export class ElevenLabsEmulator extends Emulator {
	readonly apiKey = 'xi-emulator-secret-key';
	/** Voices of the account: premade ones plus those cloned through /v1/voices/add. */
	readonly voices = new Map<string, { name: string; cloned: boolean; files: number }>([
		['21m00Tcm4TlvDq8ikWAM', { name: 'Rachel', cloned: false, files: 0 }],
		['pNInz6obpgDQGcFmaJgB', { name: 'Adam', cloned: false, files: 0 }],
	]);
	private counter = 0;

	protected scripted(answer: Exclude<Scripted, { kind: 'format' }>, res: ServerResponse): void {
		if (answer.kind === 'malformed') {
			res.writeHead(200, { 'content-type': answer.contentType });
			res.end(answer.body);
			return;
		}
		const detail =
			answer.status === 401
				? { status: 'invalid_api_key', message: 'Invalid API key' }
				: answer.status === 429
					? {
							status: 'too_many_concurrent_requests',
							message: 'Too many concurrent requests for your subscription.',
						}
					: { status: 'internal_error', message: 'An internal error occurred.' };
		this.json(
			res,
			answer.status,
			{ detail },
			answer.retryAfter ? { 'retry-after': answer.retryAfter } : {},
		);
	}

	protected async handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://x');
		if (req.headers['xi-api-key'] !== this.apiKey)
			return this.scripted({ kind: 'status', status: 401 }, res);
		const tts = /^\/v1\/text-to-speech\/([^/]+)\/with-timestamps$/.exec(url.pathname);
		if (req.method === 'POST' && tts) {
			if (!this.voices.has(tts[1]))
				return this.json(res, 404, {
					detail: {
						status: 'voice_not_found',
						message: `A voice with the voice_id ${tts[1]} was not found.`,
					},
				});
			let request: { text?: unknown; model_id?: unknown; voice_settings?: { speed?: unknown } };
			try {
				request = JSON.parse(raw.toString('utf8'));
			} catch {
				return this.json(res, 422, {
					detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'value_error.jsondecode' }],
				});
			}
			if (typeof request.text !== 'string' || !request.text.trim())
				return this.json(res, 422, {
					detail: [{ loc: ['body', 'text'], msg: 'field required', type: 'value_error.missing' }],
				});
			const speed = request.voice_settings?.speed;
			if (speed !== undefined && !(Number(speed) >= 0.7 && Number(speed) <= 1.2))
				return this.json(res, 422, {
					detail: [
						{
							loc: ['body', 'voice_settings', 'speed'],
							msg: 'ensure this value is between 0.7 and 1.2',
							type: 'value_error',
						},
					],
				});
			const format = url.searchParams.get('output_format') ?? 'mp3_44100_128';
			const s = await this.spoken(request.text);
			const audio =
				format.startsWith('pcm_') && !this.forcedFormat
					? s.pcm24k
					: encode(s.pcm24k, this.forcedFormat ?? 'mp3');
			const alignment = characterAlignment(request.text, s.words, s.seconds);
			return this.json(res, 200, {
				audio_base64: audio.toString('base64'),
				alignment,
				normalized_alignment: alignment,
			});
		}
		if (req.method === 'POST' && url.pathname === '/v1/voices/add') {
			const type = req.headers['content-type'] ?? '';
			const boundary = /boundary=(.+)$/.exec(type)?.[1];
			if (!type.startsWith('multipart/form-data') || !boundary)
				return this.json(res, 422, {
					detail: [{ loc: ['body'], msg: 'multipart form expected', type: 'value_error' }],
				});
			const text = raw.toString('latin1');
			const parts = text.split(`--${boundary}`).slice(1, -1);
			const fields = new Map<string, string>();
			let files = 0;
			for (const part of parts) {
				const name = /name="([^"]+)"/.exec(part)?.[1];
				if (!name) continue;
				if (/filename="/.test(part)) {
					if (name === 'files' && part.includes('RIFF')) files++;
				} else fields.set(name, part.slice(part.indexOf('\r\n\r\n') + 4, -2));
			}
			if (!fields.get('name'))
				return this.json(res, 422, {
					detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' }],
				});
			if (files === 0)
				return this.json(res, 422, {
					detail: [{ loc: ['body', 'files'], msg: 'field required', type: 'value_error.missing' }],
				});
			const id = `cl${(++this.counter).toString().padStart(3, '0')}VoiceCloneAbCd`;
			this.voices.set(id, { name: fields.get('name')!, cloned: true, files });
			return this.json(res, 200, { voice_id: id, requires_verification: false });
		}
		const remove = /^\/v1\/voices\/([^/]+)$/.exec(url.pathname);
		if (req.method === 'DELETE' && remove) {
			if (!this.voices.delete(remove[1]))
				return this.json(res, 400, {
					detail: {
						status: 'voice_does_not_exist',
						message: 'A voice with the voice_id does not exist.',
					},
				});
			return this.json(res, 200, { status: 'ok' });
		}
		return this.json(res, 404, { detail: 'Not Found' });
	}
}
